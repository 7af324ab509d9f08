"""Issue and cancel document numbers (the register of councilwork.models.numbering).

``issue_number`` is called inside the transaction that issues the document (a
resolution, a standing committee's document, an award decision), so the number and
the document are written together or not at all: no number is skipped when an issue
fails, none is given twice when two users issue at the same moment.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Council, User
from .models.numbering import DEFAULT_SYMBOLS, IssuedNumber, NumberCounter, RegisterKind


def _locked_counter(issuer: Council, year: int, kind: RegisterKind, taken: int) -> NumberCounter:
    """The register's counter, locked until the caller's transaction ends; raised to
    ``taken`` (the highest number the documents already hold) when behind it."""
    NumberCounter.objects.get_or_create(council=issuer, kind=kind, year=year)
    counter = NumberCounter.objects.select_for_update().get(council=issuer, kind=kind, year=year)
    counter.last_number = max(counter.last_number, taken)
    return counter


def _refusal(counter: NumberCounter, number: int, ahead: int = 0) -> str | None:
    issued = IssuedNumber.objects.filter(
        council_id=counter.council_id, kind=counter.kind, year=counter.year, number=number
    )
    if issued.exists():
        return _("Number %(number)02d is already issued in this register.") % {"number": number}
    expected = counter.last_number + 1 + ahead
    if number != expected:
        return _("Numbers are issued in order: the next number of this register is %(next)02d.") % {
            "next": expected
        }
    return None


def number_refusal(
    issuer: Council,
    year: int,
    kind: RegisterKind | str,
    number: int,
    *,
    taken: int = 0,
    ahead: int = 0,
) -> str | None:
    """Why ``number``, typed by hand, cannot be issued next in the register (None if it can);
    ``ahead`` numbers are to be issued before it in the same transaction.

    Locks the register's counter (when it is started) until the caller's transaction
    ends, so the answer still holds when the document is saved in that transaction;
    the issue itself checks again.
    """
    kind = RegisterKind(kind)
    with transaction.atomic():
        # Nothing is written for a check: a register not started yet is not created.
        found = NumberCounter.objects.select_for_update().filter(
            council=issuer, kind=kind, year=year
        )
        counter = found.first() or NumberCounter(council=issuer, kind=kind, year=year)
        counter.last_number = max(counter.last_number, taken)
        return _refusal(counter, number, ahead)


def issue_number(
    issuer: Council,
    year: int,
    kind: RegisterKind | str,
    *,
    symbol: str | None = None,
    subject: str = "",
    user: User | None = None,
    number: int | None = None,
    taken: int = 0,
) -> IssuedNumber:
    """The next number of ``issuer``'s ``kind`` register for ``year`` (01 for the first).

    Locks the register's counter row until the caller's transaction ends: call it in
    the transaction that saves the numbered document. ``number``, typed by hand, must
    be that next number (else a ValidationError on "number"). ``taken`` is the highest
    number the register's documents hold from outside it (rows written in bulk): the
    register continues after it.
    """
    kind = RegisterKind(kind)
    with transaction.atomic():
        counter = _locked_counter(issuer, year, kind, taken)
        if number is not None and (refusal := _refusal(counter, number)):
            raise ValidationError({"number": refusal})
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return IssuedNumber.objects.create(
            council=issuer,
            kind=kind,
            year=year,
            number=counter.last_number,
            symbol=symbol or DEFAULT_SYMBOLS[kind],
            subject=subject,
            issued_at=timezone.now(),
            issued_by=user,
        )


def record_number(
    issuer: Council,
    year: int,
    kind: RegisterKind | str,
    number: int,
    *,
    symbol: str | None = None,
    subject: str = "",
) -> IssuedNumber | None:
    """Enter a number given outside the register (an imported or seeded document).

    The register then holds it, and the next number issued continues after the
    highest such number. Nothing is written when the register holds it already;
    returns the new entry, else None.
    """
    kind = RegisterKind(kind)
    held = IssuedNumber.objects.filter(council=issuer, kind=kind, year=year, number=number)
    if held.exists():  # the usual case: one query, no lock
        return None
    with transaction.atomic():
        counter = _locked_counter(issuer, year, kind, 0)
        if held.exists():  # entered meanwhile by a concurrent writer
            return None
        if number > counter.last_number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])
        return IssuedNumber.objects.create(
            council=issuer,
            kind=kind,
            year=year,
            number=number,
            symbol=symbol or DEFAULT_SYMBOLS[kind],
            subject=subject,
            issued_at=timezone.now(),
        )


@transaction.atomic
def cancel_number(*, issued: IssuedNumber, reason: str, user: User | None = None) -> IssuedNumber:
    """Cancel a number after issue: it stays in the register with its reason, never reused."""
    issued = IssuedNumber.objects.select_for_update().get(pk=issued.pk)
    if issued.cancelled_at is not None:
        raise ValidationError(_("This number is already cancelled."))
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Say why the number is cancelled.")})
    issued.cancelled_at = timezone.now()
    issued.cancelled_by = user
    issued.cancel_reason = reason.strip()
    issued.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    return issued
