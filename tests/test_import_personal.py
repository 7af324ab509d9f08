"""An import's messages never show a citizen's personal data (a reception case's name,
address, contact: exchange.errors.personal): they name sheet, row and column, not the
value, since import_year's output may reach a log; nor does any other column of that
sheet (tests/test_import_cases_no_values.py); other sheets still quote theirs."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from councilwork.models import Council, CouncilLevel
from exchange import FORMAT, VERSION
from exchange.errors import RowError
from exchange.labels import label
from exchange.values import Formula
from voters.models import CITIZEN_FIELDS, ReceptionCase, ReceptionDay

pytestmark = pytest.mark.django_db

SLUG = "phuong-rieng-tu"
NAME = "Trần Thị Bé Na"
ADDRESS = "Số 17 ngõ 5 phố Hàng Bông"
CONTACT = "0912 345 678"
DAY = {"council": SLUG, "date": "15/05/2023", "place": "Trụ sở tiếp công dân", "citizens": 2}


def _case(**changes) -> dict:
    return {"council": SLUG, "day_date": DAY["date"], "day_place": DAY["place"],
            "kind": "petition", "field": "Đất đai", "summary": "Đề nghị cấp sổ đỏ",
            "citizen_name": NAME, "citizen_address": ADDRESS, "citizen_contact": CONTACT,
            "forwarded_to": "UBND phường", "status": "forwarded", **changes}  # fmt: skip


def _import(tmp_path, cases: list[dict]) -> tuple[str, str, str]:
    """import_year on a file of the cases; (stdout, stderr, the refusal)."""
    Council.objects.create(
        name="HĐND phường Riêng Tư", short_name="Riêng Tư", slug=SLUG, level=CouncilLevel.COMMUNE
    )
    path = tmp_path / "nam.json"
    sheets = {"reception_days": [DAY], "reception_cases": cases}
    document = {"format": FORMAT, "version": VERSION, "sheets": sheets}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised, translation.override("en"):
        call_command("import_year", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(raised.value)


def _line(message: str, row: int, column: str) -> str:
    start = f"Sheet “reception_cases”, row {row}, column “{label('reception_cases', column)}”"
    (line,) = [line for line in message.splitlines() if line.startswith(start)]
    return line


def test_a_bad_personal_cell_is_named_but_its_value_not_shown(tmp_path):
    """A contact holding a NUL and a deadline that is no date, in one row: both reported;
    neither value quoted; nothing written."""
    contact = "0912\x00345 678"
    cases = [_case(citizen_contact=contact, deadline="31/02/2023")]
    out, err, message = _import(tmp_path, cases)

    assert "(nothing was written): 2 errors." in message
    personal = _line(message, 1, "citizen_contact")
    assert "(citizen_contact): The text contains a NUL character." in personal
    assert "0912" not in personal and "345 678" not in personal
    assert "The cell holds" not in personal
    deadline = _line(message, 1, "deadline")
    assert "“…” is not a valid date" in deadline and "31/02" not in deadline
    for text in (out, err, message):
        assert "0912" not in text and NAME not in text
    assert not ReceptionDay.objects.filter(council__slug=SLUG).exists()
    assert ReceptionCase.objects.filter(day__council__slug=SLUG).count() == 0


def test_no_message_of_a_refused_file_holds_the_citizens_name(tmp_path):
    """A NUL in the address, the template's example as the name: reported, quoting
    neither; no message holds the citizen's name, address or contact."""
    cases = [
        _case(citizen_address=ADDRESS + "\x00"),
        _case(summary="Đề nghị khác"),
        _case(summary="Thứ ba", citizen_name="Người Ví Dụ"),  # the template's example
    ]
    out, err, message = _import(tmp_path, cases)

    assert "(nothing was written): 2 errors." in message
    first = _line(message, 1, "citizen_address")
    assert "(citizen_address): The text contains a NUL character." in first
    third = _line(message, 3, "citizen_name")
    assert "“…” is the template's example" in third and "Người Ví Dụ" not in third
    for text in (out, err, message):
        assert NAME not in text and ADDRESS not in text and CONTACT not in text
    assert ReceptionCase.objects.filter(day__council__slug=SLUG).count() == 0


def test_a_too_long_name_checked_by_the_model_is_not_quoted(tmp_path):
    """Found when the record is checked, after the rows are read: the name too long for
    its field, another row's status without the reply's date."""
    long_name = NAME + " " + "x" * 200
    cases = [_case(citizen_name=long_name), _case(summary="Đề nghị khác", status="answered")]
    out, err, message = _import(tmp_path, cases)

    assert "(nothing was written): 2 errors." in message
    line = _line(message, 1, "citizen_name")
    assert "200" in line  # the field's limit is said
    assert "Sheet “reception_cases”, row 2" in message
    for text in (out, err, message):
        assert NAME not in text and "xxxxx" not in text
    assert ReceptionCase.objects.filter(day__council__slug=SLUG).count() == 0


@pytest.mark.parametrize("column", CITIZEN_FIELDS)
def test_every_personal_column_hides_its_value_a_formula_too(column):
    with translation.override("en"):
        typed = RowError("reception_cases", 4, column, "Bad value “Lê Văn Tư”.", "Lê Văn Tư")
        formula = Formula('The cell holds a formula (="Lê Văn"&" Tư"), which …')
        computed = RowError("reception_cases", 5, column, str(formula), formula)
        other = RowError("sessions", 4, "location", "Bad value.", "Lê Văn Tư")
    assert "Lê Văn" not in str(typed) and "“…”" in str(typed)
    assert "Lê Văn" not in str(computed) and "formula" in str(computed)
    assert "“Lê Văn Tư”" in str(other)  # another sheet's value is still quoted


def test_a_database_refusal_of_a_case_row_does_not_repeat_the_row():
    """PostgreSQL's detail of a refused row repeats the whole row, the citizen's included."""
    from exchange.errors import refused_by_database

    error = Exception(
        'new row for relation "voters_receptioncase" violates check constraint "x"\n'
        f"DETAIL:  Failing row contains (7, {NAME}, {ADDRESS}, {CONTACT})."
    )
    message = refused_by_database("reception_cases", error)
    assert "violates check constraint" in message
    assert all(secret not in message for secret in (NAME, ADDRESS, CONTACT))
    # Other sheets keep the detail, which says which key or value was refused.
    assert "Failing row contains" in refused_by_database("sessions", error)
