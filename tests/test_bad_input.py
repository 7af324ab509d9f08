"""Generated bad input against every form and import_year: never a 500, always a clear
Vietnamese message, nothing saved from a rejected form, and what is accepted is what was sent.

Each form gets posts built by Hypothesis: every field either a valid value or a nasty
one (empty, whitespace, 10 000 characters, Vietnamese with combining marks, emoji, RTL,
NUL, SQL and HTML fragments, numbers and dates in odd formats, dates outside the term).
Every example runs in a savepoint that is rolled back, so accepted posts never pile up.

Bounded to run in well under a minute; for a deeper search set BAD_INPUT_EXAMPLES (e.g.
150) and see how often each outcome came up with --hypothesis-show-statistics.
"""

import datetime as dt
import io
import json
import os
import traceback
from decimal import Decimal
from pathlib import Path, PurePath
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.admin.helpers import AdminForm, InlineAdminFormSet
from django.core.exceptions import FieldDoesNotExist, SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Model
from django.forms.formsets import BaseFormSet
from django.test import Client, RequestFactory
from django.test.utils import ContextList
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import (
    HealthCheck,
    Phase,
    currently_in_test_context,
    event,
    example,
    given,
    settings,
)
from hypothesis import strategies as st

from campaigns.models import Campaign, Scorecard, ScorecardStatus
from campaigns.models.workflow import safe_filename
from campaigns.ranking import award_proposals
from campaigns.scoring.forms import AwardDecisionForm, ReviewForm, ScoresForm
from campaigns.services import scorecard_save, scorecard_submit
from devdata.demo.data import EVIDENCE_PDF
from sessions.models import Session
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RECORD_APPS = ("councilwork", "council_sessions", "oversight", "awards", "campaigns")
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


# --- what the database holds, and what a response shows ------------------------------


def record_models():
    return [m for app in RECORD_APPS for m in apps.get_app_config(app).get_models()]


def counts() -> dict[str, int]:
    """Rows of every record model, history tables included (one query)."""
    models = record_models()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*) FROM {quote(model._meta.db_table)}"
        for index, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = dict(cursor.fetchall())
    return {model._meta.label: rows[index] for index, model in enumerate(models)}


def changed(before: dict, after: dict) -> dict[str, int]:
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}


def fail_on_500(response) -> None:
    if currently_in_test_context():
        event(f"status {response.status_code}")  # see --hypothesis-show-statistics
    if response.status_code >= 500:
        info = getattr(response, "exc_info", None)
        detail = "".join(traceback.format_exception(*info)) if info else response.content[:2000]
        pytest.fail(f"{response.status_code} for {response.request.get('PATH_INFO')}:\n{detail}")


def _contexts(response):
    if response.context is None:
        return []
    return response.context if isinstance(response.context, ContextList) else [response.context]


def bound_forms(response) -> list[forms.BaseForm]:
    """Every bound form (inline forms included) the response's templates were given."""
    found = {}

    def add(value):
        if isinstance(value, AdminForm):
            add(value.form)
        elif isinstance(value, InlineAdminFormSet):
            add(value.formset)
        elif isinstance(value, BaseFormSet) and value.is_bound:
            found[id(value)] = value
            for form in value.forms:
                add(form)
        elif isinstance(value, forms.BaseForm) and value.is_bound:
            found[id(value)] = value
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, AdminForm | InlineAdminFormSet | forms.BaseForm):
                    add(item)

    for context in _contexts(response):
        for layer in context.dicts:
            for value in layer.values():
                add(value)
    return list(found.values())


def error_messages(response) -> list[str]:
    messages = []
    with translation.override("vi"):
        for form in bound_forms(response):
            if isinstance(form, BaseFormSet):
                messages.extend(str(m) for m in form.non_form_errors())
            else:
                for errors in form.errors.values():
                    messages.extend(str(m) for m in errors)
    return messages


def is_vietnamese(message: str) -> bool:
    return bool(VIETNAMESE_LETTERS & set(message.lower()))


