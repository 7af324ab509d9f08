"""The whole summary page is cached per frame (reports.page_parts.summary_page_html).

What differs per reader is filled in on each view: their own name, escaped, and a CSRF
token that the forms accept. Role, language and address each get their own page; a
message to show, or a query string beyond ?council=, is never cached nor hidden.
"""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.cache import figures_key, with_versions
from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_upsert
from reports import page_parts
from reports.page_cache import CSRF_MARK, NAME_MARK
from reports.page_parts import fragment_key
from reports.schema import files_fingerprint, rendering_edition
from tests.conftest import PASSWORD
from tests.factories import province_with_wards

pytestmark = pytest.mark.django_db
PAGE = reverse("summary:page", args=[2023])


def reader(username: str, role: Role, first_name: str = "", council=None) -> Client:
    user, _created = user_upsert(username=username, role=role, council=council, password=PASSWORD)
    user.first_name = first_name
    user.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def html_of(client, **params) -> str:
    response = client.get(PAGE, params)
    assert response.status_code == 200
    return response.content.decode()


def shown_name(html: str) -> str:
    return re.search(r'<span class="user">(.*?)</span>', html)[1]


def tokens(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_each_reader_sees_their_own_name_and_a_token_the_forms_accept():
    province_with_wards("tinh", 2)
    an = reader("doc-an", Role.LEADER, "An <b>&</b>")
    binh = reader("doc-binh", Role.LEADER, "Bình")
    first = html_of(an, council="tinh")
    second = html_of(binh, council="tinh")  # the page an's view stored
    assert shown_name(first) == "An &lt;b&gt;&amp;&lt;/b&gt;"
    assert shown_name(second) == "Bình"
    again = html_of(an, council="tinh")
    assert shown_name(again) == "An &lt;b&gt;&amp;&lt;/b&gt;"
    for html in (first, second, again):
        assert CSRF_MARK not in html and NAME_MARK not in html
        assert len(tokens(html)) == 2  # the logout and the language forms
    # A token of a cached page switches the language (a refused token is a 403).
    answer = binh.post(
        reverse("set_language"),
        {"language": "en", "next": PAGE, "csrfmiddlewaretoken": tokens(second)[1]},
    )
    assert answer.status_code == 302
    assert "<h2>Figures</h2>" in html_of(binh, council="tinh")
    assert "<h2>Số liệu</h2>" in html_of(an, council="tinh")


def test_roles_do_not_share_a_page():
    province_with_wards("tinh", 2)
    leader = html_of(reader("doc-leader", Role.LEADER), council="tinh")
    secretariat = html_of(reader("doc-secretariat", Role.SECRETARIAT), council="tinh")
    review = reverse("scoring:list") + "?status=submitted"
    assert review not in leader and review in secretariat
    assert html_of(reader("doc-leader-2", Role.LEADER), council="tinh").count(review) == 0


def test_the_second_view_reads_the_page_at_once_at_any_size():
    small, large = province_with_wards("nho", 3), province_with_wards("lon", 12)
    client = reader("doc-size", Role.LEADER)
    client.get(reverse("ping"))
    counts = []
    for council in (small, large):
        html_of(client, council=council.slug)
        with CaptureQueriesContext(connection) as queries:
            html = html_of(client, council=council.slug)
        assert f'<tr data-council="{council.slug}-0">' in html
        counts.append(len(queries))
    # Session, user (none with Redis), council, versions, one read of the cache.
    assert counts[0] == counts[1] <= 5


def test_a_message_to_show_is_shown_not_cached():
    province_with_wards("tinh", 1)
    client = reader("doc-message", Role.LEADER)
    html_of(client, council="tinh")  # the page is stored
    storage = CookieStorage(HttpRequest())  # a message left by the last save
    storage.add(constants.SUCCESS, "Đã lưu bản ghi số 7")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Đã lưu bản ghi số 7" in html_of(client, council="tinh")
    assert "Đã lưu bản ghi số 7" not in html_of(client, council="tinh")  # shown once


def test_a_hostile_query_string_is_answered_but_not_cached():
    province_with_wards("tinh", 2)
    client = reader("doc-hostile", Role.LEADER)
    plain = html_of(client, council="tinh")
    odd = html_of(client, council="tinh", q="<script>x</script>", page="9" * 40)
    assert "<script>x</script>" not in odd
    assert shown_name(odd) == shown_name(plain)
    assert re.findall(r"<tr data-council", odd) == re.findall(r"<tr data-council", plain)


def test_a_council_named_like_a_mark_shows_as_text():
    province_with_wards("tinh", 1)
    council = Council.objects.get(slug="tinh-0")
    council.name = council.short_name = "Xã <cw-csrf-token> <cw-reader-name>"
    council.save()
    client = reader("doc-mark", Role.LEADER, "Chi")
    for _view in range(2):
        html = html_of(client, council="tinh")
        assert "Xã &lt;cw-csrf-token&gt; &lt;cw-reader-name&gt;" in html
        assert len(tokens(html)) == 2


def test_a_changed_template_or_translation_gets_new_keys(tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>Số liệu</p>", encoding="utf-8")
    roots, patterns = [tmp_path / "templates", tmp_path / "missing"], ["*.html", "*.mo"]
    before = files_fingerprint(roots, patterns)
    assert files_fingerprint(roots, patterns) == before
    page.write_text("<p>Số liệu năm</p>", encoding="utf-8")
    edited = files_fingerprint(roots, patterns)
    (tmp_path / "templates" / "django.mo").write_bytes(b"\x95\x04\x12\xde")
    assert len({before, edited, files_fingerprint(roots, patterns)}) == 3


def test_the_page_keys_carry_the_rendering_edition(monkeypatch):
    council = province_with_wards("tinh", 1)
    key = fragment_key(council=council, year=2023, scope="tree")
    assert f":{rendering_edition()}:" in key
    monkeypatch.setattr(page_parts, "rendering_edition", lambda: "another-deploy")
    assert fragment_key(council=council, year=2023, scope="tree") != key


def test_versions_read_with_the_council_serve_one_key_only():
    council = province_with_wards("tinh", 1)
    read = with_versions(Council.objects).get(pk=council.pk)
    with CaptureQueriesContext(connection) as queries:
        first = figures_key(read)
    assert len(queries) == 0 and first == figures_key(council)
    with CaptureQueriesContext(connection) as queries:
        assert figures_key(read) == first  # read from the database this time
    assert len(queries) == 1
