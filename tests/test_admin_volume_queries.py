"""The big changelists run as many queries at 3x the records as at 1x, and the
council-tree filter walks all three levels (province, district, ward)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Award, AwardDecision
from campaigns.models import Scorecard
from councilwork.models import Council
from oversight.models import OversightActivity
from sessions.models import Resolution, Session

pytestmark = pytest.mark.django_db

# model admin URL, model, the path from a row to the council the tree filter reads
CHANGELISTS = [
    ("/admin/council_sessions/session/", Session, "council_id"),
    ("/admin/council_sessions/resolution/", Resolution, "council_id"),
    ("/admin/oversight/oversightactivity/", OversightActivity, "council_id"),
    ("/admin/campaigns/scorecard/", Scorecard, "campaign__council_id"),
    ("/admin/awards/award/", Award, "decision__council_id"),
    ("/admin/awards/awarddecision/", AwardDecision, "council_id"),
]
MAX_QUERIES = 20


def seed_bulk(councils: int, replace: bool = False) -> None:
    call_command(
        "seed_bulk", councils=councils, years=1, seed=3, replace=replace, stdout=StringIO()
    )


def views(province_pk: int) -> dict[str, dict]:
    return {"default": {}, "tree": {"council_tree": str(province_pk)}, "search": {"q": "ngan sach"}}


def query_counts(client, province_pk: int) -> dict:
    counts = {}
    for url, _model, _path in CHANGELISTS:
        for view, params in views(province_pk).items():
            client.get(url, params)  # the session's and the cache's first reads
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
            assert response.status_code == 200, (url, params)
            counts[url, view] = len(queries)
    return counts


def test_changelists_run_the_same_queries_at_1x_and_3x(secretariat_client):
    seed_bulk(4)
    province = Council.objects.get(slug="bulk-p01")
    small = query_counts(secretariat_client, province.pk)
    rows_small = Resolution.objects.count()
    seed_bulk(12, replace=True)
    province = Council.objects.get(slug="bulk-p01")
    large = query_counts(secretariat_client, province.pk)
    assert Resolution.objects.count() > rows_small * 1.5  # the data did grow
    assert large == small
    assert max(large.values()) <= MAX_QUERIES


def tree_of(root_pk: int) -> set[int]:
    """The root and every council under it, from the list of every council's parent."""
    parents = dict(Council.objects.values_list("pk", "parent_id"))
    found, grew = {root_pk}, True
    while grew:
        below = {pk for pk, parent in parents.items() if parent in found}
        grew = not below <= found
        found |= below
    return found


def test_the_council_tree_filter_reaches_the_wards_of_a_province(
    secretariat_client, district, ward_a
):
    # The demo's district, placed under a province of its own: three levels.
    province = Council.objects.create(
        name="HĐND thành phố Kiểm Thử", short_name="Kiểm Thử", slug="kiem-thu", level="province"
    )
    Council.objects.filter(pk=district.pk).update(parent=province)
    tree = tree_of(province.pk)
    assert ward_a.pk in tree and district.pk in tree
    for url, model, path in CHANGELISTS:
        councils = list(model.objects.values_list(path, flat=True))
        expected = sum(1 for council in councils if council in tree)
        response = secretariat_client.get(url, {"council_tree": str(province.pk)})
        assert response.context["cl"].result_count == expected, url
        assert expected > 0, url
        # The wards' own records are among them (the demo's campaigns and awards are
        # the district's: the level below the province).
        lowest = district if model in (Scorecard, Award, AwardDecision) else ward_a
        assert lowest.pk in councils, url


def test_the_date_hierarchy_lists_the_years_from_first_to_last(secretariat_client):
    response = secretariat_client.get("/admin/council_sessions/resolution/")
    text = response.content.decode()
    years = sorted({d.year for d in Resolution.objects.values_list("adopted_on", flat=True)})
    for year in range(years[0], years[-1] + 1):
        assert f"adopted_on__year={year}" in text
    assert f"adopted_on__year={years[-1] + 1}" not in text


def test_a_search_is_counted_up_to_the_cap_then_shown_as_more(secretariat_client, monkeypatch):
    from django.contrib import admin

    from councilwork.search import fold

    monkeypatch.setattr(admin.site._registry[Resolution], "search_count_cap", 5)
    # What the search reads: the title and the council's names (and the number).
    fields = Resolution.objects.values_list("title", "council__name", "council__short_name")
    folded = [fold(" ".join(row)) for row in fields]
    word = "nghi"  # in most titles: more than the cap
    assert sum(1 for text in folded if word in text) > 5
    response = secretariat_client.get("/admin/council_sessions/resolution/", {"q": word})
    count = response.context["cl"].result_count
    assert count == 5 and str(count) == "5+"
    assert "5+" in response.content.decode()
    words = {w for text in folded for w in text.split() if len(w) > 3 and not w.isdigit()}
    rare = min(sorted(words), key=lambda w: sum(1 for text in folded if w in text))
    exact = sum(1 for text in folded if rare in text)
    assert exact <= 5
    response = secretariat_client.get("/admin/council_sessions/resolution/", {"q": rare})
    assert response.context["cl"].result_count == exact
    assert str(response.context["cl"].result_count) == str(exact)
