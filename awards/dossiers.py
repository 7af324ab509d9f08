"""Award dossiers (hồ sơ khen thưởng, Law 06/2022/QH15 Art. 84), their nominees and rules.

A dossier gathers one award kind's proposals of one year by one issuing authority: the
cover submission (tờ trình), an achievement report per nominee, and the minutes of the
emulation and commendation council's meeting with its secret ballot. The rules that
provinces set (eligibility, caps, the vote threshold) are data, per award kind.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councilwork.documents import check_document
from councilwork.models import Council, RecordModel

from .models import AwardKind
from .recipients import Recipient


def dossier_path(instance, filename: str) -> str:
    """Uploaded pieces live under the dossier's year; the storage makes names unique."""
    return f"dossiers/{instance.dossier_year()}/{filename}"


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready for the meeting")
    REVIEWED = "reviewed", _("Reviewed by the council")
    DECIDED = "decided", _("Decided")


class VoteBase(models.TextChoices):
    ALL = "all", _("of all members")
    PRESENT = "present", _("of the members present")


class Rounding(models.TextChoices):
    FLOOR = "floor", _("rounded down")
    ROUND = "round", _("rounded to the nearest")


class AwardPolicy(RecordModel):
    """How the emulation council's secret ballot carries a nominee for one award kind."""

    constraint_fields = {
        "award_policy_one_per_kind": "kind",
        "award_policy_percent_range": "vote_percent",
    }

    kind = models.CharField(_("award kind"), max_length=20, choices=AwardKind.choices)
    vote_percent = models.DecimalField(
        _("votes needed (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("E.g. 70: a nominee needs at least this share of votes for"),
    )
    vote_base = models.CharField(
        _("share"), max_length=10, choices=VoteBase.choices, default=VoteBase.ALL
    )

    class Meta:
        verbose_name = _("award policy")
        verbose_name_plural = _("award policies")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                name="award_policy_one_per_kind",
                violation_error_message=_("This award kind already has its policy."),
            ),
            models.CheckConstraint(
                condition=Q(vote_percent__gt=0) & Q(vote_percent__lte=100),
                name="award_policy_percent_range",
                violation_error_message=_("The share of votes is more than 0 and at most 100."),
            ),
        ]

    def __str__(self) -> str:
        percent = self.vote_percent.normalize() if self.vote_percent is not None else ""
        return f"{self.get_kind_display()}: {percent:f}% {self.get_vote_base_display()}"


class RuleKind(models.TextChoices):
    REQUIRES_AWARD = "requires_award", _("requires another award in the same year")
    REQUIRES_INITIATIVE = "requires_initiative", _("requires a recognised initiative")
    CAP = "cap", _("at most a share of the holders of another award")


