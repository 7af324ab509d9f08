"""The scorecard page stored whole (campaigns.scoring.card_cache): a stored view costs
two queries of its own, and shows at once every change that the page shows.

With the database cache the users' generation is unknown and nothing is stored; these
tests give it one (``generation``), as Redis would, so both backends run them.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Criterion, Evidence, Scorecard
from campaigns.scoring import card_cache
from councilwork import user_memo


@pytest.fixture(autouse=True)
def generation(monkeypatch):
    if user_memo.current_generation() is None:
        monkeypatch.setattr(card_cache.user_memo, "current_generation", lambda: "test-generation")


def _card():
    return Scorecard.objects.filter(subject_council__slug="anh-dung", campaign__year=2024).first()


def _get(client, url, *, own=False):
    """(queries, HTML); with ``own``, only the queries of the scoring tables."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    queries = [q["sql"] for q in captured.captured_queries]
    if own:
        queries = [sql for sql in queries if '"campaigns_' in sql]
    return len(queries), response.content.decode()


def _token(html: str) -> str:
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    return tokens.pop()


@pytest.mark.django_db
def test_a_stored_view_is_the_rendered_page_for_two_queries(ward_a_client, ward_a_staff):
    url = f"/scores/{_card().pk}/"
    first_queries, first = _get(ward_a_client, url)
    again_queries, again = _get(ward_a_client, url)
    assert again.replace(_token(again), "T") == first.replace(_token(first), "T")
    assert again_queries < first_queries
    assert _get(ward_a_client, url, own=True)[0] == 2  # the key's row, the evidence
    assert "<cw-" not in again
    assert ward_a_staff.get_full_name() in again


@pytest.mark.django_db
def test_saved_points_show_on_the_next_view(ward_a_client):
    card = _card()
    url = f"/scores/{card.pk}/"
    criterion = card.campaign.criteria.filter(applies_to=card.subject_kind).first()
    stored = card.scores.filter(criterion=criterion).first()
    points = "2" if stored and stored.self_points == 1 else "1"
    value = f'name="points_{criterion.pk}" value="{points}'  # 1 or 1,00 as the field writes
    assert value not in _get(ward_a_client, url)[1]
    _get(ward_a_client, url)
    data = {"version": card.version, "save": "1", f"points_{criterion.pk}": points}
    assert ward_a_client.post(url, data).status_code == 302
    html = ward_a_client.get(url).content.decode()  # with the message: not stored
    assert value in html and 'class="messages' in html
    assert value in _get(ward_a_client, url)[1]
    assert 'class="messages' not in _get(ward_a_client, url)[1]


@pytest.mark.django_db
def test_a_new_file_and_a_renamed_criterion_show_at_once(ward_a_client, ward_a_staff):
    card = _card()
    url = f"/scores/{card.pk}/"
    _get(ward_a_client, url)
    _get(ward_a_client, url)
    Evidence.objects.create(
        scorecard=card,
        original_name="bien-ban-<hop>.pdf",
        content_type="application/pdf",
        size=2048,
        file="evidence/bien-ban.pdf",
        uploaded_by=ward_a_staff,
    )
    html = _get(ward_a_client, url)[1]
    assert "bien-ban-&lt;hop&gt;.pdf" in html
    assert html.count(f'action="/scores/{card.pk}/evidence/') >= 2  # remove and upload
    criterion = card.campaign.criteria.filter(applies_to=card.subject_kind).first()
    criterion.title = "Tiêu chí đổi tên"
    criterion.save()
    assert "Tiêu chí đổi tên" in _get(ward_a_client, url)[1]


@pytest.mark.django_db
def test_each_reader_their_own_page(ward_a_client, secretariat_client, ward_b_staff):
    from tests.conftest import _client_for

    url = f"/scores/{_card().pk}/"
    ward_page = _get(ward_a_client, url)[1]
    _get(ward_a_client, url)
    secretariat_page = _get(secretariat_client, url)[1]
    assert 'name="behalf_reason"' in secretariat_page
    assert 'name="behalf_reason"' not in ward_page
    other_ward = _client_for(ward_b_staff)
    assert other_ward.get(url).status_code == 404
    assert _token(_get(secretariat_client, url)[1]) != _token(_get(ward_a_client, url)[1])


@pytest.mark.django_db
def test_a_query_string_is_answered_and_not_stored(ward_a_client):
    card = _card()
    url = f"/scores/{card.pk}/?x=" + "y" * 50
    stored = []
    original = card_cache.cache.set
    card_cache.cache.set = lambda key, *a, **k: stored.append(key) or original(key, *a, **k)
    try:
        assert ward_a_client.get(url).status_code == 200
        assert ward_a_client.get(url).status_code == 200
    finally:
        card_cache.cache.set = original
    assert [key for key in stored if str(key).startswith("scorecard-page:")] == []
    assert ward_a_client.get("/scores/999999/").status_code == 404


@pytest.mark.django_db
def test_the_stored_view_costs_the_same_with_three_times_the_criteria(ward_a_client):
    card = _card()
    url = f"/scores/{card.pk}/"
    _get(ward_a_client, url)
    before = _get(ward_a_client, url)[0]
    for n in range(12):
        Criterion.objects.create(
            campaign=card.campaign,
            applies_to=card.subject_kind,
            code=f"7.{n + 1}",
            title=f"Tiêu chí lưu {n + 1}",
            max_points=Decimal("1"),
            position=700 + n,
        )
    assert "Tiêu chí lưu 12" in _get(ward_a_client, url)[1]
    assert _get(ward_a_client, url)[0] == before