def assert_refused(response, before: dict, note="") -> None:
    """A re-rendered form: its errors are shown, in Vietnamese, and nothing was saved."""
    assert response.status_code == 200, note
    messages = error_messages(response)
    assert messages, f"the form came back without an error: {note}"
    page = response.content.decode()
    assert 'class="errorlist' in page or 'class="errornote' in page, note
    for message in messages:
        assert escape(message) in page, f"error not shown on the page: {message!r} ({note})"
        assert is_vietnamese(message), f"error not in Vietnamese: {message!r} ({note})"
    assert changed(before, counts()) == {}, f"a refused form saved rows: {note}"


def only_changed(before: dict, allowed: set[str]) -> dict[str, int]:
    """The rows that an accepted post changed, which must all be of ``allowed`` models."""
    diff = changed(before, counts())
    assert set(diff) <= allowed, f"unrelated rows changed: {diff}"
    return diff


def history(*labels: str) -> set[str]:
    """Labels with their audit-history twins."""
    out = set()
    for label in labels:
        app, name = label.split(".")
        out |= {label, f"{app}.Historical{name}"}
    return out


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def scores_of(card) -> list:
    from campaigns.scoring.views import _scores

    return _scores(card)


# --- the scoring forms ----------------------------------------------------------------


@pytest.fixture
def draft_card(ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    assert card.status == ScorecardStatus.DRAFT
    return card


@pytest.fixture
def submitted_card(draft_card, secretariat):
    criteria = draft_card.campaign.criteria.filter(applies_to=draft_card.subject_kind)
    entries = {c.pk: (c.max_points, "") for c in criteria}
    card = scorecard_save(
        scorecard=draft_card, user=secretariat, version=draft_card.version, entries=entries
    )
    return scorecard_submit(scorecard=card, user=secretariat, version=card.version)


@BOUNDED
@given(data=st.data())
def test_scorecard_form(ward_a_staff, draft_card, data):
    client = client_for(ward_a_staff)
    url = reverse("scoring:scorecard", args=[draft_card.pk])
    with transaction.atomic():
        card = Scorecard.objects.select_related("campaign").get(pk=draft_card.pk)
        scores = scores_of(card)
        step = card.campaign.score_step
        pick, post, intended = Picker(data), {}, {}
        version, _ = pick(st.just(str(card.version)), "version")
        post["version"] = version
        for score in scores:
            cid = score.criterion_id
            points, points_ok = pick(
                st.one_of(st.just(("", None)), points_text(score.criterion.max_points, step)),
                f"points {cid}",
            )
            if points_ok:
                points, intended[f"points_{cid}"] = points
            note, note_ok = pick(st.one_of(st.just(""), text_for(None)), f"note {cid}")
            post[f"points_{cid}"], post[f"note_{cid}"] = points, note
            if note_ok:
                intended[f"note_{cid}"] = note.strip()
        button = data.draw(st.sampled_from(["save", "submit", "neither", "both"]), "button")
        if button in ("save", "both"):
            post["save"] = "1"
        if button in ("submit", "both"):
            post["submit"] = "1"

        with translation.override("vi"):
            oracle = ScoresForm(post, scorecard=card, scores=scores)
            valid = oracle.is_valid()
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        if not valid or response.status_code == 200:
            assert_refused(response, before, f"scorecard {post!r:.300}")
        else:
            assert response.status_code == 302
            only_changed(
                before,
                history("campaigns.Score", "campaigns.ScorecardEvent", "campaigns.Scorecard"),
            )
            card.refresh_from_db()
            expected = {**oracle.cleaned_data, **intended}
            for score in card.scores.all():
                cid = score.criterion_id
                assert score.self_points == expected[f"points_{cid}"]
                assert score.note == expected[f"note_{cid}"]
            submitted = button in ("submit", "both")
            assert card.status == (ScorecardStatus.SUBMITTED if submitted else "draft")
            assert card.version == int(version) + (2 if submitted else 1)
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.data())
def test_review_form(secretariat, submitted_card, data):
    client = client_for(secretariat)
    url = reverse("scoring:review", args=[submitted_card.pk])
    with transaction.atomic():
        card = Scorecard.objects.select_related("campaign").get(pk=submitted_card.pk)
        scores = scores_of(card)
        step = card.campaign.score_step
        pick, post = Picker(data), {}
        post["version"], _ = pick(st.just(str(card.version)), "version")
        decisions = st.sampled_from([ReviewForm.APPROVE, ReviewForm.RETURN])
        post["decision"], _ = pick(decisions, "decision")
        post["return_reason"], _ = pick(st.one_of(st.just(""), text_for(None)), "return reason")
        for score in scores:
            cid = score.criterion_id
            points = points_text(score.criterion.max_points, step).map(lambda p: p[0])
            post[f"approved_{cid}"], _ = pick(st.one_of(st.just(""), points), f"approved {cid}")
            post[f"reason_{cid}"], _ = pick(st.one_of(st.just(""), text_for(None)), f"reason {cid}")

        with translation.override("vi"):
            oracle = ReviewForm(post, scorecard=card, scores=scores)
            valid = oracle.is_valid()
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        if not valid or response.status_code == 200:
            assert_refused(response, before, f"review {post!r:.300}")
        else:
            assert response.status_code == 302
            only_changed(
                before,
                history("campaigns.Score", "campaigns.ScorecardEvent", "campaigns.Scorecard"),
            )
            card.refresh_from_db()
            if oracle.cleaned_data["decision"] == ReviewForm.RETURN:
                assert card.status == ScorecardStatus.RETURNED
                assert card.return_reason == oracle.cleaned_data["return_reason"]
            else:
                assert card.status == ScorecardStatus.APPROVED
                decided = oracle.decisions()
                for score in card.scores.all():
                    points = decided[score.criterion_id][0]
                    expected = score.self_points if points is None else points
                    assert score.approved_points == expected
        transaction.set_rollback(True)


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


