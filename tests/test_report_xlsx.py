"""figures.xlsx as downloaded: title blocks, borders, print setup, Vietnamese numbers, levels.

Each tree is built here from plain lists (sessions per council and year, one resolution
each), and every figure the workbook holds is compared with a count of those lists.
"""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import timezone
from openpyxl.utils import get_column_letter

from councilwork.models import Council, CouncilLevel, Term
from sessions.models import Resolution, Session

pytestmark = pytest.mark.django_db

YEAR = 2023
# Sessions per council and year; each session adopts one resolution the day it opens.
COMMUNES = {  # a district whose councils below are communes (wards)
    "top": {2023: 4, 2022: 1},
    "w1": {2023: 2, 2022: 3},
    "w2": {2023: 1, 2022: 1},
}
DISTRICTS = {  # a province whose councils below are districts, one with a commune below
    "top": {2023: 2, 2022: 2},
    "d1": {2023: 3, 2022: 1},
    "d2": {2023: 0, 2022: 2},
    "c1": {2023: 1, 2022: 1},
}
PORTRAIT = {"Tổng hợp", "Xếp hạng"}  # 5 and 6 columns; every other sheet is wider


def header_row(sheet) -> int:
    """The table's header row: the first with more than one cell (title rows are merged)."""
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if sum(value is not None for value in row) > 1:
            return number
    raise AssertionError(f"no table on sheet {sheet.title}")


def table_rows(sheet) -> list[tuple]:
    """The sheet's table: its header row, then its rows, as values."""
    return list(sheet.iter_rows(min_row=header_row(sheet), values_only=True))


def _council(prefix, key, name, level, parent=None) -> Council:
    council = Council.objects.create(
        name=name,
        short_name=name.split(" ", 2)[-1],
        slug=f"{prefix}-{key}",
        level=level,
        parent=parent,
    )
    Term.objects.create(
        council=council,
        name="2021–2026",
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 6, 30),
    )
    return council


def _sittings(council: Council, plan: dict[int, int]) -> None:
    term = council.terms.get()
    for year, count in plan.items():
        for number in range(1, count + 1):
            day = dt.date(year, number, 10)
            session = Session.objects.create(
                council=council,
                term=term,
                number=(year - 2000) * 10 + number,
                kind="regular",
                start_date=day,
                end_date=day,
            )
            Resolution.objects.create(
                council=council, session=session, number=number, adopted_on=day, title="NQ"
            )


@pytest.fixture
def communes(db) -> Council:
    top = _council("xc", "top", "HĐND quận Hải An Mới", CouncilLevel.DISTRICT)
    wards = {
        key: _council("xc", key, name, CouncilLevel.COMMUNE, top)
        for key, name in (("w1", "HĐND phường Cát Bi Mới"), ("w2", "HĐND xã Tràng Cát Mới"))
    }
    for key, council in {"top": top, **wards}.items():
        _sittings(council, COMMUNES[key])
    return top


@pytest.fixture
def districts(db) -> Council:
    top = _council("xd", "top", "HĐND tỉnh Hải Hà Mới", CouncilLevel.PROVINCE)
    d1 = _council("xd", "d1", "HĐND huyện Đông Hà", CouncilLevel.DISTRICT, top)
    d2 = _council("xd", "d2", "HĐND thành phố Tây Hà", CouncilLevel.DISTRICT, top)
    c1 = _council("xd", "c1", "HĐND xã Bắc Hà", CouncilLevel.COMMUNE, d1)
    for key, council in {"top": top, "d1": d1, "d2": d2, "c1": c1}.items():
        _sittings(council, DISTRICTS[key])
    return top


def _workbook(client, council: Council, year: int = YEAR):
    """The workbook as downloaded from ``council``'s summary page."""
    response = client.get(f"/summary/{year}/figures.xlsx", {"council": council.slug})
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _today() -> str:
    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")


def _figure(sheet, label: str, occurrence: int = 0):
    """The cells (this year, last year, change) of the ``occurrence``-th row so labelled."""
    header = header_row(sheet)
    rows = [row for row in sheet.iter_rows(min_row=header + 1) if row[1].value == label]
    return rows[occurrence][2:5]


def test_every_sheet_opens_with_the_title_block(secretariat_client, communes):
    workbook = _workbook(secretariat_client, communes)
    for sheet in workbook:
        width = len(table_rows(sheet)[0])
        assert sheet["A1"].value == "HĐND quận Hải An Mới", sheet.title
        assert sheet["A1"].font.bold
        assert f"A1:{get_column_letter(width)}1" in {str(r) for r in sheet.merged_cells.ranges}
        assert str(YEAR) in sheet["A2"].value
        assert sheet["A3"].value == f"Lập ngày {_today()}"
        header = header_row(sheet)
        assert header > 3
        assert sheet.freeze_panes == f"A{header + 1}"
        assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("D9E1F2")
                   for cell in sheet[header])  # fmt: skip


def test_every_table_cell_has_a_thin_border(secretariat_client, communes, district):
    for workbook in (
        _workbook(secretariat_client, communes),
        _workbook(secretariat_client, district),
    ):
        for sheet in workbook:
            width = len(table_rows(sheet)[0])
            cells = sheet.iter_rows(min_row=header_row(sheet), max_col=width)
            for cell in (cell for row in cells for cell in row):
                sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
                assert {side.style for side in sides} == {"thin"}, (sheet.title, cell.coordinate)


