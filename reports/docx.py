"""The year-end summary as a drafted report (báo cáo) in the layout of Nghị định 30/2020/NĐ-CP.

``render_docx`` is pure: it reads a ``YearSummary`` and the report's ``Addressing`` (signer
and recipients) and returns .docx bytes. ``report_docx`` is what the download serves:
it reads both in Vietnamese, whatever the reader's language, since the report is a
Vietnamese administrative document. The report's number and day are left blank until
the secretariat issues the report a number from the council's standing-committee
register (symbol BC-HĐND, the report's title as its subject); from then on the header
shows that number and the day it was issued.
"""

import datetime as dt
import io

from django.utils import timezone, translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from councilwork.docx_layout import page_numbers, set_properties, unbroken_lines
from councilwork.models import Council, IssuedNumber, RegisterKind
from councilwork.text import printable

from .docx_blocks import layout_table, line, rule
from .docx_sections import add_assessment, add_direction, add_results, add_signature
from .docx_signing import NAME_HEADS, Addressing, addressing, recipients
from .selectors import cached_year_summary
from .types import YearSummary

FONT = "Times New Roman"
HEADER_SIZE = 13
BLANK = " " * 6  # room to write the number, day and month by hand
# Column widths in cm; the table spans the 16.5 cm between the margins, its cells
# unpadded. The right one holds the motto on one line at 13 pt bold (8.9 cm) and the
# date line; the left one the rest, so that most councils' names fit on one line.
HEADER_WIDTHS = (7.2, 9.3)
REPORT_SYMBOL = "BC-HĐND"


def report_title(year: int) -> str:
    """The report's title, also its subject in the register when it is numbered."""
    return f"Báo cáo tổng kết phong trào thi đua năm {year}"


def issued_report_number(council: Council, year: int) -> IssuedNumber | None:
    """The number issued to ``council``'s report on ``year`` (the latest not cancelled)."""
    return (
        IssuedNumber.objects.filter(
            council=council,
            kind=RegisterKind.STANDING_COMMITTEE,
            symbol=REPORT_SYMBOL,
            subject=report_title(year),
            cancelled_at__isnull=True,
        )
        .order_by("-issued_at", "-pk")
        .first()
    )


def written_date(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2024": a day below 10 and the months 1 and 2 take a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def report_docx(*, council: Council, year: int) -> bytes:
    """The report on ``council``'s ``year``, always in Vietnamese.

    Three queries (the report's number, the council above, the signer) besides the
    cached summary's. A numbered report is signed as of the day its number was issued.
    """
    with translation.override("vi"):
        summary = cached_year_summary(council=council, year=year)
        issued = issued_report_number(council, year)
        day = timezone.localdate(issued.issued_at) if issued else timezone.localdate()
        return render_docx(summary, addressing(council, year, day), issued=issued)


def render_docx(
    summary: YearSummary, letter: Addressing | None = None, *, issued: IssuedNumber | None = None
) -> bytes:
    """The summary as a Word report: header, title, parts I–III and the signature block.

    Without ``letter`` the signer's name is a dotted line and the recipients follow
    the summary's council's level alone (no council above). Without ``issued`` the
    number and the day are left blank, to be written by hand.
    """
    if letter is None:
        council = summary.council
        letter = Addressing(
            None, recipients(level=council.level, name=council.name, parent_name=None)
        )
    with translation.override("vi"):
        document = Document()
        _set_up_page(document)
        _set_up_styles(document)
        _add_header(document, summary, issued)
        _add_title(document, summary)
        add_results(document, summary)
        add_assessment(document, summary)
        add_direction(document, summary)
        add_signature(document, letter)
        set_properties(
            document,
            title=report_title(summary.year),
            author=summary.council.name,
            subject=f"{summary.council.name} – phong trào thi đua năm {summary.year}",
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    page_numbers(section)


def _set_up_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _name_every_script(normal.element.rPr.rFonts)
    fmt = normal.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1)
    fmt.line_spacing = 1.15
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    # The template's defaults name theme fonts (Calibri), which table styles would inherit.
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = defaults.find(qn("w:rPr"))
    _name_every_script(rpr.find(qn("w:rFonts")))
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")


def _name_every_script(fonts) -> None:
    """Times New Roman for Latin, East-Asian and complex scripts; a theme font would win."""
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
        fonts.attrib.pop(qn(f"w:{script}Theme"), None)
    fonts.attrib.pop(qn("w:cstheme"), None)


def header_name_lines(name: str) -> list[str]:
    """The council's name in capitals, in lines that fit the header's left column.

    A long name breaks once, after "HĐND" (or "HỘI ĐỒNG NHÂN DÂN"), never inside
    the place's name; spaces within a line are non-breaking.
    """
    heads = tuple(head.upper() for head in NAME_HEADS)
    name = printable(name).upper()
    return unbroken_lines(name, width=HEADER_WIDTHS[0], size=HEADER_SIZE, heads=heads)


def _add_header(document, summary: YearSummary, issued: IssuedNumber | None) -> None:
    left, right = layout_table(document, HEADER_WIDTHS, unpadded=True)
    for text in header_name_lines(summary.council.name):
        line(left, text, size=HEADER_SIZE)
    line(left, "THƯỜNG TRỰC", size=HEADER_SIZE, bold=True)
    rule(left, HEADER_WIDTHS[0], 2.0)
    number = f"Số: {issued.code}" if issued else f"Số:{BLANK}/{REPORT_SYMBOL}"
    line(left, number, size=HEADER_SIZE)
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=HEADER_SIZE, bold=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    rule(right, HEADER_WIDTHS[1], 5.7)
    if issued:
        place = (
            f"{summary.council.short_name}, {written_date(timezone.localdate(issued.issued_at))}"
        )
    else:
        place = f"{summary.council.short_name}, ngày{BLANK}tháng{BLANK}năm {summary.year + 1}"
    line(right, place, italic=True)


def _add_title(document, summary: YearSummary) -> None:
    line(document, "BÁO CÁO", bold=True, before=18)
    subtitle = f"Tổng kết phong trào thi đua năm {summary.year} trong hoạt động của HĐND"
    line(document, subtitle, bold=True)
    if summary.theme:
        theme = summary.theme.strip(' "“”')
        line(document, f"“{theme}”", italic=True)
    line(document, before=6)