@BOUNDED
@given(
    name=file_names(),
    content=file_contents(),
    criterion=either(st.one_of(st.just(""), st.integers(0, 9))),
)
# Vietnamese letters take 3 bytes each in UTF-8, and file systems count bytes.
@example(name="Biên bản " + "ệ" * 300 + ".pdf", content=EVIDENCE_PDF, criterion=("", True))
@example(name="ệ" * 300 + ".pdf", content=EVIDENCE_PDF, criterion=(0, True))
@example(name=" .pdf", content=EVIDENCE_PDF, criterion=("", True))  # no name before the dot
def test_evidence_upload(ward_a_staff, draft_card, name, content, criterion, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    client = client_for(ward_a_staff)
    url = reverse("scoring:evidence-upload", args=[draft_card.pk])
    with transaction.atomic():
        card = Scorecard.objects.select_related("campaign").get(pk=draft_card.pk)
        scores = scores_of(card)
        criterion, valid = criterion
        if valid and criterion != "":  # the n-th criterion of the scorecard
            criterion = str(scores[criterion % len(scores)].criterion_id)
        before = counts()
        response = client.post(url, {"file": upload(name, content), "criterion": criterion})
        fail_on_500(response)
        note = f"evidence {name!r:.200} {content[:20]!r} {criterion!r:.50}"
        if response.status_code == 200:
            assert_refused(response, before, note)
        else:
            assert response.status_code == 302, note
            assert only_changed(before, history("campaigns.Evidence")) == {
                "campaigns.Evidence": 1,
                "campaigns.HistoricalEvidence": 1,
            }
            evidence = card.evidence.order_by("-pk").first()
            # Sanitised (the server also drops what a multipart name cannot carry), short
            # enough for any file system, and of the kind that was checked.
            stored_name = evidence.original_name
            assert stored_name == safe_filename(stored_name)
            assert len(stored_name.encode()) <= 120 and "/" not in stored_name
            assert PurePath(stored_name).suffix.lower() == PurePath(name).suffix.lower()
            assert evidence.criterion_id == (int(criterion) if criterion else None)
            with evidence.file.open("rb") as stored:
                assert stored.read() == content
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.data())
def test_award_proposals_form(secretariat, data):
    client = client_for(secretariat)
    url = reverse("scoring:proposals", args=[2023])
    with transaction.atomic():
        campaign = Campaign.objects.select_related("council").get(
            council__slug="duong-kinh", year=2023
        )
        proposals = award_proposals(campaign)
        assert proposals, "the demo's 2023 campaign proposes awards"
        pick = Picker(data)
        numbers = st.one_of(st.sampled_from(["486/QĐ-UBND", "777/QĐ-UBND"]), text_for(50))
        authorities = st.one_of(st.just("UBND quận Dương Kinh"), text_for(200))
        post = {
            "number": pick(numbers, "number")[0],
            "decision_date": pick(day_text(), "decision date")[0],
            "issuing_authority": pick(authorities, "authority")[0],
            "kind": pick(st.sampled_from(["giay_khen", "bang_khen"]), "kind")[0],
        }
        with translation.override("vi"):
            oracle = AwardDecisionForm(post, campaign=campaign)
            valid = oracle.is_valid()
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        if not valid or response.status_code == 200:
            assert_refused(response, before, f"proposals {post!r:.300}")
        else:
            assert response.status_code == 302
            diff = only_changed(before, history("awards.AwardDecision", "awards.Award"))
            assert diff["awards.AwardDecision"] == 1
            assert diff["awards.Award"] == len(proposals)
            decision = campaign.council.award_decisions.order_by("-pk").first()
            for field in ("number", "decision_date", "issuing_authority", "kind"):
                assert getattr(decision, field) == oracle.cleaned_data[field], field
        transaction.set_rollback(True)


