"""Deputies' attendance at sessions (điểm danh kỳ họp), one row per deputy and sitting day.

A session of one day has one row per deputy; a session of several days has a row per
deputy and day it sat. Only the deputies who hold a seat of the session's term on the
day are expected (councilwork.models.seated_q): a deputy elected mid-term is neither
expected at nor recordable for the sessions before their seat began.

What a deputy did at a session is decided by their rows of it: present (in person or
online) on at least one of its days, else absent with leave if any day was excused,
else absent without leave. ``AttendanceQuerySet.deciding()`` keeps the one row per
session and deputy that says so, so the database can count sessions, not days.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from councilwork.models import Deputy, RecordModel, seated_q

from .models import Session


class AttendanceStatus(models.TextChoices):
    IN_PERSON = "in_person", _("Present in person")
    ONLINE = "online", _("Present online")
    EXCUSED = "excused", _("Absent with leave")
    ABSENT = "absent", _("Absent without leave")


PRESENT = (AttendanceStatus.IN_PERSON, AttendanceStatus.ONLINE)


class Outcome(models.TextChoices):
    """What a deputy did at a session, decided by their rows of it."""

    ATTENDED = "attended", _("Attended")
    EXCUSED = "excused", _("Absent with leave")
    ABSENT = "absent", _("Absent without leave")


# The better a row's status, the lower its rank; a session's outcome is its best row's.
RANK = Case(
    When(status__in=PRESENT, then=Value(0)),
    When(status=AttendanceStatus.EXCUSED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
OUTCOME = Case(
    When(status__in=PRESENT, then=Value(Outcome.ATTENDED)),
    When(status=AttendanceStatus.EXCUSED, then=Value(Outcome.EXCUSED)),
    default=Value(Outcome.ABSENT),
    output_field=models.CharField(),
)


class AttendanceQuerySet(models.QuerySet):
    def in_year(self, year: int):
        """Rows of the sessions that opened in ``year`` (a session counts where it opened)."""
        return self.filter(session__start_date__year=year)

    def deciding(self):
        """One row per (session, deputy): the best, earliest one, with its ``outcome``.

        Only rows of deputies seated at the session's opening (as the expected ones are
        counted), so a seat shortened afterwards cannot make attended exceed expected.
        """
        better = (
            Attendance.objects.filter(session=OuterRef("session"), deputy=OuterRef("deputy"))
            .annotate(rank=RANK)
            .filter(
                Q(rank__lt=OuterRef("rank"))
                | Q(rank=OuterRef("rank"), sitting_day__lt=OuterRef("sitting_day"))
            )
        )
        seated = seated_q(F("session__start_date"), "deputy__", term=False)
        return (
            self.filter(seated, deputy__term=F("session__term"))
            .annotate(rank=RANK, outcome=OUTCOME)
            .filter(~Exists(better))
        )


class Attendance(RecordModel):
    """A deputy's attendance at a session on one of its sitting days."""

    constraint_fields = {"attendance_unique_deputy_day": "deputy"}

    # PROTECT: attendance is the record the law's dismissal rule reads.
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("session")
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("deputy")
    )
    sitting_day = models.DateField(
        _("sitting day"),
        blank=True,
        help_text=_("A day the session sat"),
    )
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    reason = models.CharField(
        _("reason for the absence"),
        max_length=300,
        blank=True,
        help_text=_("Required for an absence with leave"),
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance at a session")
        verbose_name_plural = _("attendance at sessions")
        ordering = ["session", "sitting_day", "deputy__person__full_name"]
        indexes = [
            models.Index(fields=["deputy", "session"], name="attendance_deputy_session"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "deputy", "sitting_day"],
                name="attendance_unique_deputy_day",
                violation_error_message=_(
                    "This deputy's attendance on that day is already recorded."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy.person.full_name} – {self.get_status_display()}"

    def clean(self) -> None:
        session, deputy = self.related("session"), self.related("deputy")
        errors = {}
        if session is not None and session.start_date and session.end_date:
            if self.sitting_day is None and session.start_date == session.end_date:
                self.sitting_day = session.start_date
            if self.sitting_day is None:
                errors["sitting_day"] = _(
                    "The session sits several days: say which day this attendance is for."
                )
            elif not session.start_date <= self.sitting_day <= session.end_date:
                errors["sitting_day"] = _(
                    "The day must fall within the session (%(start)s – %(end)s)."
                ) % {
                    "start": session.start_date.strftime("%d/%m/%Y"),
                    "end": session.end_date.strftime("%d/%m/%Y"),
                }
        if session is not None and deputy is not None and deputy.term_id:
            day = None if "sitting_day" in errors else self.sitting_day
            if deputy.term_id != session.term_id:
                errors["deputy"] = _("The deputy holds no seat in this session's term.")
            elif day and not deputy.holds_seat_on(day):
                errors["deputy"] = _(
                    "This deputy held no seat on %(day)s, so is not expected at this session."
                ) % {"day": day.strftime("%d/%m/%Y")}
        if self.status == AttendanceStatus.EXCUSED and not self.reason.strip():
            errors["reason"] = _("An absence with leave needs its reason.")
        if errors:
            raise ValidationError(errors)
