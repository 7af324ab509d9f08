"""The ward's vote form: the vote's numbers and, optionally, a roll call of every deputy
seated on the day (one choice each, blank for not recorded), like the attendance grid."""

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .votes import Choice, Vote

NOT_RECORDED = ("", _("Vote not recorded"))
NUMBERS = ("deputies", "votes_for", "votes_against", "abstentions", "not_voting")
CHOICE_KEY = re.compile(r"choice_(\d{1,18})")
SMALL_MAX = 32767  # PositiveSmallIntegerField


def _label(name: str):
    return Vote._meta.get_field(name).verbose_name


class VoteForm(forms.Form):
    """One vote of ``session``; the roll call's fields are named ``choice_<deputy id>``."""

    resolution = forms.ModelChoiceField(queryset=None, required=False, label=_label("resolution"))
    subject = forms.CharField(
        label=_label("subject"),
        max_length=Vote._meta.get_field("subject").max_length,
        required=False,
        help_text=_("The draft's title, for a draft that was not adopted"),
    )
    voted_on = forms.TypedChoiceField(label=_label("voted_on"), coerce=dt.date.fromisoformat)
    two_thirds = forms.BooleanField(
        label=_label("two_thirds"),
        required=False,
        help_text=Vote._meta.get_field("two_thirds").help_text,
    )

    def __init__(self, *args, session, days, deputies, vote: Vote | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.deputies = deputies
        taken = session.resolutions.filter(vote__isnull=True)
        if vote is not None and vote.resolution_id:
            taken = taken | session.resolutions.filter(pk=vote.resolution_id)
        self.fields["resolution"].queryset = taken.order_by("number")
        self.fields["resolution"].empty_label = _("— none: a draft that was not adopted —")
        self.fields["voted_on"].choices = [(d.isoformat(), d.strftime("%d/%m/%Y")) for d in days]
        for name in NUMBERS:
            self.fields[name] = forms.IntegerField(
                label=_label(name), min_value=1 if name == "deputies" else 0, max_value=SMALL_MAX
            )
        self.fields["deputies"].help_text = Vote._meta.get_field("deputies").help_text
        recorded = {row.deputy_id: row.choice for row in vote.roll_call.all()} if vote else {}
        for deputy in deputies:
            self.fields[f"choice_{deputy.pk}"] = forms.ChoiceField(
                label=deputy.person.full_name,
                choices=[NOT_RECORDED, *Choice.choices],
                required=False,
                initial=recorded.get(deputy.pk, ""),
                widget=forms.RadioSelect,
            )

    def rows(self):
        """(deputy, choice field) for the template, in the deputies' order."""
        return [(deputy, self[f"choice_{deputy.pk}"]) for deputy in self.deputies]

    def numbers(self):
        return [self[name] for name in NUMBERS]

    def clean(self):
        data = super().clean()
        # A deputy posted who is not in the grid (another council's, or not seated that
        # day) is refused, not dropped: nothing is saved.
        grid = {f"choice_{deputy.pk}" for deputy in self.deputies}
        strangers = [
            key
            for key in self.data
            if CHOICE_KEY.fullmatch(key) and key not in grid and self.data[key]
        ]
        if strangers:
            raise forms.ValidationError(
                _("This deputy held no seat in the council on the day of the vote.")
            )
        return data

    def roll_call(self) -> dict[int, str]:
        return {deputy.pk: self.cleaned_data[f"choice_{deputy.pk}"] for deputy in self.deputies}

    def apply(self, vote: Vote) -> Vote:
        """``vote`` with the form's values set (not saved)."""
        data = self.cleaned_data
        vote.resolution = data["resolution"]
        vote.subject = data["subject"].strip()
        vote.voted_on = data["voted_on"]
        vote.two_thirds = data["two_thirds"]
        for name in NUMBERS:
            setattr(vote, name, data[name])
        return vote

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """The service's messages beside their field; a deputy's beside their choice."""
        for key, messages in errors.items():
            field = key if key in self.fields else f"choice_{key}"
            self.add_error(field if field in self.fields else None, messages)
