"""The figures' after-save bumps deferred to the end of a bulk write (councilwork.cache.
deferred, used by the import): every council a saved row feeds moves, with its parents,
in a number of queries that does not grow with the rows; nothing moves when the block
fails or its transaction is to be rolled back."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from councilwork.cache import deferred
from councilwork.models import Council, FiguresVersion
from tests.factories import session

pytestmark = pytest.mark.django_db


def _versions() -> dict[int, int]:
    return dict(FiguresVersion.objects.values_list("council_id", "version"))


def _moved(before: dict, after: dict) -> set[int]:
    return {pk for pk, version in after.items() if before.get(pk) != version}


def _chain(council: Council) -> set[int]:
    found = set()
    while council is not None:
        found.add(council.pk)
        council = council.parent
    return found


def _bumps(captured) -> list:
    return [q for q in captured.captured_queries if "figures" in q["sql"].lower()]


def _saved_in_block(wards, per_ward: int, first: int = 90) -> tuple[set[int], int]:
    before = _versions()
    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured, deferred():
            for ward in wards:
                for n in range(per_ward):
                    session(ward, first + n, dt.date(2023, 9, 1 + n))
        moved = _moved(before, _versions())
    return moved, len(_bumps(captured))


def test_every_council_a_saved_row_feeds_moves_once_at_the_end(ward_a, ward_b):
    moved, _queries = _saved_in_block([ward_a, ward_b], 2)
    assert moved == _chain(ward_a) | _chain(ward_b)


def test_the_bumps_cost_the_same_for_one_row_and_for_many(ward_a, ward_b):
    _moved_one, one = _saved_in_block([ward_a], 1)
    _moved_many, many = _saved_in_block([ward_a, ward_b], 6, first=100)
    assert many == one


def test_nothing_moves_when_the_block_fails_or_is_rolled_back(ward_a):
    before = _versions()
    with pytest.raises(RuntimeError), transaction.atomic(), deferred():
        session(ward_a, 90, dt.date(2023, 9, 1))
        raise RuntimeError
    assert _versions() == before
    with transaction.atomic(), deferred():
        session(ward_a, 91, dt.date(2023, 9, 2))
        transaction.set_rollback(True)
    assert _versions() == before


def test_a_row_saved_in_a_rolled_back_savepoint_moves_nothing(ward_a, ward_b):
    before = _versions()
    with transaction.atomic(), deferred():
        with pytest.raises(RuntimeError), transaction.atomic():
            session(ward_b, 90, dt.date(2023, 9, 1))
            raise RuntimeError
        session(ward_a, 91, dt.date(2023, 9, 2))
    assert _moved(before, _versions()) == _chain(ward_a)
