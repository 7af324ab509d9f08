"""Who signs the drafted report and to whom it goes, from the council's own records."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from councilwork.collation import vi_key
from councilwork.models import (
    BodyKind,
    Council,
    CouncilLevel,
    Membership,
    MembershipRole,
    seated_q,
)

# How a council's name opens; what follows is its place ("phường Anh Dũng").
NAME_HEADS = ("HĐND ", "Hội đồng nhân dân ")
# The Party committee of a district or province, by the unit its place name opens with.
PARTY_COMMITTEES = {
    "quận": "Quận ủy",
    "huyện": "Huyện ủy",
    "thị xã": "Thị ủy",
    "thành phố": "Thành ủy",
    "tỉnh": "Tỉnh ủy",
}


@dataclass(frozen=True)
class Signer:
    """The person who signs for the standing committee, and whether as its chair."""

    name: str
    chair: bool  # False: a vice-chair signing on the chair's behalf (KT. CHỦ TỊCH)


@dataclass(frozen=True)
class Addressing:
    """What the report's signature block says besides the summary's figures."""

    signer: Signer | None  # None when no chair or vice-chair is recorded that day
    recipients: list[str]


def report_day(council: Council, year: int, today: dt.date) -> dt.date:
    """The day the report on ``year`` is signed: today, but within ``year`` + 1.

    The heading dates it in the next year, so a report drafted later (an old year
    downloaded again) is signed by whoever held office at the end of that year, and a
    dissolved council's by those in office on its last day.
    """
    day = min(today, dt.date(year + 1, 12, 31))
    return min(day, council.dissolved_on) if council.dissolved_on else day


def report_signer(council: Council, day: dt.date) -> Signer | None:
    """The chair of ``council``'s standing committee on ``day``, else a vice-chair. One query.

    A place counts when the membership, the deputy's seat and the standing committee
    all hold on ``day``; among several vice-chairs the longest-serving signs.
    """
    body_exists = (Q(body__established_on__isnull=True) | Q(body__established_on__lte=day)) & (
        Q(body__dissolved_on__isnull=True) | Q(body__dissolved_on__gte=day)
    )
    places = (
        Membership.objects.filter(
            body_exists,
            seated_q(day, "deputy__"),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
            body__council=council,
            body__kind=BodyKind.STANDING_COMMITTEE,
            role__in=[MembershipRole.CHAIR, MembershipRole.VICE_CHAIR],
            start_date__lte=day,
        )
        .select_related("deputy__person")
        .order_by("pk")
    )
    chosen = min(
        places,
        key=lambda m: (m.role != MembershipRole.CHAIR, m.start_date, vi_key(_name(m))),
        default=None,
    )
    if chosen is None:
        return None
    return Signer(name=_name(chosen), chair=chosen.role == MembershipRole.CHAIR)


def _name(membership) -> str:
    return membership.deputy.person.full_name


def place_of(name: str) -> str:
    """The place a council's name names: "HĐND phường Anh Dũng" -> "phường Anh Dũng"."""
    for head in NAME_HEADS:
        if name.lower().startswith(head.lower()):
            return name[len(head) :].strip()
    return name.strip()


def recipients(*, level: str, name: str, parent_name: str | None) -> list[str]:
    """ "Nơi nhận" of a council's report, by its level and the council above it.

    - every report goes to the standing committee of the council above, when there is
      one (a commune's to its district's or, since 2025, its province's), to its own
      Party committee and People's Committee, to its deputies, and to the file copy;
    - a commune's Party committee is its Đảng ủy: a commune writes to no Quận ủy;
    - a district's is the Quận/Huyện/Thị/Thành ủy its name's unit calls for;
    - a province's (Tỉnh ủy, Thành ủy) likewise, and a province, having no council
      above, reports to the National Assembly Standing Committee and its
      Ban Công tác đại biểu.
    """
    place = place_of(name)
    lines = []
    if parent_name:
        lines.append(f"Thường trực HĐND {place_of(parent_name)}")
    elif level == CouncilLevel.PROVINCE:
        lines += ["Ủy ban Thường vụ Quốc hội", "Ban Công tác đại biểu (UBTVQH)"]
    lines.append(f"Thường trực {_party_committee(level, place)}")
    lines += [f"UBND {place}", f"Các vị đại biểu HĐND {place}"]
    return [f"- {line};" for line in lines] + ["- Lưu: VT."]


def _party_committee(level: str, place: str) -> str:
    if level == CouncilLevel.COMMUNE:
        return f"Đảng ủy {place}"
    for unit, committee in PARTY_COMMITTEES.items():
        if place.lower().startswith(f"{unit} "):
            return f"{committee} {place[len(unit) :].strip()}"
    return f"cấp ủy {place}"


def addressing(council: Council, year: int, today: dt.date) -> Addressing:
    """The signer on the report's day and the recipients. Two queries at most."""
    parent = council.parent  # a query when not selected
    return Addressing(
        signer=report_signer(council, report_day(council, year, today)),
        recipients=recipients(
            level=council.level, name=council.name, parent_name=parent.name if parent else None
        ),
    )
