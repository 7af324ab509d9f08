"""Writers and readers at once on PostgreSQL: the cached figures end where the records do.

Several threads add sessions to one ward, each in its own transaction, while others
read the district's summary through the cache; once every writer has committed, the
summary counts every session, and the versions moved with each commit.
"""

import datetime as dt
import os
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from councilwork.models import Council, FiguresVersion
from reports.selectors import cached_year_summary
from sessions.models import Session

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL"
)
WRITERS, READERS = 6, 3


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _ward_sessions(council: Council) -> int:
    summary = cached_year_summary(council=council, year=2023)
    return summary.figures.below["commune"]["sessions"]["total"]


def test_concurrent_writers_leave_no_stale_summary(demo):
    district = Council.objects.get(slug="duong-kinh")
    ward = Council.objects.get(slug="hai-thanh")
    term = ward.terms.get()
    before = _ward_sessions(district)  # cached now
    version_before = FiguresVersion.objects.get(council=district).version
    barrier = threading.Barrier(WRITERS + READERS)
    errors, seen = [], []

    def write(i):
        try:
            barrier.wait()
            with transaction.atomic():
                day = dt.date(2023, 10, 1 + i)
                session = Session(
                    council=ward, term=term, number=200 + i, kind="regular",
                    start_date=day, end_date=day,
                )  # fmt: skip
                session.full_clean()
                session.save()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    def read(_i):
        try:
            barrier.wait()
            for _ in range(5):
                seen.append(_ward_sessions(Council.objects.get(pk=district.pk)))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    threads += [threading.Thread(target=read, args=(i,)) for i in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    # Readers saw only counts that existed at some moment: never more than were written.
    assert all(before <= n <= before + WRITERS for n in seen)
    # After the last commit the cached summary is the records', whatever was cached meanwhile.
    assert _ward_sessions(Council.objects.get(pk=district.pk)) == before + WRITERS
    assert Session.objects.filter(council=ward, number__gte=200).count() == WRITERS
    assert FiguresVersion.objects.get(council=district).version != version_before