def test_every_sheet_prints_on_a4_fitted_to_the_width(secretariat_client, districts):
    for sheet in _workbook(secretariat_client, districts):
        setup = sheet.page_setup
        assert str(setup.paperSize) == "9"  # A4
        portrait = sheet.title in PORTRAIT
        assert (len(table_rows(sheet)[0]) <= 6) == portrait, sheet.title
        assert setup.orientation == ("portrait" if portrait else "landscape"), sheet.title
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        header = header_row(sheet)
        assert str(sheet.print_title_rows).replace("$", "") == f"{header}:{header}"
        assert sheet.oddFooter.center.text == "Trang &P / &N"
        margins = sheet.page_margins
        assert 0.5 <= margins.left <= 1 and 0.5 <= margins.bottom <= 1


def _sessions(plan: dict, keys, year: int) -> int:
    return sum(plan[key][year] for key in keys)


def test_figures_are_numbers_counted_from_the_records(secretariat_client, communes):
    sheet = _workbook(secretariat_client, communes)["Tổng hợp"]
    assert table_rows(sheet)[0][2:] == (f"Năm {YEAR}", f"Năm {YEAR - 1}", "Tăng/giảm")
    wards = ("w1", "w2")
    expected = {
        ("Kỳ họp", 0): (COMMUNES["top"][2023], COMMUNES["top"][2022]),  # 4, 1: +3
        ("Nghị quyết", 0): (COMMUNES["top"][2023], COMMUNES["top"][2022]),
        ("Kỳ họp", 1): (_sessions(COMMUNES, wards, 2023), _sessions(COMMUNES, wards, 2022)),
        ("Giám sát, khảo sát", 0): (0, 0),  # no oversight in either year: 0
    }
    changes = set()
    for (label, occurrence), (this, last) in expected.items():
        value, previous, change = _figure(sheet, label, occurrence)
        assert (value.value, previous.value, change.value) == (this, last, this - last), label
        assert value.data_type == previous.data_type == change.data_type == "n"
        assert value.number_format == previous.number_format == "#,##0"
        assert change.number_format == "+#,##0;-#,##0;0"
        changes.add((change.value > 0) - (change.value < 0))
    assert changes == {1, -1, 0}  # +3, -1 and 0 all shown


def test_level_sheets_are_named_after_the_level(secretariat_client, communes, districts):
    below_communes = _workbook(secretariat_client, communes)
    below_districts = _workbook(secretariat_client, districts)
    assert below_communes.sheetnames[:2] == ["Tổng hợp", "Cấp xã"]
    assert below_districts.sheetnames[:3] == ["Tổng hợp", "Cấp huyện", "Cấp xã"]
    for workbook in (below_communes, below_districts):
        assert not [name for name in workbook.sheetnames if name.startswith("Theo")]
    rows = table_rows(below_districts["Cấp huyện"])[1:]
    assert {row[0]: row[1:3] for row in rows} == {
        "HĐND huyện Đông Hà": (DISTRICTS["d1"][2023],) * 2,
        "HĐND thành phố Tây Hà": (DISTRICTS["d2"][2023],) * 2,
    }
    assert "cấp huyện" in below_districts["Cấp huyện"]["A2"].value
    wards = table_rows(below_communes["Cấp xã"])[1:]
    assert {row[0]: row[1] for row in wards} == {
        "HĐND phường Cát Bi Mới": COMMUNES["w1"][2023],
        "HĐND xã Tràng Cát Mới": COMMUNES["w2"][2023],
    }
    sheet = below_communes["Cấp xã"]
    for row in sheet.iter_rows(min_row=header_row(sheet) + 1, min_col=2, max_col=5):
        assert {cell.number_format for cell in row} == {"#,##0"}


def _places(value: float) -> int:
    return len(repr(float(value)).split(".")[1].rstrip("0"))


def test_points_show_their_own_decimals_and_no_figure_is_text(leader_client, district):
    workbook = _workbook(leader_client, district)
    scores = []
    for name, column in (("Cấp xã", 6), ("Xếp hạng", 4), ("Xếp hạng", 5)):
        sheet = workbook[name]
        for (cell,) in sheet.iter_rows(
            min_row=header_row(sheet) + 1, min_col=column, max_col=column
        ):
            if cell.value is not None:
                scores.append(cell)
    assert scores
    formats = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00"}
    for cell in scores:
        assert isinstance(cell.value, int | float) and cell.data_type == "n"
        assert cell.number_format == formats[_places(cell.value)], (cell.value, cell.coordinate)
    assert {_places(cell.value) for cell in scores} >= {0, 1}  # e.g. 100 and 92.5
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                # A figure written as text would read "92,5", never "92.5".
                assert not (isinstance(value, str) and re.search(r"\d\.\d", value)), value
    assert workbook.properties.language == "vi-VN"


def test_the_date_made_is_the_day_where_the_councils_are(secretariat_client, communes, monkeypatch):
    # 18:30 UTC is already 01:30 the next day in Asia/Ho_Chi_Minh (UTC+7), whatever zone
    # is active. (Yesterday's, always in the past, so that the login's session has not
    # expired, whatever the hour the test runs at: today's 18:30 is up to 18 h ahead.)
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    evening = yesterday.replace(hour=18, minute=30)
    monkeypatch.setattr("django.utils.timezone.now", lambda: evening)
    with timezone.override("UTC"):
        workbook = _workbook(secretariat_client, communes)
    next_day = evening.date() + dt.timedelta(days=1)
    assert {sheet["A3"].value for sheet in workbook} == {f"Lập ngày {next_day:%d/%m/%Y}"}
