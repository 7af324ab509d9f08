"""403, 404 and 500 in the site's layout and in Vietnamese; refusals logged as one line."""

import io
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from councilwork.log import OneLineClientErrors
from tests.conftest import _client_for

pytestmark = pytest.mark.django_db
SITE_LAYOUT = 'class="site-header no-print"'


def test_a_page_of_another_ward_is_a_404_in_the_sites_layout(ward_b_staff):
    response = _client_for(ward_b_staff).get("/summary/2023/?council=anh-dung")
    html = response.content.decode()
    assert response.status_code == 404
    assert SITE_LAYOUT in html and 'lang="vi"' in html
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert 'href="/">Về trang chủ</a>' in html
    assert 'class="menu"' in html  # the menu of the role is there too, to go on from


def test_a_page_of_another_role_is_a_403_in_the_sites_layout(ward_a_client):
    response = ward_a_client.get("/campaigns/2023/ranking/")
    html = response.content.decode()
    assert response.status_code == 403
    assert SITE_LAYOUT in html
    assert "<h1>Bạn không được mở trang này</h1>" in html
    assert "Trang hoặc thao tác này dành cho vai trò khác" in html
    assert 'href="/">Về trang chủ</a>' in html


def test_a_leaders_write_is_refused_with_the_reason(leader_client):
    response = leader_client.post("/scores/1/", {})
    html = response.content.decode()
    assert response.status_code == 403
    assert SITE_LAYOUT in html
    assert "Lãnh đạo chỉ được xem hồ sơ, không được thay đổi." in html


def test_the_500_page_needs_no_request():
    html = render_to_string("500.html")  # as Django's server_error renders it: no context
    assert SITE_LAYOUT in html
    assert "<h1>Hệ thống đã gặp lỗi</h1>" in html
    assert 'href="/">Về trang chủ</a>' in html
    assert "language-switch" not in html  # it would need the request's CSRF token
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống đã gặp lỗi" in response.content.decode()


def test_a_form_sent_without_its_token_gets_the_sites_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


@pytest.fixture
def console():
    """What the console handler of the settings' LOGGING prints, captured."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, OneLineClientErrors) for f in h.filters)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_a_403_is_logged_as_one_line(ward_a_client, console):
    ward_a_client.get("/campaigns/2023/ranking/")
    lines = console.getvalue().splitlines()
    assert lines == ["Forbidden (Permission denied): /campaigns/2023/ranking/"]


def test_a_500_keeps_its_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, "", 0, "boom", None, None)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    record.status_code = 500
    assert OneLineClientErrors().filter(record) and record.exc_info is not None
    record.status_code = 403
    assert OneLineClientErrors().filter(record) and record.exc_info is None


def test_no_log_line_is_printed_twice_in_development():
    """Django gives its "django" logger a console handler of its own in DEBUG."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="true", DJANGO_SETTINGS_MODULE="councilwork.settings")
    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('django.request').warning('Forbidden: /x/');"
        "logging.getLogger('django.security.csrf').warning('CSRF: /y/')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr.splitlines() == ["Forbidden: /x/", "CSRF: /y/"]
