"""Resolutions numbered from their council's register: issued by the system when left
empty (in the admin, its session's inline and resolution_create), a typed number
refused when issued already or out of order, numbers given from outside (imports, the
demo) entered in the register, and no number given twice under concurrent creations."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from councilwork.models import Council, IssuedNumber, RegisterKind, Term
from sessions.models import Resolution, Session
from sessions.numbering import resolution_create

D = dt.date
KIND = RegisterKind.RESOLUTION
DAY = D(2026, 3, 10)


def _fresh_session(slug="nq-moi", day=DAY) -> Session:
    council = Council.objects.create(
        name=f"HĐND phường {slug}", short_name=slug, slug=slug, level="ward"
    )
    term = Term.objects.create(
        council=council, name="2026–2031", start_date=D(2026, 1, 1), end_date=D(2031, 6, 30)
    )
    return Session.objects.create(
        council=council, term=term, number=1, kind="regular", start_date=day, end_date=day
    )


def _next_after_held(council, year) -> int:
    """The highest number the council's resolutions of ``year`` hold, plus one."""
    held = Resolution.objects.filter(council=council, adopted_on__year=year)
    return max(held.values_list("number", flat=True), default=0) + 1


@pytest.mark.django_db
def test_the_service_numbers_from_01_and_the_register_names_each_resolution(secretariat):
    session = _fresh_session()
    titles = ["Về dự toán ngân sách", "Về kế hoạch đầu tư công", "Về biên chế"]
    made = [
        resolution_create(session=session, adopted_on=D(2026, 3, 10), title=t, user=secretariat)
        for t in titles
    ]
    assert [r.number for r in made] == list(range(1, len(titles) + 1))
    assert made[0].code == "01/NQ-HĐND"
    register = IssuedNumber.objects.filter(council=session.council, kind=KIND, year=2026)
    assert sorted(register.values_list("number", "subject", "issued_by")) == [
        (i + 1, t, secretariat.pk) for i, t in enumerate(titles)
    ]


@pytest.mark.django_db
def test_a_typed_number_must_be_the_registers_next():
    session = _fresh_session()
    day = D(2026, 3, 10)
    first = resolution_create(session=session, adopted_on=day, title="Một")
    for typed, words in [(first.number, "đã được cấp"), (first.number + 2, "theo thứ tự")]:
        with pytest.raises(ValidationError) as refused:
            resolution_create(session=session, adopted_on=day, title="Hai", number=typed)
        assert words in " ".join(refused.value.message_dict["number"])
    assert resolution_create(session=session, adopted_on=day, title="Ba", number=2).number == 2
    assert list(Resolution.objects.filter(session=session).values_list("number", flat=True)) == [
        2,
        1,
    ]


@pytest.mark.django_db
def test_numbers_given_from_outside_enter_the_register_and_the_next_follows():
    session = _fresh_session()
    day = D(2026, 3, 10)
    # As an import writes them: numbers of their own, out of the register.
    imported = [3, 7]
    for number in imported:
        Resolution.objects.create(
            session=session, council=session.council, number=number, adopted_on=day, title="Cũ"
        )
    register = IssuedNumber.objects.filter(council=session.council, kind=KIND, year=2026)
    assert sorted(register.values_list("number", flat=True)) == imported
    assert (
        resolution_create(session=session, adopted_on=day, title="Mới").number == max(imported) + 1
    )
    with pytest.raises(ValidationError):  # a gap before the imported numbers stays a gap
        resolution_create(session=session, adopted_on=day, title="Chen", number=5)


@pytest.mark.django_db
def test_the_demos_numbers_are_in_the_register(district, ward_a):
    for council in (district, ward_a):
        rows = Resolution.objects.filter(council=council)
        held = {(r.adopted_on.year, r.number) for r in rows}
        register = IssuedNumber.objects.filter(council=council, kind=KIND)
        assert held and held <= set(register.values_list("year", "number"))


def _admin_add(client, session, number, title, day="10/05/2023"):
    data = {
        "session": session.pk,
        "number": "" if number is None else str(number),
        "symbol": "NQ-HĐND",
        "adopted_on": day,
        "title": title,
    }
    return client.post(reverse("admin:council_sessions_resolution_add"), data)


@pytest.mark.django_db
def test_the_admin_issues_the_next_number_when_it_is_left_empty(
    secretariat_client, secretariat, district
):
    session = district.sessions.filter(start_date__year=2023).order_by("start_date").last()
    day = session.start_date
    expected = _next_after_held(district, 2023)
    response = _admin_add(
        secretariat_client, session, None, "Về việc mới", day.strftime("%d/%m/%Y")
    )
    assert response.status_code == 302
    made = Resolution.objects.get(council=district, title="Về việc mới")
    assert made.number == expected
    issued = IssuedNumber.objects.get(council=district, kind=KIND, year=2023, number=expected)
    assert (issued.issued_by, issued.subject) == (secretariat, "Về việc mới")


@pytest.mark.django_db
def test_the_admin_refuses_a_typed_number_issued_or_out_of_order_beside_the_field(
    secretariat_client, district
):
    session = district.sessions.filter(start_date__year=2023).order_by("start_date").last()
    day = session.start_date.strftime("%d/%m/%Y")
    expected = _next_after_held(district, 2023)
    count = Resolution.objects.count()
    cases = [
        (1, f"Số {1:02d} đã được cấp trong sổ này."),
        (expected + 5, f"số tiếp theo của sổ này là {expected:02d}"),
    ]
    for typed, message in cases:
        response = _admin_add(secretariat_client, session, typed, "Bị từ chối", day)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["number"]
        assert any(message in e for e in errors), errors
    assert Resolution.objects.count() == count
    assert _admin_add(secretariat_client, session, expected, "Đúng số", day).status_code == 302


@pytest.mark.django_db
def test_the_sessions_inline_numbers_its_new_rows_in_order(secretariat_client, district):
    term = district.terms.get()
    expected = _next_after_held(district, 2023)
    titles = ["Thứ nhất", "Thứ hai", "Thứ ba"]
    typed = {2: expected + 2}  # the third row typed: it must come after the two before
    data = {
        "council": district.pk,
        "term": term.pk,
        "number": "73",
        "kind": "thematic",
        "start_date": "11/05/2023",
        "end_date": "11/05/2023",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "resolutions-TOTAL_FORMS": str(len(titles)),
        "resolutions-INITIAL_FORMS": "0",
    }
    for i, title in enumerate(titles):
        data |= {
            f"resolutions-{i}-number": str(typed.get(i, "")),
            f"resolutions-{i}-symbol": "NQ-HĐND",
            f"resolutions-{i}-adopted_on": "11/05/2023",
            f"resolutions-{i}-title": title,
        }
    response = secretariat_client.post(reverse("admin:council_sessions_session_add"), data)
    assert response.status_code == 302
    saved = Resolution.objects.filter(session__term=term, session__number=73)
    assert sorted(saved.values_list("title", "number")) == sorted(
        (t, expected + i) for i, t in enumerate(titles)
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_never_share_a_number():
    session = _fresh_session(slug="nq-dong-thoi")
    count, barrier, results = 8, threading.Barrier(8), [None] * 8

    def work(i):
        try:
            barrier.wait()
            made = resolution_create(
                session=session, adopted_on=session.start_date, title=f"Nghị quyết {i}"
            )
            results[i] = made.number
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
    stored = Resolution.objects.filter(session=session).values_list("number", flat=True)
    assert sorted(stored) == list(range(1, count + 1))
