"""A hostile query string cannot fill the page cache (reports.page_cache.page_key).

A page is stored under the values its view resolved, and only when its address is
already the one the app's own links write: every other spelling is answered, with the
figures it asks for, and stored never. The stored pages are counted in the cache
itself (tests.page_cache_stored).

The provinces come from tests.factories.province_with_wards: commune i holds
((i + 1) % 3) + 2 sessions in 2023 (tests/test_records_page_cache.py counts the same).
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from councilwork.models import Council
from tests.factories import province_with_wards, session
from tests.page_cache_stored import stored_page_count

pytestmark = pytest.mark.django_db
LIST = reverse("summary:records", args=[2023, "sessions"])
PAGE = reverse("summary:page", args=[2023])
PLAIN = "council=tinh&scope=below"


def sessions_2023(communes: int) -> int:
    return sum(((i + 1) % 3) + 2 for i in range(communes))


def answered(client, url: str) -> tuple[int, int]:
    """The list's record count and the number of rows it shows, for ``url`` as sent."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return int(re.search(r'class="record-count">(\d+)<', html)[1]), html.count("record-row")


def test_hostile_query_strings_of_a_list_store_no_page(leader_client):
    province_with_wards("tinh", 3)
    total = sessions_2023(3)
    assert answered(leader_client, f"{LIST}?{PLAIN}") == (total, total)
    assert stored_page_count() == 1
    hostile = [
        *(f"{PLAIN}&page={number}" for number in (2, 3, 99999)),  # beyond the only page
        f"{PLAIN}&page=abc",
        f"{PLAIN}&page=01",
        f"{PLAIN}&page=",
        f"{PLAIN}&page=1&page=1",
        f"{PLAIN}&kind=abc",
        f"{PLAIN}&kind=",
        f"{PLAIN}&level=",
        f"{PLAIN}&for=1999",
        f"{PLAIN}&other=1",
        "council=%74inh&scope=below",  # the same council, spelt another way
        "council=tinh&council=tinh&scope=below",
        "scope=below&council=tinh",  # not the order of the app's links
        "council=tinh&scope=below&scope=below",
    ]
    for query in hostile:
        expected = 0 if "kind=abc" in query else total
        assert answered(leader_client, f"{LIST}?{query}") == (expected, expected), query
    # An unknown scope is the council's own records (the province holds 2 in 2023).
    own = answered(leader_client, f"{LIST}?council=tinh&scope=Below")
    assert own == answered(leader_client, f"{LIST}?council=tinh&scope=own")
    assert stored_page_count() == 2  # the plain list and the own records, as linked
    # A year spelt with leading zeros is the same list, not another page.
    assert (
        answered(
            leader_client, f"{reverse('summary:records', args=['02023', 'sessions'])}?{PLAIN}"
        )[0]
        == total
    )
    assert stored_page_count() == 2


def test_each_page_and_known_kind_is_stored_once(leader_client):
    province_with_wards("tinh", 2)
    ward = Council.objects.get(slug="tinh-0")
    extra = 55
    for number in range(100, 100 + extra):
        session(ward, number, dt.date(2023, 3, 1))
    total = sessions_2023(2) + extra
    assert total > 50  # two pages of 50
    views = [PLAIN, PLAIN, f"{PLAIN}&page=2", f"{PLAIN}&page=2", f"{PLAIN}&page=1"]
    views += [f"{PLAIN}&kind=regular", f"{PLAIN}&kind=regular", f"{PLAIN}&page=3"]
    shown = [answered(leader_client, f"{LIST}?{query}") for query in views]
    assert shown[0] == shown[1] == shown[4] == (total, 50)
    assert shown[2] == shown[3] == (total, total - 50)
    assert shown[7] == (total, total - 50)  # beyond the last: the last, not stored
    # The plain list, its page 2, its page 1 as the pager links back to it, one kind.
    assert stored_page_count() == 4


def test_hostile_query_strings_of_the_summary_store_no_page(leader_client):
    province_with_wards("tinh", 2)
    for query in ("council=tinh", "council=tinh"):
        assert leader_client.get(f"{PAGE}?{query}").status_code == 200
    assert stored_page_count() == 1
    for query in (
        "council=%74inh",
        "council=tinh&council=tinh",
        "council=tinh&page=2",
        "council=tinh&x",
    ):
        response = leader_client.get(f"{PAGE}?{query}")
        assert response.status_code == 200, query
        assert '<tr data-council="tinh-1">' in response.content.decode()
    zeros = reverse("summary:page", args=["02023"])
    assert leader_client.get(f"{zeros}?council=tinh").status_code == 200
    assert stored_page_count() == 1
