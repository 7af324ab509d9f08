"""The .docx report and the .xlsx workbook render a hand-built YearSummary faithfully."""

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from openpyxl import load_workbook

from reports.docx import render_docx
from reports.figures import YearFigures
from reports.types import (
    AwardRow,
    CommitmentRow,
    CouncilRef,
    CouncilRow,
    Figure,
    FigureGroup,
    LevelTable,
    PledgeRow,
    RankingRow,
    YearSummary,
)
from reports.xlsx import render_xlsx
from tests.test_report_xlsx import header_row, table_rows

FONT = "Times New Roman"
NARRATIVE = [
    "Năm 2023, HĐND quận đã tổ chức 04 kỳ họp (02 kỳ họp thường lệ, 02 kỳ họp chuyên đề), "
    "ban hành 38 nghị quyết.",
    "Thường trực, các Ban HĐND quận đã tổ chức 22 cuộc giám sát, trong đó có 05 cuộc giám sát "
    "chuyên đề.",
    "HĐND các phường đã tổ chức 13 kỳ họp, ban hành 48 nghị quyết.",
]


NO_DIGITAL = dict.fromkeys(
    (
        "paperless_sessions",
        "documents_sent",
        "resolutions_signed",
        "resolutions",
        "signatures_failed",
    ),
    0,
)


def _figures(year: int, sessions: int) -> YearFigures:
    oversight = {"total": 22, "thematic": 5, "regular": 16, "survey": 0, "interpellation": 1}
    return YearFigures(
        year=year,
        council="duong-kinh",
        council_sessions={"total": sessions, "regular": 2, "thematic": sessions - 2},
        council_resolutions=38,
        council_oversight=oversight,
        below={
            "commune": {
                "councils": 6,
                "sessions": {"total": 13, "regular": 12, "thematic": 1},
                "resolutions": 48,
                "oversight": oversight,
                "digital": {**NO_DIGITAL, "resolutions": 48},
            }
        },
        awards={"collective": 10, "individual": 12, "individual_people": 12},
        received={"collective": 0, "individual": 0},
        pledges_next_year={"total": 2, "committee": 1, "deputy_group": 1},
        digital={**NO_DIGITAL, "resolutions": 38},  # no documents: no digital paragraph
    )


def _ward(pk: int, name: str, score: Decimal | None, classification: str) -> CouncilRow:
    council = CouncilRef(pk, f"ward-{pk}", f"HĐND phường {name}", name, "commune")
    return CouncilRow(council, 3, 4, 2, 1, score, classification, urls={})


def _ranking(rank: int, subject: str, kind: str, total: str, label: str) -> RankingRow:
    points = Decimal(total), Decimal("100")
    return RankingRow(rank, subject, kind, kind, *points, "", label, "approved")


def _award(recipient: str, number: str, day: int, achievement: str) -> AwardRow:
    collective = recipient.startswith("Ban")
    date = dt.date(2024, 1, day)
    return AwardRow(recipient, collective, "Giấy khen", number, date, "UBND quận", achievement)


def _pledge(body: str, signed_on: dt.date, *commitments: CommitmentRow) -> PledgeRow:
    return PledgeRow(body, "Dương Kinh", "committee", "Ban HĐND", signed_on, list(commitments))


