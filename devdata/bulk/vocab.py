"""Words the bulk data is made of: names, topics, criteria. Illustrative, not real.

Every list is a tuple: the plan picks from them by index with its own random
generator, so their order is part of what a seed produces.
"""

# Bulk people have four-word names; the demo's have three, so the demo's lookup of a
# person by full name (seed_demo run again) can never pick up a bulk person.
FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lâm",
)  # fmt: skip
MIDDLE = {
    "female": ("Thị Thu", "Thị Thanh", "Thị Ngọc", "Thị Minh", "Thị Hồng", "Thị Kim"),
    "male": ("Văn Minh", "Đức Trung", "Hữu Quang", "Đình Quốc", "Quang Minh", "Văn Thanh"),
}
GIVEN = {
    "female": ("Hằng", "Lan", "Hương", "Mai", "Trang", "Thảo", "Linh", "Hà", "Nga", "Yến"),
    "male": ("Hùng", "Dũng", "Tuấn", "Hải", "Long", "Sơn", "Thắng", "Cường", "Phong", "Tùng"),
}

# The two committees (Ban) of a council after the 2025 reorganisation.
COMMITTEES = ("Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội")

RESOLUTION_TOPICS = (
    "Về kế hoạch phát triển kinh tế - xã hội năm {next}",
    "Về dự toán thu, chi ngân sách năm {next}",
    "Về phê chuẩn quyết toán ngân sách năm {prev}",
    "Về kế hoạch đầu tư công năm {next}",
    "Về điều chỉnh kế hoạch đầu tư công trung hạn",
    "Về chương trình giám sát năm {next}",
    "Về kế hoạch tổ chức các kỳ họp năm {next}",
    "Về thành lập Đoàn giám sát chuyên đề năm {year}",
    "Về chủ trương đầu tư dự án cải tạo, nâng cấp đường giao thông",
    "Về kết quả giải quyết kiến nghị của cử tri",
    "Về phân bổ kinh phí sự nghiệp giáo dục năm {year}",
    "Về chính sách hỗ trợ người có công và bảo trợ xã hội",
    "Về bổ sung dự toán ngân sách năm {year}",
    "Về miễn nhiệm, bầu bổ sung chức danh do HĐND bầu",
)
OVERSIGHT_TOPICS = (
    "quản lý đất đai và trật tự xây dựng trên địa bàn",
    "thực hiện chính sách an sinh xã hội, giảm nghèo bền vững",
    "bảo đảm an toàn vệ sinh thực phẩm",
    "giải ngân vốn đầu tư công",
    "cải cách hành chính, chuyển đổi số ở cơ sở",
    "giải quyết kiến nghị của cử tri sau kỳ họp",
    "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "phòng, chống thiên tai, bảo vệ môi trường",
    "thực hiện các chương trình mục tiêu quốc gia",
    "quản lý, sử dụng tài sản công",
)
SUBJECTS = {
    "province": (
        "UBND {place}", "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
        "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công an {place}", "Tòa án nhân dân {place}",
    ),
    "commune": (
        "UBND {place}", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an {place}",
        "Trạm Y tế {place}", "Trường Tiểu học {place}", "Ban Quản lý chợ {place}",
    ),
}  # fmt: skip
FINDINGS = (
    "",
    "Cơ bản thực hiện đúng quy định; còn chậm trong một số nội dung.",
    "Đã chỉ ra các tồn tại, hạn chế và kiến nghị khắc phục.",
    "Kết quả thực hiện đạt yêu cầu; cần tiếp tục theo dõi.",
)
THEMES = (
    "Tiếp tục đổi mới, nâng cao chất lượng, hiệu lực, hiệu quả và đẩy mạnh chuyển đổi số "
    "trong hoạt động của HĐND các cấp trên địa bàn {place}",
    "Đoàn kết, đổi mới, nâng cao chất lượng hoạt động giám sát của HĐND trên địa bàn {place}",
    "Đẩy mạnh chuyển đổi số, xây dựng HĐND các cấp trên địa bàn {place} chuyên nghiệp, hiện đại",
)

