"""The year-end summary as a drafted report (báo cáo) in the layout of Nghị định 30/2020/NĐ-CP.

Pure: reads only a ``YearSummary`` and returns .docx bytes. The report's number and day are
left blank because the secretariat assigns them only when the draft is signed.
"""

import datetime as dt
import io
from decimal import Decimal

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from councilwork.text import printable

from .types import YearSummary

FONT = "Times New Roman"
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
BLANK = " " * 6  # room to write the number, day and month by hand
# Column widths in cm; each table spans the 16.5 cm between the margins.
HEADER_WIDTHS = (6.3, 10.2)  # wide enough for the motto on one line at 13 pt bold
SIGNATURE_WIDTHS = (7.0, 9.5)
RANKING_COLUMNS = {"STT": 1.2, "Đối tượng": 6.3, "Loại": 3.5, "Tổng điểm": 2.2, "Xếp loại": 3.3}
AWARD_COLUMNS = {
    "STT": 1.2,
    "Tập thể/Cá nhân": 6.3,
    "Hình thức": 3,
    "Số quyết định": 3.5,
    "Ngày": 2.5,
}
RESULT_COLUMNS = {
    "Hạng": 1.2,
    "Đối tượng": 6.3,
    "Phong trào của": 3.5,
    "Tổng điểm": 2.2,
    "Xếp loại": 3.3,
}
PLEDGE_COLUMNS = {"STT": 1.2, "Cơ quan ký": 6.3, "Thuộc": 3.5, "Ngày ký": 2.8, "Số cam kết": 2.7}
TEXT_COLUMNS = (1, 2)  # a name and its kind or council read left-aligned; the rest centred
RECIPIENTS = ("- Thường trực HĐND thành phố;", "- Thường trực Quận ủy;", "- Lưu: VT.")


def render_docx(summary: YearSummary) -> bytes:
    """The summary as a Word report: header, title, narrative, tables and signature block."""
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    _add_header(document, summary)
    _add_title(document, summary)
    for text in summary.narrative:
        document.add_paragraph(printable(text))
    _add_tables(document, summary)
    _add_signature(document)
    _set_properties(document, summary)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


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


def _line(container, text="", *, size=14, bold=False, italic=False, align=CENTER, before=0):
    """A single-spaced, unindented paragraph with one run, in a cell or the document."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.line_spacing = align, Cm(0), 1.0
    fmt.space_before, fmt.space_after = Pt(before), Pt(0)
    if text:
        run = paragraph.add_run(printable(text))
        run.font.size, run.bold, run.italic = Pt(size), bold or None, italic or None
        # Keeps the runs of spaces left blank for the number and the day from collapsing.
        run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    return paragraph


def _rule(cell, cell_width: float, length: float) -> None:
    """The short centred line under the issuing body and under the motto."""
    paragraph = cell.add_paragraph()
    border, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in {"val": "single", "sz": "6", "space": "1", "color": "auto"}.items():
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    # pBdr precedes spacing and ind in the schema, so it goes in before they are set.
    paragraph._p.get_or_add_pPr().append(border)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm((cell_width - length) / 2)
    fmt.first_line_indent, fmt.line_spacing, fmt.space_after = Cm(0), Pt(4), Pt(6)


def _layout_table(document, widths):
    """A borderless table for side-by-side blocks (header, signature)."""
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )
    _set_widths(table, widths)
    return table.rows[0].cells


def _set_widths(table, widths) -> None:
    # Word reads the cells' widths and LibreOffice the grid's, so both are set.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _drop_first_paragraph(cell) -> None:
    """A new cell holds an empty paragraph; dropped once the cell has its own."""
    first = cell.paragraphs[0]._p
    first.getparent().remove(first)


def _add_header(document, summary: YearSummary) -> None:
    left, right = _layout_table(document, HEADER_WIDTHS)
    _line(left, summary.council.name.upper(), size=13)
    _line(left, "THƯỜNG TRỰC", size=13, bold=True)
    _rule(left, HEADER_WIDTHS[0], 2.0)
    _line(left, f"Số:{BLANK}/BC-HĐND", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _rule(right, HEADER_WIDTHS[1], 5.7)
    place = f"{summary.council.short_name}, ngày{BLANK}tháng{BLANK}năm {summary.year + 1}"
    _line(right, place, italic=True)
    _drop_first_paragraph(left)
    _drop_first_paragraph(right)


def _add_title(document, summary: YearSummary) -> None:
    _line(document, "BÁO CÁO", bold=True, before=18)
    subtitle = f"Tổng kết phong trào thi đua năm {summary.year} trong hoạt động của HĐND"
    _line(document, subtitle, bold=True)
    if summary.theme:
        theme = summary.theme.strip(' "“”')
        _line(document, f"“{theme}”", italic=True)
    _line(document, before=6)


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(printable(text)).bold = True


def _grid_table(document, columns: dict[str, float], rows) -> None:
    """A bordered table; ``columns`` maps each header to its width in cm."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, header in zip(table.rows[0].cells, columns, strict=True):
        _cell_text(cell, header, bold=True, align=CENTER)
    # Repeat the header row when the table runs onto the next page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for values in rows:
        for index, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            _cell_text(cell, str(value), align=LEFT if index in TEXT_COLUMNS else CENTER)
    _set_widths(table, list(columns.values()))


