"""The .xlsx encoding: a README sheet with the header, then one worksheet per sheet.

Row 1 of each worksheet holds the column names, the key columns shaded; cells hold
real dates and numbers. The same writer makes the empty template, whose row 2 is
an example (see examples.py).
"""

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from councilwork.text import set_cell

from . import ExchangeError
from .examples import examples
from .export import Document, header
from .jsonfile import RawSheets
from .load import RowError
from .spec import SHEETS, Sheet
from .values import DATE, DATETIME, to_cell

README = "README"
META_KEYS = ("format", "version", "year", "council", "exported_at")
KEY_FILL = PatternFill("solid", start_color="FFF2CC")
EXAMPLE_FONT = Font(italic=True, color="808080")
NUMBER_FORMATS = {DATE: "DD/MM/YYYY"}  # times are text, to the microsecond (values.to_cell)
TYPE_NOTES = {
    "text": "chữ / text",
    "date": "ngày dd/mm/yyyy / date",
    "datetime": "ngày giờ dd/mm/yyyy hh:mm:ss / date and time",
    "int": "số nguyên / whole number",
    "decimal": "số, vd. 7,5 / number, e.g. 7.5",
    "bool": "true / false",
    "username": "tên đăng nhập / login name",
    "json": "đối tượng JSON {…} / JSON object",
}
# Bilingual on purpose: the workbook travels between offices whatever the UI language.
README_LINES = (
    "Hồ sơ một năm của một HĐND và các HĐND cấp dưới trực tiếp. "
    "/ One year of a People's Council and its child councils.",
    "Mỗi trang là một loại hồ sơ; dòng 1 là tên cột, giữ nguyên. "
    "/ Each sheet is one kind of record; row 1 holds the column names: keep them.",
    "Cột tô vàng là khóa: dòng đã có thì được cập nhật, chưa có thì được tạo. "
    "/ Shaded columns are the key: an existing row is updated, a new one created.",
    "Tham chiếu ghi bằng khóa, không dùng id: HĐND bằng mã, người bằng họ tên, nhiệm kỳ bằng "
    "ngày bắt đầu. / References are keys, not ids: a council by code, a person by full name, "
    "a term by its start date.",
    "Ngày dd/mm/yyyy; số 7,5 hoặc 7.5; có/không: true/false; lựa chọn: mã hoặc nhãn. "
    "/ Dates dd/mm/yyyy; numbers 7.5; yes/no: true/false; choices: code or label.",
    "Dòng 2 của mẫu là ví dụ: ghi đè hoặc xóa; để nguyên thì được bỏ qua. "
    "/ Row 2 of the template is an example: overwrite or delete it; unchanged, it is skipped.",
    "Nhập: python manage.py import_year TỆP.xlsx; dòng lỗi đầu tiên dừng lại, không ghi gì. "
    "/ Import: python manage.py import_year FILE.xlsx; the first bad row stops it, nothing "
    "is written.",
    "Không gồm lịch sử phiếu chấm điểm, tệp minh chứng và tệp đính kèm hồ sơ khen thưởng. "
    "/ Scorecard history, evidence files and award dossiers' files are not included.",
    "Tệp của tài liệu kỳ họp nằm trong thư mục đi kèm (--files THƯ_MỤC), cột file ghi đường dẫn. "
    "/ Session documents' files are in the folder beside the file (--files DIR), named in "
    "the file column.",
    "Quyết định đã ban hành không được sửa: muốn đính chính, ghi quyết định mới ở cột amends_…. "
    "/ An issued decision cannot be changed: a correction is a new decision (amends_… columns).",
    "Họ tên, địa chỉ, liên hệ của công dân chỉ xuất khi có --with-personal-data; ô trống khi nhập "
    "giữ nguyên giá trị đã lưu. / Citizens' names, addresses and contacts are exported only "
    "with --with-personal-data; an empty cell on import keeps the stored value.",
    "Mô tả đầy đủ / Full description: docs/data-format.md",
)


