"""The body of the drafted report: I. results, II. assessment, III. the next year's tasks.

Numbered as a báo cáo tổng kết is: each part's heading in capitals with a Roman
numeral, its items "1.", "2." in the order they appear (an empty table leaves no gap).
"""

import datetime as dt
from decimal import Decimal

from councilwork.text import printable

from .docx_blocks import LEFT, grid_table, heading, layout_table, line, marked
from .docx_signing import Addressing
from .types import YearSummary

SIGNATURE_WIDTHS = (7.0, 9.5)
SIGNATURE_ROOM = 5  # empty lines for the signature and the seal
DOTTED_NAME = "…" * 12
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


def add_results(document, summary: YearSummary) -> None:
    """I. The year's results, field by field: the narrative, then each table that has rows."""
    heading(document, f"I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA NĂM {summary.year}")
    heading(document, "1. Hoạt động của HĐND và các cơ quan của HĐND", level=2)
    for text in summary.narrative:
        document.add_paragraph(printable(text))
    tables = (
        ("Kết quả chấm điểm, xếp loại", RANKING_COLUMNS, _ranking(summary)),
        ("Kết quả của đơn vị trong phong trào thi đua cấp trên", RESULT_COLUMNS, _results(summary)),
        ("Khen thưởng", AWARD_COLUMNS, _awards(summary.awards)),
        ("Khen thưởng đơn vị và đại biểu được nhận", AWARD_COLUMNS, _awards(summary.received)),
    )
    number = 1
    for title, columns, rows in tables:
        if rows:
            number += 1
            heading(document, f"{number}. {title}", level=2)
            grid_table(document, columns, rows)


def add_assessment(document, summary: YearSummary) -> None:
    """II. The overall assessment: left for the secretariat to write, and marked as such."""
    year = summary.year
    heading(document, "II. ĐÁNH GIÁ CHUNG")
    heading(document, "1. Ưu điểm", level=2)
    marked(document, f"những ưu điểm nổi bật của phong trào thi đua năm {year}.")
    heading(document, "2. Hạn chế, tồn tại và nguyên nhân", level=2)
    marked(document, f"những hạn chế, tồn tại của phong trào thi đua năm {year} và nguyên nhân.")


def add_direction(document, summary: YearSummary) -> None:
    """III. The next year's direction and tasks, from the pledges signed for it."""
    following = summary.year + 1
    pledges = summary.pledges_next
    heading(document, f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {following}")
    if pledges:
        document.add_paragraph(
            f"Năm {following}, {len(pledges):02d} cơ quan, đơn vị đã ký giao ước thi đua "
            "với những nội dung cam kết sau:"
        )
        for signers, commitments in _by_commitments(pledges):
            document.add_paragraph(printable(f"- {', '.join(signers)}:"))
            for text in commitments:
                document.add_paragraph(printable(f"+ {text}"))
        heading(document, f"Danh sách giao ước thi đua năm {following}", level=2)
        rows = [
            (i, p.body, p.council, _date(p.signed_on), len(p.commitments))
            for i, p in enumerate(pledges, start=1)
        ]
        grid_table(document, PLEDGE_COLUMNS, rows)
    else:
        marked(document, f"phương hướng, nhiệm vụ năm {following} (chưa có giao ước thi đua).")
    marked(document, f"các nhiệm vụ trọng tâm khác của năm {following}.")


def add_signature(document, addressing: Addressing) -> None:
    """Nơi nhận (left) beside the signer's title, room to sign and seal, and the name."""
    # A paragraph between two tables keeps Word from joining them into one.
    line(document, before=6)
    left, right = layout_table(document, SIGNATURE_WIDTHS)
    line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for recipient in addressing.recipients:
        line(left, recipient, size=11, align=LEFT)
    signer = addressing.signer
    titles = ["TM. THƯỜNG TRỰC HĐND"]
    titles += ["CHỦ TỊCH"] if signer is None or signer.chair else ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    for title in titles:
        line(right, title, bold=True)
    for _ in range(SIGNATURE_ROOM):
        line(right)
    line(right, signer.name if signer else DOTTED_NAME, bold=signer is not None)


def _by_commitments(pledges) -> list[tuple[list[str], tuple[str, ...]]]:
    """The signers of each distinct set of commitments, in the order they first appear.

    Pledges that promise the same (six deputy groups, say) read as one item. A body
    of a council below is named with its council unless its name already says it.
    """
    groups: dict[tuple[str, ...], list[str]] = {}
    for pledge in pledges:
        name = pledge.body
        if not pledge.own and pledge.council not in name:
            name = f"{name} ({pledge.council})"
        groups.setdefault(tuple(c.text for c in pledge.commitments), []).append(name)
    return [(signers, commitments) for commitments, signers in groups.items()]


def _ranking(summary: YearSummary) -> list[tuple]:
    return [
        (r.rank, r.subject, r.kind_label, _number(r.total), r.classification_label)
        for r in summary.ranking
    ]


def _results(summary: YearSummary) -> list[tuple]:
    """The council's own results where the councils above decided them."""
    return [
        (r.rank, r.subject, r.campaign_council, _number(r.total), r.classification_label)
        for r in summary.results
    ]


def _awards(awards) -> list[tuple]:
    return [
        (i, a.recipient, a.kind_label, a.decision_number, _date(a.decision_date))
        for i, a in enumerate(awards, start=1)
    ]


def _number(value: Decimal) -> str:
    """Vietnamese notation: decimal comma, no trailing zeros (92,5; 90)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")