@pytest.fixture
def summary() -> YearSummary:
    figure = "/records/"
    return YearSummary(
        council=CouncilRef(1, "duong-kinh", "HĐND quận Dương Kinh", "Dương Kinh", "district"),
        year=2023,
        theme="Đổi mới, sáng tạo, nâng cao chất lượng hoạt động",
        figures=_figures(2023, 4),
        previous=_figures(2022, 3),
        groups=[
            FigureGroup(
                "HĐND quận",
                [
                    Figure("council_sessions.total", "Kỳ họp", 4, 3, figure),
                    Figure("council_resolutions", "Nghị quyết", 38, 40, figure),
                ],
            ),
            FigureGroup(
                "HĐND các phường", [Figure("below.commune.sessions.total", "Kỳ họp", 13, 12, "")]
            ),
        ],
        below=[
            LevelTable(
                "commune",
                "HĐND cấp xã",
                [
                    _ward(2, "Anh Dũng", Decimal("92.50"), "Hoàn thành xuất sắc nhiệm vụ"),
                    _ward(3, "Đa Phúc", None, ""),
                ],
            )
        ],
        predecessors=[],
        results=[],
        received=[],
        ranking=[
            _ranking(1, "HĐND phường Anh Dũng", "council", "92.5", "Hoàn thành xuất sắc"),
            _ranking(2, "Ban Pháp chế", "committee", "85.00", "Hoàn thành tốt"),
            _ranking(2, "Ban Kinh tế - Xã hội", "committee", "85", "Hoàn thành tốt"),
        ],
        awards=[
            _award("Ban Pháp chế", "125/QĐ-UBND", 15, "Hoàn thành xuất sắc nhiệm vụ năm 2023"),
            _award("Nguyễn Văn An", "126/QĐ-UBND", 16, "Có thành tích trong thi đua " * 3),
        ],
        pledges_next=[
            _pledge(
                "Tổ đại biểu số 1",
                dt.date(2023, 12, 28),
                CommitmentRow("Tổ chức 04 cuộc tiếp xúc cử tri", "Tiếp xúc cử tri", 4, None),
                CommitmentRow("Tham dự đầy đủ các kỳ họp", "", None, None),
            ),
        ],
        pledges_current=[
            _pledge(
                "Ban Pháp chế",
                dt.date(2023, 3, 13),
                CommitmentRow("Giám sát chuyên đề 02 cuộc", "Giám sát chuyên đề", 2, 3),
                CommitmentRow("Khảo sát 05 cuộc", "Khảo sát", 5, 4),
            ),
            _pledge("Ban Kinh tế - Xã hội", dt.date(2023, 3, 13)),
        ],
        narrative=NARRATIVE,
    )


# --- .docx -----------------------------------------------------------------------------


def _docx(summary: YearSummary):
    return Document(io.BytesIO(render_docx(summary)))


def _paragraphs(document):
    """Every paragraph, those in table cells included, in document order."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from (p for row in block.rows for cell in row.cells for p in cell.paragraphs)
        else:
            yield block


def _texts(document) -> list[str]:
    """Every paragraph's text; the header's non-breaking spaces read as spaces."""
    return [p.text.replace("\xa0", " ") for p in _paragraphs(document)]


def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_docx_header_title_and_signature(summary):
    texts = _texts(_docx(summary))
    for expected in (
        "HĐND QUẬN DƯƠNG KINH",
        "THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Tổng kết phong trào thi đua năm 2023 trong hoạt động của HĐND",
        "“Đổi mới, sáng tạo, nâng cao chất lượng hoạt động”",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
    ):
        assert expected in texts
    number = next(t for t in texts if t.startswith("Số:"))
    assert number.endswith("/BC-HĐND") and not any(c.isdigit() for c in number)
    place = next(t for t in texts if t.startswith("Dương Kinh, ngày"))
    assert place.endswith("năm 2024")


def test_docx_narrative_in_order_after_the_title(summary):
    texts = _texts(_docx(summary))
    positions = [texts.index(paragraph) for paragraph in NARRATIVE]
    assert texts.index("BÁO CÁO") < positions[0]
    assert positions == sorted(positions)


def test_docx_fonts_are_times_new_roman(summary):
    document = _docx(summary)
    normal = document.styles["Normal"]
    assert normal.font.name == FONT
    assert normal.font.size.pt == 14
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == FONT
    assert normal.paragraph_format.first_line_indent.cm == pytest.approx(1, abs=0.01)
    assert all(run.font.name in (None, FONT) for p in _paragraphs(document) for run in p.runs)
    defaults = document.styles.element.find(f".//{qn('w:rPrDefault')}//{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == FONT
    assert not any("heme" in name for name in defaults.attrib)  # themes would override


def test_docx_page_is_a4_with_the_decree_margins(summary):
    section = _docx(summary).sections[0]
    names = ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin")
    measured = [getattr(section, name).cm for name in (*names, "right_margin")]
    assert measured == pytest.approx([21, 29.7, 2, 2, 3, 1.5], abs=0.01)


def test_docx_tables_hold_ranking_awards_and_pledges(summary):
    document = _docx(summary)
    ranking, awards, pledges = (_cells(table) for table in document.tables[1:-1])
    assert ranking[0] == ["STT", "Đối tượng", "Loại", "Tổng điểm", "Xếp loại"]
    assert ranking[1][3] == "92,5"
    assert [row[3] for row in ranking[2:]] == ["85", "85"]
    assert ["2", "Nguyễn Văn An", "Giấy khen", "126/QĐ-UBND", "16/01/2024"] in awards
    assert pledges[1] == ["1", "Tổ đại biểu số 1", "Dương Kinh", "28/12/2023", "2"]
    header = document.tables[1].rows[0].cells[0].paragraphs[0].runs[0]
    assert header.bold and header.font.size.pt == 12
    assert document.tables[1].style.name == "Table Grid"


def test_docx_leaves_out_empty_sections(summary):
    bare = dataclasses.replace(summary, theme="", ranking=[], awards=[])
    document = _docx(bare)
    texts = _texts(document)
    assert "2. Kết quả chấm điểm, xếp loại" not in texts
    assert not any(t.endswith(". Khen thưởng") for t in texts)
    assert "Danh sách giao ước thi đua năm 2024" in texts
    assert not any(t.startswith("“") for t in texts)
    assert len(document.tables) == 3  # header, pledges, signature


def test_docx_core_properties(summary):
    properties = _docx(summary).core_properties
    assert properties.title == "Báo cáo tổng kết phong trào thi đua năm 2023"
    assert "HĐND quận Dương Kinh" in properties.subject
    assert properties.author == "HĐND quận Dương Kinh"


# --- .xlsx -----------------------------------------------------------------------------


def _xlsx(summary: YearSummary):
    return load_workbook(io.BytesIO(render_xlsx(summary)))


def _rows(sheet) -> list[tuple]:
    """The sheet's table: its header row first (below the title block), then its rows."""
    return table_rows(sheet)


