"""Finding one's way: a menu per role, breadcrumbs, the summary's pickers, the way up."""

import re

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse

from councilwork.context_processors import _menu
from councilwork.models import Council

pytestmark = pytest.mark.django_db
SUMMARY = "/summary/2023/"


def menu_links(html: str) -> dict[str, str]:
    """The header menu as {label: href}."""
    nav = re.search(r'<nav class="menu"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no menu"
    return {
        label.strip(): href.replace("&amp;", "&")
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1))
    }


def crumbs(html: str) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no breadcrumbs"
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav[1])]


def test_leaders_menu(leader_client, leader):
    leader.is_staff = True
    leader.save()
    links = menu_links(leader_client.get(SUMMARY).content.decode())
    assert list(links) == [
        "Tổng kết năm",
        "Xếp hạng",
        "Năm khác",
        "HĐND khác",
        "Quản lý hồ sơ",
    ]
    assert links["Xếp hạng"] == reverse("scoring:ranking-latest")
    assert links["Năm khác"].endswith("#year-picker")
    assert links["HĐND khác"].endswith("#council-picker")


def test_secretariat_menu_has_the_review_queue_proposals_and_admin(secretariat_client):
    links = menu_links(secretariat_client.get(reverse("scoring:list")).content.decode())
    assert links["Phiếu chờ duyệt"] == "/scores/?status=submitted"
    assert links["Đề nghị khen thưởng"] == reverse("scoring:proposals-latest")
    assert links["Quản lý hồ sơ"] == reverse("admin:index")
    assert {"Tổng kết năm", "Xếp hạng", "Năm khác", "HĐND khác"} <= set(links)
    assert links["Điểm danh kỳ họp"] == reverse("council_sessions:attendance-sessions")
    assert links["Cuộc tiếp xúc cử tri"] == reverse("voters:meetings")
    assert links["Kiến nghị"] == reverse("oversight:recommendations")


def test_ward_staff_menu(ward_a_client):
    html = ward_a_client.get(reverse("scoring:list")).content.decode()
    links = menu_links(html)
    assert list(links) == [
        "Phiếu chấm điểm của đơn vị",
        "Tổng kết năm của đơn vị",
        "Năm khác",
        "Điểm danh kỳ họp",
        "Biểu quyết nghị quyết",
        "Buổi tiếp công dân",
        "Cuộc tiếp xúc cử tri",
        "Kiến nghị",
    ]
    assert 'aria-current="page">Phiếu chấm điểm của đơn vị' in html
    assert links["Buổi tiếp công dân"] == reverse("voters:reception-days")
    # Each link opens the ward's own list, marked as the current page there.
    for label, href in list(links.items())[3:]:
        assert f'aria-current="page">{label}' in ward_a_client.get(href).content.decode()


def test_the_menu_costs_no_query(leader, django_assert_num_queries):
    request = RequestFactory().get(SUMMARY)
    request.user = leader
    request.resolver_match = resolve(SUMMARY)
    leader_role = _menu(request)  # the role is looked up once and kept on the user
    with django_assert_num_queries(0):
        assert [item.label for item in _menu(request)] == [item.label for item in leader_role]


def test_menu_links_lead_to_the_last_closed_year(leader_client, ward_a_client):
    assert leader_client.get(reverse("summary:latest")).url == SUMMARY + "?council=duong-kinh"
    assert leader_client.get(reverse("scoring:ranking-latest")).url == "/campaigns/2023/ranking/"
    # A commune has no campaign of its own: its district's last closed year counts.
    assert ward_a_client.get(reverse("summary:latest")).url == SUMMARY + "?council=anh-dung"


def test_breadcrumbs_lead_up_from_a_commune(leader_client):
    html = leader_client.get(SUMMARY + "?council=anh-dung").content.decode()
    assert crumbs(html) == ["Trang chủ", "Dương Kinh", "Anh Dũng – 2023"]
    assert 'class="up" href="/summary/2023/?council=duong-kinh"' in html


def test_ward_staff_get_no_link_above_their_council(ward_a_client):
    html = ward_a_client.get(SUMMARY + "?council=anh-dung").content.decode()
    assert crumbs(html) == ["Trang chủ", "Anh Dũng – 2023"]
    assert 'class="up"' not in html
    assert 'id="council-picker"' not in html
    assert 'id="year-picker"' in html


def test_the_pickers_list_every_campaign_year_and_the_whole_tree(leader_client):
    html = leader_client.get(SUMMARY + "?council=hai-thanh").content.decode()
    picker = re.search(r'id="year-picker".*?</nav>', html, re.S).group(0)
    assert re.findall(r">(\d{4})<", picker) == ["2024", "2023"]
    assert '<span aria-current="page">2023</span>' in picker
    tree = re.search(r'<ul id="council-tree".*?</details>', html, re.S).group(0)
    for council in Council.objects.all():
        assert council.name in tree
    # Vietnamese order: Anh Dũng, Đa Phúc, Hải Thành, Hòa Nghĩa, Hưng Đạo, Tân Thành.
    names = re.findall(r"HĐND phường ([^<]+)<", tree)
    assert names == ["Anh Dũng", "Đa Phúc", "Hải Thành", "Hòa Nghĩa", "Hưng Đạo", "Tân Thành"]
    assert '<span aria-current="page">HĐND phường Hải Thành</span>' in tree
    assert 'data-filter-tree="council-tree"' in html
    assert "<script src=" in html and "onclick" not in html


def test_the_print_button_is_a_button_wired_by_a_static_script(leader_client):
    html = leader_client.get(SUMMARY).content.decode()
    assert '<button type="button" class="button" data-print>In</button>' in html
    assert '<script src="/static/js/site.js" defer></script>' in html


@pytest.mark.parametrize(
    "url, expected",
    [
        (reverse("scoring:list"), ["Trang chủ", "Phiếu chấm điểm"]),
        ("/scores/?status=submitted", ["Trang chủ", "Phiếu chờ duyệt"]),
        ("/campaigns/2023/ranking/", ["Trang chủ", "Tổng kết năm 2023", "Xếp hạng năm 2023"]),
        (
            "/campaigns/2023/proposals/",
            ["Trang chủ", "Xếp hạng năm 2023", "Đề nghị khen thưởng năm 2023"],
        ),
    ],
)
def test_every_page_has_breadcrumbs(secretariat_client, url, expected):
    assert crumbs(secretariat_client.get(url).content.decode()) == expected


def test_the_login_page_says_what_the_application_is(anonymous_client):
    html = anonymous_client.get(reverse("login")).content.decode()
    assert "Hồ sơ phong trào thi đua của Hội đồng nhân dân (HĐND)" in html
    assert 'rel="icon" href="/static/favicon.svg"' in html


def test_the_admin_has_the_sites_favicon_and_colours(secretariat_client):
    html = secretariat_client.get(reverse("admin:index")).content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html
    assert "/static/css/admin.css" in html
