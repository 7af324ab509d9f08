"""Cells a file implies (exchange.implied.fill): filled only where left empty, never replaced."""

import datetime as dt
import io
import json

import pytest
from django.utils import translation

from councilwork.models import Council, CouncilLevel, Term
from exchange.implied import fill, own_council_columns, written_number
from exchange.spec import BY_NAME
from sessions.models import Session

pytestmark = pytest.mark.django_db

NEW_TERM = dt.date(2021, 6, 25)
OLD_TERM = dt.date(2016, 6, 28)
FILE_TERMS = [
    (1, {"council": "xa-moi", "start_date": "25/06/2021", "end_date": "30/06/2026"}),
    (2, {"council": "xa-moi", "start_date": OLD_TERM.isoformat(), "end_date": "24/06/2021"}),
]


def stored_council(slug: str) -> Council:
    """A council of the database with two terms (not in the file)."""
    council = Council.objects.create(
        name=f"HĐND xã {slug}", short_name=slug, slug=slug, level=CouncilLevel.COMMUNE
    )
    for start, end in ((OLD_TERM, dt.date(2021, 6, 24)), (NEW_TERM, dt.date(2026, 6, 30))):
        Term.objects.create(council=council, name=str(start.year), start_date=start, end_date=end)
    return council


def test_a_sessions_term_from_the_files_terms(django_assert_max_num_queries):
    sessions = [
        (1, {"council": "xa-moi", "number": 3, "start_date": "15/03/2023", "term_start": None}),
        (2, {"council": "xa-moi", "number": 9, "start_date": dt.datetime(2019, 5, 2)}),
        (3, {"council": "xa-moi", "number": 1, "start_date": "2021-07-01", "term_start": " "}),
    ]
    sheets = {"terms": FILE_TERMS, "sessions": sessions}
    with django_assert_max_num_queries(1):  # the terms of the file's councils, once
        assert fill({}, sheets) == []
    assert [row["term_start"] for _n, row in sessions] == [NEW_TERM, OLD_TERM, NEW_TERM]


def test_the_rows_citing_a_session_or_a_seat_take_its_term(django_assert_max_num_queries):
    sheets = {
        "terms": FILE_TERMS,
        "sessions": [(1, {"council": "xa-moi", "number": "2", "start_date": "05/07/2021"})],
        "deputies": [
            (1, {"person": "Lê Văn Bình", "council": "xa-moi"}),
            (2, {"person": "Trần Thị Hoa", "council": "xa-moi", "started_on": "01/10/2019"}),
        ],
        "memberships": [
            (1, {"person": "Lê Văn Bình", "council": "xa-moi", "start_date": "25/06/2021"}),
        ],
        "resolutions": [
            (1, {"council": "xa-moi", "session_number": 2, "number": 5, "adopted_on": "06/07/2021"})
        ],
        "attendance": [
            (1, {"council": "xa-moi", "session_number": 2, "sitting_day": "05/07/2021"}),
        ],
        "votes": [
            (
                1,
                {
                    "council": "xa-moi",
                    "session_number": 2,
                    "resolution_adopted_on": "06/07/2021",
                    "resolution_number": 5,
                    "voted_on": "06/07/2021",
                    "subject": "",
                },
            ),
        ],
        "roll_call_votes": [
            (
                1,
                {
                    "council": "xa-moi",
                    "session_number": 2,
                    "resolution_adopted_on": "06/07/2021",
                    "resolution_number": 5,
                    "subject": None,
                    "deputy": "Lê Văn Bình",
                },
            ),
        ],
        "voter_meetings": [
            (1, {"council": "xa-moi", "session_number": 2, "date": "20/06/2021"}),
            (2, {"council": "xa-moi", "session_number": None, "date": "20/06/2022"}),
        ],
    }
    with django_assert_max_num_queries(2):  # the terms, then the stored sessions
        fill({"year": 2023}, sheets)
    assert sheets["sessions"][0][1]["term_start"] == NEW_TERM
    assert sheets["deputies"][0][1]["term_start"] == NEW_TERM  # the only term of 2023
    assert sheets["deputies"][1][1]["term_start"] == OLD_TERM  # the seat began in 2019
    assert sheets["memberships"][0][1]["term_start"] == NEW_TERM
    assert sheets["resolutions"][0][1]["session_term_start"] == NEW_TERM
    assert sheets["attendance"][0][1]["term_start"] == NEW_TERM
    assert sheets["votes"][0][1]["term_start"] == NEW_TERM
    assert sheets["roll_call_votes"][0][1]["term_start"] == NEW_TERM
    # Held before the session, in the old term: the session's term, not the date's.
    assert sheets["voter_meetings"][0][1]["session_term_start"] == NEW_TERM
    assert "session_term_start" not in sheets["voter_meetings"][1][1]  # no session named


