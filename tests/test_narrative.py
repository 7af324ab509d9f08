"""The drafted narrative says exactly what was counted, in the words of a báo cáo."""

import dataclasses

import pytest
from django.utils import translation

from councilwork.models import Council
from reports.figures import YearFigures
from reports.narrative import narrative
from reports.types import CouncilRef, CouncilRow, LevelTable

ZERO_SESSIONS = {"total": 0, "regular": 0, "thematic": 0}
ZERO_OVERSIGHT = {
    "total": 0,
    "thematic": 0,
    "regular": 0,
    "survey": 0,
    "interpellation": 0,
    "interpellation_at_session": 0,
}


NO_DIGITAL = {
    "paperless_sessions": 0,
    "documents_sent": 0,
    "resolutions_signed": 0,
    "resolutions": 0,
    "signatures_failed": 0,
}


def _figures(sessions=ZERO_SESSIONS, resolutions=0, digital=NO_DIGITAL, **below) -> YearFigures:
    return YearFigures(
        year=2022,
        council="tinh",
        council_sessions=sessions,
        council_resolutions=resolutions,
        council_oversight=ZERO_OVERSIGHT,
        below=below,
        awards={"collective": 0, "individual": 0, "individual_people": 0},
        received={"collective": 0, "individual": 0},
        pledges_next_year={"total": 0, "committee": 0, "deputy_group": 0, "standing_committee": 0},
        digital=digital,
    )


def _table(names: list[str]) -> LevelTable:
    rows = [
        CouncilRow(CouncilRef(i, f"c{i}", name, name, "commune"), 0, 0, 0, 0, None, "", {})
        for i, name in enumerate(names)
    ]
    return LevelTable("commune", "HĐND cấp xã", rows)


@pytest.fixture
def council():
    return Council(name="HĐND tỉnh Thử", short_name="Thử", slug="tinh", level="province")


def test_only_the_councils_below_met(council):
    below = {
        "councils": 2,
        "sessions": {"total": 5, "regular": 4, "thematic": 1},
        "resolutions": 9,
        "oversight": {**ZERO_OVERSIGHT, "total": 3, "thematic": 1, "regular": 2},
        "digital": {**NO_DIGITAL, "resolutions": 9},
    }
    table = _table(["HĐND xã Một", "HĐND xã Hai"])
    with translation.override("vi"):
        text = narrative(
            council, _figures(commune=below), theme="", below=[table], awards=[], pledges=[]
        )
    assert text[0] == (
        "HĐND tỉnh Thử không tổ chức kỳ họp nào; HĐND các xã tổ chức 05 kỳ họp "
        "(trong đó có 01 kỳ họp chuyên đề), ban hành 09 Nghị quyết."
    )
    assert text[1].startswith("HĐND tỉnh Thử không tổ chức cuộc giám sát nào; HĐND các xã")
    assert "00 kỳ họp" not in " ".join(text)


def test_a_year_without_records_says_so(council):
    with translation.override("vi"):
        text = narrative(council, _figures(), theme="", below=[], awards=[], pledges=[])
    assert text == ["Năm 2022 chưa có kỳ họp, nghị quyết hay cuộc giám sát nào được ghi nhận."]


def test_the_digital_work_in_figures_and_ratios(council):
    """ "03/04 kỳ họp không giấy tờ": done over all; a council that held nothing is left out."""
    sessions = {"total": 4, "regular": 2, "thematic": 2}
    own = {"paperless_sessions": 3, "documents_sent": 66, "resolutions_signed": 8,
           "resolutions": 38, "signatures_failed": 1}  # fmt: skip
    digital = {"paperless_sessions": 2, "documents_sent": 7, "resolutions_signed": 1,
               "resolutions": 9, "signatures_failed": 1}  # fmt: skip
    held = {"councils": 2, "sessions": {"total": 5, "regular": 5, "thematic": 0},
            "resolutions": 9, "oversight": ZERO_OVERSIGHT, "digital": digital}  # fmt: skip
    figures = _figures(sessions, 38, own, commune=held)
    with translation.override("vi"):
        text = narrative(council, figures, theme="", below=[_table(["HĐND xã Một"])],
                         awards=[], pledges=[])  # fmt: skip
    assert text[2] == (
        "Về chuyển đổi số: 03/04 kỳ họp không giấy tờ, 08/38 nghị quyết được ký số, 66 tài "
        "liệu kỳ họp được gửi điện tử; HĐND các xã: 02/05 kỳ họp không giấy tờ, 01/09 nghị "
        "quyết được ký số; 02 tài liệu có chữ ký số không xác thực được."
    )
    # Only the councils below did anything digital: the council's own part is left out.
    below_only = _figures(commune=held)
    with translation.override("vi"):
        text = narrative(council, below_only, theme="", below=[_table(["HĐND xã Một"])],
                         awards=[], pledges=[])  # fmt: skip
    assert text[2].startswith("Về chuyển đổi số: HĐND các xã: 02/05 kỳ họp không giấy tờ")
    assert "00/00" not in " ".join(text)


@pytest.mark.parametrize(
    ("at_session", "between", "words"),
    [
        (1, 1, "01 phiên chất vấn tại kỳ họp, 01 phiên chất vấn giữa hai kỳ họp"),
        (2, 0, "02 phiên chất vấn tại kỳ họp"),
        (0, 1, "01 phiên chất vấn giữa hai kỳ họp"),
    ],
)
def test_interpellations_at_and_between_sessions_are_worded_apart(
    council, at_session, between, words
):
    """ "01 phiên chất vấn tại kỳ họp" and "01 phiên chất vấn giữa hai kỳ họp", never one
    for the other, and a kind with none is not written."""
    oversight = {**ZERO_OVERSIGHT, "thematic": 1, "interpellation": between,
                 "interpellation_at_session": at_session}  # fmt: skip
    oversight["total"] = 1 + between + at_session
    figures = dataclasses.replace(_figures(), council_oversight=oversight)
    with translation.override("vi"):
        text = narrative(council, figures, theme="", below=[], awards=[], pledges=[])
    assert text[1] == (
        f"HĐND tỉnh Thử tổ chức {oversight['total']:02d} cuộc giám sát, khảo sát (trong đó "
        f"01 cuộc giám sát chuyên đề, {words})."
    )
    if not between:
        assert "giữa hai kỳ họp" not in text[1]
    if not at_session:
        assert "tại kỳ họp" not in text[1]
