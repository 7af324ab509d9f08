"""The ward's scorecard page reads a fixed number of queries, however many criteria
and stored scores its campaign has (no query per score)."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Criterion, Score, Scorecard
from campaigns.scoring import card_cache


def _queries(client, url) -> int:
    """The queries of a view that renders the page (not one stored: card_cache)."""
    rendered = mock.patch.object(card_cache, "page_key", lambda *args: None)
    with rendered, CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_scorecard_page_costs_the_same_with_three_times_the_scores(ward_a, ward_a_client):
    card = Scorecard.objects.filter(subject_council=ward_a, campaign__year=2024).first()
    url = f"/scores/{card.pk}/"
    ward_a_client.get(url)
    before = _queries(ward_a_client, url)
    stored = card.scores.count()
    existing = card.campaign.criteria.filter(applies_to=card.subject_kind).count()
    for n in range(2 * max(existing, 3)):
        criterion = Criterion.objects.create(
            campaign=card.campaign,
            applies_to=card.subject_kind,
            code=f"9.{n + 1}",
            title=f"Tiêu chí thêm {n + 1}",
            max_points=Decimal("1"),
            position=900 + n,
        )
        Score.objects.create(scorecard=card, criterion=criterion, self_points=Decimal("1"))
    assert card.scores.count() >= stored + 6
    page = ward_a_client.get(url).content.decode()
    assert "Tiêu chí thêm 1" in page
    assert _queries(ward_a_client, url) == before
