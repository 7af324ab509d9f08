"""Response headers: nothing cached, HTML confined to the app's origin, the language cookie
kept to HTTPS, and oversized request bodies refused before they are read."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from campaigns.models import Evidence, Scorecard
from councilwork.middleware import RequestBodyLimitMiddleware
from devdata.demo.data import EVIDENCE_PDF
from tests.test_deploy import STRONG_KEY

pytestmark = pytest.mark.django_db
MB = 1024 * 1024

SUMMARY = "/summary/2023/"
PAGES = {
    "secretariat": [
        "/",
        SUMMARY,
        f"{SUMMARY}?council=anh-dung",
        "/scores/",
        "/campaigns/2023/ranking/",
        "/campaigns/2023/proposals/",
        "/admin/",
        "/admin/council_sessions/session/",
        "/admin/council_sessions/session/add/",
        "/admin/councilwork/council/",
        "/admin/password_change/",
    ],
    "leader": ["/", SUMMARY, "/campaigns/2023/ranking/", "/admin/", "/admin/campaigns/scorecard/"],
    "ward": ["/", "/scores/", f"{SUMMARY}?council=anh-dung"],
}
DOWNLOADS = [f"{SUMMARY}report.docx", f"{SUMMARY}figures.xlsx"]


@pytest.fixture
def clients(secretariat_client, leader_client, ward_a_client):
    return {"secretariat": secretariat_client, "leader": leader_client, "ward": ward_a_client}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def assert_not_cached(response, url):
    assert {"no-store", "private"} <= directives(response), (url, response["Cache-Control"])


def assert_html_policies(response, url):
    csp = response["Content-Security-Policy"]
    assert csp == settings.CONTENT_SECURITY_POLICY, url
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions, url


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would refuse to run or apply."""

    def __init__(self):
        super().__init__()
        self.found, self.in_chart = [], 0

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "svg" and "chart" in (names.get("class") or "").split():
            self.in_chart += 1
        if tag == "script" and not names.get("src"):
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on")]
        self.found += [f"{tag} javascript: URL" for v in names.values() if _is_js_url(v)]
        # The charts' own sizing style is dropped under the policy; `.charts figure`
        # in app.css bounds their width instead. Nothing else may rely on one.
        if "style" in names and not self.in_chart:
            self.found.append(f"{tag} style=")

    def handle_endtag(self, tag):
        if tag == "svg" and self.in_chart:
            self.in_chart -= 1


def _is_js_url(value) -> bool:
    return bool(value) and value.strip().lower().startswith("javascript:")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


# --- Cache-Control, CSP and Permissions-Policy -----------------------------------------


@pytest.mark.parametrize("role", PAGES)
def test_logged_in_pages_are_never_cached_and_carry_the_policies(clients, role):
    client = clients[role]
    for url in PAGES[role]:
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        assert_not_cached(response, url)
        if response.status_code == 200:
            assert response["Content-Type"].startswith("text/html"), url
            assert_html_policies(response, url)
            assert inline_code(response.content.decode()) == [], url


def test_the_summary_keeps_its_inline_svg_charts(secretariat_client):
    response = secretariat_client.get(SUMMARY)
    page = response.content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart"') == 2
    # Inline SVG is markup, not script: default-src 'self' lets it draw. The only
    # scripts are static files.
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    assert '<script src="/static/js/site.js" defer></script>' in page
    assert_html_policies(response, SUMMARY)


@pytest.mark.parametrize("url", DOWNLOADS)
def test_downloads_are_never_cached(secretariat_client, url):
    response = secretariat_client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert_not_cached(response, url)


