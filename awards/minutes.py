"""The minutes of the emulation council's meeting (biên bản họp xét), drafted as .docx.

The document is Vietnamese whatever the reader's language, as the report is: it is an
administrative document in the Nghị định 30/2020/NĐ-CP layout. Each nominee's tally,
its share and its verdict come from the one ballot function, so the minutes cannot
disagree with the dossier's page.
"""

from councilwork import docx_layout as layout

from .dossier_rules import RECIPIENTS, nominee_ballot, plain_number, policy_for
from .dossiers import AwardDossier, VoteBase

COLUMNS = {
    "STT": 1.2,
    "Tập thể/Cá nhân": 6.0,
    "Đồng ý": 1.9,
    "Không đồng ý": 2.2,
    "Không hợp lệ": 2.0,
    "Tỷ lệ": 1.6,
    "Kết quả": 1.6,
}


def _share(votes: int, base: int) -> str:
    if not base:
        return "–"
    return f"{votes * 100 / base:.1f}".replace(".", ",") + "%"


def minutes_docx(dossier: AwardDossier) -> bytes:
    """The meeting's minutes: attendance, the threshold, each tally and its verdict."""
    policy = policy_for(dossier.kind)
    document = layout.new_document()
    day = dossier.meeting_date
    when = f"ngày {day:%d} tháng {day:%m} năm {day:%Y}" if day else "ngày    tháng    năm"
    layout.header(
        document,
        above=dossier.issuing_authority,
        issuer="Hội đồng Thi đua - Khen thưởng",
        number=f"{layout.BLANK}/BB-HĐTĐKT",
        place_and_date=f"{dossier.council.short_name}, {when}",
    )
    layout.line(document, "BIÊN BẢN", bold=True, before=18)
    title = f"Họp xét đề nghị {dossier.get_kind_display()} năm {dossier.year}"
    layout.line(document, title, bold=True)
    layout.line(document, before=6)
    total, present = dossier.members_total, dossier.members_present
    layout.body(
        document,
        f"Hội đồng Thi đua - Khen thưởng họp {when}, có mặt {present or '…'}/{total or '…'} "
        f"thành viên, xét hồ sơ đề nghị khen thưởng năm {dossier.year} và bỏ phiếu kín.",
    )
    if policy is not None:
        base = "tổng số thành viên" if policy.vote_base == VoteBase.ALL else "số thành viên có mặt"
        percent = plain_number(policy.vote_percent)
        layout.body(
            document,
            f"Tập thể, cá nhân được đề nghị khen thưởng khi đạt từ {percent}% "
            f"số phiếu đồng ý trở lên so với {base} Hội đồng.",
        )
    rows, carried = [], 0
    nominees = dossier.nominees.select_related("dossier", *RECIPIENTS).order_by("pk")
    for number, nominee in enumerate(nominees, start=1):
        ballot = nominee_ballot(nominee, policy)
        verdict = "–" if ballot is None else ("Đạt" if ballot.carried else "Không đạt")
        carried += bool(ballot and ballot.carried)
        rows.append(
            (
                number,
                nominee.recipient,
                _count(nominee.votes_for),
                _count(nominee.votes_against),
                _count(nominee.votes_invalid),
                _share(nominee.votes_for or 0, ballot.base) if ballot else "–",
                verdict,
            )
        )
    layout.grid(document, COLUMNS, rows)
    layout.body(
        document,
        f"Kết quả: {carried:02d}/{len(rows):02d} tập thể, cá nhân đạt tỷ lệ phiếu đồng ý "
        "theo quy định, được đề nghị cấp có thẩm quyền quyết định khen thưởng.",
    )
    layout.signature(
        document,
        recipients=["- Như trên;", "- Lưu: VT, HĐTĐKT."],
        title="Chủ tịch Hội đồng",
        name="",
    )
    return layout.to_bytes(document)


def _count(value) -> str:
    return "–" if value is None else f"{value:02d}"
