"""The paragraphs and tables the drafted report is made of (Nghị định 30/2020/NĐ-CP)."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from councilwork.docx_layout import keep_rows
from councilwork.text import printable

CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
TEXT_COLUMNS = (1, 2)  # a name and its kind or council read left-aligned; the rest centred
MARK = "Văn phòng bổ sung"  # opens every paragraph the secretariat is to write


def line(container, text="", *, size=14, bold=False, italic=False, align=CENTER, before=0):
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


def rule(cell, cell_width: float, length: float) -> None:
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


def layout_table(document, widths, *, unpadded: bool = False):
    """A borderless one-row table for side-by-side blocks (header, signature).

    Its row never splits, so neither block is torn across two pages. The cells come
    without the empty paragraph a new cell holds; ``unpadded`` drops the cells' left
    and right padding, so each block has its column's whole width.
    """
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
    if unpadded:
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        table._tbl.tblPr.insert_element_before(margins, "w:tblLook")
    set_widths(table, widths)
    keep_rows(table)
    cells = table.rows[0].cells
    for cell in cells:
        first = cell.paragraphs[0]._p
        first.getparent().remove(first)
    return cells


def set_widths(table, widths) -> None:
    # Word reads the cells' widths and LibreOffice the grid's, so both are set.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def heading(document, text: str, *, level: int = 1) -> None:
    """A section heading ("I. …" in capitals, "1. …" bold), kept with what follows."""
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.keep_with_next, fmt.space_before = True, Pt(6 if level > 1 else 12)
    run = paragraph.add_run(printable(text))
    run.bold = True


def marked(document, text: str) -> None:
    """A paragraph for the secretariat to write: bracketed, italic, highlighted."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(f"[{MARK}: {printable(text)}]")
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def grid_table(document, columns: dict[str, float], rows) -> None:
    """A bordered table; ``columns`` maps each header to its width in cm.

    The header row repeats on every page the table runs onto, and no row splits.
    """
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        _cell_text(cell, title, bold=True, align=CENTER)
    for values in rows:
        for index, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            _cell_text(cell, str(value), align=LEFT if index in TEXT_COLUMNS else CENTER)
    set_widths(table, list(columns.values()))
    keep_rows(table, header_rows=1)


def _cell_text(cell, text: str, *, bold=False, align=LEFT) -> None:
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.line_spacing = align, Cm(0), 1.0
    fmt.space_before, fmt.space_after = Pt(2), Pt(2)
    run = paragraph.add_run(printable(text))
    run.font.size, run.bold = Pt(12), bold
