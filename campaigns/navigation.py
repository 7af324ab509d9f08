"""Which year a menu link without a year means: the campaign year last closed."""

from django.db.models import Q
from django.utils import timezone

from .models import Campaign, CampaignStatus


def latest_closed_year(council) -> int:
    """The year of the last closed campaign of ``council`` or of a council above it.

    A commune is scored in its district's campaign, so its own council may have none;
    without any closed campaign, last calendar year. One query.
    """
    year = (
        Campaign.objects.filter(
            Q(council=council)
            | Q(council__children=council)
            | Q(council__children__children=council),
            status=CampaignStatus.CLOSED,
        )
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return year if year is not None else timezone.localdate().year - 1


def campaign_years(council) -> list[int]:
    """The years of every campaign of ``council`` or of a council above it, newest first.

    One query.
    """
    return sorted(
        set(
            Campaign.objects.filter(
                Q(council=council)
                | Q(council__children=council)
                | Q(council__children__children=council)
            ).values_list("year", flat=True)
        ),
        reverse=True,
    )
