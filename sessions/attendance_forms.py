"""The ward's attendance grid: one row per deputy seated on the day, one choice each."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .attendance import Attendance, AttendanceStatus

NOT_RECORDED = ("", _("Not recorded"))
REASON_LENGTH = Attendance._meta.get_field("reason").max_length


class AttendanceForm(forms.Form):
    """A status and a reason per deputy, named ``status_<id>`` and ``reason_<id>``."""

    def __init__(self, *args, deputies, existing: dict[int, Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.deputies = deputies
        for deputy in deputies:
            row = existing.get(deputy.pk)
            self.fields[f"status_{deputy.pk}"] = forms.ChoiceField(
                label=deputy.person.full_name,
                choices=[NOT_RECORDED, *AttendanceStatus.choices],
                required=False,
                initial=row.status if row else "",
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{deputy.pk}"] = forms.CharField(
                label=_("reason for the absence"),
                max_length=REASON_LENGTH,
                required=False,
                initial=row.reason if row else "",
            )

    def rows(self):
        """(deputy, status field, reason field) for the template, in the deputies' order."""
        return [
            (deputy, self[f"status_{deputy.pk}"], self[f"reason_{deputy.pk}"])
            for deputy in self.deputies
        ]

    def entries(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            deputy.pk: (data[f"status_{deputy.pk}"], data[f"reason_{deputy.pk}"].strip())
            for deputy in self.deputies
        }

    def add_row_errors(self, errors: dict[str, list[str]]) -> None:
        """Messages of the service by deputy id, beside that deputy's choice."""
        for key, messages in errors.items():
            field = f"status_{key}"
            self.add_error(field if field in self.fields else None, messages)
