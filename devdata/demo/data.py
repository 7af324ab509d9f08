"""Demo data for Dương Kinh district, 2023–2024.

Facts from the seed article: the councils and wards, the 2023 counts (sessions,
resolutions, oversight by kind, awards), the campaign theme, the conference and
pledges of 13/03/2024, and the names and posts of the leaders it quotes. Everything
else here (dates inside 2023, numbers, titles, other people's names, criteria,
points) is illustrative, chosen to be plausible; the counts always come from these
records, never from constants.
"""

import datetime as dt

THEME = (
    "Tiếp tục đổi mới, nâng cao chất lượng, hiệu lực, hiệu quả và đẩy mạnh chuyển đổi số "
    "trong hoạt động của HĐND các cấp trên địa bàn thành phố Hải Phòng"
)

DISTRICT = {"slug": "duong-kinh", "short_name": "Dương Kinh", "name": "HĐND quận Dương Kinh"}

# (slug, short name) of the six ward councils, as the article lists them.
WARDS = [
    ("anh-dung", "Anh Dũng"),
    ("da-phuc", "Đa Phúc"),
    ("hai-thanh", "Hải Thành"),
    ("hoa-nghia", "Hòa Nghĩa"),
    ("hung-dao", "Hưng Đạo"),
    ("tan-thanh", "Tân Thành"),
]
THEMATIC_SESSION_WARD = "hai-thanh"  # the one ward thematic session of 2023 (illustrative)

TERM = {"name": "2021–2026", "start_date": dt.date(2021, 6, 1), "end_date": dt.date(2026, 6, 30)}

COMMITTEES = ["Ban Kinh tế - Xã hội", "Ban Pháp chế"]
DEPUTY_GROUP_COUNT = 6  # one per ward constituency (illustrative)

# People the article names, with the posts it gives them.
CHAIR = ("Vũ Bình Dương", "Phó Bí thư Thường trực Quận ủy, Chủ tịch HĐND quận", "male")
VICE_CHAIR = ("Nguyễn Văn Phúc", "Ủy viên BTV Quận ủy, Phó Chủ tịch HĐND quận", "male")

# Illustrative names for the other deputies and the individuals awarded.
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE_GIVEN = [
    ("Thị", "Hằng", "female"),
    ("Văn", "Hùng", "male"),
    ("Thị", "Lan", "female"),
    ("Đức", "Minh", "male"),
    ("Thị", "Hương", "female"),
    ("Văn", "Thắng", "male"),
    ("Thu", "Trang", "female"),
    ("Quang", "Huy", "male"),
    ("Thị", "Mai", "female"),
    ("Văn", "Tuấn", "male"),
    ("Ngọc", "Anh", "female"),
    ("Xuân", "Trường", "male"),
    ("Thị", "Thảo", "female"),
]


def illustrative_name(i: int) -> tuple[str, str]:
    """The i-th illustrative (full name, gender); distinct for i < 130."""
    middle, given, gender = MIDDLE_GIVEN[i % len(MIDDLE_GIVEN)]
    return f"{FAMILY[(i // len(MIDDLE_GIVEN)) % len(FAMILY)]} {middle} {given}", gender


# District sessions of 2023: (number in term, kind, start, end, resolutions adopted).
DISTRICT_SESSIONS = [
    (10, "thematic", dt.date(2023, 3, 23), dt.date(2023, 3, 23), 3),
    (11, "regular", dt.date(2023, 7, 12), dt.date(2023, 7, 13), 12),
    (12, "thematic", dt.date(2023, 9, 26), dt.date(2023, 9, 26), 4),
    (13, "regular", dt.date(2023, 12, 14), dt.date(2023, 12, 15), 19),
]
# Ward sessions of 2023; the thematic one only in THEMATIC_SESSION_WARD.
WARD_SESSIONS = [
    (8, "regular", dt.date(2023, 7, 6), dt.date(2023, 7, 6), 3),
    (9, "thematic", dt.date(2023, 9, 19), dt.date(2023, 9, 19), 1),
    (10, "regular", dt.date(2023, 12, 8), dt.date(2023, 12, 8), 5),
]

