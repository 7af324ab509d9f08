"""Builds the year-end summary of a council from its records, in a fixed number of queries."""

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.ranking import campaign_ranking
from councilwork.cache import figures_key, keep
from councilwork.models import Council

from .figure_table import sections
from .figures import YearFigures, year_figures
from .links import records_url
from .narrative import narrative
from .pledges import pledge_rows
from .schema import FIGURES_SCHEMA
from .tables import (
    award_rows,
    council_ref,
    level_tables,
    own_results,
    predecessor_rows,
    received_rows,
)
from .types import Figure, FigureGroup, YearSummary

CACHE_SECONDS = 24 * 3600


def summary_cache_key(*, council: Council, year: int) -> str | None:
    """The cache key of a council's year: the figures' schema, their versions, the
    language and the day (1 query).

    The versions live in the database and move with every change the figures read,
    so an entry stored under an older key is never read again, whatever the cache does.
    The schema (reports.schema.FIGURES_SCHEMA, derived from the summary's dataclasses)
    moves with a deploy that changes the shape of what is cached: an entry of the old
    shape is not read by the new code. The day is in the key because "overdue" figures
    change at midnight without any record changing. None when a version is missing
    (figures_key): not cached then.
    """
    versions = figures_key(council)
    if versions is None:
        return None
    day = timezone.localdate().isoformat()
    return f"summary:{FIGURES_SCHEMA}:{council.pk}:{year}:{get_language()}:{day}:{versions}"


def cached_year_summary(*, council: Council, year: int) -> YearSummary:
    """``year_summary`` through the shared cache: two cache reads while nothing changed.

    The key holds the versions of the council's figures, which every write they read
    moves, so a change shows at once; the language is in the key because labels are
    translated.
    """
    key = summary_cache_key(council=council, year=year)
    summary = cache.get(key) if key else None
    if summary is None:
        summary = year_summary(council=council, year=year)
        if key:
            keep(key, summary, CACHE_SECONDS)
    return summary


def year_summary(*, council: Council, year: int) -> YearSummary:
    """Everything the summary page, the .docx and the .xlsx show; a fixed number of queries."""
    figures = year_figures(council=council, year=year)
    previous = year_figures(council=council, year=year - 1)
    campaign = Campaign.objects.filter(council=council, year=year).first()
    ranking = campaign_ranking(campaign)
    below = level_tables(council, year, ranking)
    awards = award_rows(council, year)
    pledges_next = pledge_rows(council=council, year=year + 1, measure=False)
    theme = campaign.theme if campaign else ""
    return YearSummary(
        council=council_ref(council),
        year=year,
        theme=theme,
        figures=figures,
        previous=previous,
        groups=figure_groups(council, figures, previous),
        below=below,
        predecessors=predecessor_rows(council, year),
        ranking=ranking,
        awards=awards,
        results=own_results(council, year),
        received=received_rows(council, year),
        pledges_next=pledges_next,
        pledges_current=pledge_rows(council=council, year=year, measure=True),
        narrative=narrative(
            council,
            figures,
            theme=theme,
            below=below,
            awards=awards,
            pledges=pledges_next,
        ),
    )


def figure_groups(council, figures: YearFigures, previous: YearFigures) -> list[FigureGroup]:
    """The headline figures in display groups, each beside its earlier value and its list.

    A previous year with no records at all shows "–", not zeros and a change.
    """
    year = figures.year
    groups = []
    for section in sections(figures):
        if section.pledges:
            columns = (
                _("Signed for %(year)s") % {"year": year + 1},
                _("Signed for %(year)s") % {"year": year},
            )
        else:
            columns = (str(year), str(year - 1))
        shown = []
        for spec in section.specs:
            value = figures.value(spec.key)
            before = _previous(previous, spec.key, pledges=section.pledges)
            params = {"scope": spec.scope, "kind": spec.kind, "level": spec.level}
            if spec.dataset == "pledges":
                params["for"] = year + 1
            url = records_url(year, spec.dataset, council, **params) if spec.dataset else ""
            shown.append(Figure(spec.key, str(spec.label), value, before, url))
        groups.append(FigureGroup(str(section.title), shown, columns))
    return groups


def _previous(previous: YearFigures, key: str, *, pledges: bool) -> int | None:
    if not pledges and not previous.has_records and not key.startswith(("awards", "received")):
        return None
    try:
        return previous.value(key)
    except KeyError:  # a level of councils that did not exist the year before
        return None if not previous.has_records else 0
