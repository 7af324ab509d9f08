"""How a workbook of format version 2 looks to the person who fills or reads it.

Each sheet: row 1 the Vietnamese column names (bold, key columns shaded, a note with
the column's guide), row 2 the stable codes (hidden: what the import reads), data
from row 3; the two header rows frozen; a dropdown of the Vietnamese labels on every
choice column (the lists on the hidden "Danh mục" sheet, as Excel holds an inline list
to 255 characters and cannot hold a comma in it); dates shown dd/mm/yyyy; columns as
wide as their content; printed on A4, landscape when wide, fitted to the page's width,
the names repeated on every page. The "Hướng dẫn" sheet lists every column's guide.
"""

import math

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from councilwork.text import set_cell

from .guide import dropdown, entries
from .spec import SHEETS, Sheet
from .values import DATE, DATETIME, TEXT, to_cell

GUIDE = "Hướng dẫn"
CATALOGUE = "Danh mục"
NAMES_ROW, CODES_ROW, FIRST_ROW = 1, 2, 3
KEY_FILL = PatternFill("solid", start_color="FFF2CC")
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"  # codes such as 1.10 stay text when typed
ROWS_OFFERED = 1000  # rows below the data that get the dropdowns
MIN_WIDTH, MAX_WIDTH = 10, 50
WIDE = 110  # total column width (characters) beyond which a sheet prints landscape
GUIDE_COLUMNS = (
    ("Trang", "sheet", 18),
    ("Tên trang", "title", 22),
    ("Tên cột", "name", 30),
    ("Mã cột", "column", 22),
    ("Ý nghĩa", "meaning", 50),
    ("Bắt buộc", "required", 10),
    ("Ví dụ", "example", 28),
    ("Giá trị chấp nhận", "accepted", 45),
)


class Catalogue:
    """The hidden sheet holding the dropdowns' lists, one column per distinct list."""

    def __init__(self, workbook):
        self.worksheet = workbook.create_sheet(CATALOGUE)
        self.worksheet.sheet_state = "hidden"
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_of(self, name: str, values: list[str]) -> str:
        """The cell range holding ``values`` (written once), as a formula."""
        key = tuple(values)
        if key not in self.ranges:
            index = len(self.ranges) + 1
            self.worksheet.cell(1, index, name).font = BOLD
            for number, value in enumerate(values, start=2):
                self.worksheet.cell(number, index, value)
            letter = get_column_letter(index)
            self.worksheet.column_dimensions[letter].width = max(map(len, values)) + 2
            where = f"${letter}$2:${letter}${len(values) + 1}"
            self.ranges[key] = f"{quote_sheetname(CATALOGUE)}!{where}"
        return self.ranges[key]


def write_sheet(worksheet, sheet: Sheet, rows: list[dict], catalogue: Catalogue) -> None:
    """The sheet's two header rows, its rows from row 3, its dropdowns and page setup."""
    guide = entries(sheet.name)
    widths = []
    for index, entry in enumerate(guide, start=1):
        name = worksheet.cell(NAMES_ROW, index, entry.name)
        name.font, name.alignment = BOLD, WRAP
        name.fill = KEY_FILL if entry.column in sheet.key_columns else HEADER_FILL
        lines = entry.note.count("\n") + len(entry.note) // 40 + 1
        name.comment = Comment(entry.note, "councilwork", width=320, height=20 * lines + 20)
        worksheet.cell(CODES_ROW, index, entry.column)
        width = _write_column(worksheet, sheet, index, entry.column, rows)
        least = max(len(entry.example), min(len(entry.name), 30))  # the header wraps beyond
        widths.append(min(max(width, least), MAX_WIDTH) + 2)
        worksheet.column_dimensions[get_column_letter(index)].width = widths[-1]
    worksheet.row_dimensions[CODES_ROW].hidden = True
    worksheet.freeze_panes = f"A{FIRST_ROW}"
    worksheet.row_dimensions[NAMES_ROW].height = 15 * max(
        math.ceil(len(entry.name) / width) for entry, width in zip(guide, widths, strict=True)
    )
    last = len(rows) + FIRST_ROW - 1 + ROWS_OFFERED
    for index, entry in enumerate(guide, start=1):
        values = dropdown(sheet, entry.column)
        if values:
            letter = get_column_letter(index)
            _offer(worksheet, catalogue.range_of(f"{sheet.name}.{entry.column}", values),
                   f"{letter}{FIRST_ROW}:{letter}{last}")  # fmt: skip
    print_setup(worksheet, landscape=sum(widths) > WIDE, title_rows=f"{NAMES_ROW}:{NAMES_ROW}")


def _write_column(worksheet, sheet: Sheet, index: int, column: str, rows: list[dict]) -> int:
    """Write the column's cells from row 3; the width its values need."""
    kind = sheet.kind(column)
    shown = 0
    for number, row in enumerate(rows, start=FIRST_ROW):
        cell = worksheet.cell(number, index)
        value = to_cell(kind, row.get(column))
        set_cell(cell, value)
        if kind == DATE:
            cell.number_format = DATE_FORMAT
        shown = max(shown, _length(value))
    dimension = worksheet.column_dimensions[get_column_letter(index)]
    if kind == DATE:
        dimension.number_format = DATE_FORMAT  # for the cells a person types
    elif kind == TEXT and column not in sheet.lists:
        dimension.number_format = TEXT_FORMAT
    least = 12 if kind == DATE else 27 if kind == DATETIME else 16 if kind == TEXT else MIN_WIDTH
    return max(shown, least)


def _length(value) -> int:
    if value is None:
        return 0
    if hasattr(value, "strftime"):
        return 10
    return max(map(len, str(value).splitlines() or [""]))


def _offer(worksheet, formula: str, cells: str) -> None:
    """A dropdown; a value typed outside the list is warned of, not refused (codes and
    other spellings are accepted on import)."""
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Giá trị ngoài danh sách",
        error="Nên chọn một giá trị trong danh sách.",
    )
    worksheet.add_data_validation(validation)
    validation.add(cells)


def print_setup(worksheet, *, landscape: bool, title_rows: str | None, one_page=False) -> None:
    """A4, fitted to the page's width (and height: ``one_page``), names on every page."""
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 1 if one_page else 0
    margins = worksheet.page_margins
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.6
    if title_rows:
        worksheet.print_title_rows = title_rows


def write_guide(worksheet) -> None:
    """Every column of every sheet: its name, code, meaning, whether required, an example
    and the values accepted."""
    for index, (title, _field, width) in enumerate(GUIDE_COLUMNS, start=1):
        cell = worksheet.cell(1, index, title)
        cell.font, cell.fill = BOLD, HEADER_FILL
        worksheet.column_dimensions[get_column_letter(index)].width = width
    number = 2
    for sheet in SHEETS:
        for entry in entries(sheet.name):
            for index, (_title, field, _width) in enumerate(GUIDE_COLUMNS, start=1):
                value = entry.required_text if field == "required" else getattr(entry, field)
                cell = worksheet.cell(number, index)
                set_cell(cell, value or None)
                cell.alignment = WRAP
            number += 1
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(GUIDE_COLUMNS))}{number - 1}"
    print_setup(worksheet, landscape=True, title_rows="1:1")
