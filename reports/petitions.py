"""The standing committee's report on voters' petitions, as a page and as a .docx.

The .docx follows Nghị định 30/2020/NĐ-CP like the year-end report (councilwork.docx_layout):
the issuing body and blank number beside the motto and date, the title, the figures in
words, a table by field and one by agency, the signature block. Always in Vietnamese.
"""

from django.utils import timezone

from councilwork.docx_layout import (
    body,
    grid,
    header,
    line,
    new_document,
    page_numbers,
    set_properties,
    to_bytes,
)
from voters.report import PetitionReport, PetitionRow

from .docx import written_date
from .docx_sections import add_signature
from .docx_signing import addressing
from .narrative import percent_text


def share(row: PetitionRow) -> str:
    """ "93,8 %", or "–" without petitions."""
    value = row.answered_share
    return "–" if value is None else percent_text(value)


def report_title(year: int) -> str:
    return f"Báo cáo kết quả giải quyết kiến nghị của cử tri năm {year}"


def summary_text(report: PetitionReport) -> str:
    total = report.total
    return (
        f"Năm {report.year}, Thường trực {report.council.name} đã tổng hợp "
        f"{total.received:02d} kiến nghị của cử tri gửi đến các cơ quan có thẩm quyền; đến ngày "
        f"{report.today:%d/%m/%Y} đã có {total.answered:02d} kiến nghị được trả lời "
        f"({share(total)}), trong đó {total.resolved:02d} kiến nghị đã được giải quyết xong; "
        f"{total.overdue:02d} kiến nghị quá hạn trả lời."
    )


COLUMNS = {"STT": 1.2, "": 6.3, "Số kiến nghị": 2.2, "Đã trả lời": 2.2, "Tỷ lệ": 1.8,
           "Đã giải quyết": 2.0, "Quá hạn": 1.8}  # fmt: skip


def table_rows(rows: list[PetitionRow]) -> list[list[str]]:
    return [
        [
            f"{n}",
            row.name,
            f"{row.received:02d}",
            f"{row.answered:02d}",
            share(row),
            f"{row.resolved:02d}",
            f"{row.overdue:02d}",
        ]
        for n, row in enumerate(rows, start=1)
    ]


def petitions_docx(report: PetitionReport) -> bytes:
    council = report.council
    document = new_document()
    page_numbers(document.sections[0])
    header(
        document,
        above=council.name,
        issuer="Thường trực HĐND",
        number=f"{' ' * 6}/BC-TTHĐND",
        place_and_date=f"{council.short_name}, {written_date(timezone.localdate())}",
    )
    line(document, "BÁO CÁO", bold=True, before=12)
    line(document, report_title(report.year).removeprefix("Báo cáo ").capitalize(), bold=True)
    body(document, summary_text(report))
    tables = (
        ("1. Theo lĩnh vực", "Lĩnh vực", report.by_field),
        ("2. Theo cơ quan được kiến nghị", "Cơ quan", report.by_agency),
    )
    for title, name, rows in tables:
        line(document, title, bold=True, align=0, before=6)
        columns = {name if key == "" else key: width for key, width in COLUMNS.items()}
        grid(document, columns, table_rows(rows), left_columns=(1,))
    add_signature(document, addressing(council, report.year, timezone.localdate()))
    set_properties(document, title=report_title(report.year), author=council.name)
    return to_bytes(document)
