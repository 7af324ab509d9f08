"""Whole pages cached under the figures' key, the frame they are shown in and the reader.

The summary page and the drill-down lists behind its figures are read far more often
than their records change. A page is stored rendered under ``base`` (the figures' key
of its council and year: reports.selectors.summary_cache_key, which every write the
page can show moves, with the language and the day), the rendering's edition (the
templates, translations and code as deployed: reports.schema.rendering_edition) and
its frame: the reader's role and staff status, which choose the header's menu, the
language, and the values the view read from its address.

Those values are the view's own, as it parsed and resolved them: the council's id (as
visible_council found it), the list's choice (reports.records.parse_choice, a kind
only when the list knows it) and the page number the paginator resolved. A view is
stored only when its address is already canonical, that is the query string is
exactly the one the view would write back from those values (``address``, in the
order of the app's own links) and the path is the view's own: any other spelling
(an unknown kind, a page that is not a plain number or lies beyond the last, a
parameter given twice or not read, a council under another spelling, a year written
with leading zeros) is rendered and not stored. So a hostile query string cannot fill
the cache: the pages stored per council, year and reader are bounded by the app's
own choices. The stored page's links and language form, which return to the page's
address, are then right for every view that reads it.

A page whose rows depend on the reader's own permissions (the drill-downs' links to
the admin) is stored per reader (``per_reader``): their id and what their permissions
are (reader_frame).

What differs on every view, the reader's name and the CSRF token of the logout and
language forms, is stored as a mark and filled in on each view. A mark holds "<",
which the templates escape in any record's text, so no stored name or title can
produce one. A view with a message to show is rendered and not stored.
"""

import hashlib
from collections.abc import Callable

from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Q
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from councilwork import user_memo
from councilwork.cache import keep
from councilwork.services import user_role

from .schema import rendering_edition
from .selectors import CACHE_SECONDS

CSRF_MARK = mark_safe("<cw-csrf-token>")
NAME_MARK = mark_safe("<cw-reader-name>")
MARKS = {"csrf_token": CSRF_MARK, "reader_name": NAME_MARK}


def cached_page(
    request,
    *,
    base: str | None,
    path: str,
    address: list[tuple[str, str]] | None,
    render: Callable[[dict], tuple[str, bool]],
    per_reader: bool = False,
) -> str:
    """The page's HTML for this request: one read of the cache when stored.

    ``path`` is the view's canonical path and ``address`` its canonical query string,
    as (name, value) pairs written from the values the view resolved (None when one is
    not a value the page stores). ``render(marks)`` renders the page, with ``marks``
    added to its context (empty when the page is not to be stored), and tells whether
    what it rendered may be stored (False, e.g., when the page number asked for is not
    the one the paginator resolved). Nothing is stored when ``base`` is None.
    """
    key = page_key(request, base=base, path=path, address=address, per_reader=per_reader)
    html = cache.get(key) if key else None
    if html is None:
        html, storable = render(MARKS if key else {})
        if not key:
            return html
        if storable:  # a cache refusing writes: answered all the same (keep)
            keep(key, html, CACHE_SECONDS)
    user = request.user
    name = escape(user.get_full_name() or user.get_username())
    return html.replace(CSRF_MARK, get_token(request)).replace(NAME_MARK, name)


def page_key(request, *, base, path, address, per_reader=False) -> str | None:
    """The key of the page (the summary or a drill-down) for this view, or None when
    the view is not to be stored: no figures' key, a message to show, or an address
    that is not canonical (see the module's docstring)."""
    if base is None or address is None or request.path != path:
        return None
    query = urlencode(address)
    if request.META.get("QUERY_STRING", "") != query or len(get_messages(request)):
        return None
    user = request.user
    reader = reader_frame(user) if per_reader else ""
    frame = f"{user_role(user)}:{user.is_staff:d}{user.is_superuser:d}:{get_language()}"
    text = f"{frame}:{reader}:{query}"
    return f"{base}:html:{rendering_edition()}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"


def reader_frame(user) -> str:
    """The reader and what their permissions are, for a page whose rows depend on them.

    With sessions in Redis, the users' generation (councilwork.user_memo), read with
    the session at no cost: it is renewed by every change of a user, of their groups,
    of a group, and of a user's or a group's permissions. Without Redis the generation
    is unknown, and a fingerprint of the reader's permissions is read instead: one
    query on every view of such a page, cached or not (none for a superuser, who holds
    every permission).
    """
    pk = user.pk  # the user is read first: reading them reads the generation
    if not user.is_active or user.is_superuser:
        return f"{pk}:{user.is_active:d}"
    generation = user_memo.current_generation()
    if generation is not None:
        return f"{pk}:g{generation}"
    granted = (
        Permission.objects.filter(Q(user=user) | Q(group__user=user))
        .values_list("content_type__app_label", "codename")
        .distinct()
    )
    names = "\n".join(sorted(f"{app}.{codename}" for app, codename in granted))
    return f"{pk}:p{hashlib.sha256(names.encode()).hexdigest()[:16]}"
