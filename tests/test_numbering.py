"""The numbering register: from 01 each year per issuing body and register, never skipped
(a failed issue gives its number back), never repeated (also under concurrent issues, on
PostgreSQL), a cancelled number logged with its reason and never reused.

The years are ones the demo holds no document for: its resolutions are in the register
(their numbers were entered when they were saved), so its years' registers start after them."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from councilwork.models import Council, IssuedNumber, RegisterKind
from councilwork.numbering import cancel_number, issue_number


@pytest.mark.django_db
def test_numbers_start_at_01_per_body_register_and_year(district, ward_a):
    first = issue_number(district, 2031, RegisterKind.RESOLUTION, subject="NQ về dự toán")
    second = issue_number(district, 2031, RegisterKind.RESOLUTION)
    assert (first.number, second.number) == (1, 2)
    assert first.code == "01/NQ-HĐND"
    assert issue_number(district, 2032, RegisterKind.RESOLUTION).number == 1
    assert issue_number(ward_a, 2031, RegisterKind.RESOLUTION).number == 1
    decision = issue_number(district, 2031, RegisterKind.AWARD_DECISION)
    assert decision.code == "01/QĐ-UBND"
    assert issue_number(district, 2031, "standing_committee", symbol="TB-HĐND").code == (
        "01/TB-HĐND"
    )


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back(district):
    issue_number(district, 2031, RegisterKind.RESOLUTION)
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number(district, 2031, RegisterKind.RESOLUTION)
        raise RuntimeError("the document could not be saved")
    assert issue_number(district, 2031, RegisterKind.RESOLUTION).number == 2


@pytest.mark.django_db
def test_a_cancelled_number_is_logged_and_never_reused(district, secretariat):
    issued = issue_number(district, 2031, RegisterKind.RESOLUTION)
    with pytest.raises(ValidationError):
        cancel_number(issued=issued, reason="  ", user=secretariat)
    cancelled = cancel_number(issued=issued, reason="Ban hành nhầm", user=secretariat)
    assert cancelled.cancel_reason == "Ban hành nhầm" and cancelled.cancelled_by == secretariat
    with pytest.raises(ValidationError):
        cancel_number(issued=issued, reason="lần nữa", user=secretariat)
    assert issue_number(district, 2031, RegisterKind.RESOLUTION).number == 2
    assert IssuedNumber.objects.filter(council=district, year=2031).count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_consecutive_numbers():
    council = Council.objects.create(
        name="HĐND phường Thử", short_name="Thử", slug="thu", level="ward"
    )
    count, barrier, results = 8, threading.Barrier(8), [None] * 8

    def work(i):
        try:
            barrier.wait()
            with transaction.atomic():
                results[i] = issue_number(council, 2026, RegisterKind.RESOLUTION).number
        except Exception as error:  # reported below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, count + 1)), results
