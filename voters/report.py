"""The standing committee's report on voters' petitions: a council's year in figures.

What the petitions report to a session says (Luật Tổ chức chính quyền địa phương
2025, the standing committee's duty to follow voters' petitions up): the petitions
gathered at the council's meetings with voters of the year, answered (count and
share), resolved, overdue on ``today``, by field and by the agency addressed. 1 query.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from councilwork.collation import vi_key
from councilwork.models import Council

from .models import ANSWERED, PetitionStatus, VoterPetition


@dataclass
class PetitionRow:
    """Petitions of one field or agency (or all of them): the counts and the share answered."""

    name: str
    received: int = 0
    answered: int = 0
    resolved: int = 0
    overdue: int = 0

    @property
    def answered_share(self) -> float | None:
        """Answered of received, in percent with one decimal; None without petitions."""
        return round(100 * self.answered / self.received, 1) if self.received else None

    def add(self, *, answered: bool, resolved: bool, overdue: bool) -> None:
        self.received += 1
        self.answered += answered
        self.resolved += resolved
        self.overdue += overdue


@dataclass
class PetitionReport:
    council: Council
    year: int
    today: dt.date
    total: PetitionRow
    by_field: list[PetitionRow] = field(default_factory=list)
    by_agency: list[PetitionRow] = field(default_factory=list)


def petition_report(*, council: Council, year: int, today: dt.date | None = None) -> PetitionReport:
    """The petitions raised at ``council``'s meetings with voters dated in ``year``."""
    today = today or timezone.localdate()
    rows = (
        VoterPetition.objects.filter(meeting__council=council, meeting__date__year=year)
        .with_overdue(today)
        .values_list("field", "agency", "status", "is_overdue")
    )
    total = PetitionRow("")
    fields: dict[str, PetitionRow] = {}
    agencies: dict[str, PetitionRow] = {}
    for field_name, agency, status, overdue in rows:
        flags = {
            "answered": status in ANSWERED,
            "resolved": status == PetitionStatus.RESOLVED,
            "overdue": bool(overdue),
        }
        total.add(**flags)
        fields.setdefault(field_name, PetitionRow(field_name)).add(**flags)
        agencies.setdefault(agency, PetitionRow(agency)).add(**flags)

    def ordered(groups):  # the most petitions first, then by name in Vietnamese order
        return sorted(groups.values(), key=lambda row: (-row.received, vi_key(row.name)))

    return PetitionReport(council, year, today, total, ordered(fields), ordered(agencies))
