"""Points as people write them: 92,5 and 20, never 92,50, 20.00 or 2E+1."""

from decimal import Decimal

from django.utils.formats import number_format


def format_points(value) -> str:
    """Localised points without trailing zeros ("–" for none)."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(value, decimal_pos=places)
