"""What a browser posts back from an admin change page, built from the page's context."""

from django import forms


def _field_data(bound) -> dict:
    """The posted values of one bound field, as its widget would send them."""
    value = bound.value()
    widget = bound.field.widget
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            f"{bound.html_name}{suffix}": sub.format_value(part) or ""
            for suffix, sub, part in zip(widget.widgets_names, widget.widgets, parts, strict=False)
        }
    if isinstance(bound.field, forms.FileField):
        return {}
    if isinstance(value, list | tuple):
        return {bound.html_name: [str(v) for v in value]}
    if isinstance(bound.field, forms.BooleanField):
        return {bound.html_name: "on"} if value else {}
    return {bound.html_name: "" if value is None else str(value)}


def change_form_data(response) -> dict:
    """The change form of ``response`` (an admin change page) posted back unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        if not form.fields[name].disabled:
            data.update(_field_data(form[name]))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for row in formset.forms:
            for name in row.fields:
                data.update(_field_data(row[name]))
    return data
