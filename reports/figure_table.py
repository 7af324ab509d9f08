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
    # The drill-down list (reports.records.DATASETS); "" for a figure that is not a
    # count of rows (citizens received, places expected): shown without a link.
    dataset: str
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
        # "interpellation" is between two sessions (its meaning since the first records).
        spec(
            "oversight.interpellation",
            _("Interpellation sessions between two sessions"),
            "interpellation",
        ),
        spec(
            "oversight.interpellation_at_session",
            _("Interpellations at sessions"),
            "interpellation_at_session",
        ),
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


def _work(prefix: str, scope: str, level: str) -> list[FigureSpec]:
    """The deputies' work and the voters' side: attendance, votes, reception, petitions,
    recommendations (reports.records_work lists each). A sum (citizens, voters) or a
    count of places or deputies has no list of its own."""

    def spec(key, label, dataset, kind=""):
        return FigureSpec(f"{prefix}{key}", label, dataset, kind, scope, level)

    return [
        spec("attendance.expected", _("Places expected at sessions"), ""),
        spec("attendance.attended", _("Attended"), "attendance", "attended"),
        spec("attendance.excused", _("Absent with leave"), "attendance", "excused"),
        spec("attendance.absent", _("Absent without leave"), "attendance", "absent"),
        spec("attendance.not_recorded", _("Places not yet recorded"), ""),
        spec(
            "attendance.absent_all_year",
            _("Deputies absent without leave from every session"),
            "",
        ),
        spec("votes.total", _("Votes recorded"), "votes"),
        spec("votes.passed", _("Votes passed"), "votes", "passed"),
        spec("votes.failed", _("Votes failed"), "votes", "failed"),
        spec("citizen_reception.days", _("Citizen reception days"), "reception_days"),
        spec("citizen_reception.citizens", _("Citizens received"), ""),
        spec("citizen_reception.cases.total", _("Cases received"), "cases"),
        spec("citizen_reception.answered", _("Cases answered"), "cases", "answered"),
        spec("citizen_reception.overdue", _("Cases overdue"), "cases", "overdue"),
        spec("voter_petitions.meetings", _("Meetings with voters"), "voter_meetings"),
        spec("voter_petitions.voters", _("Voters present"), ""),
        spec("voter_petitions.petitions", _("Voters' petitions"), "petitions"),
        spec("voter_petitions.answered", _("Petitions answered"), "petitions", "answered"),
        spec("voter_petitions.resolved", _("Petitions resolved"), "petitions", "resolved"),
        spec("voter_petitions.overdue", _("Petitions overdue"), "petitions", "overdue"),
        spec("recommendations.made", _("Recommendations made"), "recommendations"),
        spec("recommendations.done", _("Recommendations done"), "recommendations", "done"),
        spec("recommendations.overdue", _("Recommendations overdue"), "recommendations", "overdue"),
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
    result.append(Section("own_work", _("Deputies' work and the voters"), _work("", "own", "")))
    for level in figures.below:
        result.append(
            Section(
                f"below_work.{level}",
                _("Deputies' work and the voters of the %(councils)s")
                % {"councils": LEVEL_TITLES[level]},
                _work(f"below.{level}.", "below", level),
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