# --- signing in and choosing the language ---------------------------------------------


def assert_safe_redirect(response) -> None:
    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location
    assert "\r" not in location and "\n" not in location


@pytest.mark.parametrize("login", ["login", "admin:login"])
@BOUNDED
@given(data=st.data())
def test_login_form(login, secretariat, data):
    pick = Picker(data)
    post = {
        # A long name also reaches the failed-login record (django-axes), not only the form.
        "username": pick(st.sampled_from(["p-secretariat", "vanphong", "x" * 300]), "user")[0],
        "password": pick(st.just(PASSWORD), "password")[0],
        "next": pick(st.sampled_from(["", "/scores/", "/summary/2023/"]), "next")[0],
    }
    with transaction.atomic():
        before = counts()
        response = Client(raise_request_exception=False).post(reverse(login), post)
        fail_on_500(response)
        if response.status_code == 200:
            assert_refused(response, before, f"login {post!r:.300}")
        else:
            assert response.status_code == 302
            assert (post["username"], post["password"]) == ("p-secretariat", PASSWORD)
            assert_safe_redirect(response)
            assert changed(before, counts()) == {}
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.data())
def test_language_switch(data):
    pick = Picker(data)
    language = pick(st.sampled_from(["vi", "en"]), "language")[0]
    next_url = pick(st.sampled_from(["/", "/admin/", "/summary/2023/"]), "next")[0]
    with transaction.atomic():
        before = counts()
        client = Client(raise_request_exception=False)
        response = client.post(reverse("set_language"), {"language": language, "next": next_url})
        fail_on_500(response)
        assert response.status_code == 302
        assert_safe_redirect(response)
        cookie = client.cookies.get(django_settings.LANGUAGE_COOKIE_NAME)
        if language in ("vi", "en"):
            assert cookie.value == language
        else:  # Django keeps any language it has a catalogue for; the UI ignores the rest
            assert cookie is None or translation.check_for_language(language)
        assert changed(before, counts()) == {}
        transaction.set_rollback(True)


# --- the filters read from the address (GET forms) ---------------------------------


