"""Reads over awards."""

from django.db.models import Count, Q

from councilwork.models import Council

from .models import Award


def award_counts(*, council: Council, year: int) -> dict[str, int]:
    """Awards for ``year``'s achievements decided for ``council``: collectives, individuals.

    One query. A body or a council is a collective, a person an individual.
    """
    return Award.objects.filter(decision__council=council, decision__year=year).aggregate(
        collective=Count("pk", filter=Q(recipient_person__isnull=True)),
        individual=Count("pk", filter=Q(recipient_person__isnull=False)),
    )