# Criteria sections per subject kind, each with titles to choose from.
_SESSIONS = (
    "I. Kỳ họp",
    (
        "Tổ chức đủ các kỳ họp theo luật định, đúng thời gian",
        "Ban hành nghị quyết kịp thời, đúng thẩm quyền",
        "Chuẩn bị tài liệu kỳ họp đầy đủ, đúng hạn",
        "Dự đầy đủ kỳ họp, phát biểu, chất vấn",
    ),
)
_OVERSIGHT = (
    "II. Giám sát",
    (
        "Thực hiện chương trình giám sát năm",
        "Theo dõi việc thực hiện kiến nghị sau giám sát",
        "Tổ chức phiên chất vấn giữa hai kỳ họp",
        "Khảo sát theo lĩnh vực phụ trách",
    ),
)
_VOTERS = (
    "III. Cử tri",
    (
        "Tiếp xúc cử tri trước và sau kỳ họp",
        "Tiếp công dân, xử lý đơn thư, kiến nghị",
        "Giám sát việc giải quyết kiến nghị của cử tri",
    ),
)
_DIGITAL = (
    "IV. Chuyển đổi số",
    (
        "Kỳ họp không giấy tờ, số hóa tài liệu",
        "Sử dụng chữ ký số, xử lý văn bản trên môi trường mạng",
        "Cập nhật cơ sở dữ liệu đại biểu và hoạt động HĐND",
    ),
)
_COORDINATION = (
    "I. Điều hòa, phối hợp",
    (
        "Điều hòa, phối hợp hoạt động các Ban, Tổ",
        "Chuẩn bị và tổ chức kỳ họp",
        "Giao ban định kỳ với Thường trực HĐND cấp trên",
    ),
)
_REVIEW = (
    "I. Thẩm tra",
    (
        "Thẩm tra báo cáo, đề án, dự thảo nghị quyết",
        "Chất lượng báo cáo thẩm tra",
        "Tham gia xây dựng chương trình kỳ họp",
    ),
)
SECTIONS = {
    "council": (_SESSIONS, _OVERSIGHT, _VOTERS, _DIGITAL),
    "standing_committee": (_COORDINATION, _OVERSIGHT, _VOTERS, _DIGITAL),
    "committee": (_REVIEW, _OVERSIGHT, _VOTERS, _DIGITAL),
    "deputy_group": (_SESSIONS, _VOTERS, _OVERSIGHT, _DIGITAL),
    "deputy": (_SESSIONS, _VOTERS, _OVERSIGHT),
}

# Commitments by the signing body's kind: (text, metric, target). There is no district
# level in the bulk tree, so nothing here names a "quận".
COMMITMENTS = {
    "committee": (
        ("Chủ trì ít nhất 02 cuộc giám sát chuyên đề trong năm", "thematic_oversight", 2),
        ("Thẩm tra đầy đủ, đúng hạn các dự thảo nghị quyết", "", None),
        ("Xử lý văn bản trên môi trường mạng, dùng chữ ký số", "", None),
    ),
    "deputy_group": (
        ("Tiếp xúc cử tri trước và sau mỗi kỳ họp thường lệ", "", None),
        ("Tham gia ít nhất 03 cuộc giám sát tại địa bàn ứng cử", "oversight", 3),
    ),
    "standing_committee": (
        ("Tổ chức đủ 02 kỳ họp thường lệ không giấy tờ", "regular_sessions", 2),
        ("Tổ chức ít nhất 05 cuộc giám sát trong năm", "oversight", 5),
        ("Giao ban 6 tháng/lần giữa Thường trực HĐND các cấp", "", None),
    ),
}

# Citizens' cases at reception days: (kind, field, summary). Illustrative.
CASE_TOPICS = (
    ("complaint", "Đất đai", "Khiếu nại quyết định thu hồi đất, bồi thường chưa thỏa đáng"),
    ("complaint", "Chính sách", "Khiếu nại việc xét hộ cận nghèo năm nay"),
    ("denunciation", "Trật tự xây dựng", "Tố cáo việc xây dựng không phép trên đất nông nghiệp"),
    ("denunciation", "Quản lý tài chính", "Tố cáo việc thu các khoản đóng góp sai quy định"),
    ("petition", "Hạ tầng", "Đề nghị sửa chữa tuyến đường liên thôn xuống cấp"),
    ("petition", "Môi trường", "Đề nghị xử lý điểm tập kết rác gây ô nhiễm"),
    ("petition", "Đất đai", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"),
    ("reflection", "An ninh trật tự", "Phản ánh tình trạng đua xe, gây mất trật tự ban đêm"),
    ("reflection", "Y tế", "Phản ánh thái độ phục vụ tại trạm y tế"),
    ("reflection", "Hạ tầng", "Phản ánh đèn chiếu sáng công cộng không hoạt động"),
)
# Voters' petitions at meetings with voters: (field, content). Illustrative.
PETITION_TOPICS = (
    ("Đất đai", "Đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân"),
    ("Đất đai", "Công khai quy hoạch sử dụng đất đến năm 2030"),
    ("Hạ tầng", "Nâng cấp, mở rộng tuyến đường trục chính của khu dân cư"),
    ("Hạ tầng", "Lắp đặt hệ thống thoát nước, chống ngập úng mùa mưa"),
    ("Môi trường", "Tăng tần suất thu gom rác thải sinh hoạt"),
    ("Y tế", "Bổ sung bác sĩ và thuốc thiết yếu cho trạm y tế"),
    ("Giáo dục", "Xây thêm phòng học cho trường tiểu học"),
    ("Chính sách xã hội", "Kịp thời chi trả trợ cấp cho người cao tuổi và người có công"),
    ("An ninh trật tự", "Tăng cường tuần tra, bảo đảm an ninh trật tự ban đêm"),
    ("Cải cách hành chính", "Rút ngắn thời gian giải quyết thủ tục hành chính về hộ tịch"),
    ("Nông nghiệp", "Hỗ trợ giống, vật tư cho nông dân sau thiên tai"),
    ("Văn hóa", "Đầu tư thiết chế văn hóa, sân chơi cho thiếu nhi"),
)
ABSENCE_REASONS = ("Đi công tác theo phân công", "Ốm, có giấy của cơ sở y tế", "Việc gia đình")
