"""The .xlsx encoding: a README sheet with the header, a guide, then one worksheet per sheet.

Format version 2 (see xlsx_layout.py): row 1 of each worksheet holds the Vietnamese
column names, row 2 (hidden) the stable codes the import reads, data from row 3; cells
hold real dates and numbers. The empty template is the same workbook without rows: its
examples are in the guide and the header notes, never in a row a person fills.
Workbooks of version 1 (codes in row 1, data from row 2, the template's example in
row 2) are still read: each sheet's layout is told by its content.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from councilwork.text import set_cell

from . import ExchangeError
from .export import Document, header
from .jsonfile import RawSheets
from .labels import label
from .spec import BY_NAME, SHEETS
from .values import Formula
from .xlsx_layout import CATALOGUE, GUIDE, Catalogue, print_setup, write_guide, write_sheet

README = "README"
META_KEYS = ("format", "version", "year", "council", "exported_at")
NOT_SHEETS = (README, GUIDE, CATALOGUE)  # the workbook's own sheets, not the format's
# Vietnamese first; the English after it for the offices that read it.
README_LINES = (
    "Hồ sơ một năm của một HĐND và các HĐND cấp dưới trực tiếp. "
    "/ One year of a People's Council and its child councils.",
    "Mỗi trang là một loại hồ sơ. Dòng 1 là tên cột, dòng 2 (ẩn) là mã cột: giữ nguyên. "
    "Ghi dữ liệu từ dòng 3. / Row 1: column names; row 2 (hidden): codes; data from row 3.",
    "Trang “Hướng dẫn” và ghi chú ở tên cột cho biết ý nghĩa, bắt buộc hay không, ví dụ và "
    "giá trị được chấp nhận. / Each column is explained on the guide sheet and in its note.",
    "Cột tô vàng là khóa: dòng đã có thì được cập nhật, chưa có thì được tạo. "
    "/ Shaded columns are the key: an existing row is updated, a new one created.",
    "Tham chiếu ghi bằng khóa: HĐND bằng mã, người bằng họ tên, nhiệm kỳ bằng ngày bắt đầu. "
    "/ References: a council by code, a person by name, a term by its start date.",
    "Ngày dd/mm/yyyy; số 7,5; có/không: Có hoặc Không; lựa chọn: chọn trong danh sách. "
    "/ Dates dd/mm/yyyy; numbers 7,5; choices from the dropdown.",
    "Không chép ví dụ vào dòng dữ liệu: tệp còn giá trị ví dụ bị từ chối. "
    "/ Examples are in the guide only; a row holding one is refused.",
    "Nhập: python manage.py import_year TỆP.xlsx --dry-run, sửa dòng được báo, rồi nhập. "
    "/ Import with --dry-run first, fix the rows named, then import.",
    "Tệp của tài liệu kỳ họp nằm trong thư mục đi kèm (--files THƯ_MỤC). "
    "/ Session documents' files are in the folder given with --files.",
    "Quyết định đã ban hành không sửa được: đính chính bằng quyết định mới (cột Sửa đổi…). "
    "/ An issued decision is corrected by a new decision.",
    "Thông tin cá nhân của công dân chỉ xuất khi có --with-personal-data; ô trống giữ giá "
    "trị đã lưu. / Citizens' personal data only with --with-personal-data.",
    "Mô tả đầy đủ / Full description: docs/template.md, docs/data-format.md",
)
README_WIDTH = 100  # characters of column A:B, as printed on a portrait A4 page


def write_xlsx(document: Document) -> bytes:
    """The document as a workbook."""
    return _workbook(document.meta, document.sheets)


def write_template() -> bytes:
    """The empty workbook to fill by hand: every sheet's header, its guide, no rows."""
    return _workbook(header(), {})


