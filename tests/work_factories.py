"""Builders for the deputies' work tests: a council tree of their own, with deputies.

Apart from the demo (which stays as it is), so that every count can be checked against
a plain-Python count of exactly the rows a test made.
"""

import datetime as dt

from councilwork.models import Council, CouncilLevel, Deputy, Person, Term
from sessions.models import Session

D = dt.date
TERM = (D(2021, 6, 1), D(2026, 6, 30))


def council(slug: str, *, parent: Council | None = None, level=CouncilLevel.COMMUNE) -> Council:
    made = Council.objects.create(
        name=f"HĐND {slug}", short_name=slug, slug=slug, level=level, parent=parent
    )
    Term.objects.create(council=made, name="2021–2026", start_date=TERM[0], end_date=TERM[1])
    return made


def deputies(place: Council, count: int, **seat) -> list[Deputy]:
    term = place.terms.get()
    first = term.deputies.count()
    made = []
    for i in range(first, first + count):
        person = Person.objects.create(full_name=f"Đại biểu {place.slug} {i:03d}")
        made.append(Deputy.objects.create(person=person, term=term, **seat))
    return made


def sitting(place: Council, number: int, start: dt.date, end: dt.date | None = None) -> Session:
    return Session.objects.create(
        council=place,
        term=place.terms.get(),
        number=number,
        kind="regular",
        start_date=start,
        end_date=end or start,
    )


def seated(deputy: Deputy, day: dt.date) -> bool:
    """Whether the seat is held on ``day``, written out independently of the app."""
    term = deputy.term
    start = deputy.started_on or term.start_date
    end = deputy.ended_on or term.end_date
    return term.start_date <= day <= term.end_date and start <= day <= end
