"""Builds the year-end summary of a council from its records, in a fixed number of queries."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from awards.models import Award
from campaigns.models import Campaign
from campaigns.ranking import campaign_ranking
from councilwork.cache import figures_key
from councilwork.collation import vi_key
from councilwork.models import Council
from oversight.selectors import activity_counts_by_council
from sessions.selectors import resolution_counts_by_council, session_counts_by_council

from .figures import YearFigures, year_figures
from .narrative import narrative
from .pledges import pledge_rows
from .types import AwardRow, CouncilRef, Figure, FigureGroup, WardRow, YearSummary

CACHE_SECONDS = 24 * 3600


def records_url(year: int, dataset: str, council: Council, **params) -> str:
    """The read-only list of the records behind a figure."""
    query = {"council": council.slug, **{k: v for k, v in params.items() if v}}
    return f"{reverse('summary:records', args=[year, dataset])}?{urlencode(query)}"


def council_ref(council: Council) -> CouncilRef:
    return CouncilRef(
        pk=council.pk,
        slug=council.slug,
        name=council.name,
        short_name=council.short_name,
        level=council.level,
    )


def summary_cache_key(*, council: Council, year: int) -> str:
    """The cache key of a council's year: its figures' versions and the language (1 query).

    The versions live in the database and move with every change the figures read,
    so an entry stored under an older key is never read again, whatever the cache does.
    """
    return f"summary:{council.pk}:{year}:{get_language()}:{figures_key(council)}"


def cached_year_summary(*, council: Council, year: int) -> YearSummary:
    """``year_summary`` through the shared cache: two cache reads while nothing changed.

    The key holds the council tree's version, which every record write bumps, so a
    change shows at once; the language is in the key because labels are translated.
    """
    key = summary_cache_key(council=council, year=year)
    summary = cache.get(key)
    if summary is None:
        summary = year_summary(council=council, year=year)
        cache.set(key, summary, timeout=CACHE_SECONDS)
    return summary


def year_summary(*, council: Council, year: int) -> YearSummary:
    """Everything the summary page, the .docx and the .xlsx show; about 20 queries."""
    figures = year_figures(council=council, year=year)
    previous = year_figures(council=council, year=year - 1)
    children = sorted(council.children.all(), key=lambda c: vi_key(c.short_name))
    campaigns = {
        c.year: c for c in Campaign.objects.filter(council=council, year__in=[year, year + 1])
    }
    campaign = campaigns.get(year)
    ranking = campaign_ranking(campaign)
    awards = award_rows(council, year)
    return YearSummary(
        council=council_ref(council),
        year=year,
        theme=campaign.theme if campaign else "",
        figures=figures,
        previous=previous,
        groups=figure_groups(council, figures, previous, has_children=bool(children)),
        wards=ward_rows(children, year, ranking),
        ranking=ranking,
        awards=awards,
        pledges_next=pledge_rows(council=council, year=year + 1, measure=False),
        pledges_current=pledge_rows(council=council, year=year, measure=True),
        narrative=narrative(
            council,
            figures,
            theme=campaign.theme if campaign else "",
            children=children,
            awards=awards,
        ),
    )


def _session_specs(prefix: str):
    return [
        (f"{prefix}_sessions.total", _("Sessions"), "sessions", ""),
        (f"{prefix}_sessions.regular", _("Regular sessions"), "sessions", "regular"),
        (f"{prefix}_sessions.thematic", _("Thematic sessions"), "sessions", "thematic"),
        (f"{prefix}_resolutions", _("Resolutions"), "resolutions", ""),
    ]


def _oversight_specs(prefix: str):
    return [
        (f"{prefix}_oversight.total", _("Oversight and surveys"), "oversight", ""),
        (f"{prefix}_oversight.thematic", _("Thematic oversight"), "oversight", "thematic"),
        (f"{prefix}_oversight.regular", _("Regular oversight"), "oversight", "regular"),
        (f"{prefix}_oversight.survey", _("Surveys"), "oversight", "survey"),
        (
            f"{prefix}_oversight.interpellation",
            _("Interpellation sessions"),
            "oversight",
            "interpellation",
        ),
    ]


def _award_specs():
    return [
        ("awards.collective", _("Collectives awarded"), "awards", "collective"),
        ("awards.individual", _("Individuals awarded"), "awards", "individual"),
    ]


def _pledge_specs():
    return [
        ("pledges_next_year.total", _("Pledges"), "pledges", ""),
        ("pledges_next_year.committee", _("by committees"), "pledges", "committee"),
        ("pledges_next_year.deputy_group", _("by deputy groups"), "pledges", "deputy_group"),
        (
            "pledges_next_year.standing_committee",
            _("by standing committees"),
            "pledges",
            "standing_committee",
        ),
    ]


def figure_groups(council, figures: YearFigures, previous: YearFigures, *, has_children: bool):
    """The headline figures in display groups, each with last year's value and its list."""
    year = figures.year
    sections = [(_("Sessions and resolutions of the council"), _session_specs("council"), "own")]
    if has_children:
        sections.append(
            (
                _("Sessions and resolutions of the councils below"),
                _session_specs("ward"),
                "children",
            )
        )
    sections.append((_("Oversight and surveys of the council"), _oversight_specs("council"), "own"))
    if has_children:
        sections.append(
            (_("Oversight of the councils below"), _oversight_specs("ward"), "children")
        )
    sections.append((_("Awards"), _award_specs(), ""))
    next_year = {"year": year + 1}
    sections.append((_("Pledges signed for %(year)s") % next_year, _pledge_specs(), ""))

    def figure(key, label, dataset, kind, scope):
        section, _dot, part = key.partition(".")
        value, before = getattr(figures, section), getattr(previous, section)
        if part:
            value, before = value[part], before[part]
        # Pledges are listed by the campaign year they were signed for.
        extra = {"for": year + 1} if dataset == "pledges" else {}
        url = records_url(year, dataset, council, scope=scope, kind=kind, **extra)
        return Figure(key=key, label=label, value=value, previous=before, url=url)

    return [
        FigureGroup(title, [figure(*spec, scope) for spec in specs])
        for title, specs, scope in sections
    ]


