"""The example of each template sheet: one made-up ward, "phuong-vi-du", end to end.

The rows refer to each other as a real file would, so they show how references are
written. Since format version 2 the template shows them in its guide and its header
notes, not in a row; a row that still holds one of their made-up values (the ward's
code or name, its places, the example person) is refused, naming the value (leaked).
A version 1 template's example row left entirely unchanged is skipped (is_example).
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext as _

from .lists import names_in
from .spec import BY_NAME
from .values import parse

WARD = "phuong-vi-du"
TERM_START = dt.date(2021, 6, 1)
STANDING = "Thường trực HĐND phường Ví Dụ"
# The example person: a name no one bears ("Người" is no family name), so refusing it
# refuses no real deputy. Templates made before it named "Nguyễn Văn A", a name real
# people bear: that is recognised only in a version 1 example row left whole (is_example).
PERSON = "Người Ví Dụ"
EARLIER_PERSON = "Nguyễn Văn A"
ACTIVITY = ("Giám sát công tác quản lý đất đai", dt.date(2023, 4, 3))
DECISION = ("UBND quận Ví Dụ", "12/QĐ-UBND", dt.date(2024, 3, 8))
CAMPAIGN = {"council": WARD, "year": 2023}
SUBJECT = {"subject_kind": "council", "subject_council": WARD}
PLEDGE = {"council": WARD, "year": 2024, "body_council": WARD, "body": STANDING}
SESSION = {"council": WARD, "term_start": TERM_START, "session_number": 8}
VOTE = {**SESSION, "resolution_adopted_on": dt.date(2023, 7, 6), "resolution_number": 1}
RECEPTION = {"council": WARD, "day_date": dt.date(2023, 5, 15),
             "day_place": "Trụ sở tiếp công dân phường Ví Dụ"}  # fmt: skip
MEETING = {"council": WARD, "meeting_date": dt.date(2023, 6, 28),
           "meeting_place": "Nhà văn hóa tổ dân phố 3"}  # fmt: skip
DOSSIER = {"dossier_council": WARD, "dossier_year": 2023, "dossier_kind": "giay_khen",
           "dossier_issuing_authority": DECISION[0]}  # fmt: skip


def _examples() -> dict[str, dict]:
    seat = {"person": PERSON, "council": WARD, "term_start": TERM_START}
    return {
        "councils": {"slug": WARD, "name": "HĐND phường Ví Dụ", "short_name": "Ví Dụ",
                     "level": "commune", "parent": "quan-vi-du"},
        "terms": {"council": WARD, "start_date": TERM_START, "name": "2021–2026",
                  "end_date": dt.date(2026, 6, 30)},
        "bodies": {"council": WARD, "name": STANDING, "kind": "standing_committee"},
        "people": {"full_name": PERSON, "gender": "male", "position": "Chủ tịch HĐND phường"},
        "deputies": {**seat, "constituency": "Đơn vị bầu cử số 1"},
        "memberships": {**seat, "body": STANDING, "role": "chair", "start_date": TERM_START},
        "sessions": {"council": WARD, "term_start": TERM_START, "number": 8, "kind": "regular",
                     "title": "Kỳ họp thứ 8", "start_date": dt.date(2023, 7, 6),
                     "end_date": dt.date(2023, 7, 6), "paperless": True,
                     "location": "Hội trường UBND phường Ví Dụ"},
        "resolutions": {"council": WARD, "session_term_start": TERM_START, "session_number": 8,
                        "number": 1, "symbol": "NQ-HĐND", "adopted_on": dt.date(2023, 7, 6),
                        "title": "Về kế hoạch phát triển kinh tế - xã hội năm 2024"},
        "session_documents": {"council": WARD, "session_term_start": TERM_START,
                              "session_number": 8, "order": 1, "kind": "invitation",
                              "title": "Giấy mời và chương trình Kỳ họp thứ 8",
                              "sent_at": timezone.make_aware(dt.datetime(2023, 6, 29, 8, 0)),
                              "file": "phuong-vi-du/2021-06-01-8/001-invitation-giay-moi.pdf",
                              "original_name": "giay-moi.pdf", "content_type": "application/pdf",
                              "size": 24576,
                              "uploaded_at": timezone.make_aware(dt.datetime(2023, 6, 28, 15, 0)),
                              "signature_status": "unsigned"},
        "attendance": {**SESSION, "deputy": PERSON, "sitting_day": dt.date(2023, 7, 6),
                       "status": "in_person"},
        "votes": {**VOTE, "voted_on": dt.date(2023, 7, 6), "deputies": 25, "votes_for": 24,
                  "votes_against": 0, "abstentions": 1, "not_voting": 0},
        "roll_call_votes": {**VOTE, "deputy": PERSON, "choice": "for"},
        "reception_days": {"council": WARD, "date": RECEPTION["day_date"],
                           "place": RECEPTION["day_place"], "deputies": PERSON, "citizens": 3},
        "reception_cases": {**RECEPTION, "kind": "petition", "field": "Đất đai",
                            "summary": "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
                            "forwarded_to": "UBND phường Ví Dụ",
                            "deadline": dt.date(2023, 6, 15), "status": "forwarded"},
        "voter_meetings": {"council": WARD, "timing": "before", "session_term_start": TERM_START,
                           "session_number": 8, "date": MEETING["meeting_date"],
                           "place": MEETING["meeting_place"], "deputies": PERSON, "voters": 120},
        "voter_petitions": {**MEETING, "field": "Hạ tầng", "content": "Sửa chữa đường tổ 3",
                            "agency": "UBND phường Ví Dụ", "forwarded_on": dt.date(2023, 7, 10),
                            "deadline": dt.date(2023, 8, 10), "answer_number": "45/UBND",
                            "answer_date": dt.date(2023, 8, 1),
                            "answer_content": "Đã đưa vào kế hoạch sửa chữa năm 2024",
                            "status": "answered"},
        "oversight_activities": {"council": WARD, "title": ACTIVITY[0], "start_date": ACTIVITY[1],
                                 "end_date": dt.date(2023, 4, 5), "kind": "thematic",
                                 "conducted_by": STANDING, "subject": "UBND phường Ví Dụ"},
        "recommendations": {"council": WARD, "activity_title": ACTIVITY[0],
                            "activity_start_date": ACTIVITY[1],
                            "responsible_agency": "UBND phường Ví Dụ",
                            "content": "Khắc phục các tồn tại được chỉ ra qua giám sát",
                            "deadline": dt.date(2023, 7, 5), "status": "done",
                            "completed_on": dt.date(2023, 6, 30)},
        # Rules and documents are not per council: made-up values no real row has.
        "award_policies": {"kind": "co_thi_dua", "vote_percent": Decimal("85.5"),
                           "vote_base": "present"},
        "eligibility_rules": {"kind": "danh_hieu", "rule": "requires_initiative",
                              "rounding": "floor",
                              "text": "Quy tắc ví dụ: có sáng kiến được công nhận"},
        "legal_documents": {"number": "01/2099/VD", "citation": "Văn bản ví dụ số 01/2099/VD",
                            "in_force_from": dt.date(2099, 1, 1), "order": 9},
        "award_dossiers": {"council": WARD, "year": 2023, "kind": "giay_khen",
                           "issuing_authority": DECISION[0], "status": "decided",
                           "submission_text": "Tờ trình đề nghị tặng Giấy khen năm 2023",
                           "meeting_date": dt.date(2024, 3, 5), "members_total": 9,
                           "members_present": 9},
        "award_nominees": {**DOSSIER, "recipient_body_council": WARD, "recipient_body": STANDING,
                           "achievement": "Có thành tích xuất sắc năm 2023",
                           "report_text": "Báo cáo thành tích năm 2023", "votes_for": 9,
                           "votes_against": 0, "votes_invalid": 0},
        "award_decisions": {"issuing_authority": DECISION[0], "number": DECISION[1],
                            "decision_date": DECISION[2], "year": 2023, "council": WARD,
                            "kind": "giay_khen", "title": "Về việc tặng Giấy khen năm 2023",
                            **DOSSIER,
                            "issued_at": timezone.make_aware(dt.datetime(2024, 3, 8, 8, 0))},
        "awards": {"decision_issuing_authority": DECISION[0], "decision_number": DECISION[1],
                   "decision_date": DECISION[2], "recipient_body_council": WARD,
                   "recipient_body": STANDING, "achievement": "Có thành tích xuất sắc năm 2023"},
        "campaigns": {**CAMPAIGN, "theme": "Đẩy mạnh chuyển đổi số trong hoạt động của HĐND",
                      "launched_on": dt.date(2023, 2, 15), "status": "closed",
                      "award_classification": "excellent", "score_step": Decimal("0.5")},
        "criteria": {**CAMPAIGN, "applies_to": "council", "code": "1.1", "section": "I. Kỳ họp",
                     "title": "Tổ chức kỳ họp đúng quy định", "max_points": Decimal("20"),
                     "position": 1},
        "classification_thresholds": {**CAMPAIGN, "applies_to": "council",
                                      "classification": "excellent", "min_points": Decimal("90")},
        "scorecards": {**CAMPAIGN, **SUBJECT, "status": "approved",
                       "submitted_at": timezone.make_aware(dt.datetime(2024, 2, 5, 16, 0)),
                       "reviewed_at": timezone.make_aware(dt.datetime(2024, 2, 20, 9, 0)),
                       "reviewed_by": "vanphong"},
        "scores": {**CAMPAIGN, **SUBJECT, "criterion_code": "1.1",
                   "self_points": Decimal("19.5"), "approved_points": Decimal("19")},
        "pledges": {**PLEDGE, "signed_on": dt.date(2024, 3, 13), "signatory": PERSON},
        "commitments": {**PLEDGE, "position": 1, "text": "Tổ chức đủ 02 kỳ họp thường lệ",
                        "metric": "sessions", "target": 2},
    }  # fmt: skip


@cache
def examples() -> dict[str, dict]:
    """Per sheet, the example row with every column (empty ones as None)."""
    return {
        name: {column: row.get(column) for column in BY_NAME[name].columns}
        for name, row in _examples().items()
    }


def is_example(sheet_name: str, parsed: dict) -> bool:
    """Whether a parsed row is the template's example row, left as it was (its person
    named as now, or as in the templates made before: EARLIER_PERSON)."""
    sheet = BY_NAME[sheet_name]
    example = examples().get(sheet_name)
    if example is None:
        return False
    earlier = {c: EARLIER_PERSON if v == PERSON else v for c, v in example.items()}
    return any(
        all(
            parsed.get(column) == parse(sheet.kind(column), row[column]) for column in sheet.columns
        )
        for row in (example, earlier)
    )


@dataclass(frozen=True)
class Leak:
    """Where a row still holds a value of the template's example, and what to do."""

    column: str
    message: str


# What marks an example's text as made up: the ward "Ví Dụ", its code, the year 2099.
MADE_UP = re.compile(r"vi-du|ví dụ|/vd\b|2099", re.IGNORECASE)


@cache
def made_up() -> frozenset[str]:
    """The examples' made-up texts (casefolded): no real row holds one."""
    texts = {PERSON}
    for row in _examples().values():
        texts |= {v for v in row.values() if isinstance(v, str) and MADE_UP.search(v)}
    return frozenset(text.casefold() for text in texts)


def leaked(sheet_name: str, parsed: dict) -> Leak | None:
    """A value of the example left in a row that is otherwise the person's own."""
    sheet = BY_NAME[sheet_name]
    for column in sheet.columns:
        value = parsed.get(column)
        if not isinstance(value, str):
            continue
        parts = names_in(value) if column in sheet.lists else [value]
        found = next((part for part in parts if part.strip().casefold() in made_up()), None)
        if found:
            return Leak(
                column,
                _(
                    "“%(value)s” is the template's example, not a real value: type your own "
                    "over it, or delete it."
                )
                % {"value": found},
            )
    return None
