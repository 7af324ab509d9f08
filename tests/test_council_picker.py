"""The council picker of the ward record pages (templates/partials/council_picker.html,
councilwork.access.council_picker): the secretariat switches council with it, ward staff
never see it; its options are one level at a time of the test's own councils (the top
ones, and the children of the page's council and of its ancestors) in the tree's order,
read with one query whatever their number; a hostile ?council= is a 404 or ignored,
never a 500."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.models import Council, CouncilLevel, Term
from devdata.demo import data
from tests.council_picker_html import picker
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
    """(slug, depth) in the order a reader expects with Ân Bình chosen, written out: the
    top councils (the demo's district, whose wards are not listed, and the test's
    province), the province's districts, and Ân's communes (Ân Bình's siblings)."""
    ours = [("pk-tinh", 0), ("pk-an", 1), ("pk-an-1", 2), ("pk-an-2", 2), ("pk-binh", 1)]
    return [(data.DISTRICT["slug"], 0), *ours]


def options(html: str) -> list[tuple[str, int, bool, str]]:
    """(slug, depth, selected, name) of each option of the picker's select."""
    found = picker(html)
    assert found and found.select_id == "council-choice", "no council picker"
    return [(o.value, o.depth, o.selected, o.name) for o in found.options]


@pytest.mark.parametrize("name", PAGES)
def test_the_secretariat_sees_one_level_at_a_time(secretariat_client, tree, name):
    response = secretariat_client.get(reverse(name), {"council": "pk-an-1"})
    assert response.status_code == 200
    found = options(response.content.decode())
    assert [(slug, depth) for slug, depth, _s, _n in found] == expected_options(tree)
    assert [slug for slug, _d, selected, _n in found if selected] == ["pk-an-1"]
    names = {slug: name for slug, _d, _s, name in found}
    assert names["pk-an"] == "HĐND huyện Ân" and names["pk-an-2"] == "HĐND xã Ân Hòa"
    # The councils whose children are not listed say so (the script lists them).
    more = {o.value for o in picker(response.content.decode()).options if o.more}
    assert more == {data.DISTRICT["slug"], "pk-binh"}
    assert "Chọn Hội đồng nhân dân" in response.content.decode()  # labelled in Vietnamese


@pytest.mark.parametrize("name", PAGES)
def test_the_page_opens_on_the_top_council_selected(secretariat_client, name):
    response = secretariat_client.get(reverse(name))
    assert response.status_code == 200
    found = options(response.content.decode())
    selected = [slug for slug, _d, chosen, _n in found if chosen]
    assert selected == [data.DISTRICT["slug"]]
    # The top council (the demo's only one) and its wards below it.
    wards = [(slug, 1) for slug, _name in data.WARDS]
    assert [(slug, depth) for slug, depth, _s, _n in found] == [(selected[0], 0), *wards]


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
def test_the_queries_and_options_do_not_grow_with_the_councils(secretariat_client, tree, name):
    """3 then 30 communes in Bình: the page's queries stay the same; the options are the
    level's own, counted from the test's tree (Bình's communes only when Bình is open)."""
    url = reverse(name)

    def measured(slug: str) -> tuple[int, int]:
        secretariat_client.get(url, {"council": slug})  # the session and caches warm
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get(url, {"council": slug})
        assert response.status_code == 200
        return len(queries), len(options(response.content.decode()))

    top = Council.objects.filter(parent=None).count()
    districts = tree["pk-tinh"].children.count()
    _grow(tree, 3)
    closed, closed_listed = measured("pk-an")
    opened, opened_listed = measured("pk-binh")
    _grow(tree, 30)
    assert Council.objects.filter(parent=tree["pk-binh"]).count() == 30
    assert measured("pk-an") == (closed, closed_listed)
    assert closed_listed == top + districts + tree["pk-an"].children.count()
    thirty, thirty_listed = measured("pk-binh")
    assert (opened_listed, thirty_listed) == (top + districts + 3, top + districts + 30)
    assert thirty == opened and closed <= 12
