"""Council sessions (kỳ họp) and the resolutions (nghị quyết) adopted at them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat, ExtractYear, LPad
from django.utils.translation import gettext_lazy as _

from councilwork.models import Council, RecordModel, Term
from councilwork.search import search_document

# "49/NQ-HĐND" as a resolution is written (Resolution.code), in SQL: what a search for
# "49/NQ" matches.
RESOLUTION_CODE = Concat(
    LPad(Cast("number", CharField()), 2, Value("0")),
    Value("/"),
    F("symbol"),
    output_field=CharField(),
)


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    THEMATIC = "thematic", _("Thematic")


class SessionQuerySet(models.QuerySet):
    def in_year(self, year: int):
        """Sessions that opened in ``year`` (index-friendly date range)."""
        return self.filter(start_date__year=year)

    def paperless_by_records(self):
        """Sessions paperless by their documents' send times (documents.paperless_q)."""
        from .documents import paperless_q

        return self.filter(paperless_q())

    def paperless_counted(self):
        """Sessions counted as paperless: by the rule, or marked by hand (``paperless``)."""
        from .documents import paperless_q

        return self.filter(paperless_q() | Q(paperless=True))


class Session(RecordModel):
    """A sitting of a council (kỳ họp), regular or thematic, numbered within its term."""

    constraint_fields = {
        "session_unique_number_per_term": "number",
        "session_number_positive": "number",
        "session_ends_after_start": "end_date",
    }

    # PROTECT: sessions are the council's legal history.
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("council")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("term")
    )
    number = models.PositiveSmallIntegerField(_("session number"))
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    paperless = models.BooleanField(
        _("paperless session"), default=False, help_text=_("Held as a digital, paperless session")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    search_text = search_document("title", "location")

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-start_date", "council__name"]
        indexes = [
            models.Index(fields=["council", "start_date"], name="session_council_date"),
            # The changelist's default order, over every council's sessions.
            models.Index(fields=["-start_date"], name="session_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="session_unique_number_per_term",
                violation_error_message=_("This term already has a session with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="session_number_positive",
                violation_error_message=_("The session number starts at 1."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="session_ends_after_start",
                violation_error_message=_("The end date must not precede the start date."),
            ),
        ]

    def __str__(self) -> str:
        return _("Session %(number)s – %(council)s (%(date)s)") % {
            "number": self.number,
            "council": self.council.short_name,
            "date": self.start_date.strftime("%d/%m/%Y"),
        }

    def clean(self) -> None:
        if not (self.term_id and self.council_id):
            return
        if self.term.council_id != self.council_id:
            raise ValidationError({"term": _("The term must be a term of this council.")})
        for field in ("start_date", "end_date"):
            day = getattr(self, field)
            if day and not self.term.covers(day):
                raise ValidationError(
                    {
                        field: _("The date must fall inside the term (%(start)s – %(end)s).")
                        % {
                            "start": self.term.start_date.strftime("%d/%m/%Y"),
                            "end": self.term.end_date.strftime("%d/%m/%Y"),
                        }
                    }
                )


class ResolutionQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(adopted_on__year=year)


class Resolution(RecordModel):
    """A resolution (nghị quyết) adopted at a session, numbered per council and year."""

    constraint_fields = {
        "resolution_unique_number_per_council_year": "number",
        "resolution_number_positive": "number",
    }
    derived_fields = ("council",)

    # Stored beside the session so the database can keep numbers unique per council
    # and year; clean() keeps it equal to the session's council.
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("council")
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("session")
    )
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30, default="NQ-HĐND")
    adopted_on = models.DateField(_("adopted on"))
    title = models.CharField(_("summary (trích yếu)"), max_length=500)
    search_text = search_document("title", RESOLUTION_CODE)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-adopted_on", "-number"]
        indexes = [
            models.Index(fields=["council", "adopted_on"], name="resolution_council_date"),
            models.Index(fields=["-adopted_on", "-number"], name="resolution_date_number"),
            # A search by number ("49") finds it through this, at any volume.
            models.Index(fields=["number"], name="resolution_number"),
        ]
        constraints = [
            models.UniqueConstraint(
                F("council"),
                ExtractYear("adopted_on"),
                F("number"),
                name="resolution_unique_number_per_council_year",
                violation_error_message=_(
                    "This council already has a resolution with this number in that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="resolution_number_positive",
                violation_error_message=_("The resolution number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    @property
    def code(self) -> str:
        """The document number as written, e.g. 38/NQ-HĐND."""
        return f"{self.number:02d}/{self.symbol}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # A number given from outside the register (an imported year, the demo) enters
        # it, so the next number issued continues after it; one query when it is there.
        from .numbering import resolution_number_recorded

        resolution_number_recorded(self)

    def clean(self) -> None:
        session = self.related("session")
        if session is None:
            return
        # The council always follows the session; the form does not ask for it twice.
        self.council_id = session.council_id
        # The session may be the admin form's new parent, with its dates still wrong.
        dates = (session.start_date, session.end_date)
        if self.adopted_on and None not in dates and not dates[0] <= self.adopted_on <= dates[1]:
            raise ValidationError(
                {"adopted_on": _("A resolution is adopted during its session's dates.")}
            )


# Attendance, session documents and votes live in their own modules; exported here like
# every model of the app.
from .attendance import Attendance, AttendanceStatus, Outcome  # noqa: E402, F401
from .documents import DocumentKind, SessionDocument, SignatureStatus  # noqa: E402, F401
from .votes import Choice, RollCallVote, Vote, VoteOutcome, votes_needed  # noqa: E402, F401
