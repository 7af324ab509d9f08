"""Writes with rules over recommendations: the agency's response and the status.

The ward's page and the admin both check a recommendation with ``full_clean()``: done
only with the response recorded (``Recommendation.clean``), a completion date when, and
only when, it is done (the database's constraint, reported beside "completed on").
"""

from django.db import transaction

from .models import Recommendation

RESPONSE_FIELDS = (
    "response_number",
    "response_date",
    "response_content",
    "status",
    "completed_on",
)


def recommendation_respond(*, recommendation: Recommendation, user, **values) -> Recommendation:
    """Record the agency's response to ``recommendation`` and its status (``RESPONSE_FIELDS``
    in ``values``), checked as the admin checks it; nothing saved if a rule is broken
    (ValidationError by field). The audit history records ``user`` as the one who did it.
    A call that changes nothing writes nothing (no empty history entry).
    """
    unknown = set(values) - set(RESPONSE_FIELDS)
    if unknown:
        raise TypeError(f"Not a response field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        row = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if all(getattr(row, name) == value for name, value in values.items()):
            return row
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row._history_user = user
        row.save()
    return row
