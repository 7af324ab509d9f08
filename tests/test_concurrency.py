"""Many threads writing the same scorecards on PostgreSQL: no lost update, no duplicate,
and exactly one history row per change."""

import os
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections

from campaigns import services
from campaigns.models import Score, Scorecard, ScorecardEvent
from councilwork.models import User

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)
THREADS = 8


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    card = Scorecard.objects.get(campaign__year=2024, subject_council__slug="anh-dung")
    criteria = list(card.campaign.criteria.filter(applies_to="council").order_by("position"))
    return (
        card,
        criteria,
        User.objects.get(username="anhdung"),
        User.objects.get(username="vanphong"),
    )


def in_threads(work, count=THREADS) -> list:
    """Run ``work(i)`` in ``count`` threads started together; return their results."""
    results, barrier = [None] * count, threading.Barrier(count)

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_same_version_one_winner(demo):
    card, criteria, ward, _secretariat = demo
    version = card.version

    def save(i):
        entries = {c.pk: (Decimal(i % 5), f"luồng {i}") for c in criteria}
        return services.scorecard_save(scorecard=card, user=ward, version=version, entries=entries)

    results = in_threads(save)
    winners = [i for i, r in enumerate(results) if isinstance(r, Scorecard)]
    losers = [r for r in results if isinstance(r, ValidationError)]
    assert len(winners) == 1 and len(losers) == THREADS - 1
    card.refresh_from_db()
    assert card.version == version + 1
    notes = set(Score.objects.filter(scorecard=card).values_list("note", flat=True))
    assert notes == {f"luồng {winners[0]}"}  # all of the winner's entries, nobody else's


def test_no_lost_update_under_retries(demo):
    card, criteria, ward, _secretariat = demo
    first = criteria[0]
    start_events = ScorecardEvent.objects.filter(scorecard=card).count()
    score = Score.objects.get(scorecard=card, criterion=first)
    start_history = score.history.count()

    def add_half_points(i):
        done = 0
        while done < 3:
            fresh = Scorecard.objects.get(pk=card.pk)
            current = Score.objects.get(scorecard=fresh, criterion=first).self_points or 0
            try:
                services.scorecard_save(
                    scorecard=fresh,
                    user=ward,
                    version=fresh.version,
                    entries={first.pk: (current + Decimal("0.5"), "")},
                )
            except ValidationError:
                continue  # someone else got there first: read again and retry
            done += 1
        return done

    results = in_threads(add_half_points, count=4)
    assert results == [3, 3, 3, 3]
    score.refresh_from_db()
    assert score.self_points == Decimal("6.0")  # 12 increments of 0,5: none lost
    assert ScorecardEvent.objects.filter(scorecard=card).count() == start_events + 12
    assert score.history.count() == start_history + 12


def test_double_submit_and_approve_make_one_each(demo):
    card, criteria, ward, secretariat = demo
    entries = {c.pk: (c.max_points, "") for c in criteria}
    card = services.scorecard_save(scorecard=card, user=ward, version=card.version, entries=entries)
    version = card.version
    submits = in_threads(
        lambda i: services.scorecard_submit(scorecard=card, user=ward, version=version)
    )
    assert sum(isinstance(r, Scorecard) for r in submits) == 1
    card.refresh_from_db()
    approves = in_threads(
        lambda i: services.scorecard_approve(
            scorecard=card, user=secretariat, version=card.version, decisions={}
        )
    )
    assert sum(isinstance(r, Scorecard) for r in approves) == 1
    steps = ScorecardEvent.objects.filter(scorecard=card, kind="transition")
    assert list(steps.order_by("at", "pk").values_list("to_status", flat=True)) == [
        "submitted",
        "approved",
    ]
    history = list(card.history.order_by("history_date").values_list("status", flat=True))
    assert history.count("submitted") == 1 and history.count("approved") == 1
