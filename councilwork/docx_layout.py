"""The layout of administrative documents (Nghị định 30/2020/NĐ-CP) for drafted .docx files.

Shared by every app that drafts a document (minutes, decisions): A4 with its margins,
Times New Roman 14 pt, the header with the issuing body on the left and the national
motto on the right, centred titles, bordered tables and the signature block. What a
paragraph holds is decided by the caller; control characters typed into a record
are dropped here, so no record can break the file.
"""

import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
BLANK = " " * 6  # room to write a number or a day by hand
HEADER_WIDTHS = (6.3, 10.2)
SIGNATURE_WIDTHS = (7.0, 9.5)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text) -> str:
    """The text as a document may hold it: no control characters."""
    return _CONTROL.sub("", str(text))


def new_document():
    """An empty A4 document with the decree's margins and body style."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.rPr.rFonts
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    fmt = normal.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1)
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    return document


def line(container, text="", *, size=14, bold=False, italic=False, align=CENTER, before=0):
    """A single-spaced, unindented paragraph with one run."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.line_spacing = align, Cm(0), 1.0
    fmt.space_before, fmt.space_after = Pt(before), Pt(0)
    if text:
        run = paragraph.add_run(clean(text))
        run.font.size, run.bold, run.italic = Pt(size), bold or None, italic or None
        run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    return paragraph


def body(document, text: str):
    """A justified body paragraph with its first-line indent."""
    return document.add_paragraph(clean(text))


def _borderless(document, widths):
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    _widths(table, widths)
    cells = table.rows[0].cells
    for cell in cells:  # a new cell holds an empty paragraph
        first = cell.paragraphs[0]._p
        first.getparent().remove(first)
    return cells


def _widths(table, widths) -> None:
    # Word reads the cells' widths and LibreOffice the grid's, so both are set.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def header(document, *, above: str, issuer: str, number: str, place_and_date: str) -> None:
    """The issuing body and number (left) beside the national motto and date (right)."""
    left, right = _borderless(document, HEADER_WIDTHS)
    if above:
        line(left, above.upper(), size=13)
    line(left, issuer.upper(), size=13, bold=True)
    line(left, "———", size=13)
    line(left, f"Số: {number}", size=13)
    line(right, MOTTO[0], size=13, bold=True)
    line(right, MOTTO[1], bold=True)
    line(right, "———————", size=13)
    line(right, place_and_date, italic=True)


def grid(document, columns: dict[str, float], rows, *, left_columns=(1,)) -> None:
    """A bordered table; ``columns`` maps each header to its width in cm."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(clean(title)).bold = True
        cell.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for values in rows:
        for index, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(clean(value))
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.alignment = LEFT if index in left_columns else CENTER
    _widths(table, list(columns.values()))


def signature(document, *, recipients: list[str], title: str, name: str) -> None:
    """ "Nơi nhận" (left, small) beside the signer's title and name (right)."""
    left, right = _borderless(document, SIGNATURE_WIDTHS)
    line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    for recipient in recipients:
        line(left, recipient, size=11, align=LEFT)
    line(right, title.upper(), bold=True, before=12)
    line(right, "(Ký, ghi rõ họ tên)" if not name else "", italic=True)
    line(right, name, bold=True, before=60)


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
