"""The year-end summary as a workbook: one sheet per table, with real numbers and dates.

Pure: reads only a ``YearSummary`` (and the day it is made) and returns .xlsx bytes.
Every sheet opens with a title block (the council, the sheet's subject and year, "Lập
ngày dd/mm/yyyy") above its table; ``reports.xlsx_layout`` lays it out and sets it up
for print (A4, fitted to the page's width, header row repeated, numbered pages).

Numbers as they are written in Vietnam (94; 92,5; 1.234): every figure stays a number
in its cell, so the secretariat can add and sort them, and its number format says how
it shows. A format code is stored locale-neutral ("#,##0.0": "." for the decimal point,
"," for the thousands) and Excel and LibreOffice draw it with the separators of the
reader's regional settings, so on a Vietnamese computer (vi-VN: decimal comma,
thousands point) 92.5 shows "92,5" and 1234 shows "1.234". No format code can force a
decimal comma on other settings: a quoted "," is a literal between *integer* digits
(``0","0`` shows 925 as "92,5", so the cell would have to hold 925), and a figure
written as the text "92,5" no longer adds up. So:

- counts: ``#,##0``; years, ranks and row numbers: ``0`` (2024, never "2.024");
- points: as many decimals as the value has, like ``campaigns.formatting.format_points``
  on the page: ``#,##0`` for 20, ``#,##0.0`` for 92.5, ``#,##0.00`` for 92.25;
- changes signed: ``+#,##0;-#,##0;0`` (+3, -2, 0); ``signed_format(1)`` gives
  ``+#,##0.0;-#,##0.0;0`` for a change with decimals (every change so far is a count);
- dates: ``DD/MM/YYYY``.

The workbook's language property says vi-VN (for spelling and screen readers; it does not
change separators). No figure is written as text; the title block holds only names, the
year and the date.
"""

import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook

from councilwork.text import printable

from .types import CommitmentRow, YearSummary
from .xlsx_layout import write_sheet

DATE_FORMAT = "DD/MM/YYYY"
COUNT_FORMAT = "#,##0"
PLAIN_FORMAT = "0"  # years, ranks, row numbers
MET = {True: "Có", False: "Không", None: None}


def points_format(value) -> str:
    """``#,##0``, ``#,##0.0`` or ``#,##0.00``: the value's own decimals, none trailing."""
    return _with_places("#,##0", _places(value))


def signed_format(places: int = 0) -> str:
    """A change with its sign: +3, -2, and 0 without one."""
    number = _with_places("#,##0", places)
    return f"+{number};-{number};0"


def _places(value) -> int:
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _with_places(number: str, places: int) -> str:
    return f"{number}.{'0' * places}" if places else number


