"""The layout of administrative documents (Nghị định 30/2020/NĐ-CP) for drafted .docx files.

Shared by every app that drafts a document (minutes, decisions): A4 with its margins,
Times New Roman 14 pt, the header with the issuing body on the left and the national
motto on the right, centred titles, bordered tables and the signature block. What a
paragraph holds is decided by the caller; control characters typed into a record
are dropped here, so no record can break the file.
"""

import datetime as dt
import io
import re
import unicodedata

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
    for values in rows:
        for index, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(clean(value))
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.alignment = LEFT if index in left_columns else CENTER
    _widths(table, list(columns.values()))
    keep_rows(table, header_rows=1)


def signature(document, *, recipients: list[str], title: str, name: str) -> None:
    """ "Nơi nhận" (left, small) beside the signer's title and name (right)."""
    left, right = _borderless(document, SIGNATURE_WIDTHS)
    line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    for recipient in recipients:
        line(left, recipient, size=11, align=LEFT)
    line(right, title.upper(), bold=True, before=12)
    line(right, "(Ký, ghi rõ họ tên)" if not name else "", italic=True)
    line(right, name, bold=True, before=60)


def keep_rows(table, *, header_rows: int = 0) -> None:
    """No row splits across a page; the first ``header_rows`` repeat on every page."""
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        flags = ["w:cantSplit"] + (["w:tblHeader"] if index < header_rows else [])
        for tag in flags:
            if tr_pr.find(qn(tag)) is None:
                # The schema's order: cantSplit, trHeight, tblHeader, tblCellSpacing, jc.
                tr_pr.insert_element_before(
                    OxmlElement(tag), *_TR_PR_AFTER[_TR_PR_AFTER.index(tag) + 1 :]
                )


_TR_PR_AFTER = ["w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"]


def page_numbers(section, *, size: int = 14) -> None:
    """The page number centred at the top from page 2 on, as the decree places it.

    The first page gets an empty header of its own (``titlePg``), so it shows no number.
    """
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.space_after = CENTER, Cm(0), Pt(0)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text  # shown until the field is updated
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def set_properties(document, *, title: str, author: str, subject: str = "") -> None:
    """Title, author and subject, created and modified now (UTC, as the package stores it)."""
    properties = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.title, properties.subject = clean(title), clean(subject)
    properties.author = properties.last_modified_by = clean(author)
    properties.created = properties.modified = now
    properties.revision, properties.comments = 1, ""
    properties.language = "vi-VN"


# Advance widths of Times New Roman (and its metric twin Liberation Serif) in 1/1000 em.
NBSP = "\xa0"
_ADVANCE = {" ": 250, NBSP: 250, ".": 250, ",": 250, "-": 333, "I": 333, "J": 389}
_ADVANCE |= dict.fromkeys("ELTZ", 611) | dict.fromkeys("FPS", 556) | dict.fromkeys("BCR", 667)
_ADVANCE |= {"M": 889, "W": 944} | dict.fromkeys("0123456789", 500)


def text_width(text: str, size: float) -> float:
    """The width in cm of one line of ``text`` at ``size`` pt (an estimate on the safe side)."""
    units = 0
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        if "\u031b" in parts:  # the horn of Ư and Ơ widens the letter
            units += 778
        else:
            units += _ADVANCE.get(parts[0], 722 if parts[0].isupper() else 500)
    return units / 1000 * size / 72 * 2.54


def unbroken_lines(text: str, *, width: float, size: float, heads=()) -> list[str]:
    """``text`` in lines that each fit ``width`` cm, none broken inside a name.

    One line when it fits. Otherwise the first break goes after a head in ``heads``
    (e.g. "HĐND ", so the place name stays whole on the next line), then between
    whole words. Spaces inside a line are non-breaking, so no reader reflows it.
    """
    lines = [text]
    if text_width(text, size) > width:
        head = next((h for h in heads if text.startswith(h) and len(h) < len(text)), "")
        lines = [head.strip()] if head else []
        current = ""
        for word in text[len(head) :].split():
            candidate = f"{current} {word}".strip()
            if current and text_width(candidate, size) > width:
                lines.append(current)
                candidate = word
            current = candidate
        lines.append(current)
    return [line.replace(" ", NBSP) for line in lines if line]


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