RESOLUTION_TOPICS = [
    "Về kế hoạch phát triển kinh tế - xã hội năm 2024",
    "Về dự toán thu, chi ngân sách năm 2024",
    "Về phê chuẩn quyết toán ngân sách năm 2022",
    "Về kế hoạch đầu tư công năm 2024",
    "Về điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021–2025",
    "Về chương trình giám sát năm 2024",
    "Về kế hoạch tổ chức các kỳ họp năm 2024",
    "Về thành lập Đoàn giám sát chuyên đề",
    "Về chủ trương đầu tư dự án cải tạo, nâng cấp tuyến đường nội phường",
    "Về xác nhận kết quả lấy phiếu tín nhiệm",
    "Về phân bổ kinh phí sự nghiệp giáo dục",
    "Về kết quả giải quyết kiến nghị của cử tri",
]

OVERSIGHT_TOPICS = [
    "công tác quản lý đất đai, trật tự xây dựng",
    "việc thực hiện chính sách an sinh xã hội",
    "công tác bảo đảm an toàn thực phẩm",
    "tiến độ giải ngân vốn đầu tư công",
    "công tác cải cách hành chính và chuyển đổi số",
    "việc giải quyết kiến nghị của cử tri",
    "công tác tiếp công dân, giải quyết đơn thư",
    "công tác phòng, chống thiên tai và vệ sinh môi trường",
    "việc thực hiện các chương trình mục tiêu quốc gia",
    "công tác quản lý, sử dụng tài sản công",
]

# District oversight of 2023: 05 thematic, 16 regular, 01 interpellation (the article's).
DISTRICT_OVERSIGHT = {"thematic": 5, "regular": 16, "interpellation": 1}
# Ward oversight of 2023: 31 in all, 12 thematic (the article's); per ward (illustrative).
WARD_OVERSIGHT = {
    "anh-dung": {"thematic": 2, "regular": 3},
    "da-phuc": {"thematic": 2, "regular": 3},
    "hai-thanh": {"thematic": 2, "regular": 4},
    "hoa-nghia": {"thematic": 2, "regular": 3},
    "hung-dao": {"thematic": 2, "regular": 3},
    "tan-thanh": {"thematic": 2, "regular": 3},
}

# Criteria per subject kind: (section, code, title, maximum points); each sums to 100.
CRITERIA = {
    "council": [
        ("I. Kỳ họp", "1.1", "Tổ chức đủ các kỳ họp theo luật định, đúng thời gian", 20),
        ("I. Kỳ họp", "1.2", "Ban hành nghị quyết kịp thời, đúng thẩm quyền", 15),
        ("II. Giám sát", "2.1", "Thực hiện chương trình giám sát năm", 20),
        ("II. Giám sát", "2.2", "Theo dõi việc thực hiện kiến nghị sau giám sát", 10),
        ("III. Cử tri", "3.1", "Tiếp xúc cử tri, tiếp công dân, xử lý đơn thư", 15),
        ("IV. Chuyển đổi số", "4.1", "Kỳ họp không giấy tờ, số hóa tài liệu, chữ ký số", 20),
    ],
    "standing_committee": [
        ("I. Điều hòa, phối hợp", "1.1", "Chuẩn bị và tổ chức kỳ họp", 25),
        ("I. Điều hòa, phối hợp", "1.2", "Điều hòa, phối hợp hoạt động các Ban, Tổ", 15),
        ("II. Giám sát", "2.1", "Giám sát, chất vấn giữa hai kỳ họp", 25),
        ("III. Cử tri", "3.1", "Tiếp công dân, xử lý đơn thư, kiến nghị", 15),
        ("IV. Chuyển đổi số", "4.1", "Ứng dụng công nghệ thông tin, chữ ký số", 20),
    ],
    "committee": [
        ("I. Thẩm tra", "1.1", "Thẩm tra báo cáo, đề án, dự thảo nghị quyết", 30),
        ("II. Giám sát", "2.1", "Giám sát, khảo sát theo lĩnh vực phụ trách", 35),
        ("III. Cử tri", "3.1", "Tham gia tiếp xúc cử tri, tiếp công dân", 15),
        ("IV. Chuyển đổi số", "4.1", "Xử lý văn bản trên môi trường mạng", 20),
    ],
    "deputy_group": [
        ("I. Kỳ họp", "1.1", "Tham gia đầy đủ các kỳ họp, thảo luận tổ", 25),
        ("II. Cử tri", "2.1", "Tổ chức tiếp xúc cử tri trước và sau kỳ họp", 35),
        ("III. Giám sát", "3.1", "Giám sát việc giải quyết kiến nghị của cử tri", 25),
        ("IV. Chuyển đổi số", "4.1", "Sử dụng tài liệu điện tử, kỳ họp số", 15),
    ],
    "deputy": [
        ("I. Kỳ họp", "1.1", "Dự đầy đủ kỳ họp, phát biểu, chất vấn", 30),
        ("II. Cử tri", "2.1", "Tiếp xúc cử tri, tiếp công dân theo quy định", 40),
        ("III. Giám sát", "3.1", "Tham gia các đoàn giám sát", 30),
    ],
}
THRESHOLDS = [("excellent", 90), ("good", 70), ("completed", 50), ("not_completed", 0)]
# How far below the maximum each illustrative 2023 scorecard lands, per criterion.
DEDUCTIONS = [0, 1, 0.5, 2, 0, 1.5, 3, 0, 2.5, 1]

