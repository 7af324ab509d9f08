"""A one-council file's council fills the empty council cells only when the file names
no other council: a row left without its council is otherwise reported, not given the
file's council (exchange.implied.one_council)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from councilwork.models import Body, Council, CouncilLevel
from exchange import FORMAT, VERSION
from exchange.implied import fill
from exchange.labels import label

pytestmark = pytest.mark.django_db

DISTRICT = {"slug": "quan-mot", "name": "HĐND quận Một", "short_name": "Một",
            "level": "district"}  # fmt: skip


def _ward(slug: str) -> Council:
    return Council.objects.create(
        name=f"HĐND phường {slug}", short_name=slug, slug=slug, level=CouncilLevel.COMMUNE
    )


def _import(tmp_path, sheets: dict, **header) -> tuple[str, str]:
    path = tmp_path / "nam.json"
    document = {"format": FORMAT, "version": VERSION, **header, "sheets": sheets}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import_year", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _bodies() -> set[tuple[str, str]]:
    return set(Body.objects.values_list("council__slug", "name"))


def test_a_one_council_file_still_fills_its_council(tmp_path):
    bodies = ["Ban pháp chế", "Ban kinh tế - xã hội"]
    sheets = {
        "councils": [DISTRICT],
        "bodies": [{"council": "", "name": name, "kind": "committee"} for name in bodies],
    }
    before = _bodies()
    _import(tmp_path, sheets)
    assert _bodies() - before == {("quan-mot", name) for name in bodies}


def test_the_headers_council_fills_when_no_other_council_is_typed(tmp_path):
    _ward("phuong-hai")
    sheets = {"bodies": [{"name": "Ban pháp chế", "kind": "committee"}]}
    before = _bodies()
    _import(tmp_path, sheets, council="phuong-hai")
    assert _bodies() - before == {("phuong-hai", "Ban pháp chế")}


@pytest.mark.parametrize("header", [{}, {"council": "quan-mot"}])
def test_a_second_council_in_the_file_leaves_the_empty_cell_reported(tmp_path, header):
    """The district's file with a ward's rows: a ward row left without its council is
    refused, not imported as the district's; nothing is written."""
    _ward("phuong-hai")
    councils_before = set(Council.objects.values_list("slug", flat=True))
    bodies_before = _bodies()
    sheets = {
        "councils": [DISTRICT],
        "bodies": [
            {"council": "phuong-hai", "name": "Thường trực HĐND", "kind": "standing_committee"},
            {"council": None, "name": "Ban pháp chế", "kind": "committee"},
        ],
    }
    with pytest.raises(CommandError) as raised:
        _import(tmp_path, sheets, **header)
    message = str(raised.value)
    assert "nothing was written" in message
    assert "Sheet “bodies”, row 2, column" in message
    assert f"“{label('bodies', 'council')}” (council)" in message
    assert "row 1" not in message  # the ward's own row is right
    assert _bodies() == bodies_before
    assert set(Council.objects.values_list("slug", flat=True)) == councils_before


def test_an_optional_council_column_naming_another_council_counts():
    """A recipient's or subject's council is typed in the file too: no council implied."""
    scorecard = {"year": 2023, "subject_kind": "council", "subject_council": "phuong-hai"}
    bodies = [(1, {"name": "Ban pháp chế"})]
    sheets = {"councils": [(1, dict(DISTRICT))], "bodies": bodies, "scorecards": [(1, scorecard)]}
    fill({}, sheets)
    assert "council" not in bodies[0][1]
    assert "council" not in scorecard
    # The same file with the district as the subject: one council, filled.
    scorecard["subject_council"] = "quan-mot"
    fill({}, sheets)
    assert bodies[0][1]["council"] == scorecard["council"] == "quan-mot"


def test_a_councils_parent_is_not_another_council_of_the_file():
    bodies = [(1, {"name": "Ban pháp chế"})]
    ward = {"slug": "phuong-ba", "name": "HĐND phường Ba", "parent": "quan-mot"}
    fill({}, {"councils": [(1, ward)], "bodies": bodies})
    assert bodies[0][1]["council"] == "phuong-ba"
