"""The scorecard's history table, its rows written in Python.

Every save of points adds an event per changed criterion, so a scorecard worked on
through a season has hundreds of them; a template loop over them (a filter, a
translation and a lookup chain per cell) grew with each one. The rows here are what
the template wrote: the date in the short date-time format of the language, in the
current time zone; the actor's full name or else their username; the status change or
the criterion's points change; the reason; all escaped.
"""

from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..formatting import format_points
from ..models import EventKind


def _when(at) -> str:
    """``{{ at|date:"SHORT_DATETIME_FORMAT" }}``."""
    return escape(formats.date_format(timezone.template_localtime(at), "SHORT_DATETIME_FORMAT"))


def _what(event) -> str:
    if event.kind == EventKind.TRANSITION:
        before = event.get_from_status_display() or "–"
        return f"{escape(before)} → {escape(event.get_to_status_display())}"
    code = escape(event.criterion.code) if event.criterion is not None else ""
    old, new = escape(format_points(event.old_points)), escape(format_points(event.new_points))
    return f"{code} ({escape(event.get_field_display())}): {old} → {new}"


def event_rows(events) -> SafeString:
    """The table's rows (nothing for no events: the template says there are none)."""
    on_behalf = escape(_("on the subject's behalf"))
    rows = []
    for event in events:
        actor = event.actor
        who = escape(actor.get_full_name() or actor.username)
        if event.on_behalf:
            who += f' <small class="on-behalf">({on_behalf})</small>'
        rows.append(
            f'<tr class="event-row"><td>{_when(event.at)}</td><td>{who}</td>\n'
            f"        <td>{_what(event)}</td>\n"
            f"        <td>{escape(event.reason)}</td></tr>\n"
        )
    return mark_safe("    ".join(rows))
