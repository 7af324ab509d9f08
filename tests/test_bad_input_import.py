"""Generated bad files for import_year: refused with a translated message, nothing written."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from tests.bad_input_checks import changed, counts
from tests.bad_input_support import BOUNDED, LONG, nasty_values

pytestmark = pytest.mark.django_db


def documents() -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, content): a valid header with bad rows, a broken header, or no JSON.

    Every row has a key column holding 10 000 characters, which no column of the
    format accepts, so no generated file is a valid one.
    """
    from exchange import FORMAT, VERSION
    from exchange.spec import SHEETS

    cell = st.one_of(
        nasty_values(),
        st.none(),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.just([]),
        st.just({}),
    )

    def row(sheet, too_long: str):
        others = {column: cell for column in sheet.columns if column != too_long}
        return st.fixed_dictionaries({too_long: st.sampled_from(LONG)}, optional=others)

    def rows(sheet):
        key = st.sampled_from(sheet.key_columns)
        return st.lists(key.flatmap(lambda column: row(sheet, column)), min_size=1, max_size=3)

    bad_rows = st.lists(st.sampled_from(SHEETS), min_size=1, max_size=3, unique=True).flatmap(
        lambda sheets: st.fixed_dictionaries({sheet.name: rows(sheet) for sheet in sheets})
    )
    valid_header = st.fixed_dictionaries(
        {"format": st.just(FORMAT), "version": st.just(VERSION), "sheets": bad_rows},
        optional={"year": cell, "council": st.one_of(st.just("duong-kinh"), cell)},
    )
    bad_format = nasty_values().filter(lambda value: value != FORMAT)
    bad_version = st.one_of(
        st.integers().filter(lambda value: value != VERSION),
        st.sampled_from(["2", "0", "-1", "v1", "", "1e309", "NaN", "Infinity"]),
        st.none(),
        st.just([VERSION]),
    )
    not_sheets = st.one_of(nasty_values(), st.lists(cell, max_size=3), st.none(), st.integers())
    not_rows = st.fixed_dictionaries(
        {"councils": st.one_of(nasty_values(), st.none(), st.integers(), st.just({}))}
    )
    broken_header = st.one_of(
        st.builds(lambda f: {"format": f, "version": VERSION, "sheets": {}}, bad_format),
        st.builds(lambda v: {"format": FORMAT, "version": v, "sheets": {}}, bad_version),
        st.builds(lambda s: {"format": FORMAT, "version": VERSION, "sheets": s}, not_sheets),
        st.builds(lambda s: {"format": FORMAT, "version": VERSION, "sheets": s}, not_rows),
        st.just({"format": FORMAT, "version": VERSION}),
        st.lists(cell, max_size=3),
        cell,
    )
    as_json = st.one_of(valid_header, broken_header).map(
        lambda document: json.dumps(document, ensure_ascii=False).encode()
    )
    return st.one_of(
        as_json.map(lambda content: ("year.json", content)),
        nasty_values().map(lambda text: ("year.json", text.encode())),
        st.binary(max_size=200).map(lambda content: ("year.json", content)),
        # A zip's first bytes make it read as a workbook; the rest is not one.
        st.binary(max_size=200).map(lambda content: ("year.xlsx", b"PK\x03\x04" + content)),
        st.binary(max_size=50).map(lambda content: ("year.xlsx", content)),
    )


def _header(**sheets) -> bytes:
    return json.dumps({"format": "councilwork-year", "version": 1, "sheets": sheets}).encode()


@BOUNDED
@given(document=documents())
@example(document=("year.json", b"9" * 10_000))  # beyond Python's int() digit limit
@example(document=("year.json", b"[" * 100_000 + b"]" * 100_000))  # nested past recursion
@example(document=("year.json", _header(campaigns=[{"council": "duong-kinh", "year": LONG[2]}])))
@example(document=("year.json", _header(people=[{"full_name": "a\x00b"}])))  # NUL in a key
@example(document=("year.json", _header(people=[{"full_name": "An", "position": "a\x00b"}])))
@example(document=("year.xlsx", b"PK\x03\x04" + b"\x00" * 100))
def test_import_year_refuses_bad_files(tmp_path_factory, document):
    name, content = document
    path = tmp_path_factory.mktemp("import") / name
    path.write_bytes(content)
    with transaction.atomic(), translation.override("vi"):
        before = counts()
        with pytest.raises(CommandError) as refused:  # and no other exception
            call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
        message = str(refused.value)
        assert changed(before, counts()) == {}, message[:500]
        with translation.override("en"), pytest.raises(CommandError) as in_english:
            call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
        # The message is translated: the Vietnamese one is not the English one.
        assert message.strip() and message != str(in_english.value), message[:500]
        transaction.set_rollback(True)
