"""Small builders for test records, on top of the demo data."""

import datetime as dt

from councilwork.models import Council
from sessions.models import Session


def session(council: Council, number: int, start=dt.date(2023, 5, 10), **fields) -> Session:
    values = {"kind": "regular", "start_date": start, "end_date": start, **fields}
    return Session.objects.create(
        council=council, term=council.terms.get(), number=number, **values
    )
