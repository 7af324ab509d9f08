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

    key: str  # e.g. "council_sessions.thematic", "below.commune.resolutions"
    label: str  # translated label, e.g. "Kỳ họp chuyên đề"
    value: int
    previous: int | None  # None when the previous year holds no records at all
    url: str  # the read-only list of the records counted

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class FigureGroup:
    """A titled section of figures, with the headings of its two columns.

    The columns are the years compared: this year and the one before for the records,
    the two pledge years for pledges ("signed for 2024" beside "signed for 2023").
    """

    title: str
    figures: list[Figure]
    columns: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class CouncilRow:
    """A council below (or a predecessor): its year's counts and its scorecard's result."""

    council: CouncilRef
    sessions: int
    resolutions: int
    oversight: int
    thematic_oversight: int
    score: Decimal | None  # approved total of its own scorecard in the campaign, if any
    classification: str  # translated label, "" when not scored
    urls: dict[str, str]  # "sessions", "resolutions", "oversight" -> list URL
    dissolved_on: dt.date | None = None  # when it ended during the year
    successor: str = ""  # the name of the council that succeeded it


@dataclass(frozen=True)
class LevelTable:
    """The councils of one level below the summary's council that existed in the year."""

    level: str  # CouncilLevel value
    title: str  # e.g. "HĐND cấp xã"
    rows: list[CouncilRow]


@dataclass(frozen=True)
class OwnResult:
    """The council's (or one of its bodies' or deputies') result in a campaign above it."""

    campaign_council: str  # the name of the council whose campaign scored it
    subject: str
    kind_label: str
    rank: int
    total: Decimal
    maximum: Decimal
    classification_label: str


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
    own: bool = False  # signed by one of the summary council's own bodies
    campaign: str = ""  # the name of the council whose campaign it was signed to


@dataclass(frozen=True)
class YearSummary:
    """Everything the year-end summary shows for one council and year."""

    council: CouncilRef
    year: int
    theme: str  # the campaign's theme, "" when the council has no campaign that year
    figures: YearFigures  # this year, as year_summary --json prints it
    previous: YearFigures  # the year before, same shape
    groups: list[FigureGroup]  # the headline figures, grouped for display
    below: list[LevelTable]  # the councils below, per level, nearest first
    predecessors: list[CouncilRow]  # councils it succeeded, with their records that year
    ranking: list[RankingRow]
    awards: list[AwardRow]  # decided for the council's campaign
    results: list[OwnResult]  # its own scores in the campaigns of councils above
    received: list[AwardRow]  # awards to the council, its bodies and its deputies
    pledges_next: list[PledgeRow]  # signed for year + 1
    pledges_current: list[PledgeRow]  # signed for this year, measured by its records
    narrative: list[str]  # the drafted report's paragraphs, in the active language

    @property
    def council_rows(self) -> list[CouncilRow]:
        """Every council below, nearest level first."""
        return [row for table in self.below for row in table.rows]
