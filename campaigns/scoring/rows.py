"""The scorecard page's rows, prepared in Python: one row per criterion.

Django renders every widget and every error list (even an empty one) through a
template of its own, several of them per criterion; with 20-40 criteria that was most
of the page's time. The widgets used here (text inputs, text areas, selects, hidden
inputs) are written directly, with the same attributes in the same order as Django's
templates write them (tests/test_page_speed_queries.py compares both); any other
widget falls back to Django's rendering. Forms, fields and validation are unchanged.
"""

from django import forms
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..formatting import format_points


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(w: dict) -> str:
    value = "" if w["value"] is None else f' value="{escape(str(w["value"]))}"'
    start = f'<input type="{escape(w["type"])}" name="{escape(w["name"])}"'
    return f"{start}{value}{_attrs(w['attrs'])}>"


def _textarea(w: dict) -> str:
    value = escape(formats.localize(w["value"])) if w["value"] else ""
    return f'<textarea name="{escape(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>'


def _select(w: dict) -> str:
    parts = [f'<select name="{escape(w["name"])}"{_attrs(w["attrs"])}>']
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{escape(formats.localize(option['label']))}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def _file(w: dict) -> str | None:
    """django/forms/widgets/clearable_file_input.html without a stored file (else None)."""
    if w["is_initial"]:
        return None
    return f'<input type="{escape(w["type"])}" name="{escape(w["name"])}"{_attrs(w["attrs"])}>'


_WRITERS = {
    forms.ClearableFileInput: _file,
    forms.TextInput: _input,
    forms.HiddenInput: _input,
    forms.Textarea: _textarea,
    forms.Select: _select,
}


def widget_html(bound: forms.BoundField) -> SafeString:
    """What ``str(bound)`` gives (BoundField.as_widget), without a template."""
    widget = bound.field.widget
    writer = _WRITERS.get(type(widget))
    if writer is None:
        return mark_safe(str(bound))
    if bound.field.localize:
        widget.is_localized = True
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    html = writer(context)
    return mark_safe(str(bound) if html is None else html)


def errors_html(bound: forms.BoundField) -> SafeString:
    """What ``{{ bound.errors }}`` gives: nothing, or Django's error list."""
    errors = bound.errors
    return mark_safe(str(errors)) if errors else mark_safe("")


def measured_html(score) -> SafeString:
    """templates/campaigns/partials/measured.html for ``score``."""
    if getattr(score, "measured", None) is None:
        return mark_safe("")
    values = {
        "value": escape(formats.localize(score.measured)),
        "metric": escape(score.criterion.get_metric_display()),
    }
    text = _("From the records: %(value)s (%(metric)s)") % values
    return mark_safe(
        f' <small class="measured" data-measured="{escape(formats.localize(score.measured))}">'
        f"{text}</small>"
    )


def _points(value) -> str:
    return escape(format_points(value))


def _label(text) -> str:
    """A ``{% translate %}`` of the template: the translation, escaped."""
    return escape(text)


def _heading(score) -> str:
    criterion = score.criterion
    return f"{escape(criterion.code)}. {escape(criterion.title)}"


def _errors_ul(bound) -> str:
    """The points' own error list, with the id the input's aria-describedby names
    (``<auto_id>_error``, as Django's error list writes it)."""
    if not bound.errors:
        return ""
    items = "".join(f"<li>{escape(error)}</li>" for error in bound.errors)
    return f'<ul class="errorlist" id="{escape(bound.auto_id)}_error">{items}</ul>'


def _hidden_code(label: str, score) -> str:
    code = escape(score.criterion.code)
    return f'{label}<span class="visually-hidden"> {code}</span>'


