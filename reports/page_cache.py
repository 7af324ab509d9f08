"""Whole pages cached under the figures' key, the frame they are shown in and the reader.

The summary page and the drill-down lists behind its figures are read far more often
than their records change. A page is stored rendered under ``base`` (the figures' key
of its council and year: reports.selectors.summary_cache_key, which every write the
page can show moves, with the language and the day), the rendering's edition (the
templates, translations and code as deployed: reports.schema.rendering_edition) and
its frame: the reader's role and staff status, which choose the header's menu, and the
page's own address, which its links and language form return to. A page whose rows
depend on the reader's own permissions (the drill-downs' links to the admin) is stored
per reader (``per_reader``).

What differs on every view, the reader's name and the CSRF token of the logout and
language forms, is stored as a mark and filled in on each view. A mark holds "<",
which the templates escape in any record's text, so no stored name or title can
produce one. A view with a message to show, with a query parameter the page does not
read, or with a value longer than MAX_VALUE (a hostile query string must not fill the
cache), is rendered and not stored.
"""

import hashlib
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import mark_safe

from councilwork.services import user_role

from .schema import rendering_edition
from .selectors import CACHE_SECONDS

CSRF_MARK = mark_safe("<cw-csrf-token>")
NAME_MARK = mark_safe("<cw-reader-name>")
MARKS = {"csrf_token": CSRF_MARK, "reader_name": NAME_MARK}
MAX_VALUE = 40


def cached_page(
    request,
    *,
    base: str | None,
    render: Callable[[dict], str],
    parameters: frozenset,
    per_reader: bool = False,
) -> str:
    """The page's HTML for this request: one read of the cache when stored.

    ``render(marks)`` renders the page, with ``marks`` added to its context (empty when
    the page is not to be stored). Nothing is stored when ``base`` is None.
    """
    key = page_key(request, base, parameters, per_reader=per_reader)
    html = cache.get(key) if key else None
    if html is None:
        html = render(MARKS if key else {})
        if not key:
            return html
        cache.set(key, html, timeout=CACHE_SECONDS)
    user = request.user
    name = escape(user.get_full_name() or user.get_username())
    return html.replace(CSRF_MARK, get_token(request)).replace(NAME_MARK, name)


def page_key(request, base, parameters, *, per_reader=False) -> str | None:
    """The page's key, or None when this view is not to be stored (see the docstring)."""
    query = request.GET
    if base is None or set(query) - parameters or len(get_messages(request)):
        return None
    if any(len(value) > MAX_VALUE for values in query.lists() for value in values[1]):
        return None
    user = request.user
    reader = f":{user.pk}" if per_reader else ""
    frame = f"{user_role(user)}:{user.is_staff:d}{user.is_superuser:d}{reader}:"
    frame_hash = hashlib.sha256((frame + request.get_full_path()).encode()).hexdigest()[:32]
    return f"{base}:html:{rendering_edition()}:{frame_hash}"
