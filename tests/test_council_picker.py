"""The council picker of the ward record pages (templates/partials/council_picker.html,
councilwork.access.council_picker): the secretariat switches council with it, ward staff
never see it; its options are the test's own councils in the tree's order, read with one
query whatever their number; a hostile ?council= is a 404 or ignored, never a 500."""

import datetime as dt
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.models import Council, CouncilLevel, Term
from devdata.demo import data
from tests.work_factories import TERM, sitting

pytestmark = pytest.mark.django_db

PAGES = [
    "council_sessions:attendance-sessions",
    "council_sessions:vote-sessions",
    "oversight:recommendations",
    "voters:reception-days",
    "voters:meetings",
]
PICKER = 'id="council-choice"'
INDENT = "\u00a0\u00a0\u00a0"


def made(slug, name, level, parent=None, term=False):
    council = Council.objects.create(
        name=name, short_name=slug, slug=slug, level=level, parent=parent
    )
    if term:
        Term.objects.create(council=council, name="2021–2026", start_date=TERM[0], end_date=TERM[1])
    return council


@pytest.fixture
def tree():
    """A province of the test's own, beside the demo's district: two districts, whose
    names sort differently by Vietnamese order (Ân before Bình) than by code point."""
    root = made("pk-tinh", "HĐND tỉnh Thử Nghiệm", CouncilLevel.PROVINCE)
    binh = made("pk-binh", "HĐND huyện Bình", CouncilLevel.DISTRICT, root, term=True)
    an = made("pk-an", "HĐND huyện Ân", CouncilLevel.DISTRICT, root)
    communes = [
        made("pk-an-2", "HĐND xã Ân Hòa", CouncilLevel.COMMUNE, an),
        made("pk-an-1", "HĐND xã Ân Bình", CouncilLevel.COMMUNE, an, term=True),
        made("pk-binh-1", "HĐND xã Bình An", CouncilLevel.COMMUNE, binh),
    ]
    return {c.slug: c for c in (root, binh, an, *communes)}


def expected_options(tree) -> list[tuple[str, int]]:
    """(slug, depth) in the order a reader expects, written out: the demo's district and
    its wards (as the demo lists them), then the test's province."""
    demo = [(data.DISTRICT["slug"], 0)] + [(slug, 1) for slug, _name in data.WARDS]
    ours = [("pk-tinh", 0), ("pk-an", 1), ("pk-an-1", 2), ("pk-an-2", 2), ("pk-binh", 1)]
    return demo + ours + [("pk-binh-1", 2)]


def options(html: str) -> list[tuple[str, int, bool, str]]:
    """(slug, depth, selected, name) of each option of the picker's select."""
    select = re.search(r'<select id="council-choice" name="council">(.*?)</select>', html, re.S)
    assert select, "no council picker"
    found = []
    for value, selected, text in re.findall(
        r'<option value="([^"]*)"[^>]*?( selected)?>([^<]*)</option>', select.group(1)
    ):
        text = unescape(text)
        name = text.lstrip("\u00a0")
        found.append((value, (len(text) - len(name)) // len(INDENT), bool(selected), name))
    return found


@pytest.mark.parametrize("name", PAGES)
def test_the_secretariat_sees_every_council_in_the_trees_order(secretariat_client, tree, name):
    response = secretariat_client.get(reverse(name), {"council": "pk-an-1"})
    assert response.status_code == 200
    found = options(response.content.decode())
    assert [(slug, depth) for slug, depth, _s, _n in found] == expected_options(tree)
    assert [slug for slug, _d, selected, _n in found if selected] == ["pk-an-1"]
    names = {slug: name for slug, _d, _s, name in found}
    assert names["pk-an"] == "HĐND huyện Ân" and names["anh-dung"] == "HĐND phường Anh Dũng"
    assert "Chọn Hội đồng nhân dân" in response.content.decode()  # labelled in Vietnamese


@pytest.mark.parametrize("name", PAGES)
def test_the_page_opens_on_the_top_council_selected(secretariat_client, name):
    response = secretariat_client.get(reverse(name))
    assert response.status_code == 200
    selected = [slug for slug, _d, chosen, _n in options(response.content.decode()) if chosen]
    assert selected == [data.DISTRICT["slug"]]


@pytest.mark.parametrize("name", PAGES)
def test_ward_staff_never_see_it(ward_a_client, tree, name):
    response = ward_a_client.get(reverse(name))
    assert response.status_code == 200
    assert PICKER not in response.content.decode()
    assert response.context["council_options"] == []


def test_choosing_a_council_shows_its_records(secretariat_client, tree):
    theirs = {slug: sitting(tree[slug], 1, dt.date(2023, 5, 10)) for slug in ("pk-an-1", "pk-binh")}
    for slug, session in theirs.items():
        for name in ("council_sessions:vote-sessions", "council_sessions:attendance-sessions"):
            response = secretariat_client.get(reverse(name), {"council": slug})
            assert [s.pk for s in response.context["page"].object_list] == [session.pk]
            assert response.context["council"] == tree[slug]


HOSTILE = [
    "nope",
    "",
    "x" * 5000,
    "a\x00b",
    "' OR 1=1 --",
    "../../etc/passwd",
    "😀%_\\",
    "\u202e\ufeff",
    "<script>",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", PAGES)
def test_a_hostile_council_is_a_404_or_ignored(secretariat_client, ward_a_client, name, value):
    for client in (secretariat_client, ward_a_client):
        response = client.get(reverse(name), {"council": value})
        assert response.status_code in (200, 404), (name, value)
    assert secretariat_client.get(reverse(name), {"council": value}).status_code == (
        200 if value == "" else 404
    )


def test_leaders_are_still_refused(leader_client):
    for name in PAGES:
        assert leader_client.get(reverse(name)).status_code == 403, name


def _grow(tree, count: int) -> None:
    district = tree["pk-binh"]
    for n in range(district.children.count(), count):
        made(f"pk-binh-x{n:03d}", f"HĐND xã Thêm {n:03d}", CouncilLevel.COMMUNE, district)


@pytest.mark.parametrize("name", PAGES)
def test_the_queries_do_not_grow_with_the_councils(secretariat_client, tree, name):
    url = reverse(name)

    def measured() -> tuple[int, int]:
        secretariat_client.get(url, {"council": "pk-an"})  # the session and caches warm
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get(url, {"council": "pk-an"})
        assert response.status_code == 200
        return len(queries), len(options(response.content.decode()))

    _grow(tree, 10)
    once, listed = measured()
    _grow(tree, 30)
    thrice, listed_thrice = measured()
    assert listed_thrice == listed + 20
    assert thrice == once and once <= 12
