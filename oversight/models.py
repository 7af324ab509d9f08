"""Oversight and survey activities (giám sát, khảo sát), interpellations, recommendations."""

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from councilwork.models import Body, Council, RecordModel
from councilwork.search import search_document


class ActivityKind(models.TextChoices):
    """The kinds of activity. An interpellation is held either between two sessions
    (chất vấn giữa hai kỳ họp: "interpellation", the kind's meaning since the first
    records) or at a session (chất vấn tại kỳ họp); each is counted apart."""

    THEMATIC = "thematic", _("Thematic oversight")
    REGULAR = "regular", _("Regular oversight")
    SURVEY = "survey", _("Survey")
    INTERPELLATION = "interpellation", _("Interpellation session between two sessions")
    INTERPELLATION_AT_SESSION = "interpellation_at_session", _("Interpellation at a session")


class ActivityQuerySet(models.QuerySet):
    def in_year(self, year: int):
        """Activities that started in ``year``."""
        return self.filter(start_date__year=year)


class OversightActivity(RecordModel):
    """One oversight or survey activity, or an interpellation (between sessions or at one)."""

    constraint_fields = {"oversight_ends_after_start": "end_date"}

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="oversight_activities",
        verbose_name=_("council"),
    )
    conducted_by = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_activities",
        verbose_name=_("conducted by"),
        help_text=_("The standing committee, committee or deputy group; empty for the council"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=ActivityKind.choices,
        help_text=_(
            "An interpellation held during a session of the council is “Interpellation at a "
            "session”; one held by the standing committee between two sessions is "
            "“Interpellation session between two sessions”."
        ),
    )
    title = models.CharField(_("title"), max_length=500)
    subject = models.CharField(
        _("subject of oversight"),
        max_length=300,
        blank=True,
        help_text=_("The agency or unit overseen or questioned"),
    )
    search_text = search_document("title", "subject")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    findings = models.TextField(_("findings"), blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("oversight activity")
        verbose_name_plural = _("oversight activities")
        ordering = ["-start_date", "council__name"]
        indexes = [
            models.Index(fields=["council", "start_date"], name="oversight_council_date"),
            models.Index(fields=["-start_date"], name="oversight_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="oversight_ends_after_start",
                violation_error_message=_("The end date must not precede the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.conducted_by_id
            and self.council_id
            and self.conducted_by.council_id != self.council_id
        ):
            raise ValidationError({"conducted_by": _("The body must belong to the same council.")})


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Not yet acted on")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


# A recommendation still open this long after its activity ended is overdue, deadline or not.
OPEN_MONTHS = 6


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day where it has no such day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    """The condition "overdue on ``today``": not done, and past its deadline or open for
    more than six months after its activity ended. One home for the rule: the list
    filter, the highlighted column and the year's figures all read it.
    """
    late = Q(**{f"{prefix}deadline__lt": today}) | Q(
        **{f"{prefix}activity__end_date__lt": months_before(today, OPEN_MONTHS)}
    )
    return ~Q(**{f"{prefix}status": RecommendationStatus.DONE}) & late


class RecommendationQuerySet(models.QuerySet):
    def made_in(self, year: int):
        """Recommendations of the activities that started in ``year``."""
        return self.filter(activity__start_date__year=year)

    def overdue(self, today: dt.date):
        """Open recommendations past their deadline, or open six months after the activity."""
        return self.filter(overdue_q(today))

    def with_overdue(self, today: dt.date):
        """Each row with ``is_overdue`` (overdue_q on ``today``), to show and sort by."""
        return self.annotate(
            is_overdue=Case(
                When(overdue_q(today), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )


class Recommendation(RecordModel):
    """A recommendation (kiến nghị) an activity addressed to an agency, with a deadline."""

    constraint_fields = {"recommendation_completed_on_iff_done": "completed_on"}

    activity = models.ForeignKey(
        OversightActivity,
        # CASCADE: a recommendation is part of its activity's record, entered inline.
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("activity"),
    )
    content = models.TextField(_("content"))
    responsible_agency = models.CharField(_("responsible agency"), max_length=300)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # The agency's response, without which a recommendation is not done.
    response_number = models.CharField(
        _("response document number"), max_length=50, blank=True, help_text=_("E.g. 125/UBND")
    )
    response_date = models.DateField(_("response dated"), null=True, blank=True)
    response_content = models.TextField(_("response"), blank=True)
    search_text = search_document("content", "responsible_agency", "response_number")

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False)
                | (~Q(status="done") & Q(completed_on__isnull=True)),
                name="recommendation_completed_on_iff_done",
                violation_error_message=_(
                    "A completion date is required when, and only when, the status is Done."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.responsible_agency}: {self.content[:60]}"

    def clean(self) -> None:
        responded = self.response_number.strip() and self.response_date
        if self.status == RecommendationStatus.DONE and not responded:
            raise ValidationError(
                {
                    "status": _(
                        "A recommendation is done only once the agency's response is "
                        "recorded: its document number and date."
                    )
                }
            )
