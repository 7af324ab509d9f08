"""The year-end summary as plain data: what the page, the .docx and the .xlsx all show.

Built by ``reports.selectors.year_summary`` in a fixed number of queries;
every renderer reads only these dataclasses, so the three outputs cannot disagree.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.ranking import RankingRow

from .figures import YearFigures


@dataclass(frozen=True)
class CouncilRef:
    """The council a summary is about (or a child council in a table)."""

    pk: int
    slug: str
    name: str  # e.g. "HĐND quận Dương Kinh"
    short_name: str  # e.g. "Dương Kinh"
    level: str  # CouncilLevel value: "province", "district", "commune"


@dataclass(frozen=True)
class Figure:
    """One headline figure beside the previous year's, with the link to its records."""

    key: str  # e.g. "council_sessions.thematic"
    label: str  # translated label, e.g. "Kỳ họp chuyên đề"
    value: int
    previous: int
    url: str  # the read-only list of the records counted

    @property
    def change(self) -> int:
        return self.value - self.previous


@dataclass(frozen=True)
class FigureGroup:
    """A titled section of figures (e.g. the council's sessions and resolutions)."""

    title: str
    figures: list[Figure]


@dataclass(frozen=True)
class WardRow:
    """One child council's year: its counts, its scorecard total and classification."""

    council: CouncilRef
    sessions: int
    resolutions: int
    oversight: int
    thematic_oversight: int
    score: Decimal | None  # approved total of its own scorecard in the campaign, if any
    classification: str  # translated label, "" when not scored
    urls: dict[str, str]  # "sessions", "resolutions", "oversight" -> list URL


@dataclass(frozen=True)
class AwardRow:
    """One certificate: recipient, collective or individual, and its decision."""

    recipient: str
    collective: bool
    kind_label: str  # e.g. "Giấy khen"
    decision_number: str
    decision_date: dt.date
    issuing_authority: str
    achievement: str


@dataclass(frozen=True)
class CommitmentRow:
    """A commitment and, when it names a metric, how far the year's records meet it."""

    text: str
    metric_label: str  # "" when not measurable
    target: int | None
    actual: int | None  # counted from the records of the pledge year; None if no metric

    @property
    def met(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual >= self.target

    @property
    def percent(self) -> int | None:
        if not self.target or self.actual is None:
            return None
        return min(100, round(100 * self.actual / self.target))


@dataclass(frozen=True)
class PledgeRow:
    """A pledge signed by a body for a campaign year, with its commitments."""

    body: str
    council: str  # short name of the body's council
    kind: str  # BodyKind value
    kind_label: str
    signed_on: dt.date
    commitments: list[CommitmentRow] = field(default_factory=list)


@dataclass(frozen=True)
class YearSummary:
    """Everything the year-end summary shows for one council and year."""

    council: CouncilRef
    year: int
    theme: str  # the campaign's theme, "" when the council has no campaign that year
    figures: YearFigures  # this year, as year_summary --json prints it
    previous: YearFigures  # the year before, same shape
    groups: list[FigureGroup]  # the headline figures, grouped for display
    wards: list[WardRow]
    ranking: list[RankingRow]
    awards: list[AwardRow]
    pledges_next: list[PledgeRow]  # signed for year + 1
    pledges_current: list[PledgeRow]  # signed for this year, measured by its records
    narrative: list[str]  # the drafted report's paragraphs, in the active language
