"""The guide to each column of the template: what it means, whether it is required, an
example, the values accepted — as a person filling the workbook by hand needs it.

The workbook shows it twice (see xlsx_layout.py): as the note on each column's header
and on the "Hướng dẫn" sheet. It is in Vietnamese whatever the interface language,
like the names of the columns (labels.py): the workbook travels between offices.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.utils import translation

from .examples import examples
from .labels import label
from .spec import BY_NAME, Sheet
from .values import BOOL, DATE, DATETIME, DECIMAL, INT, JSON, TEXT, USERNAME, to_cell

YES, NO = "Có", "Không"
TYPES = {
    TEXT: "Chữ",
    DATE: "Ngày, dạng dd/mm/yyyy",
    DATETIME: "Ngày giờ, dạng dd/mm/yyyy hh:mm",
    INT: "Số nguyên",
    DECIMAL: "Số, ví dụ 7,5",
    BOOL: "Có hoặc Không",
    USERNAME: "Tên đăng nhập vào hệ thống",
    JSON: "Đối tượng JSON {…} (chỉ do chương trình ghi)",
}
# What a column means where its field's help text does not say (or says too little).
MEANINGS = {
    ("councils", "slug"): "Mã viết liền không dấu, dùng để các trang khác ghi HĐND này, "
    "ví dụ duong-kinh.",
    ("councils", "parent"): "Mã của HĐND cấp trên trực tiếp (để trống với HĐND cấp cao nhất).",
    ("terms", "start_date"): "Ngày bắt đầu nhiệm kỳ; các trang khác ghi nhiệm kỳ bằng ngày này.",
    ("sessions", "number"): "Số thứ tự của kỳ họp trong nhiệm kỳ (Kỳ họp thứ 8: ghi 8).",
    ("resolutions", "number"): "Phần số của số nghị quyết: 01/NQ-HĐND ghi 1 ở cột này, "
    "NQ-HĐND ở cột Ký hiệu.",
    ("resolutions", "symbol"): "Phần ký hiệu sau dấu /, ví dụ NQ-HĐND.",
    ("award_dossiers", "year"): "Năm có thành tích được đề nghị khen thưởng.",
    ("award_decisions", "year"): "Năm có thành tích được khen thưởng, không phải năm ra quyết "
    "định: quyết định ngày 08/3/2024 khen thành tích năm 2023 thì ghi 2023.",
    ("reception_days", "deputies"): "Họ tên các đại biểu tham dự, cách nhau bằng dấu chấm phẩy.",
    ("voter_meetings", "deputies"): "Họ tên các đại biểu tham dự, cách nhau bằng dấu chấm phẩy.",
}


@dataclass(frozen=True)
class Entry:
    """One column of one sheet, explained."""

    sheet: str
    title: str  # the sheet's name in Vietnamese
    column: str
    name: str
    meaning: str
    required: bool
    example: str
    accepted: str
    implied: str = ""  # how the import fills the cell when it is left empty (see implied)

    @property
    def required_text(self) -> str:
        """The "required" cell: a cell the import can fill itself may be left empty."""
        if self.implied.startswith(LEAVE_EMPTY):
            return LEAVE_EMPTY
        return YES if self.required else NO

    @property
    def note(self) -> str:
        """The header cell's comment."""
        lines = [self.name, f"Mã cột: {self.column}"]
        if self.meaning:
            lines.append(self.meaning)
        lines.append(f"Bắt buộc: {self.required_text}")
        if self.example:
            lines.append(f"Ví dụ: {self.example}")
        lines.append(f"Giá trị: {self.accepted}")
        return "\n".join(lines)


def sheet_title(sheet_name: str) -> str:
    """The sheet's name in Vietnamese: its records' name (the code if unknown)."""
    sheet = BY_NAME.get(sheet_name)
    if sheet is None:
        return sheet_name
    with translation.override("vi"):
        name = str(sheet.model._meta.verbose_name_plural)
    return name[:1].upper() + name[1:]


