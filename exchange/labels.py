"""The Vietnamese name of each column of the exchange format, as a person reads it.

The template's header, its guide and every import message name a column this way;
the stable code (``council``, ``term_start``…) stays beside it for machines (row 2
of a workbook). A column's name is, in order: the sheet's own entry in ``BY_SHEET``;
for a column that cites another sheet, its entry in ``CITED`` (the same code cites
the same thing on every sheet); otherwise the model field's verbose name in
Vietnamese, a cited column qualified by what it cites ("Tên (cơ quan được khen
thưởng)"). Names are unique within a sheet: a name two columns would share gets
the code added, so a new column never makes a header ambiguous.
"""

from functools import cache

from django.utils import translation

from .spec import BY_NAME, Sheet

# Columns that cite another sheet, by code: what they name there.
CITED = {
    "council": "Mã HĐND",
    "parent": "Mã HĐND cấp trên",
    "successor": "Mã HĐND kế thừa",
    "term_start": "Nhiệm kỳ (ngày bắt đầu)",
    "person": "Họ tên đại biểu",
    "body": "Tên cơ quan",
    "session_term_start": "Nhiệm kỳ của kỳ họp (ngày bắt đầu)",
    "session_number": "Kỳ họp thứ",
    "resolution_adopted_on": "Ngày thông qua nghị quyết",
    "resolution_number": "Số nghị quyết",
    "subject": "Dự thảo được biểu quyết",
    "deputy": "Họ tên đại biểu",
    "day_date": "Ngày tiếp công dân",
    "day_place": "Nơi tiếp công dân",
    "meeting_date": "Ngày tiếp xúc cử tri",
    "meeting_place": "Nơi tiếp xúc cử tri",
    "conducted_by": "Cơ quan thực hiện giám sát",
    "activity_title": "Tên cuộc giám sát",
    "activity_start_date": "Ngày bắt đầu cuộc giám sát",
    "dossier_council": "Mã HĐND của hồ sơ",
    "dossier_year": "Năm thành tích của hồ sơ",
    "dossier_kind": "Hình thức khen thưởng của hồ sơ",
    "dossier_issuing_authority": "Cơ quan ban hành (của hồ sơ)",
    "recipient_body_council": "Mã HĐND của cơ quan được khen",
    "recipient_body": "Cơ quan được khen (tên)",
    "recipient_council": "HĐND được khen (mã)",
    "recipient_person": "Cá nhân được khen (họ tên)",
    "amends_issuing_authority": "Sửa đổi quyết định: cơ quan ban hành",
    "amends_number": "Sửa đổi quyết định: số",
    "amends_decision_date": "Sửa đổi quyết định: ngày",
    "decision_issuing_authority": "Cơ quan ban hành quyết định",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "year": "Năm của phong trào",
    "subject_kind": "Loại đối tượng được chấm",
    "subject_council": "HĐND được chấm (mã)",
    "subject_body_council": "Mã HĐND của cơ quan được chấm",
    "subject_body": "Cơ quan được chấm (tên)",
    "subject_deputy": "Đại biểu được chấm (họ tên)",
    "subject_deputy_council": "Mã HĐND của đại biểu được chấm",
    "subject_deputy_term_start": "Nhiệm kỳ của đại biểu được chấm (ngày bắt đầu)",
    "criterion_code": "Mã tiêu chí",
    "body_council": "Mã HĐND của cơ quan ký",
}
# A sheet's own columns whose verbose name says too little in a header.
BY_SHEET = {
    "councils": {
        "slug": "Mã HĐND",
        "name": "Tên HĐND",
        "short_name": "Tên ngắn",
        "level": "Cấp",
    },
    "terms": {"name": "Tên nhiệm kỳ", "start_date": "Ngày bắt đầu nhiệm kỳ"},
    "bodies": {"name": "Tên cơ quan", "kind": "Loại cơ quan"},
    "memberships": {
        "body": "Tên cơ quan",
        "start_date": "Ngày bắt đầu giữ chức vụ",
        "end_date": "Ngày thôi giữ chức vụ",
    },
    "sessions": {"number": "Kỳ họp thứ", "kind": "Loại kỳ họp", "title": "Tên kỳ họp"},
    "resolutions": {"number": "Số nghị quyết", "title": "Trích yếu nghị quyết"},
    "session_documents": {"kind": "Loại tài liệu", "title": "Tên tài liệu"},
    "reception_days": {"body": "Cơ quan tổ chức (tên)", "date": "Ngày tiếp", "place": "Nơi tiếp"},
    "reception_cases": {"kind": "Loại đơn, vụ việc"},
    "voter_meetings": {"date": "Ngày tiếp xúc", "place": "Nơi tiếp xúc"},
    "oversight_activities": {"title": "Tên cuộc giám sát", "kind": "Hình thức giám sát"},
    "legal_documents": {"number": "Số văn bản"},
    "award_dossiers": {"year": "Năm thành tích (năm được khen)"},
    "award_decisions": {
        "year": "Năm thành tích (năm được khen, không phải năm ra quyết định)",
        "kind": "Hình thức khen thưởng",
        "title": "Trích yếu quyết định",
    },
    "campaigns": {"year": "Năm của phong trào"},
    "criteria": {"code": "Mã tiêu chí", "title": "Tên tiêu chí"},
    "pledges": {"body": "Cơ quan ký (tên)"},
    "commitments": {"body": "Cơ quan ký (tên)"},
}


@cache
def label(sheet_name: str, column: str) -> str:
    """The Vietnamese name of ``column`` of sheet ``sheet_name`` (the code if unknown)."""
    sheet = BY_NAME.get(sheet_name)
    if sheet is None or column not in sheet.columns:
        return column
    return _names(sheet_name)[column]


@cache
def _names(sheet_name: str) -> dict[str, str]:
    """Every column's name, made unique within the sheet."""
    sheet = BY_NAME[sheet_name]
    with translation.override("vi"):
        names = {column: _name(sheet, column) for column in sheet.columns}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    return {
        column: f"{name} ({column})" if counts[name.casefold()] > 1 else name
        for column, name in names.items()
    }


def _name(sheet: Sheet, column: str) -> str:
    if column in BY_SHEET.get(sheet.name, {}):
        return BY_SHEET[sheet.name][column]
    if column in sheet.fields:
        return _capital(_verbose(sheet.model._meta.get_field(column), column))
    if column in CITED:
        return CITED[column]
    ref = next(ref for ref in sheet.refs if column in ref.columns)
    try:
        cited = _verbose(sheet.field_of(column), column)
    except KeyError:
        return column
    holder = _verbose(sheet.model._meta.get_field(ref.field), ref.field)
    return f"{_capital(cited)} ({holder})"


def _verbose(field, default: str) -> str:
    return str(getattr(field, "verbose_name", "") or default)


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]