def score_rows(form) -> list[tuple[str, SafeString]]:
    """(section, row) of the ward's form: label, maximum, points and note."""
    maximum, points, note = _label(_("Maximum")), _label(_("Points")), _label(_("Note"))
    rows = []
    for score in form.scores:
        cid = score.criterion_id
        first, second = form[f"points_{cid}"], form[f"note_{cid}"]
        html = (
            "<tr>\n"
            f'          <th scope="row"><label for="{escape(first.id_for_label)}">'
            f"{_heading(score)}</label>{measured_html(score)}</th>\n"
            f'          <td class="num" data-label="{maximum}">'
            f"{_points(score.criterion.max_points)}</td>\n"
            f'          <td data-label="{points}">{widget_html(first)}{_errors_ul(first)}</td>\n'
            f'          <td><label for="{escape(second.id_for_label)}" class="note-label">'
            f"{_hidden_code(note, score)}</label>{widget_html(second)}{errors_html(second)}</td>\n"
            "        </tr>"
        )
        rows.append((score.criterion.section, mark_safe(html)))
    return rows


def read_rows(scores) -> list[tuple[str, SafeString]]:
    """(section, row) of the read-only table: maximum, self-assessed, approved, note."""
    maximum, own, approved = _label(_("Maximum")), _label(_("Self-assessed")), _label(_("Approved"))
    note = _label(_("Note"))
    rows = []
    for score in scores:
        html = (
            f'<tr><th scope="row">{_heading(score)}{measured_html(score)}</th>'
            f'<td class="num" data-label="{maximum}">{_points(score.criterion.max_points)}</td>'
            f'<td class="num" data-label="{own}">{_points(score.self_points)}</td>'
            f'<td class="num" data-label="{approved}">{_points(score.approved_points)}</td>'
            f'<td data-label="{note}">{escape(score.note)}</td></tr>'
        )
        rows.append((score.criterion.section, mark_safe(html)))
    return rows


def review_rows(review) -> list[SafeString]:
    """The secretariat's rows: self-assessed, approved points and the reason for a change."""
    own, approved = _label(_("Self-assessed")), _label(_("Approved"))
    reason = _label(_("Reason for a change"))
    rows = []
    for score in review.scores:
        cid = score.criterion_id
        first, second = review[f"approved_{cid}"], review[f"reason_{cid}"]
        html = (
            f'<tr><th scope="row">{_heading(score)}{measured_html(score)}</th>'
            f'<td class="num" data-label="{own}">{_points(score.self_points)}</td>\n'
            f'          <td><label for="{escape(first.id_for_label)}" class="note-label">'
            f"{_hidden_code(approved, score)}</label>{widget_html(first)}{errors_html(first)}</td>"
            f'<td><label for="{escape(second.id_for_label)}" class="note-label">'
            f"{_hidden_code(reason, score)}</label>{widget_html(second)}{errors_html(second)}</td>"
            "</tr>"
        )
        rows.append(mark_safe(html))
    return rows


def sections(rows: list[tuple[str, SafeString]]) -> list[tuple[str, list[SafeString]]]:
    """Consecutive rows of the same section, as the template's {% regroup %} made them."""
    grouped: list[tuple[str, list[SafeString]]] = []
    for section, row in rows:
        if grouped and grouped[-1][0] == section:
            grouped[-1][1].append(row)
        else:
            grouped.append((section, [row]))
    return grouped


class Written:
    """A bound field for the template: ``{{ f }}`` and ``{{ f.errors }}`` written directly."""

    def __init__(self, bound: forms.BoundField):
        self.bound = bound
        self.label, self.help_text = bound.label, bound.help_text
        self.id_for_label, self.auto_id = bound.id_for_label, bound.auto_id

    def __str__(self) -> str:
        return widget_html(self.bound)

    def __html__(self) -> str:
        return str(self)

    @property
    def errors(self) -> SafeString:
        return errors_html(self.bound)


ROW_FIELDS = ("points", "note", "approved", "reason")


def written(form) -> dict[str, Written]:
    """The form's fields other than the criteria rows, by name ({} without a form)."""
    if form is None:
        return {}
    scores = getattr(form, "scores", ())
    rows = {f"{prefix}_{s.criterion_id}" for s in scores for prefix in ROW_FIELDS}
    return {name: Written(form[name]) for name in form.fields if name not in rows}