@cache
def entries(sheet_name: str) -> tuple[Entry, ...]:
    """The guide to every column of the sheet, in order."""
    sheet = BY_NAME[sheet_name]
    example = examples().get(sheet_name, {})
    with translation.override("vi"):
        return tuple(
            Entry(
                sheet=sheet_name,
                title=sheet_title(sheet_name),
                column=column,
                name=label(sheet_name, column),
                meaning=" ".join(filter(None, (_meaning(sheet, column), implied(sheet, column)))),
                required=required(sheet, column),
                implied=implied(sheet, column),
                example=shown(sheet, column, example.get(column)),
                accepted=accepted(sheet, column),
            )
            for column in sheet.columns
        )


def choices(sheet: Sheet, column: str) -> list[str]:
    """The Vietnamese labels a choice column accepts (empty: not a choice)."""
    try:
        field = sheet.field_of(column)
    except KeyError:
        return []
    if not field.choices:
        return []
    with translation.override("vi"):
        return [str(name) for _code, name in field.flatchoices]


def dropdown(sheet: Sheet, column: str) -> list[str]:
    """The values offered in a column's dropdown: a choice's labels, or Có/Không."""
    if sheet.kind(column) == BOOL:
        return [YES, NO]
    return choices(sheet, column)


LEAVE_EMPTY = "Để trống được"
IMPLIED_TERM = "Để trống được: lấy nhiệm kỳ của HĐND có ngày của dòng này."
IMPLIED_COUNCIL = (
    "Để trống được khi tệp chỉ có một HĐND (trang councils có một dòng) và không ô nào "
    "ghi mã một HĐND khác."
)
WRITTEN_NUMBER = "Ghi được cả số và ký hiệu như trên văn bản, ví dụ 01/NQ-HĐND."


def implied(sheet: Sheet, column: str) -> str:
    """What the import fills in a cell left empty, or accepts typed as on the document
    (exchange.implied): the guide says so, so a person types each fact once."""
    from .implied import number_columns, own_council_columns  # implied reads the labels too
    from .implied_terms import TERM_COLUMNS

    if TERM_COLUMNS.get(sheet.name, (None,))[0] == column:
        return IMPLIED_TERM
    if column in own_council_columns(sheet):
        return IMPLIED_COUNCIL
    if column in number_columns(sheet):
        return WRITTEN_NUMBER
    return ""


def required(sheet: Sheet, column: str) -> bool:
    """Whether a new row must fill the column (a default or an empty value is not enough)."""
    if column in sheet.fields:
        field = sheet.model._meta.get_field(column)
        return not field.blank and not field.has_default() and not field.null
    fields = [sheet.model._meta.get_field(ref.field) for ref in sheet.refs if column in ref.columns]
    return any(not field.null and not field.blank for field in fields)


def accepted(sheet: Sheet, column: str) -> str:
    labels = choices(sheet, column)
    if labels:
        return "; ".join(labels)
    if column in sheet.lists:
        return "Họ tên, cách nhau bằng dấu ;"
    text = TYPES.get(sheet.kind(column), "")
    cited = _cited(sheet, column)
    if cited:
        text += f"; phải có ở trang “{cited}” hoặc đã có trong hệ thống"
    return text


def shown(sheet: Sheet, column: str, value) -> str:
    """An example value as a person would type it."""
    if value is None:
        return ""
    kind = sheet.kind(column)
    if kind == BOOL:
        return YES if value else NO
    if kind == DATE:
        return value.strftime("%d/%m/%Y")
    if kind == DATETIME:
        return str(to_cell(kind, value))
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, str) and choices(sheet, column):
        field = sheet.field_of(column)
        with translation.override("vi"):
            return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _meaning(sheet: Sheet, column: str) -> str:
    if (sheet.name, column) in MEANINGS:
        return MEANINGS[sheet.name, column]
    try:
        field = sheet.field_of(column)
    except KeyError:
        return ""
    help_text = str(field.help_text or "")
    cited = _cited(sheet, column)
    if cited:
        where = f"Ghi như ở trang “{cited}” ({sheet_title(cited)})."
        return f"{help_text} {where}".strip() if column not in sheet.fields else help_text
    return help_text


def _cited(sheet: Sheet, column: str) -> str | None:
    """The sheet a reference column cites (None: the sheet's own field)."""
    if column in sheet.fields:
        return None
    ref = next((ref for ref in sheet.refs if column in ref.columns), None)
    return ref.sheet if ref else None
