"""Citizen reception (tiếp công dân) and voters' petitions (kiến nghị cử tri).

Citizens' names, addresses and contact details are personal data: only the secretariat
and the council concerned see them (voters.access); no ``__str__`` here shows them, so
neither the admin's log nor a list can carry them.

"Overdue" has one home per model (``overdue_q``): a deadline passed, on the day asked
about, with no reply or answer recorded.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from councilwork.models import Body, Council, Deputy, RecordModel


def _flag(condition: Q):
    return Case(When(condition, then=Value(True)), default=Value(False))


class ReceptionDayQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)


class ReceptionDay(RecordModel):
    """A citizen reception day (buổi tiếp công dân) of a council's deputies or body."""

    constraint_fields = {"reception_day_citizens_not_negative": "citizens"}

    # PROTECT: reception days are the council's record of its duty to receive citizens.
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="reception_days", verbose_name=_("council")
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_days",
        verbose_name=_("held by"),
        help_text=_("The standing committee or another body; empty for deputies' reception"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    # The audit history keeps the day's own fields; who was present is not in it.
    deputies = models.ManyToManyField(
        Deputy, blank=True, related_name="reception_days", verbose_name=_("deputies present")
    )
    citizens = models.PositiveIntegerField(_("citizens received"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = ReceptionDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen reception day")
        verbose_name_plural = _("citizen reception days")
        ordering = ["-date", "council__name"]
        indexes = [models.Index(fields=["council", "date"], name="reception_council_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizens__gte=0),
                name="reception_day_citizens_not_negative",
                violation_error_message=_("A count cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return _("Citizen reception %(date)s – %(council)s") % {
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
            "council": self.council.short_name if self.council_id else "",
        }

    def clean(self) -> None:
        # The deputies present (many-to-many) are checked by the admin's form, where
        # they are chosen: a model is saved before its many-to-many rows.
        body = self.related("body")
        if body is not None and self.council_id and body.council_id != self.council_id:
            raise ValidationError({"body": _("The body must belong to the same council.")})


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint (khiếu nại)")
    DENUNCIATION = "denunciation", _("Denunciation (tố cáo)")
    PETITION = "petition", _("Petition (kiến nghị)")
    REFLECTION = "reflection", _("Reflection (phản ánh)")


class CaseStatus(models.TextChoices):
    GUIDED = "guided", _("Guided or explained on the spot")
    FORWARDED = "forwarded", _("Forwarded, awaiting the reply")
    ANSWERED = "answered", _("Replied to")
    CLOSED = "closed", _("Settled")


def case_overdue_q(today: dt.date, prefix: str = "") -> Q:
    """A forwarded case past its deadline on ``today`` with no reply recorded."""
    return Q(**{f"{prefix}deadline__lt": today, f"{prefix}reply_date__isnull": True}) & ~Q(
        **{f"{prefix}status": CaseStatus.GUIDED}
    )


class ReceptionCaseQuerySet(models.QuerySet):
    def overdue(self, today: dt.date):
        return self.filter(case_overdue_q(today))

    def with_overdue(self, today: dt.date):
        return self.annotate(is_overdue=_flag(case_overdue_q(today)))


# The fields that hold a citizen's personal data (voters.access hides them).
CITIZEN_FIELDS = ("citizen_name", "citizen_address", "citizen_contact")


class ReceptionCase(RecordModel):
    """A case a citizen brought to a reception day, and how it was followed to its reply."""

    constraint_fields = {
        "reception_case_answered_has_reply": "reply_date",
        "reception_case_forwarded_has_agency": "forwarded_to",
    }

    day = models.ForeignKey(
        ReceptionDay,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("reception day"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    field = models.CharField(_("field"), max_length=100, help_text=_("E.g. đất đai, chính sách"))
    summary = models.TextField(_("summary"))
    # Personal data: see CITIZEN_FIELDS.
    citizen_name = models.CharField(_("citizen's name"), max_length=200, blank=True)
    citizen_address = models.CharField(_("citizen's address"), max_length=300, blank=True)
    citizen_contact = models.CharField(_("citizen's contact"), max_length=100, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    deadline = models.DateField(_("reply deadline"), null=True, blank=True)
    reply_number = models.CharField(_("reply document number"), max_length=50, blank=True)
    reply_date = models.DateField(_("reply dated"), null=True, blank=True)
    reply_summary = models.TextField(_("reply"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.FORWARDED
    )

    objects = ReceptionCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen's case")
        verbose_name_plural = _("citizens' cases")
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=("answered", "closed")) | Q(reply_date__isnull=False),
                name="reception_case_answered_has_reply",
                violation_error_message=_("A case replied to or settled needs the reply's date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="forwarded") | ~Q(forwarded_to=""),
                name="reception_case_forwarded_has_agency",
                violation_error_message=_("Say which agency the case was forwarded to."),
            ),
        ]

    def __str__(self) -> str:
        # Never the citizen's name: this text goes into the admin's log.
        return f"{self.get_kind_display()} – {self.field}"

    def clean(self) -> None:
        day = self.related("day")
        errors = {}
        if day is not None and day.date:
            if self.deadline and self.deadline < day.date:
                errors["deadline"] = _("The deadline cannot precede the reception day.")
            if self.reply_date and self.reply_date < day.date:
                errors["reply_date"] = _("The reply cannot precede the reception day.")
        if self.reply_date and self.status == CaseStatus.FORWARDED:
            errors["status"] = _("The reply is recorded: the case is replied to or settled.")
        if errors:
            raise ValidationError(errors)


class MeetingTiming(models.TextChoices):
    BEFORE = "before", _("Before the session")
    AFTER = "after", _("After the session")
    THEMATIC = "thematic", _("Thematic or by field")


class VoterMeetingQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)


class VoterMeeting(RecordModel):
    """A meeting of deputies with voters (tiếp xúc cử tri), before or after a session."""

    constraint_fields = {"voter_meeting_voters_not_negative": "voters"}

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="voter_meetings", verbose_name=_("council")
    )
    # By name, not by import: the record apps import only councilwork.
    session = models.ForeignKey(
        "council_sessions.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_meetings",
        verbose_name=_("session"),
        help_text=_("The session the meeting came before or after"),
    )
    timing = models.CharField(_("when"), max_length=20, choices=MeetingTiming.choices)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    deputies = models.ManyToManyField(
        Deputy, blank=True, related_name="voter_meetings", verbose_name=_("deputies present")
    )
    voters = models.PositiveIntegerField(_("voters present"), default=0)

    objects = VoterMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting with voters")
        verbose_name_plural = _("meetings with voters")
        ordering = ["-date", "council__name"]
        indexes = [models.Index(fields=["council", "date"], name="voter_meeting_council_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(voters__gte=0),
                name="voter_meeting_voters_not_negative",
                violation_error_message=_("A count cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return _("Meeting with voters %(date)s – %(place)s") % {
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
            "place": self.place,
        }

    def clean(self) -> None:
        session = self.related("session")
        errors = {}
        if session is not None and self.council_id and session.council_id != self.council_id:
            errors["session"] = _("The session must be a session of the same council.")
        elif session is not None and self.date and session.start_date and session.end_date:
            if self.timing == MeetingTiming.BEFORE and self.date > session.start_date:
                errors["date"] = _("A meeting before the session is held before it opens.")
            if self.timing == MeetingTiming.AFTER and self.date < session.end_date:
                errors["date"] = _("A meeting after the session is held after it closes.")
        if session is None and self.timing in (MeetingTiming.BEFORE, MeetingTiming.AFTER):
            errors["session"] = _("Choose the session the meeting came before or after.")
        if errors:
            raise ValidationError(errors)


class PetitionStatus(models.TextChoices):
    """What the agency answered; "overdue" is not stored: it is derived (petition_overdue_q)."""

    PENDING = "pending", _("Awaiting the answer")
    ANSWERED = "answered", _("Answered")
    IN_PROGRESS = "in_progress", _("Being resolved")
    RESOLVED = "resolved", _("Resolved")


ANSWERED = (PetitionStatus.ANSWERED, PetitionStatus.IN_PROGRESS, PetitionStatus.RESOLVED)


def petition_overdue_q(today: dt.date, prefix: str = "") -> Q:
    """A petition past its deadline on ``today`` with no answer recorded."""
    return Q(**{f"{prefix}deadline__lt": today, f"{prefix}status": PetitionStatus.PENDING})


class VoterPetitionQuerySet(models.QuerySet):
    def overdue(self, today: dt.date):
        return self.filter(petition_overdue_q(today))

    def with_overdue(self, today: dt.date):
        return self.annotate(is_overdue=_flag(petition_overdue_q(today)))


class VoterPetition(RecordModel):
    """A petition voters raised at a meeting, the agency it went to and its answer."""

    constraint_fields = {"voter_petition_answer_dated": "answer_date"}

    meeting = models.ForeignKey(
        VoterMeeting, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("meeting")
    )
    field = models.CharField(_("field"), max_length=100, help_text=_("E.g. đất đai, hạ tầng"))
    content = models.TextField(_("content"))
    agency = models.CharField(_("addressed to"), max_length=300)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    deadline = models.DateField(_("answer deadline"), null=True, blank=True)
    answer_number = models.CharField(_("answer document number"), max_length=50, blank=True)
    answer_date = models.DateField(_("answer dated"), null=True, blank=True)
    answer_content = models.TextField(_("answer"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.PENDING
    )
    re_supervise = models.BooleanField(
        _("to be supervised again"),
        default=False,
        help_text=_("The council will follow it up again (tái giám sát)"),
    )

    objects = VoterPetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("voters' petition")
        verbose_name_plural = _("voters' petitions")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | Q(answer_date__isnull=False),
                name="voter_petition_answer_dated",
                violation_error_message=_("An answered petition needs the answer's date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.content[:60]}"

    def clean(self) -> None:
        meeting = self.related("meeting")
        errors = {}
        if meeting is not None and meeting.date:
            for field in ("forwarded_on", "deadline", "answer_date"):
                day = getattr(self, field)
                if day and day < meeting.date:
                    errors[field] = _("The date cannot precede the meeting with voters.")
        if self.answer_date and self.status == PetitionStatus.PENDING:
            errors["status"] = _("The answer is recorded: choose what it says.")
        if errors:
            raise ValidationError(errors)
