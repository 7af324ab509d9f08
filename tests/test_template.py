"""The template of format version 2: Vietnamese names over hidden codes, a guide per
column, dropdowns, dates as dd/mm/yyyy, printable pages, no example in a row (a row
holding one refused), and workbooks of version 1 still imported."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from councilwork.models import Council, Person
from exchange.labels import label
from exchange.spec import SHEETS
from sessions.models import Resolution, Session

pytestmark = pytest.mark.django_db

GUIDE, CATALOGUE = "Hướng dẫn", "Danh mục"


def template(tmp_path: Path) -> Path:
    path = tmp_path / "mau.xlsx"
    call_command("export_year", "--template", output=str(path), stdout=io.StringIO())
    return path


def run_import(path: Path) -> str:
    out = io.StringIO()
    call_command("import_year", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def vietnamese_choices(sheet, column) -> list[str]:
    with translation.override("vi"):
        return [str(name) for _code, name in sheet.field_of(column).flatchoices]


def listed(workbook, formula: str) -> list[str]:
    """The values a dropdown offers: inline ("a,b") or a range of the catalogue sheet."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    where, cells = formula.rsplit("!", 1)
    worksheet = workbook[where.strip("'")]
    return [row[0].value for row in worksheet[cells.replace("$", "")]]


def test_row_1_names_the_columns_in_vietnamese_over_the_hidden_codes_of_row_2(tmp_path):
    workbook = load_workbook(template(tmp_path))
    assert workbook.sheetnames == ["README", GUIDE, *(s.name for s in SHEETS), CATALOGUE]
    assert workbook[CATALOGUE].sheet_state == "hidden"
    for sheet in SHEETS:
        worksheet = workbook[sheet.name]
        names = [cell.value for cell in worksheet[1]]
        assert [cell.value for cell in worksheet[2]] == list(sheet.columns), sheet.name
        assert names == [label(sheet.name, column) for column in sheet.columns]
        assert len({name.casefold() for name in names}) == len(names), sheet.name
        assert all(name != code for name, code in zip(names, sheet.columns, strict=True))
        assert worksheet.row_dimensions[2].hidden and worksheet.freeze_panes == "A3"
        assert worksheet.max_row == 2  # no example row
        for cell, column in zip(worksheet[1], sheet.columns, strict=True):
            assert cell.font.b
            assert (cell.fill.start_color.rgb == "00FFF2CC") == (column in sheet.key_columns)
            assert f"Mã cột: {column}" in cell.comment.text


def test_names_say_what_a_reference_cites():
    assert label("resolutions", "session_term_start") == "Nhiệm kỳ của kỳ họp (ngày bắt đầu)"
    assert label("sessions", "council") == "Mã HĐND"
    assert "không phải năm ra quyết định" in label("award_decisions", "year")
    assert label("sessions", "no_such_column") == "no_such_column"


def test_every_choice_column_offers_its_vietnamese_labels(tmp_path):
    workbook = load_workbook(template(tmp_path))
    offered = 0
    for sheet in SHEETS:
        worksheet = workbook[sheet.name]
        by_column = {}
        for validation in worksheet.data_validations.dataValidation:
            assert validation.type == "list"
            for cells in validation.sqref.ranges:
                assert cells.min_row == 3 and cells.min_col == cells.max_col
                by_column[sheet.columns[cells.min_col - 1]] = listed(workbook, validation.formula1)
        for column in sheet.columns:
            if sheet.field_of(column).choices:
                assert by_column[column] == vietnamese_choices(sheet, column), column
                offered += 1
            elif sheet.kind(column) == "bool":
                assert by_column[column] == ["Có", "Không"]
            else:
                assert column not in by_column
    assert offered > 30


def test_dates_show_as_dd_mm_yyyy_and_columns_fit_their_names(tmp_path):
    workbook = load_workbook(template(tmp_path))
    for sheet in SHEETS:
        worksheet = workbook[sheet.name]
        for index, column in enumerate(sheet.columns):
            dimension = worksheet.column_dimensions[worksheet.cell(1, index + 1).column_letter]
            if sheet.kind(column) == "date":
                assert dimension.number_format == "DD/MM/YYYY", (sheet.name, column)
            assert dimension.width >= min(len(label(sheet.name, column)), 30)