def _workbook(meta: dict, sheets: dict[str, list[dict]]) -> bytes:
    workbook = Workbook()
    _write_readme(workbook.active, meta)
    write_guide(workbook.create_sheet(GUIDE))
    worksheets = [(workbook.create_sheet(sheet.name), sheet) for sheet in SHEETS]
    catalogue = Catalogue(workbook)  # last, hidden
    for worksheet, sheet in worksheets:
        write_sheet(worksheet, sheet, sheets.get(sheet.name, []), catalogue)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_readme(worksheet, meta: dict) -> None:
    worksheet.title = README
    for number, key in enumerate(META_KEYS, start=1):
        worksheet.cell(number, 1, key).font = Font(bold=True)
        set_cell(worksheet.cell(number, 2), meta.get(key))
    for number, line in enumerate(README_LINES, start=len(META_KEYS) + 2):
        cell = worksheet.cell(number, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=2)
        worksheet.row_dimensions[number].height = 15 * (len(line) // README_WIDTH + 1)
    worksheet.column_dimensions["A"].width = 14
    worksheet.column_dimensions["B"].width = README_WIDTH - 14
    print_setup(worksheet, landscape=False, title_rows=None, one_page=True)


def read_xlsx(content: bytes) -> tuple[dict, RawSheets]:
    """The header (from README) and the raw rows of every worksheet, numbered as shown.

    A formula is read as values.Formula, refused with the file's other errors, naming its
    cell: the workbook holds either no value for it (written by a program) or one the
    import cannot check (computed by a spreadsheet).
    """
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ExchangeError(_("The file is not a readable .xlsx workbook.")) from None
    try:
        meta = _read_meta(workbook[README]) if README in workbook.sheetnames else {}
        sheets = {
            ws.title: _read_rows(ws) for ws in workbook.worksheets if ws.title not in NOT_SHEETS
        }
    finally:
        workbook.close()
    return meta, sheets


def _read_meta(worksheet) -> dict:
    meta = {}
    for row in worksheet.iter_rows(max_row=len(META_KEYS) + 1, max_col=2, values_only=True):
        if row and row[0] in META_KEYS:
            meta[row[0]] = row[1] if len(row) > 1 else None
    return meta


def _formula(formula) -> str:
    shown = getattr(formula, "text", formula)  # an array formula is an object
    return _(
        "The cell holds a formula (%(formula)s), which the import does not compute: "
        "replace it with its value."
    ) % {"formula": str(shown)[:100]}


def _read_rows(worksheet) -> list[tuple[int, dict]]:
    """The worksheet's rows by their codes: in row 2 (version 2) or row 1 (version 1)."""
    worksheet.reset_dimensions()  # files from other tools may state wrong dimensions
    rows = worksheet.iter_rows()
    first = _names(next(rows, ()))
    second_cells = next(rows, None)
    second = _names(second_cells or ())
    known = set(BY_NAME[worksheet.title].columns) if worksheet.title in BY_NAME else set()
    if len(known.intersection(second)) > len(known.intersection(first)):
        columns, start, pending = second, 3, []  # version 2: the codes in row 2
    else:
        columns, start = _codes(worksheet.title, first), 2
        pending = [second_cells] if second_cells else []
    named = [c for c in columns if c]
    if len(named) != len(set(named)):
        raise ExchangeError(
            _("Sheet “%(sheet)s” has the same column twice in row %(row)s.")
            % {"sheet": worksheet.title, "row": start - 1}
        )
    read = []
    for number, cells in enumerate((*pending, *rows), start=start):
        cells = (*cells, *(None,) * (len(columns) - len(cells)))
        row = {}
        for column, cell in zip(columns, cells, strict=False):
            if not column:
                continue
            if cell is not None and cell.data_type == "f":
                row[column] = Formula(_formula(cell.value))
            else:
                row[column] = None if cell is None else cell.value
        if any(v is not None and str(v).strip() for v in row.values()):
            read.append((number, row))
    return read


def _names(cells) -> list[str | None]:
    return [str(c.value).strip() if c.value is not None else None for c in cells]


def _codes(sheet_name: str, names: list[str | None]) -> list[str | None]:
    """Row 1's names as codes: a Vietnamese name (the codes' row deleted) is its code."""
    sheet = BY_NAME.get(sheet_name)
    if sheet is None:
        return names
    codes = {label(sheet_name, column).casefold(): column for column in sheet.columns}
    return [codes.get(name.casefold(), name) if name else name for name in names]