@BOUNDED
@given(data=st.data())
def test_filters_in_the_address(secretariat, data):
    """The scorecard list's status filter and the summary's council, scope, kind and year."""
    pick = Picker(data)
    page = data.draw(
        st.sampled_from(["scores", "summary", "records", "ranking", "proposals"]), "page"
    )
    query = {}
    if page == "scores":
        url = reverse("scoring:list")
        query["status"] = pick(st.sampled_from(["", *ScorecardStatus.values]), "status")[0]
    else:
        query["council"] = pick(st.sampled_from(["", "duong-kinh", "anh-dung"]), "council")[0]
        if page == "records":
            dataset = data.draw(
                st.sampled_from(["sessions", "resolutions", "oversight", "awards", "pledges"]),
                "dataset",
            )
            url = reverse("summary:records", args=[2023, dataset])
            query["scope"] = pick(st.sampled_from(["own", "children"]), "scope")[0]
            query["kind"] = pick(st.sampled_from(["", "thematic", "collective"]), "kind")[0]
            query["for"] = pick(st.sampled_from(["", "2024"]), "for")[0]
        else:
            name = "summary:page" if page == "summary" else f"scoring:{page}"
            url = reverse(name, args=[2023])
    with transaction.atomic():
        before = counts()
        response = client_for(secretariat).get(url, query)
        fail_on_500(response)
        # A council that does not exist is not found; anything else shows the page.
        assert response.status_code in (200, 404), (url, query)
        assert changed(before, counts()) == {}
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("url", "query", "status"),
    [
        # The path takes any number; years the records cannot hold are not found.
        ("/summary/99999/", {}, 404),
        ("/summary/0/", {}, 404),
        ("/summary/99999999999999999999/", {}, 404),
        ("/summary/99999/report.docx", {}, 404),
        ("/summary/99999/figures.xlsx", {}, 404),
        ("/summary/99999/records/sessions/", {}, 404),
        # PostgreSQL cannot look up a NUL character; nothing has one.
        ("/summary/2023/", {"council": "a\x00b"}, 404),
        ("/summary/2023/records/sessions/", {"kind": "a\x00b"}, 404),
        ("/scores/", {"status": "a\x00b"}, 200),
        # Digits that int() refuses: a superscript, and more digits than it reads.
        ("/summary/2023/records/pledges/", {"for": "²"}, 200),
        ("/summary/2023/records/pledges/", {"for": "9" * 5000}, 200),
    ],
)
def test_odd_addresses(secretariat, url, query, status):
    response = client_for(secretariat).get(url, query)
    fail_on_500(response)
    assert response.status_code == status


# --- the admin's add form of every record model ---------------------------------------


def admin_models():
    return sorted(
        (m for m in admin.site._registry if m._meta.app_label in RECORD_APPS),
        key=lambda m: m._meta.label,
    )


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def inlines(model_admin, request) -> list[tuple[str, type, bool]]:
    """(prefix, formset class, rows may be added) of every inline, as ModelAdmin names them."""
    found, prefixes = [], {}
    for formset, inline in model_admin.get_formsets_with_inlines(request):
        prefix = formset.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{prefixes[prefix]}"
        found.append((prefix, formset, inline.has_add_permission(request, None)))
    return found


def inline_management(model_admin, request, rows: dict | None = None) -> dict[str, str]:
    """The management form of every inline: no rows unless ``rows`` says how many."""
    data = {}
    for prefix, _formset, _addable in inlines(model_admin, request):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str((rows or {}).get(prefix, 0)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


STRONG_PASSWORD = "Kh0ng-the-doan-duoc-2024!"


def valid_strategy(name: str, field: forms.Field) -> st.SearchStrategy:
    """Values the field itself accepts (the model's rules may still refuse them)."""
    if name in ("password1", "password2"):
        return st.just(STRONG_PASSWORD)
    if isinstance(field, forms.ModelChoiceField):
        pks = list(field.queryset.order_by("pk").values_list("pk", flat=True)[:40])
        return st.sampled_from([str(pk) for pk in pks]) if pks else st.just("")
    if isinstance(field, forms.SplitDateTimeField):
        clock = st.times().map(lambda t: t.strftime("%H:%M:%S"))
        return st.tuples(day_text(), clock).map(list)
    if isinstance(field, forms.DateTimeField):
        return day_text().map(lambda d: f"{d} 08:30")
    if isinstance(field, forms.DateField):
        return day_text()
    if isinstance(field, forms.DecimalField):
        return st.integers(0, 100).map(lambda k: str(Decimal(k) / 2))
    if isinstance(field, forms.IntegerField):
        low = field.min_value if field.min_value is not None else -10
        high = min(field.max_value if field.max_value is not None else 3000, 3000)
        return st.one_of(st.integers(max(low, 2015), min(high, 2030)), st.integers(low, high)).map(
            str
        )
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.FileField):
        return st.just("<file>")
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _label in field.choices if v not in ("", None)]
        return st.sampled_from(values or [""])
    if isinstance(field, forms.SlugField):
        return st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True)
    if isinstance(field, forms.CharField):
        return text_for(field.max_length)
    return st.just("")


