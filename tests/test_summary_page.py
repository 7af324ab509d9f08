"""The year-end summary page: the seed's figures, drill-down, access, constant queries."""

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from councilwork.models import Council
from reports.selectors import year_summary
from sessions.models import Session
from tests.factories import province_with_wards, session
from tests.test_year_summary import SEED_FIGURES_2023, WORK

pytestmark = pytest.mark.django_db
PAGE = reverse("summary:page", args=[2023])
FIGURE_ROW = re.compile(
    r'<tr data-key="(?P<key>[^"]+)">.*?data-value="(?P<value>\d+)".*?'
    r'<td class="num">(?P<previous>\d+|–)</td>',
    re.S,
)


def flatten(figures: dict, prefix: str = "") -> dict[str, int]:
    """Every figure by its dotted key ("below.commune.sessions.total"), as the page keys them."""
    flat = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        elif key not in ("year", "council", "councils"):
            flat[f"{prefix}{key}"] = value
    return flat


def page_figures(html: str) -> tuple[dict[str, int], dict[str, int]]:
    current, previous = {}, {}
    for match in FIGURE_ROW.finditer(html):
        current[match["key"]] = int(match["value"])
        previous[match["key"]] = None if match["previous"] == "–" else int(match["previous"])
    return current, previous


def summary_json(year: int, council: str) -> dict:
    out = StringIO()
    call_command("year_summary", str(year), "--council", council, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_leader_reads_every_seed_figure(leader_client):
    response = leader_client.get(PAGE)
    html = response.content.decode()
    current, _previous = page_figures(html)
    seed = {k: v for k, v in current.items() if not set(k.split(".")) & set(WORK)}
    assert seed == flatten(SEED_FIGURES_2023)
    # The deputies' work figures are the year_summary's (checked against plain counts).
    work = flatten(summary_json(2023, "duong-kinh"))
    shown = {k: v for k, v in current.items() if set(k.split(".")) & set(WORK)}
    assert shown and shown == {k: work[k] for k in shown}
    narrative = year_summary(council=Council.objects.get(slug="duong-kinh"), year=2023).narrative
    assert any(
        "04 kỳ họp (02 kỳ họp chuyên đề, 02 kỳ họp thường lệ), ban hành 38 Nghị quyết" in p
        and "13 kỳ họp (trong đó có 01 kỳ họp chuyên đề), ban hành 48 Nghị quyết" in p
        for p in narrative
    )
    for paragraph in narrative:
        assert escape(paragraph) in html
    assert html.count('role="img"') == 2  # the per-ward chart and the year-on-year chart


def test_page_figures_equal_year_summary_on_generated_data(leader_client):
    province_with_wards("tinh-a", 5)
    html = leader_client.get(PAGE, {"council": "tinh-a"}).content.decode()
    current, previous = page_figures(html)
    for shown, figures in (
        (current, summary_json(2023, "tinh-a")),
        (previous, summary_json(2022, "tinh-a")),
    ):
        every = flatten(figures)
        # Every figure the page shows is the JSON's; every figure but the deputies' work
        # details (a rate, the cases by kind, places not recorded) is shown.
        assert shown == {key: every[key] for key in shown}
        assert {k for k in every if not set(k.split(".")) & set(WORK)} <= set(shown)
    assert current["below.commune.sessions.total"] > 0 and current != previous


def test_the_ward_table_shows_each_wards_records(leader_client):
    summary = year_summary(council=Council.objects.get(slug="duong-kinh"), year=2023)
    rows = {row.council.short_name: row for row in summary.council_rows}
    assert [row.council.short_name for row in summary.council_rows][:2] == ["Anh Dũng", "Đa Phúc"]
    assert (rows["Hải Thành"].sessions, rows["Hải Thành"].resolutions) == (3, 8)
    assert rows["Hải Thành"].oversight == 6
    assert rows["Anh Dũng"].score == 94  # 95 self-assessed, one point taken off at review
    assert rows["Anh Dũng"].classification == "Hoàn thành xuất sắc nhiệm vụ"


def test_every_figure_links_to_as_many_records(leader_client):
    html = leader_client.get(PAGE).content.decode()
    links = re.findall(r'<a href="([^"]+)" class="figure-link" data-value="(\d+)">', html)
    # Every seed figure, and the deputies' work figures that count rows (not citizens
    # received, voters present, places expected or deputies absent all year): 18 a scope.
    assert len(links) == len(flatten(SEED_FIGURES_2023)) + 2 * 18
    for url, value in links:
        page = leader_client.get(url.replace("&amp;", "&")).content.decode()
        assert re.search(r'class="record-count">(\d+)<', page)[1] == value, url
        assert page.count('class="record-row"') == min(int(value), 50), url


def test_pledge_progress_is_measured_from_the_records(leader_client):
    summary = year_summary(council=Council.objects.get(slug="duong-kinh"), year=2023)
    anh_dung = next(p for p in summary.pledges_current if p.body.endswith("Anh Dũng"))
    sessions = next(c for c in anh_dung.commitments if c.target == 2)
    assert (sessions.actual, sessions.met) == (2, True)
    oversight = next(c for c in anh_dung.commitments if c.target == 5)
    assert oversight.actual == 5


@pytest.mark.parametrize("name", ["page", "docx", "xlsx"])
def test_queries_do_not_grow_with_wards(leader_client, name):
    councils = [province_with_wards("small", 1), province_with_wards("large", 30)]
    assert all(council.pk for council in councils)
    url = reverse(f"summary:{name}", args=[2023])
    leader_client.get(reverse("ping"))  # the session's first renewal after the login
    counts = []
    for slug in ("small", "large"):
        with CaptureQueriesContext(connection) as queries:
            response = leader_client.get(url, {"council": slug})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # A cache miss: two years of figures, the tables per level, the council's own results
    # and the pledges measured, the digital figures (3) and the deputies' work (9) of both
    # years, and the cache bookkeeping (the figures, the rendered parts and, for the page,
    # the whole page: reports.page_parts); the same for 1 and 30 wards.
    assert counts[1] <= 75


@pytest.mark.parametrize(
    "url",
    [
        reverse("summary:page", args=[2023]),
        reverse("summary:docx", args=[2023]),
        reverse("summary:xlsx", args=[2023]),
        reverse("summary:records", args=[2023, "sessions"]),
    ],
)
def test_anonymous_visitors_go_to_the_login_page(anonymous_client, url):
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_ward_staff_see_their_own_ward(ward_a_client):
    html = ward_a_client.get(PAGE).content.decode()
    assert '<p class="council-name">HĐND phường Anh Dũng</p>' in html
    current, _previous = page_figures(html)
    assert current["council_sessions.total"] == 2
    assert ward_a_client.get(PAGE, {"council": "anh-dung"}).status_code == 200


@pytest.mark.parametrize("name", ["page", "docx", "xlsx"])
@pytest.mark.parametrize("council", ["da-phuc", "duong-kinh", "no-such-council"])
def test_ward_staff_get_404_for_any_other_council(ward_a_client, name, council):
    response = ward_a_client.get(reverse(f"summary:{name}", args=[2023]), {"council": council})
    assert response.status_code == 404


def test_ward_staff_get_404_for_another_wards_records(ward_a_client):
    url = reverse("summary:records", args=[2023, "resolutions"])
    assert ward_a_client.get(url, {"council": "da-phuc"}).status_code == 404
    own = ward_a_client.get(url, {"council": "anh-dung"}).content.decode()
    assert own.count('class="record-row"') == 8


def test_unknown_list_is_404(leader_client):
    assert leader_client.get(reverse("summary:records", args=[2023, "secrets"])).status_code == 404


def test_home_sends_the_leader_to_the_last_closed_year(leader_client):
    response = leader_client.get(reverse("home"))
    assert response.url == PAGE


def test_the_page_prints_on_a4(leader_client):
    html = leader_client.get(PAGE).content.decode()
    assert 'class="site-header no-print"' in html
    from django.contrib.staticfiles import finders

    with open(finders.find("css/app.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert "@media print" in css and "size: A4" in css


def test_a_cached_summary_costs_few_queries(leader_client, django_assert_max_num_queries):
    leader_client.get(PAGE)
    with django_assert_max_num_queries(10):  # session, user, role, two cache reads…
        response = leader_client.get(PAGE)
    assert page_figures(response.content.decode())[0]["council_sessions.total"] == 4


@pytest.mark.parametrize("council", ["duong-kinh", "hai-thanh"])
def test_a_changed_record_shows_at_once(leader_client, council):
    leader_client.get(PAGE)  # cache the district's summary
    ward = Council.objects.get(slug=council)
    new = session(ward, 77, dt.date(2023, 11, 20), kind="thematic")
    current, _previous = page_figures(leader_client.get(PAGE).content.decode())
    key = (
        "council_sessions.thematic"
        if council == "duong-kinh"
        else "below.commune.sessions.thematic"
    )
    assert current[key] == flatten(SEED_FIGURES_2023)[key] + 1
    new.delete()
    current, _previous = page_figures(leader_client.get(PAGE).content.decode())
    assert current[key] == flatten(SEED_FIGURES_2023)[key]
    assert not Session.objects.filter(pk=new.pk).exists()


def test_with_several_top_councils_the_leader_chooses(leader_client):
    province_with_wards("tinh-b", 2)
    response = leader_client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "HĐND tỉnh tinh-b" in html and "HĐND quận Dương Kinh" in html
