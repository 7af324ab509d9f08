"""The template's example person is a name no one bears ("Người Ví Dụ"): refused in a
row, while a real person named as the earlier example ("Nguyễn Văn A") imports."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from councilwork.models import Person
from exchange import FORMAT, VERSION
from exchange.examples import EARLIER_PERSON, PERSON, examples, is_example, leaked, made_up
from exchange.guide import entries
from exchange.values import parse

pytestmark = pytest.mark.django_db


def _import(tmp_path, people: list[dict]) -> str:
    path = tmp_path / "nam.json"
    document = {"format": FORMAT, "version": VERSION, "sheets": {"people": people}}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_year", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_real_nguyen_van_a_imports(tmp_path):
    people = [
        {"full_name": "Nguyễn Văn A", "gender": "male", "position": "Đại biểu"},
        {"full_name": "Trần Thị B", "gender": "female", "position": "Đại biểu"},
    ]
    _import(tmp_path, people)
    stored = Person.objects.filter(full_name__in=[p["full_name"] for p in people])
    assert sorted(stored.values_list("full_name", "gender")) == sorted(
        (p["full_name"], p["gender"]) for p in people
    )


@pytest.mark.parametrize("typed", [PERSON, PERSON.upper(), f"  {PERSON} "])
def test_the_example_person_is_refused_and_nothing_written(tmp_path, typed):
    people = [
        {"full_name": "Lê Văn Cường", "gender": "male"},
        {"full_name": typed, "gender": "male", "position": "Chủ tịch HĐND phường"},
    ]
    before = set(Person.objects.values_list("full_name", flat=True))
    with pytest.raises(CommandError) as raised:
        _import(tmp_path, people)
    message = str(raised.value)
    assert "Sheet “people”, row 2, column" in message and "(full_name)" in message
    assert f"“{typed.strip()}” is the template's example, not a real value" in message
    assert set(Person.objects.values_list("full_name", flat=True)) == before


def test_the_example_person_is_the_new_name_everywhere():
    assert PERSON == "Người Ví Dụ"
    assert PERSON.casefold() in made_up() and EARLIER_PERSON.casefold() not in made_up()
    persons = {"full_name", "person", "deputy", "deputies", "signatory"}
    for sheet, row in examples().items():
        assert EARLIER_PERSON not in row.values(), sheet
        for column in persons & set(row):
            if isinstance(row[column], str):  # a vote's "deputies" is a count
                assert row[column] == PERSON, (sheet, column)
    for sheet in ("people", "deputies", "attendance", "pledges"):
        notes = "\n".join(entry.note for entry in entries(sheet))  # the guide and header notes
        assert f"Ví dụ: {PERSON}" in notes and EARLIER_PERSON not in notes, sheet
    assert leaked("people", {"full_name": EARLIER_PERSON}) is None
    assert leaked("deputies", {"person": PERSON}).column == "person"


def test_a_version_1_example_row_naming_the_earlier_person_is_still_the_example():
    sheet_rows = {"people": examples()["people"], "deputies": examples()["deputies"]}
    for name, row in sheet_rows.items():
        earlier = {c: EARLIER_PERSON if v == PERSON else v for c, v in row.items()}
        parsed = {c: parse("text", v) if isinstance(v, str) else v for c, v in earlier.items()}
        assert is_example(name, parsed), name
    changed = {**examples()["people"], "full_name": "Nguyễn Văn B"}
    assert not is_example("people", changed)
