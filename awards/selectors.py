"""Reads over awards."""

from django.db.models import Count, Q

from councilwork.models import Council

from .models import Award


def award_counts(*, council: Council, year: int) -> dict[str, int]:
    """Awards of ``council``'s ``year``: collectives, individuals (certificates) and people.

    One query. A body or a council is a collective, a person an individual; a person
    named in two decisions holds two certificates but counts once among the people.
    """
    return Award.objects.decided_by(council, year).aggregate(
        collective=Count("pk", filter=Q(recipient_person__isnull=True)),
        individual=Count("pk", filter=Q(recipient_person__isnull=False)),
        individual_people=Count("recipient_person", distinct=True),
    )


def received_counts(*, council: Council, year: int) -> dict[str, int]:
    """Awards for ``year`` received by ``council``, its bodies or its deputies. 1 query."""
    received = Award.objects.filter(pk__in=Award.objects.received_by(council, year).values("pk"))
    return received.aggregate(
        collective=Count("pk", filter=Q(recipient_person__isnull=True)),
        individual=Count("pk", filter=Q(recipient_person__isnull=False)),
    )
