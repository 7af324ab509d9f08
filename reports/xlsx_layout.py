"""How each sheet of figures.xlsx is laid out: title block, bordered table, print setup.

A sheet reads, top to bottom: the council's name, the sheet's subject and year, the date
it was made ("Lập ngày 02/12/2026"), an empty row, then the table: its header row (bold,
shaded, repeated on every printed page, panes frozen below it, a filter on it) and its
rows, every cell with a thin border. It prints on A4, landscape when the table is wider
than ``PORTRAIT_COLUMNS``, scaled to the page's width (as many pages down as needed),
with "Trang 1 / 3" in the footer.

How numbers show is decided in ``reports.xlsx`` (see its docstring); this module only
applies the number format each cell is given.
"""

import datetime as dt

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from councilwork.text import set_cell

TITLE_ROWS = 3  # council, subject and year, date made
HEADER_ROW = TITLE_ROWS + 2  # one empty row between the title block and the table
PORTRAIT_COLUMNS = 6  # wider tables print landscape
MIN_WIDTH, MAX_WIDTH = 8, 60
MADE_ON = "Lập ngày {:%d/%m/%Y}"
FOOTER = "Trang &P / &N"  # Excel's codes for the page number and the number of pages
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def write_sheet(
    sheet,
    *,
    council: str,
    subject: str,
    made_on: dt.date,
    headers: list[str],
    rows: list[tuple],
    formats: list,
) -> None:
    """Fills ``sheet``: title block, table of ``rows`` under ``headers``, print setup.

    ``formats[i]`` gives column i's number format: a string, a function of the cell's
    value returning one, or None to keep Excel's General format.
    """
    width = len(headers)
    _title_block(sheet, width, (council, subject, MADE_ON.format(made_on)))
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, column)
        set_cell(cell, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(number, column)
            set_cell(cell, value)
            cell.border = BORDER
            _format(cell, formats[column - 1])
    last = get_column_letter(width)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    _fit_columns(sheet, width)
    _print_setup(sheet, width)


def _title_block(sheet, width: int, lines: tuple[str, str, str]) -> None:
    fonts = (Font(bold=True, size=13), Font(bold=True), Font(italic=True))
    for row, (text, font) in enumerate(zip(lines, fonts, strict=True), start=1):
        cell = sheet.cell(row, 1)
        set_cell(cell, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center")
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _format(cell, number_format) -> None:
    value = cell.value
    if callable(number_format):
        number_format = number_format(value) if value is not None else None
    if number_format and not isinstance(value, str):
        cell.number_format = number_format
    if isinstance(value, str) and len(value) > MAX_WIDTH:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _print_setup(sheet, width: int) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if width > PORTRAIT_COLUMNS else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    # Inches: 2 cm left for binding, 1.5 cm elsewhere.
    sheet.page_margins = PageMargins(
        left=0.79, right=0.59, top=0.59, bottom=0.79, header=0.3, footer=0.3
    )
    sheet.oddFooter.center.text = FOOTER


def _fit_columns(sheet, width: int) -> None:
    """Each column as wide as its longest cell of the table (the title block is merged)."""
    for column in range(1, width + 1):
        cells = sheet.iter_rows(min_row=HEADER_ROW, min_col=column, max_col=column)
        longest = max(_display_length(cell.value) for (cell,) in cells)
        fitted = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(column)].width = fitted


def _display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len("dd/mm/yyyy")
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:+,}")
    return max(len(line) for line in str(value).splitlines() or [""])
