"""Forms of the ward's recommendation pages: the list's filters and order, and the
agency's response with the status (checked by the model's rules, beside each field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Recommendation, RecommendationStatus
from .selectors import DEFAULT_SORT
from .services import RESPONSE_FIELDS

DATE = {"type": "date"}


class RecommendationFilterForm(forms.Form):
    """?status=, ?overdue=, ?sort=: a value that is not one of the choices is ignored."""

    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("All")), *RecommendationStatus.choices],
    )
    overdue = forms.ChoiceField(
        label=_("overdue"),
        required=False,
        choices=[("", _("All")), ("yes", _("Overdue")), ("no", _("Not overdue"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("overdue", _("Overdue first")),
            ("deadline", _("Deadline, earliest first")),
            ("-deadline", _("Deadline, latest first")),
            ("status", _("Status")),
            ("activity_end", _("Activity ended, earliest first")),
            ("-activity_end", _("Activity ended, latest first")),
        ],
    )

    def choices(self) -> dict[str, str]:
        """The valid values asked for: the others dropped, the order by default."""
        self.is_valid()
        chosen = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        chosen["sort"] = chosen["sort"] or DEFAULT_SORT
        return chosen


class RecommendationResponseForm(forms.ModelForm):
    """The agency's response, the status and the completion date of one recommendation."""

    class Meta:
        model = Recommendation
        fields = list(RESPONSE_FIELDS)
        widgets = {
            "response_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "completed_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "response_content": forms.Textarea(attrs={"rows": 4}),
        }
