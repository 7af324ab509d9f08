"""The summary page's rendered parts, cached under the figures' key.

A repeat view of a council's summary costs the session, the user, the council and the
versions (four queries) and one read of the cache, however many councils it lists:
the heavy parts (the article, with a row and a chart group per council below, and the
council tree of the pickers, with the breadcrumbs) are stored rendered, together.

Both are stored under ``summary_cache_key``, which holds the figures' schema, the
versions of the council and of the councils above it, the language and the day, and
under the rendering's edition (reports.schema: the templates, translations and code
that render them, so a deploy of a template alone is never served stale). Every
write the figures read moves a version, and so does a council's own change (its name,
its parent: the versions of the council and of every council above it), which is all
the tree shows, so no fragment outlives a change. The article is the same for every
reader (it is rendered without the request); the ways to other summaries differ by
``navigation_scope`` only (ward staff see their council's years alone), so the parts
are stored once per scope.

The whole page is cached too (``summary_page_html``), once per frame: the header's
menu differs by role (and staff status), the language form returns to the page's own
address. The two things that differ per reader, their name and the CSRF token of the
logout and language forms, are stored as marks and filled in on each view. A mark
holds "<", which the templates escape in any record's text, so no stored name or
title can ever produce one. A view with a message to show, or with any query
parameter but ``council`` (a hostile query string must not fill the cache), is
rendered without the page cache.
"""

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from councilwork.models import Council
from councilwork.services import user_role

from .charts import comparison_chart, grouped_bar_chart
from .figure_table import all_specs
from .navigation import navigation_scope, summary_navigation
from .schema import rendering_edition
from .selectors import CACHE_SECONDS, cached_year_summary, summary_cache_key

# Filled in on each view of a cached page (see the module's docstring).
CSRF_MARK = mark_safe("<cw-csrf-token>")
NAME_MARK = mark_safe("<cw-reader-name>")
PAGE_PARAMETERS = frozenset({"council"})


def fragment_key(*, council: Council, year: int, scope: str, base: str | None = None):
    """The cache key of the rendered parts for readers of ``scope`` (1 query, none when
    given the figures' ``base`` key); None when the figures' key is missing (nothing is
    cached then)."""
    key = base or summary_cache_key(council=council, year=year)
    return f"{key}:page:{rendering_edition()}:{scope}" if key else None


def summary_page_html(request, *, council: Council, year: int, render) -> str:
    """The summary page's HTML for this request: one read of the cache when stored.

    ``render(context)`` renders the page from its context (the view's template). One
    query for the figures' key; the parts and the page are rendered on a miss only.
    """
    user = request.user
    base = summary_cache_key(council=council, year=year)
    key = _page_key(request, base)
    html = cache.get(key) if key else None
    if html is None:
        parts = summary_parts(user=user, council=council, year=year, base=base)
        context = {"council": council, "year": year, **parts}
        if key:
            context |= {"csrf_token": CSRF_MARK, "reader_name": NAME_MARK}
        html = render(context)
        if not key:
            return html
        cache.set(key, html, timeout=CACHE_SECONDS)
    name = escape(user.get_full_name() or user.get_username())
    return html.replace(CSRF_MARK, get_token(request)).replace(NAME_MARK, name)


def _page_key(request, base: str | None) -> str | None:
    """The whole page's key: the figures' key and the frame (role, staff, address)."""
    if base is None or set(request.GET) - PAGE_PARAMETERS or len(get_messages(request)):
        return None
    user = request.user
    frame = f"{user_role(user)}:{user.is_staff:d}{user.is_superuser:d}:{request.get_full_path()}"
    frame_hash = hashlib.sha256(frame.encode()).hexdigest()[:32]
    return f"{base}:html:{rendering_edition()}:{frame_hash}"


def summary_parts(*, user, council: Council, year: int, base=None) -> dict[str, SafeString]:
    """``article``, ``crumbs`` and ``tools`` of the summary page, rendered: one read of
    the cache when stored, else rendered and stored in one write.

    Stored once per scope: the article twice only for a council that both ward staff
    and other readers open, a ward or commune, whose article is small.
    """
    key = fragment_key(council=council, year=year, scope=navigation_scope(user), base=base)
    parts = cache.get(key) if key else None
    if parts is None:
        summary = cached_year_summary(council=council, year=year)
        nav = summary_navigation(user=user, council=council, year=year)
        context = {"council": council, "year": year, "nav": nav}
        article = {"summary": summary, "charts": summary_charts(summary)}
        parts = {
            "article": render_to_string("reports/partials/summary_article.html", article),
            "crumbs": render_to_string("reports/partials/summary_crumbs.html", context),
            "tools": render_to_string("reports/partials/summary_tools.html", context),
        }
        if key:
            cache.set(key, parts, timeout=CACHE_SECONDS)
    # Rendered by our templates, which escaped every value.
    return {name: mark_safe(html) for name, html in parts.items()}


def summary_charts(summary) -> dict:
    """The page's two SVG charts: the nearest level below, and this year against the last."""
    charts = {}
    # The nearest level below: a province over districts charts its districts.
    if summary.below:
        table = summary.below[0]
        charts["wards"] = grouped_bar_chart(
            title=_("Records per council below, %(year)s") % {"year": summary.year},
            categories=[row.council.short_name for row in table.rows],
            series=[
                (_("Sessions"), [row.sessions for row in table.rows]),
                (_("Resolutions"), [row.resolutions for row in table.rows]),
                (_("Oversight"), [row.oversight for row in table.rows]),
            ],
        )
    figures = {f.key: f for group in summary.groups for f in group.figures}
    compared = [
        (spec.key, str(spec.chart))
        for spec in all_specs(summary.figures)
        if spec.chart and spec.key in figures
    ]
    charts["comparison"] = comparison_chart(
        title=_("%(year)s against %(previous)s")
        % {"year": summary.year, "previous": summary.year - 1},
        labels=[label for _key, label in compared],
        current=[figures[key].value for key, _label in compared],
        previous=[figures[key].previous or 0 for key, _label in compared],
        current_label=_("Year %(year)s") % {"year": summary.year},
        previous_label=_("Year %(year)s") % {"year": summary.year - 1},
    )
    return charts
