"""What people type for a choice or a yes/no cell, beside the codes and labels: one table.

A file filled by hand holds "Thường kỳ" for a regular session, "Quận" for a district
council, "Giấy khen của Chủ tịch UBND quận" for a certificate of merit. Values are
compared folded (``fold``: no diacritics, đ as d, any case, spaces collapsed), so
"thuong ky", "THƯỜNG KỲ" and " Thường  kỳ " are the same. The table is keyed by model
field (``Model.field``); a synonym whose code a field does not have is ignored, and a
test checks that every synonym names a code of its field and that no folded value
names two codes of one field.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """``text`` as compared: NFD without combining marks, đ→d, casefolded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", bare.casefold()).strip()


# Yes and no, for the yes/no columns (paperless, two_thirds, re_supervise…).
YES = ("Có", "Đúng", "Rồi", "x", "✓", "✔", "yes", "y", "true", "1")
NO = ("Không", "Sai", "Ko", "no", "n", "false", "0")

_AWARD_KINDS = {
    "giay_khen": ("Giấy khen", "GK"),
    "bang_khen": ("Bằng khen", "BK"),
    "co_thi_dua": ("Cờ thi đua", "Cờ"),
    "danh_hieu": (
        "Danh hiệu",
        "Danh hiệu thi đua",
        "Chiến sĩ thi đua",
        "Chiến sĩ thi đua cơ sở",
        "Lao động tiên tiến",
        "Tập thể lao động tiên tiến",
        "Tập thể lao động xuất sắc",
    ),
}
# A value that starts with these words is that kind, whoever awards it:
# "Giấy khen của Chủ tịch UBND quận", "Bằng khen của Thủ tướng Chính phủ".
_AWARD_KIND_STARTS = {
    "giay_khen": ("Giấy khen",),
    "bang_khen": ("Bằng khen",),
    "co_thi_dua": ("Cờ thi đua",),
    "danh_hieu": ("Danh hiệu",),
}
_SUBJECT_KINDS = {
    "council": ("HĐND", "Hội đồng nhân dân", "Tự đánh giá", "HĐND tự đánh giá"),
    "standing_committee": ("Thường trực", "Thường trực Hội đồng nhân dân", "TT HĐND"),
    "committee": ("Ban", "Ban của HĐND", "Các Ban HĐND"),
    "deputy_group": ("Tổ", "Tổ đại biểu HĐND", "Tổ ĐB"),
    "deputy": ("Đại biểu", "Đại biểu Hội đồng nhân dân", "ĐB", "ĐB HĐND"),
}
_CLASSIFICATIONS = {
    "excellent": ("Xuất sắc", "Hoàn thành xuất sắc", "HTXSNV"),
    "good": ("Tốt", "Hoàn thành tốt", "HTTNV"),
    "completed": ("Hoàn thành", "HTNV"),
    "not_completed": ("Không hoàn thành", "Chưa hoàn thành", "KHTNV"),
}

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "Council.level": {
        "province": (
            "Tỉnh",
            "Cấp tỉnh",
            "Thành phố trực thuộc trung ương",
            "Thành phố trực thuộc TW",
            "HĐND tỉnh",
        ),
        "district": (
            "Quận",
            "Huyện",
            "Cấp huyện",
            "Thị xã",
            "Thành phố thuộc tỉnh",
            "HĐND quận",
            "HĐND huyện",
        ),
        "commune": ("Phường", "Xã", "Thị trấn", "Cấp xã", "HĐND phường", "HĐND xã", "Ward"),
    },
    "Body.kind": {
        "standing_committee": _SUBJECT_KINDS["standing_committee"],
        "committee": ("Ban", "Ban của HĐND", "Ban của Hội đồng nhân dân"),
        "deputy_group": _SUBJECT_KINDS["deputy_group"],
    },
    "Person.gender": {"male": ("Ông", "Nam giới"), "female": ("Bà", "Nữ giới")},
    "Membership.role": {
        "chair": ("Chủ tịch HĐND", "CT"),
        "vice_chair": ("Phó Chủ tịch HĐND", "PCT"),
        "head": ("Trưởng Ban", "Trưởng"),
        "deputy_head": ("Phó Ban", "Phó Trưởng Ban HĐND"),
        "group_leader": ("Tổ trưởng Tổ đại biểu",),
        "deputy_group_leader": ("Tổ phó Tổ đại biểu",),
        "member": ("Ủy viên", "Đại biểu", "TV"),
    },
    "Session.kind": {
        "regular": ("Thường kỳ", "Thường lệ", "Kỳ họp thường lệ", "Kỳ họp thường kỳ", "Định kỳ"),
        # The 2019 law's "chuyên đề" sessions were "bất thường" (extraordinary) before it.
        "thematic": (
            "Chuyên đề",
            "Kỳ họp chuyên đề",
            "Bất thường",
            "Kỳ họp bất thường",
            "Đột xuất",
            "Extraordinary",
        ),
    },
    "SessionDocument.kind": {
        "invitation": ("Giấy mời", "Thư mời", "Chương trình kỳ họp"),
        "submission": ("TTr",),
        "draft_resolution": ("Dự thảo", "Dự thảo NQ"),
        "explanation": ("Báo cáo giải trình", "Giải trình"),
        "minutes": ("Biên bản kỳ họp",),
        "resolution": ("Nghị quyết", "NQ"),
    },
    "Attendance.status": {
        "in_person": ("Có mặt", "Trực tiếp", "Dự trực tiếp"),
        "online": ("Trực tuyến", "Dự trực tuyến", "Online"),
        "excused": ("Vắng có phép", "Có lý do", "Vắng có lý do"),
        "absent": ("Vắng", "Vắng mặt", "Không lý do", "Vắng không phép"),
    },
    "RollCallVote.choice": {
        "for": ("Đồng ý",),
        "against": ("Không đồng ý", "Phản đối"),
        "abstain": ("Không ý kiến",),
        "not_voting": ("Không bỏ phiếu",),
    },
    "ReceptionCase.kind": {
        "complaint": ("Đơn khiếu nại",),
        "denunciation": ("Đơn tố cáo",),
        "petition": ("Đơn kiến nghị", "Đề nghị"),
        "reflection": ("Đơn phản ánh",),
    },
    "ReceptionCase.status": {
        "guided": ("Đã hướng dẫn", "Hướng dẫn", "Đã giải thích", "Giải thích"),
        "forwarded": ("Đã chuyển", "Chuyển đơn", "Chờ trả lời"),
        "answered": ("Đã trả lời",),
        "closed": ("Đã giải quyết", "Giải quyết xong", "Xong"),
    },
    "VoterMeeting.timing": {
        "before": ("Trước", "Trước kỳ họp"),
        "after": ("Sau", "Sau kỳ họp"),
        "thematic": ("Chuyên đề", "Theo chuyên đề", "Theo lĩnh vực"),
    },
    "VoterPetition.status": {
        "pending": ("Chưa trả lời", "Đang chờ"),
        "answered": ("Đã có văn bản trả lời",),
        "in_progress": ("Đang xử lý",),
        "resolved": ("Giải quyết xong", "Xong"),
    },
    "OversightActivity.kind": {
        "thematic": ("Chuyên đề",),
        "regular": ("Thường xuyên",),
        "survey": ("Đoàn khảo sát",),
        "interpellation": ("Chất vấn", "Phiên chất vấn", "Chất vấn giữa hai kỳ họp"),
        # At a session, deputies question and the officials answer in the hall.
        "interpellation_at_session": (
            "Chất vấn tại kỳ họp",
            "Chất vấn và trả lời chất vấn",
            "Chất vấn và trả lời chất vấn tại kỳ họp",
        ),
    },
    "Recommendation.status": {
        "open": ("Chưa thực hiện", "Chưa"),
        "in_progress": ("Đang thực hiện",),
        "done": ("Đã giải quyết", "Hoàn thành", "Xong"),
    },
    "AwardPolicy.kind": _AWARD_KINDS,
    "AwardPolicy.vote_base": {
        "all": ("Tổng số thành viên", "Tổng số"),
        "present": ("Số thành viên có mặt", "Có mặt"),
    },
    "EligibilityRule.kind": _AWARD_KINDS,
    "EligibilityRule.required_kind": _AWARD_KINDS,
    "EligibilityRule.rounding": {"floor": ("Làm tròn xuống",), "round": ("Làm tròn",)},
    "AwardDossier.kind": _AWARD_KINDS,
    "AwardDossier.status": {
        "draft": ("Nháp", "Dự thảo"),
        "ready": ("Sẵn sàng", "Chờ xét"),
        "reviewed": ("Đã xét", "Đã họp xét"),
        "decided": ("Đã có quyết định", "Đã khen thưởng"),
    },
    "AwardDecision.kind": _AWARD_KINDS,
    "Campaign.status": {"open": ("Đang mở", "Mở", "Đang diễn ra"), "closed": ("Kết thúc", "Đóng")},
    "Campaign.award_classification": _CLASSIFICATIONS,
    "Criterion.applies_to": _SUBJECT_KINDS,
    "ClassificationThreshold.applies_to": _SUBJECT_KINDS,
    "ClassificationThreshold.classification": _CLASSIFICATIONS,
    "Scorecard.subject_kind": _SUBJECT_KINDS,
    "Scorecard.status": {
        "draft": ("Nháp",),
        "submitted": ("Đã nộp", "Đã trình", "Gửi"),
        "approved": ("Đã phê duyệt", "Duyệt"),
        "returned": ("Trả về", "Bị trả lại"),
    },
}

STARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "AwardPolicy.kind": _AWARD_KIND_STARTS,
    "EligibilityRule.kind": _AWARD_KIND_STARTS,
    "EligibilityRule.required_kind": _AWARD_KIND_STARTS,
    "AwardDossier.kind": _AWARD_KIND_STARTS,
    "AwardDecision.kind": _AWARD_KIND_STARTS,
}


def field_key(field) -> str:
    """The table's key of a model field: ``Model.field``."""
    return f"{field.model.__name__}.{field.name}"