def draw_fields(data, pick: Picker, fields: dict, prefix: str = "") -> dict:
    """Posted values for ``fields``: each valid or nasty, files as uploads."""
    post = {}
    for name, field in fields.items():
        key = prefix + name
        value, ok = pick(valid_strategy(name, field), key)
        if isinstance(field, forms.MultiValueField):
            parts = value if ok else [value, data.draw(nasty_values(), f"{key}_1")]
            for index, part in enumerate(parts):
                post[f"{key}_{index}"] = part
        elif isinstance(field, forms.FileField):
            if ok:
                post[key] = SimpleUploadedFile("bien-ban.pdf", EVIDENCE_PDF)
            elif data.draw(st.booleans(), f"{key} as a file"):
                post[key] = upload(
                    data.draw(file_names(), f"{key} name"),
                    data.draw(file_contents(), f"{key} content"),
                )
            else:
                post[key] = value
        elif value != "" or not isinstance(field, forms.BooleanField):
            post[key] = value
    return post


def draw_admin_post(data, model_admin, request, form_class) -> tuple[dict, dict]:
    """A post for the add form and, now and then, one row in an inline; and the rows."""
    pick = Picker(data)
    post = draw_fields(data, pick, form_class.base_fields)
    rows = {}
    for prefix, formset, addable in inlines(model_admin, request):
        if addable and data.draw(st.integers(0, 3), f"{prefix}: a row") == 0:
            rows[prefix] = 1
            # Not the key to the new record itself: the admin fills that hidden field in.
            fields = {k: v for k, v in formset.form.base_fields.items() if k != formset.fk.name}
            post.update(draw_fields(data, pick, fields, f"{prefix}-0-"))
    post.update(inline_management(model_admin, request, rows))
    return post, rows


def field_values(form_class, post: dict) -> tuple[dict, bool]:
    """Each field's cleaned value, and whether every field accepts its value on its own."""
    form = form_class(data={k: v for k, v in post.items() if isinstance(v, str | list)}, files={})
    cleaned, all_valid = {}, True
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        raw = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        try:
            cleaned[name] = field.clean(raw)
        except ValidationError:
            all_valid = False
    return cleaned, all_valid


def _read_only(model) -> bool:
    """Whether even a superuser may not add the model by hand (the workflow's history)."""
    anyone = SimpleNamespace(is_active=True, is_staff=True, is_superuser=True)
    anyone.has_perm = lambda *args, **kwargs: True
    return not admin.site._registry[model].has_add_permission(admin_request(anyone))


ADMIN_MODELS = [
    pytest.param(
        model,
        id=model._meta.label,
        marks=[pytest.mark.skip(reason="read-only: nobody adds it by hand")]
        if _read_only(model)
        else [],
    )
    for model in admin_models()
]


@pytest.fixture
def superuser(db):
    from councilwork.models import User

    return User.objects.create_superuser("p-superuser", password=PASSWORD)


