"""Template filters for campaign figures."""

from django import template

from ..formatting import format_points

register = template.Library()


@register.filter
def points(value) -> str:
    """Points as written on a scorecard: 92,5 and 95, never 92,50 or 95,00."""
    return format_points(value)
