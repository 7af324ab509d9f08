"""The scorecard's history rows written in Python (campaigns.scoring.event_rows) are
the rows the template's loop wrote, and the page costs the same queries with many
more events."""

import re
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import EventKind, Scorecard, ScorecardEvent, ScorecardStatus, ScoreField
from campaigns.scoring import card_cache
from campaigns.scoring.event_rows import event_rows

# The loop the scorecard template had, kept here as the reference.
LOOP = """{% load i18n campaign_tags %}{% for event in events %}
      <tr class="event-row"><td>{{ event.at|date:"SHORT_DATETIME_FORMAT" }}</td><td>{{ event.actor.get_full_name|default:event.actor.username }}{% if event.on_behalf %} <small class="on-behalf">({% translate "on the subject's behalf" %})</small>{% endif %}</td>
        <td>{% if event.kind == "transition" %}{{ event.get_from_status_display|default:"–" }} → {{ event.get_to_status_display }}{% else %}{{ event.criterion.code }} ({{ event.get_field_display }}): {{ event.old_points|points }} → {{ event.new_points|points }}{% endif %}</td>
        <td>{{ event.reason }}</td></tr>
    {% endfor %}"""  # noqa: E501


def _squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).strip()


def _card():
    return Scorecard.objects.filter(subject_council__slug="anh-dung", campaign__year=2024).first()


def _events(card, actor, n: int) -> list[ScorecardEvent]:
    criteria = list(card.campaign.criteria.filter(applies_to=card.subject_kind))
    start = timezone.now() - timedelta(days=30)
    made = []
    for i in range(n):
        common = {"scorecard": card, "actor": actor, "at": start + timedelta(hours=i)}
        if i % 3 == 0:
            event = ScorecardEvent(
                kind=EventKind.TRANSITION,
                from_status="" if i == 0 else ScorecardStatus.DRAFT,
                to_status=ScorecardStatus.SUBMITTED,
                on_behalf=i % 2 == 0,
                reason=f"Lý do <b>{i}</b> & gửi" if i % 2 else "",
                **common,
            )
        else:
            event = ScorecardEvent(
                kind=EventKind.POINTS,
                criterion=criteria[i % len(criteria)],
                field=ScoreField.SELF if i % 2 else ScoreField.APPROVED,
                old_points=None if i == 1 else Decimal(i) / 2,
                new_points=Decimal(i) + Decimal("0.5"),
                reason="",
                **common,
            )
        made.append(event)
    return ScorecardEvent.objects.bulk_create(made)


@pytest.mark.django_db
def test_the_written_rows_are_the_templates(ward_a_staff, secretariat):
    card = _card()
    ward_a_staff.first_name, ward_a_staff.last_name = "", ""  # the username then
    _events(card, ward_a_staff, 6)
    _events(card, secretariat, 5)
    events = list(card.events.select_related("actor", "criterion").order_by("-at", "-pk"))
    assert len(events) == 11
    expected = engines["django"].from_string(LOOP).render({"events": events})
    written = event_rows(events)
    assert _squeezed(written) == _squeezed(expected)
    assert str(written).count('<tr class="event-row">') == 11
    assert "Lý do &lt;b&gt;3&lt;/b&gt; &amp; gửi" in written
    assert event_rows([]) == ""


def _rendered(client, url):
    """A view that renders the page (not one stored: events are written here around
    the services, which move the scorecard's version with each)."""
    rendered = mock.patch.object(card_cache, "page_key", lambda *args: None)
    with rendered, CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return captured, page


@pytest.mark.django_db
def test_the_page_costs_the_same_with_many_more_events(ward_a_staff, ward_a_client):
    card = _card()
    url = f"/scores/{card.pk}/"
    _events(card, ward_a_staff, 3)
    ward_a_client.get(url)
    before, page = _rendered(ward_a_client, url)
    assert page.count('<tr class="event-row">') == card.events.count()
    _events(card, ward_a_staff, 60)
    after, page = _rendered(ward_a_client, url)
    assert page.count('<tr class="event-row">') == card.events.count() >= 63
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.django_db
def test_no_events_says_so(ward_a_client):
    card = _card()
    card.events.all().delete()
    page = _rendered(ward_a_client, f"/scores/{card.pk}/")[1]
    assert '<tr class="event-row">' not in page
    assert '<td colspan="4">' in page
