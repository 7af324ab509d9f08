"""An award decision (quyết định khen thưởng) drafted as .docx, Nghị định 30/2020 layout.

The legal bases are the register's documents in force on the decision's date; the
recipients are the decision's awards, numbered, collectives first.
"""

from councilwork import docx_layout as layout

from .legal import LegalDocument
from .models import AwardDecision
from .recipients import RELATED

COLUMNS = {"STT": 1.2, "Tập thể/Cá nhân": 8.3, "Thành tích": 7.0}


def citations(decision: AwardDecision) -> list[str]:
    """The căn cứ lines: every registered document in force on the decision's date."""
    documents = LegalDocument.objects.in_force_on(decision.decision_date)
    return [f"Căn cứ {document.citation};" for document in documents]


def decision_docx(
    decision: AwardDecision, *, signer_title: str = "", signer_name: str = ""
) -> bytes:
    """The decision: header, title, căn cứ, articles and the numbered list of recipients."""
    day = decision.decision_date
    document = layout.new_document()
    layout.header(
        document,
        above="",
        issuer=decision.issuing_authority,
        number=decision.number,
        place_and_date=(
            f"{decision.council.short_name}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"
        ),
    )
    layout.line(document, "QUYẾT ĐỊNH", bold=True, before=18)
    layout.line(document, decision.title or f"Về việc khen thưởng năm {decision.year}", bold=True)
    if decision.amends_id:
        amended = decision.amends
        layout.line(
            document,
            f"(Sửa đổi Quyết định số {amended.number} ngày {amended.decision_date:%d/%m/%Y})",
            italic=True,
        )
    layout.line(document, f"CHỦ TỊCH {decision.issuing_authority.upper()}", bold=True, before=12)
    layout.line(document, before=6)
    for text in citations(decision):
        layout.body(document, text)
    layout.body(document, "Xét đề nghị của Hội đồng Thi đua - Khen thưởng,")
    layout.line(document, "QUYẾT ĐỊNH:", bold=True, before=6)
    awards = sorted(
        decision.awards.select_related(*RELATED),
        key=lambda a: (not a.is_collective, a.pk),
    )
    collectives = sum(a.is_collective for a in awards)
    layout.body(
        document,
        f"Điều 1. Tặng {decision.get_kind_display()} cho {collectives:02d} tập thể và "
        f"{len(awards) - collectives:02d} cá nhân có thành tích trong phong trào thi đua "
        f"năm {decision.year} (danh sách kèm theo).",
    )
    layout.body(document, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
    layout.body(
        document,
        "Điều 3. Chánh Văn phòng, các tập thể và cá nhân có tên tại Điều 1 chịu trách nhiệm "
        "thi hành Quyết định này.",
    )
    layout.signature(
        document,
        recipients=["- Như Điều 3;", "- Lưu: VT."],
        title=signer_title or "Chủ tịch",
        name=signer_name,
    )
    layout.line(document, "DANH SÁCH ĐƯỢC KHEN THƯỞNG", bold=True, before=18)
    layout.line(document, f"(Kèm theo Quyết định số {decision.number})", italic=True)
    rows = [
        (number, award.recipient, award.achievement) for number, award in enumerate(awards, start=1)
    ]
    layout.grid(document, COLUMNS, rows, left_columns=(1, 2))
    return layout.to_bytes(document)