def _cell(sheet, column: str, row: int):
    """The cell in ``column`` of the table's ``row`` (1: the first row under the header)."""
    return sheet[f"{column}{header_row(sheet) + row}"]


def test_xlsx_sheets_and_headers(summary):
    workbook = _xlsx(summary)
    assert workbook.sheetnames == ["Tổng hợp", "Cấp xã", "Xếp hạng", "Khen thưởng", "Giao ước"]
    assert _rows(workbook["Tổng hợp"])[0][2:] == ("Năm 2023", "Năm 2022", "Tăng/giảm")
    headers = _rows(workbook["Cấp xã"])[0][5:]
    assert headers == ("Điểm", "Xếp loại", "Giải thể ngày", "Đơn vị kế thừa")
    assert _rows(workbook["Khen thưởng"])[0][5] == "Ngày quyết định"
    for sheet in workbook:
        header = header_row(sheet)
        assert sheet.freeze_panes == f"A{header + 1}"
        assert all(cell.font.bold for cell in sheet[header])


def test_xlsx_figures_are_numbers(summary):
    sheet = _xlsx(summary)["Tổng hợp"]
    rows = _rows(sheet)[1:]
    assert rows[1] == ("HĐND quận", "Nghị quyết", 38, 40, -2)
    assert all(isinstance(value, int) for row in rows for value in row[2:])
    assert _cell(sheet, "C", 2).number_format == "#,##0"
    assert _cell(sheet, "E", 2).number_format == "+#,##0;-#,##0;0"


def test_xlsx_ward_scores(summary):
    sheet = _xlsx(summary)["Cấp xã"]
    assert _rows(sheet)[1][:5] == ("HĐND phường Anh Dũng", 3, 4, 2, 1)
    assert _rows(sheet)[1][5:7] == (92.5, "Hoàn thành xuất sắc nhiệm vụ")
    assert _cell(sheet, "F", 1).number_format == "#,##0.0"
    assert _cell(sheet, "F", 2).value is None and _cell(sheet, "G", 2).value is None


def test_xlsx_award_date_is_a_date(summary):
    sheet = _xlsx(summary)["Khen thưởng"]
    decided = _cell(sheet, "F", 1)
    assert isinstance(decided.value, dt.date)
    assert decided.value.date() == dt.date(2024, 1, 15)
    assert decided.number_format == "DD/MM/YYYY"
    assert _cell(sheet, "C", 1).value == "Tập thể" and _cell(sheet, "C", 2).value == "Cá nhân"


def test_xlsx_pledges_next_year_first_one_row_per_commitment(summary):
    rows = _rows(_xlsx(summary)["Giao ước"])[1:]
    assert [row[0] for row in rows] == [2024, 2024, 2023, 2023, 2023]
    assert rows[0][5:] == (4, None, None)
    assert rows[2][5:] == (2, 3, "Có")
    assert rows[3][5:] == (5, 4, "Không")
    assert rows[4][1] == "Ban Kinh tế - Xã hội" and rows[4][4] is None
    assert isinstance(rows[0][3], dt.date)


def test_xlsx_column_widths_fit_the_content(summary):
    workbook = _xlsx(summary)
    for sheet in workbook:
        for index in range(1, sheet.max_column + 1):
            width = sheet.column_dimensions[chr(64 + index)].width
            assert 8 <= width <= 60
    awards = workbook["Khen thưởng"]
    assert awards.column_dimensions["H"].width == 60
    assert awards.column_dimensions["A"].width == 8