CHANGE_FORMAT = signed_format(0)
TEXT = None
AWARD_COLUMNS = [
    ("STT", PLAIN_FORMAT),
    ("Người/đơn vị nhận", TEXT),
    ("Tập thể/Cá nhân", TEXT),
    ("Hình thức", TEXT),
    ("Số quyết định", TEXT),
    ("Ngày quyết định", DATE_FORMAT),
    ("Cơ quan ban hành", TEXT),
    ("Thành tích", TEXT),
]
COUNCIL_COLUMNS = [
    ("Đơn vị", TEXT),
    ("Kỳ họp", COUNT_FORMAT),
    ("Nghị quyết", COUNT_FORMAT),
    ("Giám sát", COUNT_FORMAT),
    ("Giám sát chuyên đề", COUNT_FORMAT),
    ("Điểm", points_format),
    ("Xếp loại", TEXT),
    ("Giải thể ngày", DATE_FORMAT),
    ("Đơn vị kế thừa", TEXT),
]
# A sheet per level below, named after the level, never after one kind of council
# ("Theo phường") when the councils of that level are communes or districts.
LEVEL_SHEETS = {"district": "Cấp huyện", "commune": "Cấp xã"}
LEVEL_COUNCILS = {"district": "HĐND cấp huyện", "commune": "HĐND cấp xã"}
# The sheets every workbook has; the others only when they have rows.
ALWAYS = {"Tổng hợp", "Xếp hạng", "Khen thưởng", "Giao ước"}
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def render_xlsx(summary: YearSummary, made_on: dt.date | None = None) -> bytes:
    """The summary's figures, wards, ranking, awards and pledges, one sheet each.

    ``made_on`` is the date in the title blocks: by default today where the councils
    are (the project's time zone, Asia/Ho_Chi_Minh), whatever zone a request activated.
    """
    made_on = made_on or timezone.localdate(timezone=timezone.get_default_timezone())
    council = printable(summary.council.name)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, subject, columns, rows in _sheets(summary):
        if rows or title in ALWAYS:
            write_sheet(
                workbook.create_sheet(title),
                council=council,
                subject=subject,
                made_on=made_on,
                headers=[header for header, _format in columns],
                rows=[tuple(_cell_value(value) for value in row) for row in rows],
                formats=[number_format for _header, number_format in columns],
            )
    workbook.properties.title = f"Tổng kết phong trào thi đua năm {summary.year}"
    workbook.properties.subject = council
    workbook.properties.creator = council
    workbook.properties.language = "vi-VN"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheets(summary: YearSummary) -> list[tuple[str, str, list[tuple], list[tuple]]]:
    year = summary.year
    return [
        (
            "Tổng hợp",
            f"Số liệu tổng hợp năm {year} so với năm {year - 1}",
            [
                ("Nhóm", TEXT),
                ("Chỉ tiêu", TEXT),
                (f"Năm {year}", COUNT_FORMAT),
                (f"Năm {year - 1}", COUNT_FORMAT),
                ("Tăng/giảm", CHANGE_FORMAT),
            ],
            _figure_rows(summary),
        ),
        *(
            (
                _level_sheet_title(table),
                f"Kết quả của các {_level_councils(table)} năm {year}",
                COUNCIL_COLUMNS,
                _council_rows(table.rows),
            )
            for table in summary.below
        ),
        (
            "Xếp hạng",
            f"Kết quả chấm điểm, xếp loại thi đua năm {year}",
            [
                ("Hạng", PLAIN_FORMAT),
                ("Đối tượng", TEXT),
                ("Loại", TEXT),
                ("Tổng điểm", points_format),
                ("Điểm tối đa", points_format),
                ("Xếp loại", TEXT),
            ],
            _ranking_rows(summary),
        ),
        (
            "Kết quả đơn vị",
            f"Kết quả chấm điểm trong phong trào thi đua cấp trên năm {year}",
            [
                ("Hạng", PLAIN_FORMAT),
                ("Đối tượng", TEXT),
                ("Phong trào của", TEXT),
                ("Loại", TEXT),
                ("Tổng điểm", points_format),
                ("Điểm tối đa", points_format),
                ("Xếp loại", TEXT),
            ],
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
            f"Khen thưởng đơn vị, cơ quan và đại biểu được nhận cho thành tích năm {year}",
            AWARD_COLUMNS,
            _award_list(summary.received),
        ),
        (
            "Khen thưởng",
            f"Khen thưởng phong trào thi đua năm {year}",
            AWARD_COLUMNS,
            _award_list(summary.awards),
        ),
        (
            "Giao ước",
            f"Giao ước thi đua năm {year + 1} và năm {year}",
            [
                ("Năm", PLAIN_FORMAT),
                ("Cơ quan ký", TEXT),
                ("Thuộc", TEXT),
                ("Ngày ký", DATE_FORMAT),
                ("Cam kết", TEXT),
                ("Chỉ tiêu", COUNT_FORMAT),
                ("Thực hiện", COUNT_FORMAT),
                ("Đạt", TEXT),
            ],
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


def _level_sheet_title(table) -> str:
    """The level's sheet name ("Cấp xã"); another level's is its table's title, made valid."""
    return LEVEL_SHEETS.get(table.level) or table.title.translate(SHEET_NAME_FORBIDDEN)[:31]


def _level_councils(table) -> str:
    return LEVEL_COUNCILS.get(table.level) or table.title


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


def _cell_value(value):
    """Scores as floats (openpyxl writes no Decimal); "" as an empty cell, not empty text."""
    if isinstance(value, Decimal):
        return float(value)
    if value == "":
        return None
    return value