def test_terms_and_sessions_from_the_database(django_assert_max_num_queries):
    council = stored_council("xa-luu")
    term = council.terms.get(start_date=OLD_TERM)
    Session.objects.create(
        council=council, term=term, number=12, kind="regular",
        start_date=dt.date(2021, 6, 20), end_date=dt.date(2021, 6, 20),
    )  # fmt: skip
    sheets = {
        "sessions": [(1, {"council": "xa-luu", "number": 1, "start_date": "01/07/2021"})],
        # Adopted at the old term's last session, stored; the date alone would not tell.
        "resolutions": [
            (
                1,
                {
                    "council": "xa-luu",
                    "session_number": 12,
                    "number": 1,
                    "adopted_on": dt.date(2021, 6, 28),
                },
            ),
        ],
    }
    with django_assert_max_num_queries(2):
        assert fill({}, sheets) == []
    assert sheets["sessions"][0][1]["term_start"] == NEW_TERM
    assert sheets["resolutions"][0][1]["session_term_start"] == OLD_TERM


def test_a_typed_value_is_never_replaced(django_assert_num_queries):
    typed = {"council": "xa-moi", "number": 3, "start_date": "15/03/2023",
             "term_start": "01/01/2099"}  # fmt: skip
    wrong = {
        "council": "xa-moi",
        "number": "01/NQ-HĐND",
        "symbol": "NQ-HĐND",
        "session_number": 3,
        "session_term_start": "không rõ",
        "adopted_on": "15/03/2023",
    }
    sheets = {
        "councils": [(1, {"slug": "xa-moi", "name": "HĐND xã Mới", "level": "commune"})],
        "terms": FILE_TERMS,
        "sessions": [(1, dict(typed))],
        "resolutions": [(1, dict(wrong))],
        "bodies": [(1, {"council": "xa-khac", "name": "Thường trực HĐND"})],
    }
    with django_assert_num_queries(0):  # nothing left out: nothing to look up
        fill({}, sheets)
    assert sheets["sessions"][0][1] == typed
    assert sheets["resolutions"][0][1] == {**wrong, "number": 1}  # only the number split
    assert sheets["bodies"][0][1]["council"] == "xa-khac"


def test_a_one_council_files_council_fills_only_the_rows_own_council():
    sheets = {
        "councils": [(1, {"slug": "xa-moi", "name": "HĐND xã Mới", "parent": None})],
        "terms": [(1, {"start_date": "25/06/2021", "end_date": "30/06/2026"})],
        "bodies": [(1, {"council": "", "name": "Thường trực HĐND xã Mới"})],
        "memberships": [
            (
                1,
                {
                    "person": "Lê Văn Bình",
                    "body": "Thường trực HĐND xã Mới",
                    "start_date": "01/07/2021",
                },
            )
        ],
        "awards": [(1, {"decision_number": "12/QĐ-UBND", "recipient_person": "Lê Văn Bình"})],
        "scorecards": [(1, {"year": 2023, "subject_kind": "deputy"})],
        "pledges": [(1, {"year": 2024, "body": "Thường trực HĐND xã Mới"})],
    }
    fill({}, sheets)
    row = {name: rows[0][1] for name, rows in sheets.items()}
    assert row["councils"]["parent"] is None
    assert row["terms"]["council"] == row["bodies"]["council"] == "xa-moi"
    assert row["memberships"]["council"] == "xa-moi"
    assert row["memberships"]["term_start"] == NEW_TERM  # then the term, from that council
    assert "recipient_council" not in row["awards"]
    assert "recipient_body_council" not in row["awards"]
    assert row["scorecards"]["council"] == "xa-moi"
    assert "subject_council" not in row["scorecards"]
    assert row["pledges"]["council"] == row["pledges"]["body_council"] == "xa-moi"


def test_the_headers_council_when_the_file_has_no_councils_sheet():
    sheets = {"bodies": [(1, {"name": "Thường trực HĐND"})]}
    fill({"council": "xa-moi"}, sheets)
    assert sheets["bodies"][0][1]["council"] == "xa-moi"
    two = {
        "councils": [(1, {"slug": "quan-a"}), (2, {"slug": "phuong-b"})],
        "bodies": [(1, {"name": "Thường trực HĐND"})],
    }
    fill({"council": "quan-a"}, two)
    assert "council" not in two["bodies"][0][1]  # several councils: each row says its own


def test_the_own_council_columns_come_from_the_references():
    assert own_council_columns(BY_NAME["councils"]) == ()
    assert own_council_columns(BY_NAME["award_nominees"]) == ("dossier_council",)
    assert own_council_columns(BY_NAME["scores"]) == ("council",)
    assert own_council_columns(BY_NAME["roll_call_votes"]) == ("council",)