def ward_rows(children: list[Council], year: int, ranking) -> list[WardRow]:
    """One row per child council, with its counts and its scorecard's result. 3 queries."""
    if not children:
        return []
    scope = [child.pk for child in children]
    sessions = session_counts_by_council(councils=scope, year=year)
    resolutions = resolution_counts_by_council(councils=scope, year=year)
    oversight = activity_counts_by_council(councils=scope, year=year)
    scored = {row.council_pk: row for row in ranking if row.council_pk}
    rows = []
    for child in children:
        held = oversight.get(child.pk, {})
        result = scored.get(child.pk)
        rows.append(
            WardRow(
                council=council_ref(child),
                sessions=sessions.get(child.pk, {}).get("total", 0),
                resolutions=resolutions.get(child.pk, 0),
                oversight=held.get("total", 0),
                thematic_oversight=held.get("thematic", 0),
                score=result.total if result else None,
                classification=result.classification_label if result else "",
                urls={
                    name: records_url(year, name, child, scope="own")
                    for name in ("sessions", "resolutions", "oversight")
                },
            )
        )
    return rows


def award_rows(council: Council, year: int) -> list[AwardRow]:
    """The certificates for ``year``'s achievements decided for ``council``. 1 query."""
    awards = (
        Award.objects.filter(decision__council=council, decision__year=year)
        .select_related("decision", "recipient_body", "recipient_council", "recipient_person")
        .order_by("decision__decision_date", "decision__number", "pk")
    )
    return [
        AwardRow(
            recipient=str(award.recipient),
            collective=award.is_collective,
            kind_label=str(award.decision.get_kind_display()),
            decision_number=award.decision.number,
            decision_date=award.decision.decision_date,
            issuing_authority=award.decision.issuing_authority,
            achievement=award.achievement,
        )
        for award in awards
    ]
