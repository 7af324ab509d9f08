"""The year-end summary as a workbook: one sheet per table, with real numbers and dates.

Pure: reads only a ``YearSummary`` and returns .xlsx bytes. Each sheet's header is in row 1,
with no title above it, so the sheets read back as tables (filters, pandas, Power Query).
"""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from councilwork.text import printable, set_cell

from .types import CommitmentRow, YearSummary

MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT = "DD/MM/YYYY"
SCORE_FORMAT = "0.0#"
MET = {True: "Có", False: "Không", None: None}
AWARD_HEADERS = [
    "STT",
    "Người/đơn vị nhận",
    "Tập thể/Cá nhân",
    "Hình thức",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Thành tích",
]
# The sheets every workbook has; the others only when they have rows.
ALWAYS = {"Tổng hợp", "Xếp hạng", "Khen thưởng", "Giao ước"}


def render_xlsx(summary: YearSummary) -> bytes:
    """The summary's figures, wards, ranking, awards and pledges, one sheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in _sheets(summary):
        if rows or title in ALWAYS:
            _write_sheet(workbook.create_sheet(title), headers, rows)
    workbook.properties.title = f"Tổng kết phong trào thi đua năm {summary.year}"
    workbook.properties.subject = printable(summary.council.name)
    workbook.properties.creator = printable(summary.council.name)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheets(summary: YearSummary) -> list[tuple[str, list[str], list[tuple]]]:
    year = summary.year
    return [
        (
            "Tổng hợp",
            ["Nhóm", "Chỉ tiêu", f"Năm {year}", f"Năm {year - 1}", "Tăng/giảm"],
            _figure_rows(summary),
        ),
        # One sheet per level below, named after it; none for a council with none.
        *(
            (
                _level_sheet_title(table),
                [
                    "Đơn vị",
                    "Kỳ họp",
                    "Nghị quyết",
                    "Giám sát",
                    "Giám sát chuyên đề",
                    "Điểm",
                    "Xếp loại",
                    "Giải thể ngày",
                    "Đơn vị kế thừa",
                ],
                _council_rows(table.rows),
            )
            for table in summary.below
        ),
        (
            "Xếp hạng",
            ["Hạng", "Đối tượng", "Loại", "Tổng điểm", "Điểm tối đa", "Xếp loại"],
            _ranking_rows(summary),
        ),
        (
            "Kết quả đơn vị",
            ["Hạng", "Đối tượng", "Phong trào của", "Loại", "Tổng điểm", "Điểm tối đa", "Xếp loại"],
            [
                (
                    r.rank,
                    r.subject,
                    r.campaign_council,
                    r.kind_label,
                    r.total,
                    r.maximum,
                    r.classification_label,
                )
                for r in summary.results
            ],
        ),
        (
            "Được khen thưởng",
            AWARD_HEADERS,
            _award_list(summary.received),
        ),
        (
            "Khen thưởng",
            AWARD_HEADERS,
            _award_list(summary.awards),
        ),
        (
            "Giao ước",
            ["Năm", "Cơ quan ký", "Thuộc", "Ngày ký", "Cam kết", "Chỉ tiêu", "Thực hiện", "Đạt"],
            _pledge_rows(summary),
        ),
    ]


def _figure_rows(summary: YearSummary) -> list[tuple]:
    # A previous year without records is an empty cell, not a zero and a change.
    return [
        (group.title, figure.label, int(figure.value), figure.previous, figure.change)
        for group in summary.groups
        for figure in group.figures
    ]


LEVEL_SHEETS = {"district": "Cấp huyện", "commune": "Cấp xã"}


def _level_sheet_title(table) -> str:
    return LEVEL_SHEETS.get(table.level, table.level)


def _council_rows(rows) -> list[tuple]:
    return [
        (
            row.council.name,
            row.sessions,
            row.resolutions,
            row.oversight,
            row.thematic_oversight,
            row.score,
            row.classification,
            row.dissolved_on,
            row.successor,
        )
        for row in rows
    ]


def _ranking_rows(summary: YearSummary) -> list[tuple]:
    return [
        (row.rank, row.subject, row.kind_label, row.total, row.maximum, row.classification_label)
        for row in summary.ranking
    ]


def _award_list(awards) -> list[tuple]:
    return [
        (
            number,
            award.recipient,
            "Tập thể" if award.collective else "Cá nhân",
            award.kind_label,
            award.decision_number,
            award.decision_date,
            award.issuing_authority,
            award.achievement,
        )
        for number, award in enumerate(awards, start=1)
    ]


def _pledge_rows(summary: YearSummary) -> list[tuple]:
    rows = []
    for year, pledges in (
        (summary.year + 1, summary.pledges_next),
        (summary.year, summary.pledges_current),
    ):
        for pledge in pledges:
            # A pledge without commitments still gets a row, so no signature goes missing.
            for commitment in pledge.commitments or [None]:
                rows.append(
                    (
                        year,
                        pledge.body,
                        pledge.council,
                        pledge.signed_on,
                        *_commitment_cells(commitment),
                    )
                )
    return rows


def _commitment_cells(commitment: CommitmentRow | None) -> tuple:
    if commitment is None:
        return (None, None, None, None)
    return (commitment.text, commitment.target, commitment.actual, MET[commitment.met])


def _write_sheet(sheet, headers: list[str], rows: list[tuple]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            set_cell(sheet.cell(number, column), _cell_value(value))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _format(cell)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _fit_columns(sheet)


def _cell_value(value):
    """Scores as floats (openpyxl writes no Decimal); "" as an empty cell, not empty text."""
    if isinstance(value, Decimal):
        return float(value)
    if value == "":
        return None
    return value


def _format(cell) -> None:
    if isinstance(cell.value, float):
        cell.number_format = SCORE_FORMAT
    elif isinstance(cell.value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _fit_columns(sheet) -> None:
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max(_display_length(cell.value) for cell in column)
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width


def _display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len("dd/mm/yyyy")
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return len(str(value))
