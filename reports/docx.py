"""The year-end summary as a drafted report (báo cáo) in the layout of Nghị định 30/2020/NĐ-CP.

``render_docx`` is pure: it reads a ``YearSummary`` and the report's ``Addressing`` (signer
and recipients) and returns .docx bytes. ``report_docx`` is what the download serves:
it reads both in Vietnamese, whatever the reader's language, since the report is a
Vietnamese administrative document. The report's number and day are left blank because
the secretariat assigns them only when the draft is signed.
"""

import io

from django.utils import timezone, translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from councilwork.docx_layout import page_numbers, set_properties, unbroken_lines
from councilwork.models import Council
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


def report_docx(*, council: Council, year: int) -> bytes:
    """The report on ``council``'s ``year``, always in Vietnamese.

    Two queries (the council above, the signer) besides the cached summary's.
    """
    with translation.override("vi"):
        summary = cached_year_summary(council=council, year=year)
        return render_docx(summary, addressing(council, year, timezone.localdate()))


def render_docx(summary: YearSummary, letter: Addressing | None = None) -> bytes:
    """The summary as a Word report: header, title, parts I–III and the signature block.

    Without ``letter`` the signer's name is a dotted line and the recipients follow
    the summary's council's level alone (no council above).
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
        _add_header(document, summary)
        _add_title(document, summary)
        add_results(document, summary)
        add_assessment(document, summary)
        add_direction(document, summary)
        add_signature(document, letter)
        set_properties(
            document,
            title=f"Báo cáo tổng kết phong trào thi đua năm {summary.year}",
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


def _add_header(document, summary: YearSummary) -> None:
    left, right = layout_table(document, HEADER_WIDTHS, unpadded=True)
    for text in header_name_lines(summary.council.name):
        line(left, text, size=HEADER_SIZE)
    line(left, "THƯỜNG TRỰC", size=HEADER_SIZE, bold=True)
    rule(left, HEADER_WIDTHS[0], 2.0)
    line(left, f"Số:{BLANK}/BC-HĐND", size=HEADER_SIZE)
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=HEADER_SIZE, bold=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    rule(right, HEADER_WIDTHS[1], 5.7)
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
