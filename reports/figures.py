"""The year's headline figures of a council, composed from every record app's selectors.

What each figure counts (README "What the figures mean" says it for readers):
- ``council_*``: the council's own records of the year: sessions that opened in it,
  resolutions adopted in it (by their session's council), oversight activities that
  started in it, by kind: "interpellation" is an interpellation session between two
  sessions (what every earlier record meant), "interpellation_at_session" one held at
  a session; "total" counts every kind.
- ``below``: per level (district, commune), nearest first, the councils under the
  council at any depth that existed at some time in the year, and their records of
  the year. A council dissolved during the year counts up to its end. A council with no
  council below in the year has no level (``below == {}``), and no output shows a
  "councils below" row for it; a level whose councils recorded nothing counts zeros.
- ``awards``: the certificates for the year's achievements decided for the council's
  campaign (whoever received them); individuals are certificates, people are persons.
- ``received``: the certificates for the year's achievements that the council, its
  bodies or its deputies received, whoever decided them.
- ``pledges_next_year``: pledges signed to the council's campaign of the next year.
- ``digital`` (and ``below[level]["digital"]``): the council's digital work of the year
  (sessions.selectors.digital_counts): sessions that opened in it and were paperless by
  their documents, documents of those sessions sent electronically, resolutions adopted
  in it with a verified digital signature and in total, documents whose signature check
  failed.
- ``attendance``, ``votes``, ``citizen_reception``, ``voter_petitions``,
  ``recommendations`` (and the same under each level below): the deputies' work and the
  voters' side (``WORK``), each as its record app's selector counts it. "Overdue" is on
  the day the figures are read, so a cached summary is keyed by that day too.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Q

from awards.selectors import award_counts, received_counts
from campaigns.models import Pledge
from councilwork.models import BodyKind, Council
from councilwork.selectors import levels_below
from oversight.selectors import activity_counts, recommendation_counts
from sessions.selectors import (
    attendance_counts,
    digital_counts,
    resolution_counts,
    session_counts,
    vote_counts,
)
from voters.selectors import citizen_reception, voter_petitions

DIGITAL = (
    "paperless_sessions",
    "documents_sent",
    "resolutions_signed",
    "resolutions",
    "signatures_failed",
)


def pledge_counts(*, council: Council, year: int) -> dict[str, int]:
    """Pledges signed to ``council``'s campaign of ``year``, by the signing body's kind.

    One query; the keys are "total" and each body kind.
    """
    aggregates = {"total": Count("pk")}
    for kind in BodyKind.values:
        aggregates[kind] = Count("pk", filter=Q(body__kind=kind))
    return Pledge.objects.for_campaign_year(council, year).aggregate(**aggregates)


ATTENDANCE = ("expected", "attended", "excused", "absent", "not_recorded", "absent_all_year")
CASES = ("total", "complaint", "denunciation", "petition", "reflection")
PETITIONS = ("meetings", "voters", "petitions", "answered", "resolved", "overdue")


def _zeros(names, **extra) -> dict:
    return {**dict.fromkeys(names, 0), **extra}


@dataclass(frozen=True)
class YearFigures:
    """A council's figures for one year, counted from the records (never stored)."""

    year: int
    council: str
    council_sessions: dict[str, int]
    council_resolutions: int
    council_oversight: dict[str, int]
    below: dict[str, dict]  # level -> councils, sessions, resolutions, oversight, digital
    awards: dict[str, int]
    received: dict[str, int]
    pledges_next_year: dict[str, int]
    digital: dict[str, int]  # DIGITAL -> count, the council's own
    # The deputies' work (WORK); a YearFigures built by hand without them has none.
    attendance: dict = field(default_factory=lambda: _zeros(ATTENDANCE, rate=None))
    votes: dict = field(
        default_factory=lambda: _zeros(("total", "resolutions", "passed", "failed"))
    )
    citizen_reception: dict = field(
        default_factory=lambda: _zeros(
            ("days", "citizens", "answered", "overdue"), cases=_zeros(CASES)
        )
    )
    voter_petitions: dict = field(default_factory=lambda: _zeros(PETITIONS))
    recommendations: dict = field(default_factory=lambda: _zeros(("made", "done", "overdue")))

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def has_records(self) -> bool:
        """Whether the council or a council below holds any session or activity that year."""
        below = any(
            level["sessions"]["total"] or level["oversight"]["total"] or level["resolutions"]
            for level in self.below.values()
        )
        own = self.council_sessions["total"] or self.council_oversight["total"]
        return bool(own or self.council_resolutions or below)

    def value(self, key: str) -> int:
        """A figure by its dotted key, e.g. "below.commune.sessions.thematic"."""
        node = self.as_dict()
        for part in key.split("."):
            node = node[part]
        return node


def deputies_work(*, council: Council, year: int, today: dt.date | None = None) -> dict:
    """``WORK`` name -> OwnAndBelow of ``council``'s ``year``. 12 queries."""
    return {
        "attendance": attendance_counts(council=council, year=year),
        "votes": vote_counts(council=council, year=year),
        "citizen_reception": citizen_reception(council=council, year=year, today=today),
        "voter_petitions": voter_petitions(council=council, year=year, today=today),
        "recommendations": recommendation_counts(council=council, year=year, today=today),
    }


WORK = ("attendance", "votes", "citizen_reception", "voter_petitions", "recommendations")


def year_figures(*, council: Council, year: int, today: dt.date | None = None) -> YearFigures:
    """Every headline figure of ``council``'s ``year``, "overdue" on ``today`` (by default
    the current date). 23 queries, whatever the data."""
    sessions = session_counts(council=council, year=year)
    resolutions = resolution_counts(council=council, year=year)
    oversight = activity_counts(council=council, year=year)
    digital = digital_counts(council=council, year=year, resolutions=resolutions)
    work = deputies_work(council=council, year=year, today=today)

    def digital_of(level=None) -> dict[str, int]:
        counts = {name: getattr(digital, name) for name in DIGITAL}
        if level is None:
            return {name: c.own["total"] for name, c in counts.items()}
        return {name: c.below[level]["total"] for name, c in counts.items()}

    below = {
        level: {
            "councils": councils,
            "sessions": sessions.below[level],
            "resolutions": resolutions.below[level]["total"],
            "oversight": oversight.below[level],
            "digital": digital_of(level),
            **{name: work[name].below[level] for name in WORK},
        }
        for level, councils in levels_below(council=council, year=year).items()
    }
    return YearFigures(
        year=year,
        council=council.slug,
        council_sessions=sessions.own,
        council_resolutions=resolutions.own["total"],
        council_oversight=oversight.own,
        below=below,
        awards=award_counts(council=council, year=year),
        received=received_counts(council=council, year=year),
        pledges_next_year=pledge_counts(council=council, year=year + 1),
        digital=digital_of(),
        **{name: work[name].own for name in WORK},
    )