@pytest.mark.parametrize(
    ("typed", "number", "symbol"),
    [
        ("01/NQ-HĐND", 1, "NQ-HĐND"),
        ("Số 01/NQ-HĐND", 1, "NQ-HĐND"),
        ("số: 12 / NQ-HĐND", 12, "NQ-HĐND"),
        ("01/2023/NQ-HĐND", 1, "2023/NQ-HĐND"),
        ("SỐ 07", 7, None),
    ],
)
def test_a_number_written_with_its_symbol_is_split(typed, number, symbol):
    assert written_number(typed) == (number, symbol)
    row = {"council": "xa-moi", "number": typed, "symbol": None, "adopted_on": "15/03/2023"}
    fill({}, {"resolutions": [(1, row)]})
    assert row["number"] == number
    assert row["symbol"] == symbol


def test_a_symbol_that_differs_is_left_for_the_parser():
    row = {"council": "xa-moi", "number": "01/NQ-HĐND", "symbol": "NQ-TTHĐND"}
    vote = {"council": "xa-moi", "resolution_adopted_on": "15/03/2023",
            "resolution_number": "02/QĐ-HĐND", "term_start": "25/06/2021"}  # fmt: skip
    resolution = {"council": "xa-moi", "number": 2, "adopted_on": "15/03/2023"}
    with translation.override("en"):
        warnings = fill({}, {"resolutions": [(1, row), (2, resolution)], "votes": [(4, vote)]})
    assert row["number"] == "01/NQ-HĐND"
    assert vote["resolution_number"] == "02/QĐ-HĐND"  # the resolution's symbol is NQ-HĐND
    assert len(warnings) == 2
    assert "“resolutions”, row 1" in warnings[0] and "NQ-TTHĐND" in warnings[0]
    assert "“votes”, row 4" in warnings[1]
    assert written_number("01") is None and written_number(1) is None
    assert written_number("NQ-HĐND") is None


def test_a_date_no_term_covers_is_left_empty_with_a_warning():
    sessions = [(7, {"council": "xa-moi", "number": 1, "start_date": "15/03/2030"})]
    unreadable = [(8, {"council": "xa-moi", "number": 2, "start_date": "31/02/2023"})]
    with translation.override("en"):
        warnings = fill({}, {"terms": FILE_TERMS, "sessions": sessions + unreadable})
    assert "term_start" not in sessions[0][1]
    assert "term_start" not in unreadable[0][1]  # the parser reports the date
    assert len(warnings) == 1
    assert "“sessions”, row 7" in warnings[0] and "15/03/2030" in warnings[0]


def test_a_one_council_file_typed_once_imports(tmp_path):
    """A ward's file naming its council once, no term start, numbers as written: imported."""
    from django.core.management import call_command

    from exchange import FORMAT, VERSION
    from sessions.models import Resolution

    sessions = [(1, "regular", "06/07/2023"), (2, "thematic", "20/10/2023")]
    numbers = ["01/NQ-HĐND", "Số 02/NQ-HĐND", "03/2023/NQ-HĐND"]
    sheets = {
        "councils": [{"slug": "xa-mot", "name": "HĐND xã Một", "short_name": "Một",
                      "level": "commune"}],
        "terms": [{"start_date": "25/06/2021", "name": "2021–2026", "end_date": "30/06/2026"}],
        "sessions": [
            {"number": n, "kind": kind, "start_date": day, "end_date": day}
            for n, kind, day in sessions
        ],
        "resolutions": [
            {"session_number": 2, "number": written, "adopted_on": "20/10/2023",
             "title": f"Nghị quyết {index}"}
            for index, written in enumerate(numbers)
        ],
    }  # fmt: skip
    path = tmp_path / "xa-mot.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "sheets": sheets}))
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    stored = Resolution.objects.filter(council__slug="xa-mot")
    assert sorted(r.code for r in stored) == ["01/NQ-HĐND", "02/NQ-HĐND", "03/2023/NQ-HĐND"]
    assert {(r.session.number, r.session.term.start_date) for r in stored} == {(2, NEW_TERM)}
    assert Session.objects.filter(council__slug="xa-mot", term__start_date=NEW_TERM).count() == 2


def test_one_pattern_reads_a_number_written_with_its_symbol():
    """The parser's message for such a cell (rows) reads it with implied's pattern."""
    from exchange import rows
    from exchange.implied import WRITTEN_NUMBER
    from exchange.rows import parse_row

    assert rows.WRITTEN_NUMBER is WRITTEN_NUMBER
    assert not hasattr(rows, "_WITH_SYMBOL")
    with translation.override("en"):
        _values, (error,) = parse_row(BY_NAME["resolutions"], 3, {"number": " Số 01 / NQ-HĐND "})
    assert "write the number in the column" in error.message
    assert "(01)" in error.message and "(NQ-HĐND)" in error.message