class EligibilityRule(RecordModel):
    """One condition a nominee for an award kind must meet; its text flags who fails it."""

    constraint_fields = {"eligibility_rule_cap_percent": "percent"}

    kind = models.CharField(_("award kind"), max_length=20, choices=AwardKind.choices)
    rule = models.CharField(_("rule"), max_length=30, choices=RuleKind.choices)
    required_kind = models.CharField(
        _("other award kind"),
        max_length=20,
        choices=AwardKind.choices,
        blank=True,
        help_text=_("The award required, or whose holders the cap counts"),
    )
    required_title = models.CharField(
        _("other award's title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Lao động tiên tiến; empty: any award of that kind"),
    )
    percent = models.DecimalField(
        _("cap (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rounding = models.CharField(
        _("rounding"), max_length=10, choices=Rounding.choices, default=Rounding.FLOOR
    )
    text = models.CharField(
        _("rule text"), max_length=300, help_text=_("Shown beside a nominee who fails it")
    )

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | (Q(percent__gt=0) & Q(percent__lte=100)),
                name="eligibility_rule_cap_percent",
                violation_error_message=_("The cap is more than 0 and at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        needs_kind = self.rule in (RuleKind.REQUIRES_AWARD, RuleKind.CAP)
        if needs_kind and not self.required_kind:
            raise ValidationError({"required_kind": _("Choose the other award kind.")})
        if self.rule == RuleKind.CAP and self.percent is None:
            raise ValidationError({"percent": _("A cap needs its percentage.")})


class AwardDossier(RecordModel):
    """The dossier of one award kind's proposals for one year by one issuing authority."""

    constraint_fields = {
        "award_dossier_one_per_kind_year_authority": "kind",
        "award_dossier_present_at_most_total": "members_present",
    }

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="award_dossiers",
        verbose_name=_("council"),
        help_text=_("The council whose emulation campaign the dossier closes"),
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    kind = models.CharField(_("award kind"), max_length=20, choices=AwardKind.choices)
    issuing_authority = models.CharField(
        _("issuing authority"), max_length=200, help_text=_("E.g. UBND quận Dương Kinh")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    submission_text = models.TextField(_("cover submission (tờ trình)"), blank=True)
    submission_file = models.FileField(
        _("cover submission file"),
        upload_to=dossier_path,
        max_length=300,
        blank=True,
        validators=[check_document],
    )
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    members_total = models.PositiveSmallIntegerField(
        _("members in total"), null=True, blank=True, help_text=_("Of the emulation council")
    )
    members_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    minutes_file = models.FileField(
        _("signed minutes file"),
        upload_to=dossier_path,
        max_length=300,
        blank=True,
        validators=[check_document],
    )

    class Meta:
        verbose_name = _("award dossier")
        verbose_name_plural = _("award dossiers")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "kind", "issuing_authority"],
                name="award_dossier_one_per_kind_year_authority",
                violation_error_message=_(
                    "This authority already has a dossier of this kind for that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(members_present__isnull=True)
                | Q(members_total__isnull=True)
                | Q(members_present__lte=F("members_total")),
                name="award_dossier_present_at_most_total",
                violation_error_message=_("More members present than there are members."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.issuing_authority}"

    def dossier_year(self) -> int:
        return self.year


class AwardNominee(Recipient):
    """One nominee of a dossier (exactly one recipient), its report and its ballot tally."""

    constraint_fields = Recipient.recipient_constraint_fields("award_nominee_unique_{what}")

    dossier = models.ForeignKey(
        AwardDossier,
        on_delete=models.PROTECT,
        related_name="nominees",
        verbose_name=_("dossier"),
    )
    achievement = models.CharField(_("achievement"), max_length=500, blank=True)
    report_text = models.TextField(_("achievement report"), blank=True)
    report_file = models.FileField(
        _("achievement report file"),
        upload_to=dossier_path,
        max_length=300,
        blank=True,
        validators=[check_document],
    )
    initiative = models.CharField(
        _("recognised initiative"),
        max_length=500,
        blank=True,
        help_text=_("The initiative and the act that recognised it, where a rule asks for one"),
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_invalid = models.PositiveSmallIntegerField(_("invalid ballots"), null=True, blank=True)

    class Meta:
        verbose_name = _("award nominee")
        verbose_name_plural = _("award nominees")
        ordering = ["dossier", "pk"]
        default_related_name = "award_nominations"  # body.award_nominations, …
        constraints = Recipient.recipient_constraints(
            one="award_nominee_exactly_one_recipient",
            unique="award_nominee_unique_{what}",
            parent="dossier",
            message=_("This recipient is already nominated here."),
        )

    def __str__(self) -> str:
        return str(self.recipient)

    def dossier_year(self) -> int:
        return self.dossier.year

    def clean(self) -> None:
        super().clean()
        dossier = self.related("dossier")
        tally = (self.votes_for, self.votes_against, self.votes_invalid)
        if dossier is None or any(v is None for v in tally):
            return
        if dossier.members_present is not None and sum(tally) > dossier.members_present:
            raise ValidationError(
                {
                    "votes_for": _(
                        "The ballots (%(ballots)s) outnumber the members present (%(present)s)."
                    )
                    % {"ballots": sum(tally), "present": dossier.members_present}
                }
            )
