"""The one table of the summary's headline figures: key, label, drill-down, chart label.

The page's figure groups, the comparison chart, figures.xlsx and ``year_summary`` all
walk ``sections(figures)``, so a figure added here shows everywhere at once.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from councilwork.models import CouncilLevel

from .figures import YearFigures


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its dotted key in ``YearFigures`` and the records behind it."""

    key: str  # e.g. "council_sessions.thematic", "below.commune.resolutions"
    label: str
    dataset: str  # the drill-down list: sessions, resolutions, oversight, awards, pledges
    kind: str = ""  # the drill-down's kind filter
    scope: str = "own"  # own | below | received
    level: str = ""  # the level, for figures of the councils below
    chart: str = ""  # its short label in the comparison chart; "" when not charted


@dataclass(frozen=True)
class Section:
    """A titled group of figures; ``pledges`` groups compare two pledge years."""

    key: str  # "own_sessions", "below_sessions.commune", …
    title: str
    specs: list[FigureSpec]
    pledges: bool = False


LEVEL_TITLES = {
    CouncilLevel.DISTRICT: _("district-level councils"),
    CouncilLevel.COMMUNE: _("commune-level councils"),
}


def _sessions(prefix: str, scope: str, level: str, chart: str) -> list[FigureSpec]:
    def spec(key, label, dataset, kind="", chart_label=""):
        return FigureSpec(f"{prefix}{key}", label, dataset, kind, scope, level, chart_label)

    return [
        spec("sessions.total", _("Sessions"), "sessions", chart_label=chart and _("Sessions")),
        spec("sessions.regular", _("Regular sessions"), "sessions", "regular"),
        spec("sessions.thematic", _("Thematic sessions"), "sessions", "thematic"),
        spec(
            "resolutions", _("Resolutions"), "resolutions", chart_label=chart and _("Resolutions")
        ),
    ]


def _oversight(prefix: str, scope: str, level: str, chart: str) -> list[FigureSpec]:
    def spec(key, label, kind="", chart_label=""):
        return FigureSpec(f"{prefix}{key}", label, "oversight", kind, scope, level, chart_label)

    return [
        spec("oversight.total", _("Oversight and surveys"), chart_label=chart and _("Oversight")),
        spec("oversight.thematic", _("Thematic oversight"), "thematic"),
        spec("oversight.regular", _("Regular oversight"), "regular"),
        spec("oversight.survey", _("Surveys"), "survey"),
        spec("oversight.interpellation", _("Interpellation sessions"), "interpellation"),
    ]


def _digital(prefix: str, scope: str, level: str) -> list[FigureSpec]:
    def spec(key, label, dataset, kind=""):
        return FigureSpec(f"{prefix}digital.{key}", label, dataset, kind, scope, level)

    return [
        spec("paperless_sessions", _("Paperless sessions"), "sessions", "paperless"),
        spec("documents_sent", _("Session documents sent electronically"), "documents", "sent"),
        spec(
            "resolutions_signed",
            _("Resolutions with a verified digital signature"),
            "resolutions",
            "signed",
        ),
        spec("resolutions", _("Resolutions in total"), "resolutions"),
        spec(
            "signatures_failed",
            _("Documents whose signature check failed"),
            "documents",
            "failed",
        ),
    ]


def sections(figures: YearFigures) -> list[Section]:
    """The headline figures of ``figures`` in display order: own, each level below, awards."""
    # The council's own records are the headline of the comparison chart.
    result = [
        Section(
            "own_sessions",
            _("Sessions and resolutions of the council"),
            _sessions("council_", "own", "", "chart"),
        ),
    ]
    for level in figures.below:
        result.append(
            Section(
                f"below_sessions.{level}",
                _("Sessions and resolutions of the %(councils)s")
                % {"councils": LEVEL_TITLES[level]},
                _sessions(f"below.{level}.", "below", level, ""),
            )
        )
    result.append(
        Section(
            "own_oversight",
            _("Oversight and surveys of the council"),
            _oversight("council_", "own", "", "chart"),
        )
    )
    for level in figures.below:
        result.append(
            Section(
                f"below_oversight.{level}",
                _("Oversight of the %(councils)s") % {"councils": LEVEL_TITLES[level]},
                _oversight(f"below.{level}.", "below", level, ""),
            )
        )
    result.append(Section("own_digital", _("Digital work of the council"), _digital("", "own", "")))
    for level in figures.below:
        result.append(
            Section(
                f"below_digital.{level}",
                _("Digital work of the %(councils)s") % {"councils": LEVEL_TITLES[level]},
                _digital(f"below.{level}.", "below", level),
            )
        )
    result.append(
        Section(
            "awards",
            _("Awards decided for the campaign"),
            [
                FigureSpec(
                    "awards.collective",
                    _("Collectives awarded"),
                    "awards",
                    "collective",
                    chart=_("Collectives awarded"),
                ),
                FigureSpec(
                    "awards.individual",
                    _("Certificates to individuals"),
                    "awards",
                    "individual",
                    chart=_("Individuals awarded"),
                ),
                FigureSpec(
                    "awards.individual_people", _("Individuals awarded"), "awards", "person"
                ),
            ],
        )
    )
    result.append(
        Section(
            "received",
            _("Awards received by the council, its bodies and its deputies"),
            [
                FigureSpec(
                    "received.collective",
                    _("Collective awards"),
                    "awards",
                    "collective",
                    scope="received",
                ),
                FigureSpec(
                    "received.individual",
                    _("Individual awards"),
                    "awards",
                    "individual",
                    scope="received",
                ),
            ],
        )
    )
    result.append(
        Section(
            "pledges",
            _("Pledges signed for the next year"),
            [
                FigureSpec("pledges_next_year.total", _("Pledges"), "pledges"),
                FigureSpec(
                    "pledges_next_year.committee", _("by committees"), "pledges", "committee"
                ),
                FigureSpec(
                    "pledges_next_year.deputy_group",
                    _("by deputy groups"),
                    "pledges",
                    "deputy_group",
                ),
                FigureSpec(
                    "pledges_next_year.standing_committee",
                    _("by standing committees"),
                    "pledges",
                    "standing_committee",
                ),
            ],
            pledges=True,
        )
    )
    return result


def all_specs(figures: YearFigures) -> list[FigureSpec]:
    return [spec for section in sections(figures) for spec in section.specs]
