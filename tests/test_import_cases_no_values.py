"""The reception cases sheet holds citizens' personal data: an import's messages about it
quote no value typed in any of its columns, however short (1 to 3 characters) or unusual
(a number, a list, a value padded with spaces, the template's example). They still name
the sheet, the row, the column and what to fix; nothing of the file is written."""

import pytest
from django.utils import translation

from exchange.errors import _NOT_FOUND, RowError, refused_by_database
from exchange.labels import label
from exchange.spec import BY_NAME
from tests.test_import_personal import SLUG, _case, _import
from voters.models import ReceptionCase, ReceptionDay

pytestmark = pytest.mark.django_db

SHEET = "reception_cases"
BY_COLUMNS = tuple(BY_NAME[SHEET].columns)  # the sheet's every column


EXAMPLE = "UBND phường Ví Dụ"  # the template's example agency
# Per row: its cells, and per column what its message must say (what to fix). A file
# with cells that cannot be read is refused before its rows are checked with the
# records: the rows found wrong only then are in a file of their own.
READ = [
    (
        {
            "day_date": "Ᵹ",
            "kind": "ꞁ",
            "status": "Ꞷ",
            "deadline": "ꙮ",
            "reply_date": "‽x",
            "field": "Ꝥ\x00",
            "reply_summary": "ꝺ\x00",
            "citizen_name": "Ᵽ\x00",
        },
        {
            "day_date": "write dd/mm/yyyy",
            "kind": "choose one of",
            "status": "choose one of",
            "deadline": "write dd/mm/yyyy",
            "reply_date": "write dd/mm/yyyy",
            "field": "NUL character",
            "reply_summary": "NUL character",
            "citizen_name": "NUL character",
        },
    ),
    (
        {"kind": 2.5, "status": True, "deadline": ["Ꞟ"], "reply_date": {"a": "Ꞡ"}},
        {
            "kind": "choose one of",
            "status": "choose one of",
            "deadline": "write dd/mm/yyyy",
            "reply_date": "write dd/mm/yyyy",
        },
    ),
    ({"forwarded_to": EXAMPLE}, {"forwarded_to": "the template's example"}),
    ({"kind": "  Ꞣ ", "day_place": " ꝏ "}, {"kind": "choose one of"}),
]
CHECKED = [
    ({"council": "Ꝗq"}, {"council": "must exist already"}),
    ({"day_place": "ꝏ"}, {"council": "must exist already"}),
    ({"day_place": " ꝏ "}, {"council": "must exist already"}),
    (
        {
            "summary": "ʬ\x07",
            "reply_number": "Ꝩ\x01b",
            "citizen_address": "ꞔ\x07",
            "citizen_contact": "Ꞙ",
            "citizen_name": "Ꝭ",
            "field": "Ꞥ" * 101,
        },
        {
            "summary": "U+0007",
            "reply_number": "U+0001",
            "citizen_address": "U+0007",
            "field": "100",
        },
    ),
]
# What each typed value would show in a message: its letters, never in any message.
SECRETS = ["Ꝗq", "ꝏ", "Ᵹ", "ꞁ", "Ꞷ", "ꙮ", "‽x", "Ꝥ", "ꝺ", "Ᵽ", "2.5", "True", "Ꞟ", "Ꞡ",
           "ʬ", "Ꝩ", "ꞔ", "Ꞙ", "Ꝭ", "Ꞥ", EXAMPLE, "Ví Dụ", "Ꞣ"]  # fmt: skip
COLUMNS = {column for cells, _said in READ + CHECKED for column in cells}


def _start(row: int, column: str) -> str:
    """How a line about the cell starts (the column first of those it names)."""
    return f"Sheet “{SHEET}”, row {row}, column “{label(SHEET, column)}"


def test_every_column_is_tried():
    assert set(BY_COLUMNS) == COLUMNS


@pytest.mark.parametrize("rows", [READ, CHECKED], ids=["read", "checked"])
def test_no_message_of_the_cases_sheet_quotes_a_typed_value(tmp_path, rows):
    cases = [_case(**({"summary": f"Vụ việc {n}"} | cells)) for n, (cells, _) in enumerate(rows)]
    out, err, message = _import(tmp_path, cases)

    lines = message.splitlines()
    for row, (_cells, said) in enumerate(rows, start=1):
        for column, fix in said.items():
            found = [line for line in lines if line.startswith(_start(row, column))]
            assert len(found) == 1, (row, column, message)
            assert fix in found[0], (row, column, found[0])
            assert "The cell holds" not in found[0]
    for text in (out, err, message):
        leaks = [secret for secret in SECRETS if secret in text]
        assert not leaks, (leaks, text)
    assert "(nothing was written)" in message
    assert not ReceptionDay.objects.filter(council__slug=SLUG).exists()
    assert not ReceptionCase.objects.filter(day__council__slug=SLUG).exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_reference_not_found_names_no_cell(language):
    with translation.override(language):
        typed = translation.gettext(_NOT_FOUND) % {
            "sheet": "reception_days",
            "key": "Hội đồng Ꝗq, Ngày 15/05/2023, Nơi ꝏ",
        }
        error = str(RowError(SHEET, 3, "council, day_date, day_place", typed))
    assert "Ꝗq" not in error and "15/05/2023" not in error and "ꝏ" not in error
    assert "reception_days" in error and "(…)" in error


@pytest.mark.parametrize("column", BY_COLUMNS)
@pytest.mark.parametrize("typed", ["Ꝗ", "ab", " ꝏ ", 7])
def test_any_column_hides_its_value_quoted_or_not(column, typed):
    text = str(typed).strip()
    messages = [
        f"Value {typed!r} is not a valid choice.",
        f"“{typed}” is not a valid date.",
        f'Bad value "{text}".',
        f"The value {text} is refused.",
    ]
    with translation.override("en"):
        for message in messages:
            error = str(RowError(SHEET, 2, column, message, typed))
            assert text not in error.split(": ", 1)[1], error
            assert error.startswith(_start(2, column))


def test_a_database_refusal_quotes_no_value():
    error = Exception('invalid input syntax for type date: "Ꝗq"\nDETAIL: Ꞙ')
    message = refused_by_database(SHEET, error)
    assert "Ꝗq" not in message and "Ꞙ" not in message
    assert "invalid input syntax for type date" in message
    # Another sheet says which value.
    assert "Ꝗq" in refused_by_database("sessions", error)