AWARD_AUTHORITY = "UBND quận Dương Kinh"
AWARD_DECISIONS = {
    "collective": ("486/QĐ-UBND", dt.date(2024, 3, 8)),
    "individual": ("487/QĐ-UBND", dt.date(2024, 3, 8)),
}
CONFERENCE_DAY = dt.date(2024, 3, 13)
# The 2023 campaign's launch, when the same bodies signed their 2023 pledges (illustrative).
LAUNCH_2023 = dt.date(2023, 2, 15)

# 2024 commitments by the signing body's kind: (text, metric, target).
COMMITMENTS = {
    "committee": [
        ("Chủ trì ít nhất 02 cuộc giám sát chuyên đề", "thematic_oversight", 2),
        ("Thẩm tra đầy đủ các dự thảo nghị quyết trình kỳ họp", "", None),
        ("Xử lý văn bản trên môi trường mạng, sử dụng chữ ký số", "", None),
    ],
    "deputy_group": [
        ("Tổ chức tiếp xúc cử tri trước và sau mỗi kỳ họp thường lệ", "", None),
        ("Tham gia ít nhất 03 cuộc giám sát tại địa bàn ứng cử", "oversight", 3),
    ],
    "standing_committee": [
        ("Tổ chức đủ 02 kỳ họp thường lệ, ứng dụng kỳ họp không giấy tờ", "regular_sessions", 2),
        ("Tổ chức ít nhất 05 cuộc giám sát, trong đó 02 cuộc chuyên đề", "oversight", 5),
        ("Tổ chức giao ban định kỳ 6 tháng/lần với Thường trực HĐND quận", "", None),
    ],
}

DEMO_PASSWORD = "demo-councilwork-2023"
DEMO_USERS = [
    # (username, role, council slug or None, given name (tên), family and middle names (họ));
    # the people are illustrative.
    ("vanphong", "secretariat", None, "Hà", "Nguyễn Thị Thu"),
    ("anhdung", "ward", "anh-dung", "Minh", "Trần Văn"),
    ("lanhdao", "leader", None, "Sơn", "Phạm Ngọc"),
]
# Who entered the district bodies' and the other wards' 2023 scorecards on their behalf:
# a member of the secretariat with no login (unusable password), so that another one,
# vanphong, could approve them (four eyes).
DEMO_CLERK = ("chuyenvien", "secretariat", None, "Lan", "Đỗ Thị")
BEHALF_REASON = "Nhập theo báo cáo tự chấm điểm bằng văn bản của đơn vị"

# The review of the 2023 scorecards (illustrative).
REVIEW_DAY = dt.date(2024, 2, 20)
REVIEW_REASON = "Chưa có biên bản kỳ họp chuyên đề kèm theo"


def _one_page_pdf() -> bytes:
    """A minimal, valid one-page PDF: objects, their cross-reference table, the trailer."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj%sendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


# Standing in for a scanned meeting record.
EVIDENCE_PDF = _one_page_pdf()
