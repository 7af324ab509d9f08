"""Forms for recording reception days and meetings with voters, with their cases and
petitions: the pages ward staff (and the secretariat) use, and the admin's checks.

Every choice is limited to what the user may record: the council among those they may
record for (ward staff: their own, so another council's id posted is "not one of the
available choices" and nothing is saved), the body, session and deputies among the
council's. Citizens' personal data are fields only for those voters.access allows.
"""

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from councilwork.models import Body, Deputy

from .models import CITIZEN_FIELDS, ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition


class DeputiesOfTheCouncilForm(forms.ModelForm):
    """The deputies present must hold a seat in the record's council on its date."""

    def clean(self):
        cleaned = super().clean()
        council, day = cleaned.get("council"), cleaned.get("date")
        deputies = cleaned.get("deputies")
        if council is None or day is None or not deputies:
            return cleaned
        seated = set(
            deputies.model.objects.seated_on(council, day)
            .filter(pk__in=[d.pk for d in deputies])
            .values_list("pk", flat=True)
        )
        others = [str(d.person.full_name) for d in deputies if d.pk not in seated]
        if others:
            self.add_error(
                "deputies",
                _("Not a deputy of this council on that date: %(names)s.")
                % {"names": ", ".join(others)},
            )
        return cleaned


class ScopedRecordForm(DeputiesOfTheCouncilForm):
    """A reception day or a meeting for one of ``councils``, its choices from ``council``'s."""

    def __init__(self, *args, councils, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["council"].initial = council.pk
        self.fields["deputies"].queryset = (
            Deputy.objects.filter(term__council=council)
            .select_related("person", "term")
            .order_by("-term__start_date", "person__full_name")
        )
        self.fields["deputies"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["deputies"].choices
        )
        self.fields["deputies"].required = False


class ReceptionDayForm(ScopedRecordForm):
    class Meta:
        model = ReceptionDay
        fields = ["council", "body", "date", "place", "deputies", "citizens", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(council=council).order_by("name")


class VoterMeetingForm(ScopedRecordForm):
    class Meta:
        model = VoterMeeting
        fields = ["council", "timing", "session", "date", "place", "deputies", "voters"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        self.fields["session"].queryset = council.sessions.select_related("term").order_by(
            "-start_date"
        )


class ChildrenFormSet(BaseInlineFormSet):
    """The cases of a day or the petitions of a meeting; personal data only where allowed."""

    def __init__(self, *args, personal: bool = True, **kwargs):
        self.personal = personal
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not self.personal:
            for name in CITIZEN_FIELDS:
                form.fields.pop(name, None)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CASE_FIELDS = ["kind", "field", "summary", *CITIZEN_FIELDS, "forwarded_to", "deadline",
               "reply_number", "reply_date", "reply_summary", "status"]  # fmt: skip
PETITION_FIELDS = ["field", "content", "agency", "forwarded_on", "deadline", "answer_number",
                   "answer_date", "answer_content", "status", "re_supervise"]  # fmt: skip

CaseFormSet = inlineformset_factory(
    ReceptionDay,
    ReceptionCase,
    formset=ChildrenFormSet,
    fields=CASE_FIELDS,
    extra=2,
    widgets={
        "deadline": DATE,
        "reply_date": DATE,
        "summary": forms.Textarea(attrs={"rows": 2}),
        "reply_summary": forms.Textarea(attrs={"rows": 2}),
    },
)
PetitionFormSet = inlineformset_factory(
    VoterMeeting,
    VoterPetition,
    formset=ChildrenFormSet,
    fields=PETITION_FIELDS,
    extra=2,
    widgets={
        "forwarded_on": DATE,
        "deadline": DATE,
        "answer_date": DATE,
        "content": forms.Textarea(attrs={"rows": 2}),
        "answer_content": forms.Textarea(attrs={"rows": 2}),
    },
)
