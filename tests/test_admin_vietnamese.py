"""The admin reads as Vietnamese throughout: Django's phrases corrected or completed by
the project's own catalogue, and it looks like part of the same site."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_welcome_and_the_add_links_read_rightly(secretariat_client):
    html = secretariat_client.get(reverse("admin:index")).content.decode()
    assert "Xin chào," in html
    assert "Chào mừng bạn" not in html
    assert ">Thêm</a>" in html
    assert "Thêm vào" not in html


def test_an_add_page_says_add_a_session(secretariat_client):
    html = secretariat_client.get(reverse("admin:council_sessions_session_add")).content.decode()
    assert "Thêm kỳ họp" in html
    assert "Thêm vào kỳ họp" not in html


def test_the_filter_sidebar_is_in_vietnamese(secretariat_client):
    url = reverse("admin:council_sessions_session_changelist")
    html = secretariat_client.get(url).content.decode()
    assert "Ẩn số lượng" in html or "Hiện số lượng" in html
    assert "Show counts" not in html and "Hide counts" not in html
    assert "Bỏ qua, đến nội dung chính" in html  # "Skip to main content"
    assert "Thực hiện" in html  # the actions' "Go"


def test_the_admins_scripts_count_the_selection_in_vietnamese(secretariat_client):
    script = secretariat_client.get(reverse("admin:jsi18n")).content.decode()
    entry = re.search(r'"%\(sel\)s of %\(cnt\)s selected": \[\s*("[^"]*")', script)
    assert json.loads(entry[1]) == "Đã chọn %(sel)s trên %(cnt)s"


def test_the_admin_wears_the_sites_colours():
    with open(finders.find("css/admin.css"), encoding="utf-8") as css:
        text = css.read()
    with open(finders.find("css/app.css"), encoding="utf-8") as css:
        site = css.read()
    assert "--header-bg: #9b1c1c" in text
    assert "--accent: #9b1c1c" in site  # the same red as the site's header