def test_the_readme_fits_one_a4_page_and_every_sheet_prints_with_its_names(tmp_path):
    workbook = load_workbook(template(tmp_path))
    readme = workbook["README"]
    assert readme.sheet_properties.pageSetUpPr.fitToPage
    setup = readme.page_setup
    assert (setup.fitToWidth, setup.fitToHeight, setup.orientation) == (1, 1, "portrait")
    assert int(setup.paperSize) == int(readme.PAPERSIZE_A4)
    lines = [row[0] for row in readme.iter_rows(min_row=7, values_only=True) if row[0]]
    assert 5 <= len(lines) <= 15 and sum(len(line) for line in lines) < 2500
    assert lines[0].startswith("Hồ sơ một năm")
    assert not any("Dòng 2 của mẫu là ví dụ" in line for line in lines)
    for sheet in [*SHEETS]:
        worksheet = workbook[sheet.name]
        assert worksheet.sheet_properties.pageSetUpPr.fitToPage
        assert worksheet.page_setup.fitToWidth == 1 and worksheet.page_setup.fitToHeight == 0
        assert worksheet.print_title_rows == "$1:$1"
    assert workbook["people"].page_setup.orientation == "portrait"
    assert workbook["award_decisions"].page_setup.orientation == "landscape"


def test_the_guide_lists_every_column_with_its_example_out_of_the_rows(tmp_path):
    workbook = load_workbook(template(tmp_path))
    rows = list(workbook[GUIDE].iter_rows(values_only=True))
    assert rows[0] == (
        "Trang", "Tên trang", "Tên cột", "Mã cột", "Ý nghĩa", "Bắt buộc", "Ví dụ",
        "Giá trị chấp nhận",
    )  # fmt: skip
    by_code = {(row[0], row[3]): row for row in rows[1:]}
    assert len(by_code) == sum(len(sheet.columns) for sheet in SHEETS)
    session_kind = by_code["sessions", "kind"]
    assert session_kind[2] == "Loại kỳ họp" and session_kind[5] == "Có"
    assert session_kind[6] == "Thường lệ" and "Chuyên đề" in session_kind[7]
    assert by_code["sessions", "start_date"][6] == "06/07/2023"
    assert by_code["sessions", "location"][5] == "Không"
    assert by_code["councils", "slug"][6] == "phuong-vi-du"
    assert "không phải năm ra quyết định" in by_code["award_decisions", "year"][4]
    # What the import fills itself may be left empty, and the guide says so.
    for sheet, column in [("sessions", "term_start"), ("resolutions", "session_term_start"),
                          ("memberships", "term_start"), ("sessions", "council")]:  # fmt: skip
        assert by_code[sheet, column][5] == "Để trống được", (sheet, column)
        assert "Để trống được" in by_code[sheet, column][4]
    number = by_code["resolutions", "number"]
    assert number[5] == "Có" and "01/NQ-HĐND" in number[4]  # required, typed as written
    assert by_code["councils", "parent"][5] == "Không"  # an optional reference stays so
    assert by_code["sessions", "start_date"][5] == "Có"


def fill(worksheet, *rows) -> None:
    """Type rows from row 3, in the cells a person types."""
    for number, row in enumerate(rows, start=3):
        for index, value in enumerate(row, start=1):
            worksheet.cell(number, index, value)


def test_a_template_filled_from_row_3_with_vietnamese_labels_imports(tmp_path):
    path = template(tmp_path)
    workbook = load_workbook(path)
    fill(workbook["sessions"],
         ["anh-dung", "01/06/2021", 15, "Thường lệ", "Kỳ họp thứ 15", "04/12/2023", "05/12/2023",
          "Có", "Hội trường UBND phường Anh Dũng"])  # fmt: skip
    fill(
        workbook["resolutions"],
        ["anh-dung", "01/06/2021", 15, 21, "NQ-HĐND", "05/12/2023", "Về dự toán 2024"],
    )
    workbook.save(path)

    said = run_import(path)

    session = Session.objects.get(council__slug="anh-dung", number=15)
    assert (session.kind, session.paperless) == ("regular", True)
    assert (session.start_date, session.end_date) == (dt.date(2023, 12, 4), dt.date(2023, 12, 5))
    resolution = Resolution.objects.get(session=session)
    assert (resolution.number, resolution.title) == (21, "Về dự toán 2024")
    assert "sessions" in said and "resolutions" in said


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value"),
    [
        ("sessions", ["anh-dung", "01/06/2021", 16, "Thường lệ", "Kỳ họp thứ 16", "06/12/2023",
                      "06/12/2023", "Có", "Hội trường UBND phường Ví Dụ"],
         "location", "Hội trường UBND phường Ví Dụ"),
        ("people", ["Người Ví Dụ", "Nam", "Đại biểu"], "full_name", "Người Ví Dụ"),
        ("councils", ["phuong-vi-du", "HĐND phường Mới", "Mới", "Cấp xã (phường, xã)",
                      "duong-kinh"], "slug", "phuong-vi-du"),
    ],
    ids=["a place", "the person", "the ward"],
)  # fmt: skip
def test_a_row_holding_an_example_value_is_refused_and_nothing_written(
    tmp_path, sheet, row, column, value
):
    path = template(tmp_path)
    workbook = load_workbook(path)
    fill(workbook[sheet], row)
    workbook.save(path)
    counts = (Session.objects.count(), Person.objects.count(), Council.objects.count())

    with pytest.raises(CommandError) as error:
        run_import(path)

    message = str(error.value)
    assert f"“{sheet}”" in message and "dòng 3" in message
    assert column in message or label(sheet, column) in message
    assert f"“{value}” là giá trị ví dụ của mẫu" in message and "ghi đè" in message
    assert (Session.objects.count(), Person.objects.count(), Council.objects.count()) == counts


