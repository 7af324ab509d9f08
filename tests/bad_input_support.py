"""The values and strategies of the bad-input modules (tests/test_bad_input_*.py).

Generated bad input against every form and import_year: never a 500, always a clear
Vietnamese message, nothing saved from a rejected form, and what is accepted is what was sent.

Each form gets posts built by Hypothesis: every field either a valid value or a nasty
one (empty, whitespace, 10 000 characters, Vietnamese with combining marks, emoji, RTL,
NUL, SQL and HTML fragments, numbers and dates in odd formats, dates outside the term).
Every example runs in a savepoint that is rolled back, so accepted posts never pile up.

Bounded to run in well under a minute; for a deeper search set BAD_INPUT_EXAMPLES (e.g.
150) and see how often each outcome came up with --hypothesis-show-statistics.
"""

import datetime as dt
import os
from decimal import Decimal

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from devdata.demo.data import EVIDENCE_PDF

RECORD_APPS = ("councilwork", "council_sessions", "oversight", "awards", "voters", "campaigns")
# Bounded so the whole module stays well under a minute on two cores. No shrinking: an
# example is several requests, so shrinking one takes minutes; each draw is labelled in
# the report instead, which says which field held which value.
EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "25"))  # more for a deeper run
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ADMIN_BOUNDED = settings(BOUNDED, max_examples=max(1, EXAMPLES * 3 // 5))
# A Vietnamese sentence has at least one of these letters; an English one has none.
VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")

# --- the nasty values -----------------------------------------------------------------

EMPTY = ["", " ", "   ", "\t\n", "\r\n", "\u00a0", "\u3000", "\u200b", "\ufeff"]
UNICODE = [
    "Hội đồng nhân dân quận Dương Kinh",
    "Nghi\u0323\u0302 quyê\u0301t",  # combining marks instead of precomposed letters
    "Đ" + "\u0300\u0301\u0302\u0303\u0309\u0323" * 20,  # a stack of combining marks
    "🎉🇻🇳👩‍👩‍👧‍👦",
    "\u202eRTL override\u202c",
    "مجلس الشعب",
    "שלום עולם",
    "𝕳𝖊𝖑𝖑𝖔",
    "ﬁ ﬂ Ⅻ ①",
    "\x00",
    "a\x00b",
    "\x01\x07\x1b[31m",
    "null",
    "None",
    "undefined",
]
SQL = [
    "1; DROP TABLE council_sessions_session;--",
    "' OR '1'='1",
    "1' OR 1=1 --",
    '" OR ""="',
    "1 UNION SELECT password FROM councilwork_user--",
    "%",
    "_",
    "\\",
]
HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "/\r\nSet-Cookie: x=1",
    "../../etc/passwd",
]
NUMBERS = [
    "-1",
    "-0",
    "0",
    "-0,5",
    "1e309",
    "-1e309",
    "1E2",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "0,5",
    "0.5",
    "0,25",
    "1.000,5",
    "1,000.5",
    "1 000",
    "99999999999999999999",
    "-99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "32768",
    "65536",
    "1_000",
    "0x10",
    "+5",
    " 7 ",
    "٣",  # an Arabic-Indic three
    "²",  # a digit to str.isdigit(), not to int()
    "½",
    "1/2",
]
DATES = [
    "31/02/2023",
    "29/02/2023",
    "2023-13-01",
    "2023-02-30",
    "00/00/0000",
    "01/01/0001",
    "01/01/1800",
    "01/01/9999",
    "31/12/9999",
    "10/05/2023 25:61",
    "1/1/23",
    "2023/05/10",
    "10.05.2023",
    "ngày mai",
    "tomorrow",
    "01/01/2100",
    "01/01/1945",
]
ATOMS = EMPTY + UNICODE + SQL + HTML + NUMBERS + DATES
LONG = [(atom * (10_000 // len(atom) + 1))[:10_000] for atom in ("x", "ệ", "9", "<b>", "Đ\u0303")]


def nasty_values() -> st.SearchStrategy[str]:
    """Strings a form should refuse, or accept and keep exactly."""
    atom = st.sampled_from(ATOMS)
    return st.one_of(
        atom,
        atom,  # drawn twice as often as the rest
        st.sampled_from(LONG),
        st.tuples(atom, atom).map("".join),
        st.text(max_size=40),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    )


def either(valid: st.SearchStrategy, nasty: st.SearchStrategy | None = None):
    """(value, is_from_the_valid_strategy): valid values reach the deeper rules."""
    nasty = nasty_values() if nasty is None else nasty
    return st.one_of(valid.map(lambda v: (v, True)), nasty.map(lambda v: (v, False)))


class Picker:
    """Draws one post's values: every one valid in about a third of the examples (so the
    rules behind the fields, and the saving, are reached), else each valid or nasty."""

    def __init__(self, data):
        self.data = data
        self.all_valid = data.draw(st.integers(0, 2), "all fields valid") == 0

    def __call__(self, valid: st.SearchStrategy, label: str) -> tuple:
        """(value, whether it came from ``valid``)."""
        if self.all_valid:
            return self.data.draw(valid, label), True
        return self.data.draw(either(valid), label)


def day_text(start=dt.date(1990, 1, 1), end=dt.date(2060, 12, 31)):
    """Dates as the forms read them (dd/mm/yyyy), often inside the 2021-2026 term."""
    days = st.one_of(st.dates(dt.date(2021, 6, 1), dt.date(2026, 6, 30)), st.dates(start, end))
    return days.map(lambda d: d.strftime("%d/%m/%Y"))


PLAIN_TEXT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzĐđăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ "
    "ABCDEGHIKLMNOPQRSTUVXY0123456789-/.,()",
    min_size=1,
    max_size=40,
).filter(str.strip)


def text_for(max_length: int | None) -> st.SearchStrategy[str]:
    return st.one_of(
        PLAIN_TEXT,
        st.sampled_from(
            ["Ban Pháp chế", "<b>đậm</b>", "O'Brien; --", "Nghi\u0323\u0302 quyê\u0301t"]
        ),
    ).map(lambda s: s[: max_length or 10_000])


def points_text(maximum: Decimal, step: Decimal) -> st.SearchStrategy[tuple[str, Decimal]]:
    """Points inside 0..maximum in the campaign's step, written the Vietnamese way."""
    steps = int(maximum / step)
    return st.integers(0, steps).map(lambda k: (str(k * step).replace(".", ","), k * step))


EXTENSIONS = [".pdf", ".PDF", ".png", ".jpg", ".jpeg", ".docx", ".xls", ".exe", ".html", ".svg", ""]
SIGNATURES = [
    b"%PDF-1.4\n",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0",
    b"PK\x03\x04",
    b"MZ\x90\x00",
]


def file_names():
    def browser_safe(name: str) -> str:
        # Browsers percent-encode these in a multipart header; raw, they break the request.
        return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")

    return st.tuples(
        st.one_of(st.just("bien-ban"), nasty_values().map(lambda s: s[:300])),
        st.sampled_from(EXTENSIONS),
    ).map(lambda parts: browser_safe(parts[0] + parts[1]))


def upload(name: str, content: bytes) -> SimpleUploadedFile | str:
    """The file as a browser sends it; with no usable name (".", "a/") it sends no file."""
    try:
        return SimpleUploadedFile(name, content)
    except SuspiciousFileOperation:
        return ""


def file_contents():
    return st.one_of(
        st.just(EVIDENCE_PDF),
        st.just(b""),
        st.tuples(st.sampled_from(SIGNATURES), st.binary(max_size=200)).map(b"".join),
        st.binary(max_size=200),
        st.sampled_from(LONG).map(str.encode),
        st.just(b"%PDF-" + b"\x00" * (1024 * 1024 + 1)),  # over the limit set below
    )
