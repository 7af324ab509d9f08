"""Resolutions numbered from their council's resolutions register (councilwork.numbering).

A resolution created without a number takes the register's next one for its council
and the year it is adopted, in the transaction that saves it: two created at once
never share a number, and a refused save gives its number back. A number typed by
hand must be that next number. A resolution written with its number from elsewhere
(an imported year, the demo) has its number entered in the register when it is saved
(``resolution_number_recorded``), and the register continues after the highest.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max

from councilwork.models import Council, RegisterKind, User
from councilwork.numbering import issue_number, number_refusal, record_number

from .models import Resolution, Session

KIND = RegisterKind.RESOLUTION


def _taken(council_id: int, year: int, exclude_pk: int | None = None) -> int:
    """The highest number the council's resolutions of ``year`` hold (0 for none)."""
    rows = Resolution.objects.filter(council_id=council_id, adopted_on__year=year)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.aggregate(top=Max("number"))["top"] or 0


def resolution_number_refusal(
    council: Council,
    adopted_on: dt.date,
    number: int,
    *,
    exclude_pk: int | None = None,
    ahead: int = 0,
) -> str | None:
    """Why ``number`` typed by hand cannot be the council's next resolution number (or
    None). The register stays locked until the caller's transaction ends."""
    year = adopted_on.year
    taken = _taken(council.pk, year, exclude_pk)
    return number_refusal(council, year, KIND, number, taken=taken, ahead=ahead)


def resolution_number_issue(resolution: Resolution, *, user: User | None = None) -> Resolution:
    """Give the unsaved ``resolution`` its number from the register (the one typed by
    hand if it is the next, else a ValidationError on "number"). Call it in the
    transaction that saves the resolution."""
    council = resolution.council
    year = resolution.adopted_on.year
    issued = issue_number(
        council,
        year,
        KIND,
        symbol=resolution.symbol,
        subject=resolution.title,
        user=user,
        number=resolution.number,
        taken=_taken(council.pk, year, resolution.pk),
    )
    resolution.number = issued.number
    return resolution


@transaction.atomic
def resolution_create(
    *,
    session: Session,
    adopted_on: dt.date,
    title: str,
    number: int | None = None,
    symbol: str = "NQ-HĐND",
    user: User | None = None,
) -> Resolution:
    """Create a resolution of ``session``, numbered by the register unless ``number`` is
    given (then it must be the register's next). Validated as the admin validates it."""
    resolution = Resolution(
        session=session,
        council=session.council,
        adopted_on=adopted_on,
        title=title,
        symbol=symbol,
        number=number,
    )
    resolution.full_clean(exclude={"number"})
    resolution_number_issue(resolution, user=user)
    resolution.full_clean()
    resolution.save()
    return resolution


def resolution_number_recorded(resolution: Resolution) -> None:
    """Enter a saved resolution's number in the register when it is not there yet."""
    record_number(
        resolution.council,
        resolution.adopted_on.year,
        KIND,
        resolution.number,
        symbol=resolution.symbol,
        subject=resolution.title,
    )