def test_the_example_row_copied_whole_into_a_version_2_file_is_refused(tmp_path):
    """Version 2's template holds no example row: one in a file was copied from the guide
    (a version 1 file's is skipped, below)."""
    from exchange.examples import examples
    from exchange.spec import BY_NAME

    path = template(tmp_path)
    workbook = load_workbook(path)
    example = examples()["sessions"]
    fill(workbook["sessions"], [example[column] for column in BY_NAME["sessions"].columns])
    workbook.save(path)
    count = Session.objects.count()

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert "là giá trị ví dụ của mẫu" in str(error.value) and "dòng 3" in str(error.value)
    assert Session.objects.count() == count


def v1_workbook(path: Path, version=1) -> Path:
    """A workbook as version 1 wrote it: codes in row 1, the example in row 2, then a row."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = "README"
    for number, (key, value) in enumerate([("format", "councilwork-year"), ("version", version)]):
        readme.cell(number + 1, 1, key)
        readme.cell(number + 1, 2, value)
    sessions = workbook.create_sheet("sessions")
    sessions.append(["council", "term_start", "number", "kind", "title", "start_date",
                     "end_date", "paperless", "location"])  # fmt: skip
    sessions.append(["phuong-vi-du", dt.date(2021, 6, 1), 8, "regular", "Kỳ họp thứ 8",
                     dt.date(2023, 7, 6), dt.date(2023, 7, 6), True,
                     "Hội trường UBND phường Ví Dụ"])  # fmt: skip
    sessions.append(["anh-dung", dt.date(2021, 6, 1), 17, "thematic", "Kỳ họp thứ 17",
                     dt.date(2023, 12, 20), dt.date(2023, 12, 20), None, "Hội trường"])  # fmt: skip
    workbook.save(path)
    return path


def test_a_version_1_workbook_imports_its_example_row_skipped(tmp_path):
    run_import(v1_workbook(tmp_path / "v1.xlsx"))
    session = Session.objects.get(council__slug="anh-dung", number=17)
    assert (session.kind, session.start_date) == ("thematic", dt.date(2023, 12, 20))
    assert not Council.objects.filter(slug="phuong-vi-du").exists()


def test_a_version_3_workbook_is_refused(tmp_path):
    count = Session.objects.count()
    with translation.override("en"), pytest.raises(CommandError, match="version 3") as error:
        run_import(v1_workbook(tmp_path / "v3.xlsx", version=3))
    assert "reads versions 1, 2" in str(error.value)
    assert Session.objects.count() == count


def test_a_workbook_whose_codes_row_was_deleted_reads_the_vietnamese_names(tmp_path):
    path = template(tmp_path)
    workbook = load_workbook(path)
    worksheet = workbook["sessions"]
    worksheet.delete_rows(2)
    worksheet.append(
        ["anh-dung", "01/06/2021", 18, "Chuyên đề", "Kỳ họp thứ 18", "27/12/2023", "27/12/2023"]
    )
    workbook.save(path)
    run_import(path)
    assert Session.objects.get(council__slug="anh-dung", number=18).kind == "thematic"


def test_an_export_writes_rows_from_row_3_under_the_codes(tmp_path):
    path = tmp_path / "dk.xlsx"
    call_command("export_year", "2023", "--council", "duong-kinh", output=str(path),
                 stdout=io.StringIO())  # fmt: skip
    worksheet = load_workbook(path)["sessions"]
    assert worksheet["A2"].value == "council" and worksheet.row_dimensions[2].hidden
    stored = Session.objects.filter(start_date__year=2023, council__slug="duong-kinh").first()
    numbers = [row[2] for row in worksheet.iter_rows(min_row=3, values_only=True)]
    assert stored.number in numbers and len(numbers) >= 1
    start = worksheet.cell(3, 6)
    assert isinstance(start.value, dt.datetime) and start.number_format == "DD/MM/YYYY"