def write_xlsx(document: Document) -> bytes:
    """The document as a workbook."""
    return _workbook(document.meta, document.sheets, example=False)


def write_template() -> bytes:
    """The empty workbook to fill by hand: headers, notes and an example row per sheet."""
    rows = {name: [row] for name, row in examples().items()}
    return _workbook(header(), rows, example=True)


def _workbook(meta: dict, sheets: dict[str, list[dict]], *, example: bool) -> bytes:
    workbook = Workbook()
    _write_readme(workbook.active, meta)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.name)
        _write_header(worksheet, sheet)
        for number, row in enumerate(sheets.get(sheet.name, []), start=2):
            _write_row(worksheet, sheet, number, row, example=example)
        _fit_columns(worksheet, sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_readme(worksheet, meta: dict) -> None:
    worksheet.title = README
    for number, key in enumerate(META_KEYS, start=1):
        worksheet.cell(number, 1, key).font = Font(bold=True)
        set_cell(worksheet.cell(number, 2), meta.get(key))
    for number, line in enumerate(README_LINES, start=len(META_KEYS) + 2):
        worksheet.cell(number, 1, line)
    worksheet.column_dimensions["A"].width = 14
    worksheet.column_dimensions["B"].width = 30


def _write_header(worksheet, sheet: Sheet) -> None:
    for number, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(1, number, column)
        cell.font = Font(bold=True)
        if column in sheet.key_columns:
            cell.fill = KEY_FILL
        cell.comment = Comment(_type_note(sheet, column), "councilwork", width=300, height=90)
    worksheet.freeze_panes = "A2"


def _type_note(sheet: Sheet, column: str) -> str:
    note = TYPE_NOTES[sheet.kind(column)]
    if column in sheet.fields:
        choices = sheet.model._meta.get_field(column).choices
        if choices:
            note += ": " + ", ".join(code for code, _label in choices)
    return note


def _write_row(worksheet, sheet: Sheet, number: int, row: dict, *, example: bool) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        kind = sheet.kind(column)
        value = to_cell(kind, row.get(column))
        cell = worksheet.cell(number, index)
        set_cell(cell, value)
        if kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[kind]
        if example:
            cell.font = EXAMPLE_FONT


def _fit_columns(worksheet, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        kind = sheet.kind(column)
        width = 14 if kind in NUMBER_FORMATS else 27 if kind == DATETIME else len(column) + 4
        worksheet.column_dimensions[get_column_letter(index)].width = min(max(width, 10), 40)


def read_xlsx(content: bytes) -> tuple[dict, RawSheets]:
    """The header (from README) and the raw rows of every worksheet, numbered as shown.

    A formula is refused, naming its cell: the workbook holds either no value for it
    (written by a program) or one the import cannot check (computed by a spreadsheet).
    """
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ExchangeError(_("The file is not a readable .xlsx workbook.")) from None
    try:
        meta = _read_meta(workbook[README]) if README in workbook.sheetnames else {}
        sheets = {ws.title: _read_rows(ws) for ws in workbook.worksheets if ws.title != README}
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
    worksheet.reset_dimensions()  # files from other tools may state wrong dimensions
    rows = worksheet.iter_rows()
    columns = [str(c.value).strip() if c.value is not None else None for c in next(rows, ())]
    named = [c for c in columns if c]
    if len(named) != len(set(named)):
        raise ExchangeError(
            _("Sheet “%(sheet)s” has the same column twice in row 1.") % {"sheet": worksheet.title}
        )
    read = []
    for number, cells in enumerate(rows, start=2):
        cells = (*cells, *(None,) * (len(columns) - len(cells)))
        row = {}
        for column, cell in zip(columns, cells, strict=False):
            if not column:
                continue
            if cell is not None and cell.data_type == "f":
                raise RowError(worksheet.title, number, column, _formula(cell.value))
            row[column] = None if cell is None else cell.value
        if any(v is not None and str(v).strip() for v in row.values()):
            read.append((number, row))
    return read