def _cell_text(cell, text: str, *, bold=False, align=LEFT) -> None:
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.line_spacing = align, Cm(0), 1.0
    fmt.space_before, fmt.space_after = Pt(2), Pt(2)
    run = paragraph.add_run(printable(text))
    run.font.size, run.bold = Pt(12), bold


def _add_tables(document, summary: YearSummary) -> None:
    ranking = [
        (r.rank, r.subject, r.kind_label, _number(r.total), r.classification_label)
        for r in summary.ranking
    ]
    awards = [
        (i, a.recipient, a.kind_label, a.decision_number, _date(a.decision_date))
        for i, a in enumerate(summary.awards, start=1)
    ]
    pledges = [
        (i, p.body, p.council, _date(p.signed_on), len(p.commitments))
        for i, p in enumerate(summary.pledges_next, start=1)
    ]
    # The council's own results where the councils above decided them.
    results = [
        (r.rank, r.subject, r.campaign_council, _number(r.total), r.classification_label)
        for r in summary.results
    ]
    received = [
        (i, a.recipient, a.kind_label, a.decision_number, _date(a.decision_date))
        for i, a in enumerate(summary.received, start=1)
    ]
    for heading, columns, rows in (
        ("Kết quả chấm điểm, xếp loại", RANKING_COLUMNS, ranking),
        ("Kết quả của đơn vị trong phong trào thi đua cấp trên", RESULT_COLUMNS, results),
        ("Khen thưởng", AWARD_COLUMNS, awards),
        ("Khen thưởng đơn vị và đại biểu được nhận", AWARD_COLUMNS, received),
        (f"Giao ước thi đua năm {summary.year + 1}", PLEDGE_COLUMNS, pledges),
    ):
        if rows:
            _heading(document, heading)
            _grid_table(document, columns, rows)


def _add_signature(document) -> None:
    # A paragraph between two tables keeps Word from joining them into one.
    _line(document, before=6)
    left, right = _layout_table(document, SIGNATURE_WIDTHS)
    _line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for recipient in RECIPIENTS:
        _line(left, recipient, size=11, align=LEFT)
    _line(right, "TM. THƯỜNG TRỰC HĐND", bold=True)
    _line(right, "CHỦ TỊCH", bold=True)
    for _ in range(4):
        _line(right)
    _drop_first_paragraph(left)
    _drop_first_paragraph(right)


def _set_properties(document, summary: YearSummary) -> None:
    properties = document.core_properties
    properties.title = f"Báo cáo tổng kết phong trào thi đua năm {summary.year}"
    properties.subject = printable(
        f"{summary.council.name} – phong trào thi đua năm {summary.year}"
    )
    properties.author = printable(summary.council.name)
    properties.language = "vi-VN"


def _number(value: Decimal) -> str:
    """Vietnamese notation: decimal comma, no trailing zeros (92,5; 90)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")