def test_an_evidence_download_is_never_cached(ward_a_client, ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    upload = reverse("scoring:evidence-upload", args=[card.pk])
    ward_a_client.post(upload, {"file": SimpleUploadedFile("bien-ban.pdf", EVIDENCE_PDF)})
    evidence = Evidence.objects.get(scorecard=card)
    url = reverse("scoring:evidence-download", args=[card.pk, evidence.pk])
    response = ward_a_client.get(url)
    assert b"".join(response.streaming_content) == EVIDENCE_PDF
    assert_not_cached(response, url)
    # The view's own stricter policy for the file is kept.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_refusals_and_redirects_are_not_cached_either(leader_client, anonymous_client):
    refused = leader_client.post("/admin/council_sessions/session/add/")
    assert refused.status_code == 403
    assert_not_cached(refused, "leader write")
    to_login = anonymous_client.get(SUMMARY)
    assert to_login.status_code == 302
    assert_not_cached(to_login, "anonymous")


def test_the_login_pages_carry_the_policies(anonymous_client):
    for url in (reverse("login"), reverse("admin:login")):
        response = anonymous_client.get(url)
        assert response.status_code == 200
        assert_not_cached(response, url)
        assert_html_policies(response, url)
        assert inline_code(response.content.decode()) == [], url


def test_static_files_stay_cacheable(anonymous_client):
    response = anonymous_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Security-Policy" not in response


def test_the_healthcheck_keeps_its_own_header(anonymous_client):
    assert anonymous_client.get(reverse("healthz"))["Cache-Control"] == "no-store"


def test_no_template_holds_inline_code():
    """The templates the pages above may not reach: the same rule, on the source."""
    templates = Path(settings.BASE_DIR) / "templates"
    offending = {
        str(path.relative_to(templates)): found
        for path in templates.rglob("*.html")
        if (found := inline_code(re.sub(r"{%.*?%}|{{.*?}}", "T", path.read_text())))
    }
    assert offending == {}


# --- The language cookie ---------------------------------------------------------------


def test_the_language_cookie_is_https_only_same_site_and_hidden_from_scripts(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["secure"] is True  # the tests run with DJANGO_DEBUG off, as in production
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


def _settings_values(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="councilwork.settings")
    clean.setdefault("DJANGO_SECRET_KEY", STRONG_KEY)
    code = (
        "from django.conf import settings as s;"
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY,"
        " s.BEHIND_PROXY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_and_development_language_cookies():
    assert _settings_values(DJANGO_DEBUG="false") == ["True", "Lax", "True", "False"]
    # Plain-HTTP development keeps a working language switch; the proxy flag is explicit.
    assert _settings_values(DJANGO_DEBUG="true", DJANGO_BEHIND_PROXY="true") == [
        "False",
        "Lax",
        "True",
        "True",
    ]


# --- The request body limit ------------------------------------------------------------


def test_an_oversized_upload_is_refused_before_its_body_is_read(ward_a_client, ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    url = reverse("scoring:evidence-upload", args=[card.pk])
    declared = settings.REQUEST_BODY_MAX_BYTES + 1
    # The body sent is tiny: had anything tried to read the declared length, the test
    # client's payload would have raised instead of answering.
    response = ward_a_client.post(
        url, data=b"x", content_type="multipart/form-data; boundary=B", CONTENT_LENGTH=str(declared)
    )
    assert response.status_code == 413
    assert response.content.decode() == "Yêu cầu quá lớn: mỗi tệp chỉ được tối đa 10 MB."
    assert response["Content-Language"] == "vi"
    assert_not_cached(response, url)
    assert not Evidence.objects.filter(scorecard=card).exists()


def test_the_limit_is_one_evidence_file_and_its_form(anonymous_client):
    assert settings.REQUEST_BODY_MAX_BYTES == settings.EVIDENCE_MAX_BYTES + 2 * MB
    passed = []
    middleware = RequestBodyLimitMiddleware(lambda request: passed.append(1) or HttpResponse())
    for length, status in [
        (settings.REQUEST_BODY_MAX_BYTES, 200),
        (settings.REQUEST_BODY_MAX_BYTES + 1, 413),
        ("not-a-number", 200),  # Django reads such a body as empty
    ]:
        request = RequestFactory().post("/login/", CONTENT_LENGTH=str(length))
        assert middleware(request).status_code == status, length
    assert len(passed) == 2
    # Anonymous requests too (the login form is the only door open to them).
    response = anonymous_client.post(reverse("login"), CONTENT_LENGTH=str(100 * MB))
    assert response.status_code == 413


def test_nginx_in_the_readme_refuses_the_same_size():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    sizes = re.findall(r"client_max_body_size (\d+)m;", readme)
    assert sizes == [str(settings.REQUEST_BODY_MAX_BYTES // MB)]
