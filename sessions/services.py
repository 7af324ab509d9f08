"""Writes with rules over sessions: recording the deputies' attendance.

The admin's grid and the ward's page both list the deputies from ``sitting_deputies``
and validate each row with ``Attendance.full_clean()``; the page writes through
``attendance_record``, which saves all of a day's rows or none.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councilwork.collation import vi_key
from councilwork.models import Deputy, seated_q

from .attendance import Attendance
from .models import Session


def sitting_days(session: Session) -> list[dt.date]:
    """Every day from the session's opening to its close."""
    days = (session.end_date - session.start_date).days + 1
    return [session.start_date + dt.timedelta(days=n) for n in range(max(days, 1))]


def sitting_deputies(session: Session, day: dt.date) -> list[Deputy]:
    """The deputies of the session's term seated on ``day``, by name. 1 query."""
    deputies = Deputy.objects.filter(seated_q(day), term=session.term_id).select_related(
        "person", "term"
    )
    return sorted(deputies, key=lambda deputy: vi_key(deputy.person.full_name))


def unrecorded(session: Session) -> list[tuple[Deputy, dt.date]]:
    """(deputy, day) for every sitting day and deputy seated then with no row yet. 2 queries."""
    days = sitting_days(session)
    deputies = Deputy.objects.filter(term=session.term_id).select_related("person", "term")
    deputies = sorted(deputies, key=lambda deputy: vi_key(deputy.person.full_name))
    recorded = set(session.attendance.values_list("deputy_id", "sitting_day"))
    return [
        (deputy, day)
        for day in days
        for deputy in deputies
        if deputy.holds_seat_on(day) and (deputy.pk, day) not in recorded
    ]


@transaction.atomic
def attendance_record(
    *, session: Session, day: dt.date, entries: dict[int, tuple[str, str]]
) -> int:
    """Record ``entries`` ({deputy id: (status, reason)}) for ``session`` on ``day``.

    An empty status removes a deputy's row (not recorded). Every row is validated as
    the admin validates it (``full_clean``); one bad row refuses them all, with the
    messages by deputy id (``"<id>"`` → messages). Rows that do not change are
    not written (no empty audit entry). Returns how many rows were written or removed.
    """
    if day not in sitting_days(session):
        raise ValidationError({"day": _("The session does not sit on that day.")})
    deputies = {deputy.pk: deputy for deputy in sitting_deputies(session, day)}
    existing = {row.deputy_id: row for row in session.attendance.filter(sitting_day=day)}
    errors, writes, removals = {}, [], []
    for deputy_id, (status, reason) in entries.items():
        row = existing.get(deputy_id)
        if not status:
            if row is not None:
                removals.append(row)
            continue
        if deputy_id not in deputies:
            errors[str(deputy_id)] = [_("This deputy held no seat in the council on that day.")]
            continue
        if row is not None and (row.status, row.reason) == (status, reason):
            continue
        if row is None:
            row = Attendance(session=session, deputy=deputies[deputy_id], sitting_day=day)
        row.status, row.reason = status, reason
        try:
            row.full_clean()
        except ValidationError as error:
            errors[str(deputy_id)] = error.messages
            continue
        writes.append(row)
    if errors:
        raise ValidationError(errors)
    for row in removals:
        row.delete()
    for row in writes:
        row.save()
    return len(writes) + len(removals)
