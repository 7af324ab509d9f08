"""Admin changelists of large tables do not count all their rows on every page view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.admin_counts import EstimatedCountPaginator
from sessions.models import Resolution

pytestmark = pytest.mark.django_db
URL = reverse("admin:council_sessions_resolution_changelist")


def counts_in(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_a_filtered_list_is_counted_once(secretariat_client):
    with CaptureQueriesContext(connection) as queries:
        response = secretariat_client.get(URL, {"adopted_on_year": "2023"})
    assert response.context["cl"].result_count == 86
    counts = [sql for sql in counts_in(queries) if "council_sessions_resolution" in sql]
    assert len(counts) == 1  # no second, unfiltered COUNT(*) for "show all"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="estimates come from pg_class")
def test_a_large_unfiltered_list_uses_the_estimate(secretariat_client, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE council_sessions_resolution")
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 1)
    with CaptureQueriesContext(connection) as queries:
        response = secretariat_client.get(URL)
    assert response.status_code == 200
    table_counts = [sql for sql in counts_in(queries) if "council_sessions_resolution" in sql]
    assert table_counts == []
    assert response.context["cl"].result_count == pytest.approx(Resolution.objects.count(), abs=5)


def test_small_tables_are_counted_exactly(secretariat_client):
    response = secretariat_client.get(URL)
    assert response.context["cl"].result_count == Resolution.objects.count()
