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


def issue_number(
    issuer: Council,
    year: int,
    kind: RegisterKind | str,
    *,
    symbol: str | None = None,
    subject: str = "",
    user: User | None = None,
) -> IssuedNumber:
    """The next number of ``issuer``'s ``kind`` register for ``year`` (01 for the first).

    Locks the register's counter row until the caller's transaction ends: call it in
    the transaction that saves the numbered document.
    """
    kind = RegisterKind(kind)
    with transaction.atomic():
        NumberCounter.objects.get_or_create(council=issuer, kind=kind, year=year)
        counter = NumberCounter.objects.select_for_update().get(
            council=issuer, kind=kind, year=year
        )
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
