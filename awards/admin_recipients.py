"""The admin's inlines of recipients: an organisation named twice in one save is refused.

Each form checks the database's unique constraint itself, but two new rows of one save
are not in the database yet; Django's formset compares only field-wise constraints, not
the organisation's lowered name. This compares them as the constraint does.
"""

from django.forms.models import BaseInlineFormSet

from .recipients import ORGANISATION, organisation_name


class OrganisationOnceFormSet(BaseInlineFormSet):
    """Two rows naming one organisation (any case or spacing): the later one is refused
    beside its name, with the unique constraint's message; nothing is saved."""

    def clean(self):
        super().clean()
        model = self.model
        named = {field: name for name, field in model.constraint_fields.items()}[ORGANISATION]
        constraint = next(c for c in model._meta.constraints if c.name == named)
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and self._should_delete_form(form)):
                continue
            name = organisation_name(data.get(ORGANISATION)).lower()
            if not name:
                continue
            if name in seen and ORGANISATION not in form.errors:
                form.add_error(ORGANISATION, constraint.get_violation_error_message())
            seen.add(name)
