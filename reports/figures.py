"""Reads over campaigns, and the year's figures composed from every app's records."""

from dataclasses import asdict, dataclass

from django.db.models import Count, Q

from awards.selectors import award_counts
from campaigns.models import Pledge
from councilwork.models import BodyKind, Council
from oversight.selectors import activity_counts
from sessions.selectors import resolution_counts, session_counts


def pledge_counts(*, council: Council, year: int) -> dict[str, int]:
    """Pledges signed to ``council``'s campaign of ``year``, by the signing body's kind.

    One query; the keys are "total" and each body kind.
    """
    aggregates = {"total": Count("pk")}
    for kind in BodyKind.values:
        aggregates[kind] = Count("pk", filter=Q(body__kind=kind))
    return Pledge.objects.filter(campaign__council=council, campaign__year=year).aggregate(
        **aggregates
    )


@dataclass(frozen=True)
class YearFigures:
    """A council's figures for one year, counted from the records (never stored)."""

    year: int
    council: str
    council_sessions: dict[str, int]
    council_resolutions: int
    council_oversight: dict[str, int]
    ward_sessions: dict[str, int]
    ward_resolutions: int
    ward_oversight: dict[str, int]
    awards: dict[str, int]
    pledges_next_year: dict[str, int]

    def as_dict(self) -> dict:
        return asdict(self)


def year_figures(*, council: Council, year: int) -> YearFigures:
    """Every headline figure of ``council``'s ``year``; "ward" figures are its children's.

    Five queries, however many councils and records there are.
    """
    sessions = session_counts(council=council, year=year)
    resolutions = resolution_counts(council=council, year=year)
    oversight = activity_counts(council=council, year=year)
    return YearFigures(
        year=year,
        council=council.slug,
        council_sessions=sessions.own,
        council_resolutions=resolutions.own["total"],
        council_oversight=oversight.own,
        ward_sessions=sessions.children,
        ward_resolutions=resolutions.children["total"],
        ward_oversight=oversight.children,
        awards=award_counts(council=council, year=year),
        pledges_next_year=pledge_counts(council=council, year=year + 1),
    )
