"""Template filters for campaign figures."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def points(value) -> str:
    """Points as written on a scorecard: 92,5 and 95, never 92,50 or 95,00."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places)
