"""Generated bad input against signing in, the language switch and the filters read
from the address."""

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import ScorecardStatus
from tests.bad_input_checks import (
    assert_refused,
    changed,
    client_for,
    counts,
    fail_on_500,
    is_vietnamese,
)
from tests.bad_input_support import BOUNDED, Picker
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


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


def test_error_messages_are_recognised_as_vietnamese():
    assert is_vietnamese("Nhập một ngày hợp lệ.")
    assert not is_vietnamese("Enter a valid date.")
