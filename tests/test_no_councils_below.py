"""A council with no councils below shows no "councils below" anywhere.

A district whose wards have no councils (Hà Nội's districts before 2021) holds its own
sessions, oversight and awards, and nothing under it: year_summary (table and JSON), the
summary page, figures.xlsx, report.docx and the narrative name no level below, no
"Kỳ họp của HĐND cấp xã 00" row, no empty "Cấp xã" sheet, no "HĐND các cấp". A district
WITH a ward that recorded nothing still shows its rows, with zeros.
"""

import io
import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from tests.oracle_trees import D, Tree

pytestmark = pytest.mark.django_db

YEAR = 2023
# What a level below writes, in each output, for the commune level.
LEVEL_WORDS = ("HĐND cấp xã", "Cấp xã", "HĐND các phường", "các phường", "HĐND các cấp")


@pytest.fixture
def tree():
    """ "alone": a district with no council below; "with": a district over one ward that
    recorded nothing in the year. Both hold the same own records and awards."""
    t = Tree("ncb")
    t.council("alone", "HĐND quận Ba Đình", "district")
    t.council("with", "HĐND quận Hoàn Kiếm", "district")
    t.council("ward", "HĐND phường Tràng Tiền", "commune", parent="with")
    # "gone": its only ward ended in 2022, so it had councils below in 2022 and none in 2023.
    t.council("gone", "HĐND quận Tây Hồ", "district")
    t.council("old", "HĐND phường Quảng An", "commune", parent="gone", dissolved_on=D(2022, 6, 30))
    t.session("gone", "regular", D(YEAR, 7, 11), resolutions=(D(YEAR, 7, 11),))
    t.session("old", "regular", D(2022, 3, 1), resolutions=(D(2022, 3, 1),))
    for key in ("alone", "with"):
        t.session(key, "regular", D(YEAR, 7, 10), resolutions=(D(YEAR, 7, 10),) * 3)
        t.activity(key, "thematic", D(YEAR, 5, 1))
        t.activity(key, "interpellation", D(YEAR, 9, 1))
        t.person(f"{key}-p", f"Nguyễn Văn {key.title()}", key)
        decision = t.decision(key, YEAR, D(YEAR, 12, 20))
        t.award(decision, body=(key, "committee"))
        t.award(decision, person=f"{key}-p")
        t.pledge(key, YEAR + 1, key, "committee", D(YEAR, 12, 25))
    return t


def summary_text(slug: str, year: int = YEAR) -> str:
    out = StringIO()
    with translation.override("vi"):
        call_command("year_summary", str(year), "--council", slug, stdout=out)
    return out.getvalue()


def summary_json(slug: str, year: int = YEAR) -> dict:
    out = StringIO()
    call_command("year_summary", str(year), "--council", slug, "--json", stdout=out)
    return json.loads(out.getvalue())


def download(client, slug: str, name: str) -> bytes:
    response = client.get(f"/summary/{YEAR}/{name}", {"council": slug})
    assert response.status_code == 200, (slug, name, response.status_code)
    return response.content


def docx_text(client, slug: str) -> str:
    from docx import Document

    document = Document(io.BytesIO(download(client, slug, "report.docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_year_summary_table_has_no_rows_below(tree):
    alone = summary_text(tree.slug("alone"))
    assert not [word for word in LEVEL_WORDS if word in alone], alone
    with_ward = summary_text(tree.slug("with"))
    # The ward recorded nothing: its level's rows are there, with zeros.
    assert "Kỳ họp và nghị quyết của HĐND cấp xã" in with_ward
    assert "Giám sát của HĐND cấp xã" in with_ward
    assert alone.count("\n") < with_ward.count("\n")


def test_year_summary_json_below_is_an_empty_dict(tree):
    alone, with_ward = summary_json(tree.slug("alone")), summary_json(tree.slug("with"))
    assert alone["below"] == {}
    assert with_ward["below"]["commune"]["councils"] == 1
    assert with_ward["below"]["commune"]["sessions"]["total"] == 0
    assert with_ward["below"]["commune"]["oversight"]["total"] == 0
    assert sorted(alone) == sorted(with_ward)  # the same keys either way


def test_the_page_shows_no_level_below(tree, secretariat_client):
    pages = {}
    for key in ("alone", "with"):
        response = secretariat_client.get(f"/summary/{YEAR}/", {"council": tree.slug(key)})
        assert response.status_code == 200
        pages[key] = response.content.decode()
    assert 'data-key="below.' not in pages["alone"]
    assert 'id="below-' not in pages["alone"]
    assert not [word for word in LEVEL_WORDS if word in pages["alone"]]
    assert 'data-key="below.commune.sessions.total"' in pages["with"]
    assert 'id="below-commune"' in pages["with"]
    assert "HĐND phường Tràng Tiền" in pages["with"]


def test_figures_xlsx_has_no_sheet_below(tree, secretariat_client):
    sheets = {}
    for key in ("alone", "with"):
        content = download(secretariat_client, tree.slug(key), "figures.xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheets[key] = workbook
    assert "Cấp xã" not in sheets["alone"].sheetnames
    assert "Cấp xã" in sheets["with"].sheetnames
    groups = {row[0] for row in sheets["alone"]["Tổng hợp"].iter_rows(values_only=True)}
    assert not [g for g in groups if isinstance(g, str) and "cấp xã" in g]
    groups = {row[0] for row in sheets["with"]["Tổng hợp"].iter_rows(values_only=True)}
    assert [g for g in groups if isinstance(g, str) and "cấp xã" in g]


def test_report_docx_and_narrative_name_no_councils_below(tree, secretariat_client):
    alone = docx_text(secretariat_client, tree.slug("alone"))
    assert not [word for word in LEVEL_WORDS if word in alone]
    # The awards sentence: the work of the People's Council, not "HĐND các cấp".
    assert "trong hoạt động của HĐND năm 2023" in alone
    with_ward = docx_text(secretariat_client, tree.slug("with"))
    assert "HĐND các cấp" in with_ward
    assert "HĐND các phường" in with_ward
    response = secretariat_client.get(f"/summary/{YEAR}/", {"council": tree.slug("alone")})
    narrative = " ".join(response.context["summary"].narrative)
    assert "HĐND các cấp" not in narrative and "01 phiên chất vấn giữa hai kỳ họp" in narrative


def test_councils_below_that_ended_the_year_before_show_no_rows(tree, secretariat_client):
    """Not "had councils below once": had councils below in the year."""
    slug = tree.slug("gone")
    assert summary_json(slug, 2022)["below"]["commune"]["councils"] == 1
    assert "Kỳ họp và nghị quyết của HĐND cấp xã" in summary_text(slug, 2022)
    assert summary_json(slug)["below"] == {}
    assert not [word for word in LEVEL_WORDS if word in summary_text(slug)]
    page = secretariat_client.get(f"/summary/{YEAR}/", {"council": slug}).content.decode()
    assert 'data-key="below.' not in page and 'id="below-' not in page
    content = download(secretariat_client, slug, "figures.xlsx")
    assert "Cấp xã" not in openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    assert "HĐND các cấp" not in docx_text(secretariat_client, slug)
