"""The pages made faster keep their queries, their HTML and their figures.

- The drill-down lists run as many queries for a province of 15 communes as for one of
  5, and their count (cached under the figures' versions) follows every new record.
- The scorecard page's fields written without Django's widget templates
  (campaigns.scoring.rows) are the HTML Django writes, errors and values included.
- The scorecard page, read-only and in review, costs the same with three times the
  criteria (tests/test_scorecard_queries.py covers the ward's form).
"""

import re
from decimal import Decimal
from unittest import mock

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Criterion, Score, Scorecard
from campaigns.scoring import card_cache
from campaigns.scoring.forms import EvidenceForm, ReviewForm, ScoresForm
from campaigns.scoring.rows import widget_html
from campaigns.scoring.views import _scores
from oversight.models import OversightActivity
from sessions.models import Resolution, Session
from tests.factories import province_with_wards

LISTS = ("sessions", "resolutions", "oversight")
MODELS = {"sessions": Session, "resolutions": Resolution, "oversight": OversightActivity}
FIELD = {"sessions": "council", "resolutions": "session__council", "oversight": "council"}


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def _count(html: str) -> int:
    return int(re.search(r'class="record-count">([\d.]+)<', html).group(1).replace(".", ""))


def _expected(dataset, province, year=2023) -> int:
    """The records of the communes below ``province`` in ``year``, counted in Python."""
    rows = MODELS[dataset].objects.select_related("council")
    if dataset == "resolutions":
        rows = rows.select_related("session__council")
    n = 0
    for row in rows:
        council = row.session.council if dataset == "resolutions" else row.council
        day = row.adopted_on if dataset == "resolutions" else row.start_date
        n += council.parent_id == province.pk and day.year == year
    return n


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", LISTS)
def test_a_drill_down_list_costs_the_same_at_three_times_the_communes(leader_client, dataset):
    small, large = province_with_wards("nho", 5), province_with_wards("lon", 15)
    counts = []
    for province in (small, large):
        url = f"/summary/2023/records/{dataset}/"
        params = {"council": province.slug, "scope": "below"}
        _get(leader_client, url, params)  # the count is cached now
        queries, html = _get(leader_client, url, params)
        assert _count(html) == _expected(dataset, province)
        assert html.count('class="record-row"') == min(50, _expected(dataset, province))
        counts.append(queries)
    assert counts[0] == counts[1]
    assert counts[0] <= 10


@pytest.mark.django_db
def test_the_cached_count_follows_a_new_record(leader_client):
    province = province_with_wards("moi", 4)
    url, params = "/summary/2023/records/resolutions/", {"council": province.slug, "scope": "below"}
    before = _count(_get(leader_client, url, params)[1])
    session = Session.objects.filter(council__parent=province, start_date__year=2023).first()
    Resolution.objects.create(
        council=session.council,
        session=session,
        number=99,
        adopted_on=session.start_date,
        title="NQ thêm",
    )
    _queries, html = _get(leader_client, url, params)
    assert _count(html) == before + 1 == _expected("resolutions", province)
    assert "NQ thêm" in html


@pytest.mark.django_db
def test_links_and_numbers_of_the_rows(superuser_client):
    province = province_with_wards("so", 15)
    params = {"council": province.slug, "scope": "below", "page": 2}
    html = _get(superuser_client, "/summary/2023/records/resolutions/", params)[1]
    first = Resolution.objects.filter(
        session__council__parent=province, adopted_on__year=2023
    ).order_by("adopted_on", "number", "pk")[50]
    link = reverse("admin:council_sessions_resolution_change", args=[first.pk])
    assert f'<td class="num">51</td><td><a href="{link}">' in html
    assert 'rel="prev"' in html and "page=1" in html


def _card():
    return Scorecard.objects.filter(subject_council__slug="anh-dung", campaign__year=2024).first()


def _same(bound):
    assert widget_html(bound) == str(bound), bound.html_name


@pytest.mark.django_db
def test_the_written_fields_are_djangos_html():
    card = _card()
    scores = _scores(card)
    first, second = scores[0].criterion_id, scores[1].criterion_id
    for form in (
        ScoresForm(scorecard=card, scores=scores, on_behalf=True),
        ReviewForm(scorecard=card, scores=scores),
        EvidenceForm(scores=scores),
    ):
        for name in form.fields:
            _same(form[name])
    data = {
        "version": "x",
        f"points_{first}": '7,5"<b>',
        f"points_{second}": "999",
        f"note_{first}": "ghi chú <i>&amp;</i>\n2",
        "behalf_reason": "",
    }
    bound = ScoresForm(data, scorecard=card, scores=scores, on_behalf=True)
    assert not bound.is_valid()
    for name in bound.fields:
        _same(bound[name])
    review = ReviewForm({"decision": "x", f"approved_{first}": "-1"}, scorecard=card, scores=scores)
    assert not review.is_valid()
    for name in review.fields:
        _same(review[name])
    evidence = EvidenceForm({"criterion": str(first)}, {}, scores=scores)
    assert not evidence.is_valid()
    for name in evidence.fields:
        _same(evidence[name])


def test_a_select_with_groups_and_a_stored_points_value():
    class Probe(forms.Form):
        grouped = forms.ChoiceField(choices=[("A", [("1", "một <1>"), ("2", "hai")]), ("3", "ba")])
        points = forms.DecimalField(localize=True, required=False, widget=forms.TextInput)

    for form in (
        Probe(initial={"grouped": "2", "points": Decimal("92.5")}),
        Probe({"grouped": "9"}),
    ):
        form.is_valid()
        for name in form.fields:
            _same(form[name])


def _rendered(client, url):
    """``_get`` of a scorecard view that renders the page (not one stored: card_cache)."""
    with mock.patch.object(card_cache, "page_key", lambda *args: None):
        return _get(client, url)


def _more_criteria(card, n):
    for i in range(n):
        criterion = Criterion.objects.create(
            campaign=card.campaign,
            applies_to=card.subject_kind,
            code=f"8.{i + 1}",
            title=f"Tiêu chí đọc {i + 1}",
            max_points=Decimal("2"),
            position=800 + i,
        )
        Score.objects.create(scorecard=card, criterion=criterion, self_points=Decimal("1"))


@pytest.mark.django_db
def test_the_read_only_and_review_pages_cost_the_same_with_three_times_the_criteria(
    ward_a_client, secretariat_client
):
    closed = Scorecard.objects.filter(subject_council__slug="anh-dung", campaign__year=2023).first()
    url = f"/scores/{closed.pk}/"
    ward_a_client.get(url)
    before = _rendered(ward_a_client, url)[0]
    _more_criteria(closed, 2 * closed.scores.count())
    after, html = _rendered(ward_a_client, url)
    assert "Tiêu chí đọc 1" in html
    assert after == before
    card = _card()
    criteria = card.campaign.criteria.filter(applies_to=card.subject_kind)
    submit = {"version": card.version, "submit": "1"}
    for criterion in criteria:
        submit[f"points_{criterion.pk}"] = "1"
    assert ward_a_client.post(f"/scores/{card.pk}/", submit).status_code == 302
    card.refresh_from_db()
    assert card.status == "submitted"
    url = f"/scores/{card.pk}/"
    secretariat_client.get(url)
    before = _rendered(secretariat_client, url)[0]
    _more_criteria(card, 2 * card.scores.count())
    after, html = _rendered(secretariat_client, url)
    assert 'name="approved_' in html and "Tiêu chí đọc 1" in html
    assert after == before
