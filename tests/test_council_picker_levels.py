"""The council picker one level at a time (councilwork.access.council_picker,
councilwork.picker_views): without JavaScript, "Show" on a province opens it and its
communes are then listed; the next level's JSON lists a council's children with the same
queries at 3 and 30 of them; ward staff see only their own council and a 404 for any
other; the picker is labelled and named in Vietnamese."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.collation import vi_key
from councilwork.models import Council, CouncilLevel
from tests.council_picker_html import picker

pytestmark = pytest.mark.django_db
LEVELS = "council-picker-levels"
PAGE = "oversight:recommendations"


def made(slug, name, level, parent=None):
    return Council.objects.create(name=name, short_name=slug, slug=slug, level=level, parent=parent)


@pytest.fixture
def province():
    """A province of the test's own with three communes, named out of order."""
    root = made("lv-tinh", "HĐND tỉnh Cấp Thử", CouncilLevel.PROVINCE)
    for slug, name in (("lv-c", "HĐND xã Đông"), ("lv-a", "HĐND xã Ân"), ("lv-b", "HĐND xã Bắc")):
        made(slug, name, CouncilLevel.COMMUNE, root)
    return root


def _grow(province, count):
    for n in range(province.children.count(), count):
        made(f"lv-x{n:03d}", f"HĐND xã Thêm {n:03d}", CouncilLevel.COMMUNE, province)


def test_without_javascript_show_opens_the_province_and_lists_its_communes(
    secretariat_client, province
):
    start = secretariat_client.get(reverse(PAGE), {"council": "duong-kinh"})
    first = picker(start.content.decode())
    listed = {o.value: o for o in first.options}
    assert "lv-tinh" in listed and listed["lv-tinh"].more  # its communes are not there yet
    assert not set(listed) & {"lv-a", "lv-b", "lv-c"}
    # The form sends ?council=lv-tinh: its communes are listed below it, in Vietnamese order.
    opened = picker(secretariat_client.get(reverse(PAGE), {"council": "lv-tinh"}).content.decode())
    below = [o for o in opened.options if o.parent == "lv-tinh"]
    communes = sorted(province.children.values_list("name", flat=True), key=vi_key)
    assert [o.name for o in below] == communes == ["HĐND xã Ân", "HĐND xã Bắc", "HĐND xã Đông"]
    assert {o.depth for o in below} == {1}
    assert [o.value for o in opened.options if o.selected] == ["lv-tinh"]
    assert not next(o for o in opened.options if o.value == "lv-tinh").more


def test_the_next_level_lists_the_children_with_the_same_queries(secretariat_client, province):
    def measured():
        secretariat_client.get(reverse(LEVELS), {"council": "lv-tinh"})  # the session warm
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get(reverse(LEVELS), {"council": "lv-tinh"})
        assert response.status_code == 200
        return len(queries), response.json()["councils"]

    three_queries, three = measured()
    assert [c["name"] for c in three] == ["HĐND xã Ân", "HĐND xã Bắc", "HĐND xã Đông"]
    assert [c["more"] for c in three] == [False] * 3
    made("lv-a-1", "HĐND thôn Một", CouncilLevel.COMMUNE, Council.objects.get(slug="lv-a"))
    _grow(province, 30)
    thirty_queries, thirty = measured()
    assert len(thirty) == province.children.count() == 30
    assert next(c for c in thirty if c["slug"] == "lv-a")["more"] is True
    assert thirty_queries == three_queries <= 4


def test_the_next_level_answers_a_hostile_or_unknown_council_with_a_404(secretariat_client):
    for value in ("nope", "a\x00b", "x" * 5000, "<script>"):
        response = secretariat_client.get(reverse(LEVELS), {"council": value})
        assert response.status_code == 404, value


def test_ward_staff_see_only_their_own_council(ward_a_client, ward_a, ward_b, province):
    # No picker on their page: nothing of another ward's, nor of the test's province.
    page = ward_a_client.get(reverse(PAGE)).content.decode()
    assert picker(page) is None
    assert ward_b.name not in page and "lv-tinh" not in page
    # Another ward's council, in the page's or the next level's address, is a 404 as before.
    for name in (PAGE, LEVELS):
        assert ward_a_client.get(reverse(name), {"council": ward_b.slug}).status_code == 404
        assert ward_a_client.get(reverse(name), {"council": "lv-tinh"}).status_code == 404
    own = ward_a_client.get(reverse(LEVELS), {"council": ward_a.slug})
    assert own.status_code == 200 and own.json() == {"councils": []}


def test_leaders_are_refused_the_next_level(leader_client, province):
    assert leader_client.get(reverse(LEVELS), {"council": "lv-tinh"}).status_code == 403


def test_the_picker_is_labelled_for_keyboard_and_screen_readers(secretariat_client, province):
    response = secretariat_client.get(reverse(PAGE), {"council": "lv-tinh"})
    html = response.content.decode()
    found = picker(html)
    assert found.select_id == "council-choice"
    assert found.label.strip() == "Chọn Hội đồng nhân dân"
    assert 'aria-describedby="council-choice-hint"' in html and 'id="council-choice-hint"' in html
    assert "js/council_picker.js" in html