@pytest.mark.parametrize("model", ADMIN_MODELS)
@ADMIN_BOUNDED
@given(data=st.data())
def test_admin_add_form(model, secretariat, superuser, data):
    model_admin = admin.site._registry[model]
    # The secretariat adds every record; logins are added by superusers only.
    user = secretariat if model_admin.has_add_permission(admin_request(secretariat)) else superuser
    client = client_for(user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    label = model._meta.label
    with transaction.atomic():
        request = admin_request(user)
        form_class = model_admin.get_form(request, None, change=False)
        post, rows = draw_admin_post(data, model_admin, request, form_class)
        with translation.override("vi"):
            cleaned, fields_valid = field_values(form_class, post)
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        note = f"{label} {post!r:.400}"
        if response.status_code == 200:
            assert_refused(response, before, note)
        else:
            assert response.status_code == 302, note
            assert fields_valid, f"a value the field refuses was accepted: {note}"
            added = {label: 1}  # the record, and a row of each inline that was given one
            for prefix, formset, _addable in inlines(model_admin, request):
                row_label = formset.model._meta.label
                added[row_label] = added.get(row_label, 0) + rows.get(prefix, 0)
            diff = only_changed(before, set().union(*(history(name) for name in added)))
            for name, count in added.items():
                twin = history(name) - {name}
                assert diff.get(name, 0) == count, note
                assert diff.get(twin.pop(), count) == count, note  # history, if it keeps one
            obj = model._base_manager.order_by("-pk").first()
            for name, value in cleaned.items():
                try:
                    model_field = model._meta.get_field(name)
                except FieldDoesNotExist:  # a form-only field, e.g. a password confirmation
                    continue
                saved = getattr(obj, model_field.attname)
                expected = value.pk if isinstance(value, Model) else value
                assert saved == expected, (name, saved, expected, note)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("model", "row"),
    [
        ("councilwork.Body", {"deputy": "abc", "role": "member", "start_date": "01/07/2021"}),
        ("awards.AwardDecision", {"recipient_person": "99999999999999999999"}),
    ],
)
def test_an_inline_row_naming_no_record_is_refused(secretariat, model, row):
    """An inline row's autocomplete field holding text or a huge number, not an id."""
    model = apps.get_model(model)
    model_admin = admin.site._registry[model]
    request = admin_request(secretariat)
    post = inline_management(model_admin, request)
    prefix = next(key for key in post if key.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    post[f"{prefix}-TOTAL_FORMS"] = "1"
    post.update({f"{prefix}-0-{name}": value for name, value in row.items()})
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    before = counts()
    response = client_for(secretariat).post(url, post)
    fail_on_500(response)
    assert_refused(response, before, model._meta.label)


@pytest.mark.parametrize("case", ["session", "body", "deputy"])
def test_an_inline_row_under_a_record_with_errors_is_refused(secretariat, district, case):
    """The row's rules read the new record, whose own wrong fields are still unset."""
    from councilwork.models import Body, Deputy, Person

    deputy = Deputy.objects.filter(term__council=district).first()
    body = Body.objects.filter(council=district, kind="committee").first()
    membership = {"role": "member", "start_date": "01/07/2021"}
    model, parent, prefix, row = {
        "session": (
            Session,
            {"council": district.pk, "term": deputy.term_id, "number": "80", "kind": "regular"}
            | {"start_date": "31/02/2023", "end_date": "10/05/2023"},
            "resolutions",
            {"number": "5", "symbol": "NQ-HĐND", "adopted_on": "10/05/2023", "title": "Về"},
        ),
        "body": (
            Body,
            {"council": district.pk, "kind": "no-such-kind", "name": "Ban mới"},
            "memberships",
            {"deputy": deputy.pk, **membership},
        ),
        "deputy": (
            Deputy,
            {"person": Person.objects.first().pk, "term": "no-such-term"},
            "memberships",
            {"body": body.pk, **membership},
        ),
    }[case]
    model_admin = admin.site._registry[model]
    post = inline_management(model_admin, admin_request(secretariat), {prefix: 1})
    post.update(parent | {f"{prefix}-0-{name}": value for name, value in row.items()})
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    before = counts()
    response = client_for(secretariat).post(url, post)
    fail_on_500(response)
    assert_refused(response, before, case)


# --- import_year ----------------------------------------------------------------------

IMPORT_YEAR = (
    Path(django_settings.BASE_DIR) / "campaigns" / "management" / "commands" / "import_year.py"
)
needs_import_year = pytest.mark.skipif(
    not IMPORT_YEAR.exists(), reason="the import_year command does not exist yet"
)


def documents() -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, content): a valid header with bad rows, a broken header, or no JSON.

    Every row has a key column holding 10 000 characters, which no column of the
    format accepts, so no generated file is a valid one.
    """
    from exchange import FORMAT, VERSION
    from exchange.spec import SHEETS

    cell = st.one_of(
        nasty_values(),
        st.none(),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.just([]),
        st.just({}),
    )

    def row(sheet, too_long: str):
        others = {column: cell for column in sheet.columns if column != too_long}
        return st.fixed_dictionaries({too_long: st.sampled_from(LONG)}, optional=others)

    def rows(sheet):
        key = st.sampled_from(sheet.key_columns)
        return st.lists(key.flatmap(lambda column: row(sheet, column)), min_size=1, max_size=3)

    bad_rows = st.lists(st.sampled_from(SHEETS), min_size=1, max_size=3, unique=True).flatmap(
        lambda sheets: st.fixed_dictionaries({sheet.name: rows(sheet) for sheet in sheets})
    )
    valid_header = st.fixed_dictionaries(
        {"format": st.just(FORMAT), "version": st.just(VERSION), "sheets": bad_rows},
        optional={"year": cell, "council": st.one_of(st.just("duong-kinh"), cell)},
    )
    bad_format = nasty_values().filter(lambda value: value != FORMAT)
    bad_version = st.one_of(
        st.integers().filter(lambda value: value != VERSION),
        st.sampled_from(["2", "0", "-1", "v1", "", "1e309", "NaN", "Infinity"]),
        st.none(),
        st.just([VERSION]),
    )
    not_sheets = st.one_of(nasty_values(), st.lists(cell, max_size=3), st.none(), st.integers())
    not_rows = st.fixed_dictionaries(
        {"councils": st.one_of(nasty_values(), st.none(), st.integers(), st.just({}))}
    )
    broken_header = st.one_of(
        st.builds(lambda f: {"format": f, "version": VERSION, "sheets": {}}, bad_format),
        st.builds(lambda v: {"format": FORMAT, "version": v, "sheets": {}}, bad_version),
        st.builds(lambda s: {"format": FORMAT, "version": VERSION, "sheets": s}, not_sheets),
        st.builds(lambda s: {"format": FORMAT, "version": VERSION, "sheets": s}, not_rows),
        st.just({"format": FORMAT, "version": VERSION}),
        st.lists(cell, max_size=3),
        cell,
    )
    as_json = st.one_of(valid_header, broken_header).map(
        lambda document: json.dumps(document, ensure_ascii=False).encode()
    )
    return st.one_of(
        as_json.map(lambda content: ("year.json", content)),
        nasty_values().map(lambda text: ("year.json", text.encode())),
        st.binary(max_size=200).map(lambda content: ("year.json", content)),
        # A zip's first bytes make it read as a workbook; the rest is not one.
        st.binary(max_size=200).map(lambda content: ("year.xlsx", b"PK\x03\x04" + content)),
        st.binary(max_size=50).map(lambda content: ("year.xlsx", content)),
    )


def _header(**sheets) -> bytes:
    return json.dumps({"format": "councilwork-year", "version": 1, "sheets": sheets}).encode()


@needs_import_year
@BOUNDED
@given(document=documents())
@example(document=("year.json", b"9" * 10_000))  # beyond Python's int() digit limit
@example(document=("year.json", b"[" * 100_000 + b"]" * 100_000))  # nested past recursion
@example(document=("year.json", _header(campaigns=[{"council": "duong-kinh", "year": LONG[2]}])))
@example(document=("year.json", _header(people=[{"full_name": "a\x00b"}])))  # NUL in a key
@example(document=("year.json", _header(people=[{"full_name": "An", "position": "a\x00b"}])))
@example(document=("year.xlsx", b"PK\x03\x04" + b"\x00" * 100))
def test_import_year_refuses_bad_files(tmp_path_factory, document):
    name, content = document
    path = tmp_path_factory.mktemp("import") / name
    path.write_bytes(content)
    with transaction.atomic(), translation.override("vi"):
        before = counts()
        with pytest.raises(CommandError) as refused:  # and no other exception
            call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
        message = str(refused.value)
        assert changed(before, counts()) == {}, message[:500]
        with translation.override("en"), pytest.raises(CommandError) as in_english:
            call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
        # The message is translated: the Vietnamese one is not the English one.
        assert message.strip() and message != str(in_english.value), message[:500]
        transaction.set_rollback(True)


def test_error_messages_are_recognised_as_vietnamese():
    assert is_vietnamese("Nhập một ngày hợp lệ.")
    assert not is_vietnamese("Enter a valid date.")
