"""Forms of the scoring pages, built from the campaign's criteria."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models import AwardKind

from ..evidence import check_upload, max_bytes
from ..formatting import format_points
from ..models import Score, Scorecard


def _points_field(criterion, step: Decimal, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        min_value=0,
        max_value=criterion.max_points,
        max_digits=6,
        decimal_places=2,
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
        error_messages={
            "max_value": _("At most %(max)s points for this criterion.")
            % {"max": format_points(criterion.max_points)},
            "min_value": _("Points cannot be negative."),
            "invalid": _("Enter a number, e.g. 7,5."),
        },
        **kwargs,
    )


def _version_field() -> forms.IntegerField:
    """The scorecard's version the page was built on; hidden, so its error says what to do."""
    message = _("This page is out of date or was damaged on the way. Reload it and try again.")
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": message, "invalid": message, "min_value": message},
    )


class ScoresForm(forms.Form):
    """Self-assessed points and notes for every criterion of a scorecard."""

    version = _version_field()

    def __init__(self, *args, scorecard: Scorecard, scores: list[Score], on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.scorecard, self.scores = scorecard, scores
        self.step = scorecard.campaign.score_step
        if on_behalf:  # the secretariat submits for the ward or body: the history says why
            self.fields["behalf_reason"] = forms.CharField(
                label=_("Reason for submitting on the subject's behalf"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Needed to submit, e.g. the ward sent its self-assessment on paper."),
            )
        for score in scores:
            criterion = score.criterion
            self.fields[f"points_{criterion.pk}"] = _points_field(
                criterion, self.step, initial=score.self_points
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                required=False, initial=score.note, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields["version"].initial = scorecard.version

    def clean(self):
        cleaned = super().clean()
        for score in self.scores:
            name = f"points_{score.criterion_id}"
            value = cleaned.get(name)
            if value is not None and value % self.step:
                self.add_error(
                    name, _("Points go in steps of %(step)s.") % {"step": format_points(self.step)}
                )
        return cleaned

    def entries(self) -> dict[int, tuple]:
        return {
            s.criterion_id: (
                self.cleaned_data.get(f"points_{s.criterion_id}"),
                self.cleaned_data.get(f"note_{s.criterion_id}", ""),
            )
            for s in self.scores
        }

    def rows(self):
        """(score, points field, note field) for the template, in criterion order."""
        return [
            (s, self[f"points_{s.criterion_id}"], self[f"note_{s.criterion_id}"])
            for s in self.scores
        ]


class ReviewForm(forms.Form):
    """The secretariat's decision: approve (points may change, with reasons) or return."""

    APPROVE, RETURN = "approve", "return"
    version = _version_field()
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return"))],
        error_messages={
            "required": _("Choose Approve or Return."),
            "invalid_choice": _("Choose Approve or Return."),
        },
    )
    return_reason = forms.CharField(
        label=_("Reason for returning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, scorecard: Scorecard, scores: list[Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores
        step = scorecard.campaign.score_step
        for score in scores:
            cid = score.criterion_id
            initial = score.approved_points if score.approved_points is not None else None
            self.fields[f"approved_{cid}"] = _points_field(
                score.criterion, step, initial=initial or score.self_points
            )
            self.fields[f"reason_{cid}"] = forms.CharField(required=False)
        self.fields["version"].initial = scorecard.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("return_reason", "").strip():
            self.add_error("return_reason", _("Give the reason for returning it."))
        return cleaned

    def decisions(self) -> dict[int, tuple]:
        return {
            s.criterion_id: (
                self.cleaned_data.get(f"approved_{s.criterion_id}"),
                self.cleaned_data.get(f"reason_{s.criterion_id}", ""),
            )
            for s in self.scores
        }

    def rows(self):
        return [
            (s, self[f"approved_{s.criterion_id}"], self[f"reason_{s.criterion_id}"])
            for s in self.scores
        ]


class EvidenceForm(forms.Form):
    """One evidence file, optionally for one criterion."""

    file = forms.FileField(label=_("File"))
    criterion = forms.TypedChoiceField(label=_("For criterion"), required=False, coerce=int)

    def __init__(self, *args, scores: list[Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [("", _("The whole scorecard"))] + [
            (s.criterion_id, str(s.criterion)) for s in scores
        ]
        self.fields["file"].help_text = _("PDF, images or Office documents, at most %(mb)s MB.") % {
            "mb": max_bytes() // (1024 * 1024)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return upload


class AwardDecisionForm(forms.Form):
    """The decision that turns the award proposals into award records."""

    number = forms.CharField(label=_("Decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Decision date"))
    issuing_authority = forms.CharField(label=_("Issuing authority"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AwardKind.choices)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        name = campaign.council.name.replace("HĐND", "UBND", 1)
        self.fields["issuing_authority"].initial = name
        self.fields["kind"].initial = AwardKind.CERTIFICATE_OF_MERIT
