"""The council a leader or the secretariat opens without choosing one
(councilwork.access.default_council): with several councils without a parent (the
provinces of a national database) it is the highest of them by level, then by name,
and the page answers; it was a 404 while more than one top-level council existed."""

import pytest
from django.urls import reverse

from councilwork.models import Council, CouncilLevel

pytestmark = pytest.mark.django_db

RANK = {"province": 0, "district": 1, "commune": 2}  # written out: the test's own order


def roots_of_the_test(names_and_levels):
    for slug, name, level in names_and_levels:
        Council.objects.create(name=name, short_name=slug, slug=slug, level=level)
    everyone = list(Council.objects.values("slug", "name", "level", "parent_id"))
    roots = [row for row in everyone if row["parent_id"] is None]
    return min(roots, key=lambda row: (RANK[row["level"]], row["name"]))


@pytest.mark.parametrize("url", ["oversight:recommendations", "council_sessions:vote-sessions"])
def test_several_top_level_councils_open_the_highest_first(secretariat_client, url):
    expected = roots_of_the_test(
        [
            ("dc-xa", "HĐND xã Đứng Riêng", CouncilLevel.COMMUNE),
            ("dc-tinh-b", "HĐND tỉnh Bình Thử", CouncilLevel.PROVINCE),
            ("dc-tinh-a", "HĐND tỉnh An Thử", CouncilLevel.PROVINCE),
        ]
    )
    assert expected["slug"] == "dc-tinh-a"  # the test's own province sorts first
    response = secretariat_client.get(reverse(url))
    assert response.status_code == 200
    assert response.context["council"].slug == expected["slug"]
    # Any other top-level council is still a choice away.
    chosen = secretariat_client.get(reverse(url), {"council": "dc-tinh-b"})
    assert chosen.status_code == 200 and chosen.context["council"].slug == "dc-tinh-b"


def test_a_leader_opens_the_summary_of_the_highest(leader_client):
    expected = roots_of_the_test(
        [
            ("dc-tinh-z", "HĐND tỉnh Zê Thử", CouncilLevel.PROVINCE),
            ("dc-tinh-c", "HĐND tỉnh Cê Thử", CouncilLevel.PROVINCE),
        ]
    )
    response = leader_client.get(reverse("summary:page", args=[2023]))
    assert response.status_code == 200
    name = Council.objects.get(slug=expected["slug"]).name
    assert name in response.content.decode()
