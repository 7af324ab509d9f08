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

The whole page is cached too, once per frame, with the reader's name and CSRF token
filled in on each view (reports.page_cache), and only under its canonical address: its
path and ?council= as the app's links write it, or no query string at all.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from councilwork.cache import keep
from councilwork.models import Council

from .charts import comparison_chart, grouped_bar_chart
from .figure_table import all_specs
from .navigation import navigation_scope, summary_navigation
from .page_cache import cached_page
from .schema import rendering_edition
from .selectors import CACHE_SECONDS, cached_year_summary, summary_cache_key


def fragment_key(*, council: Council, year: int, scope: str, base: str | None = None):
    """The cache key of the rendered parts for readers of ``scope`` (1 query, none when
    given the figures' ``base`` key); None when the figures' key is missing (nothing is
    cached then)."""
    key = base or summary_cache_key(council=council, year=year)
    return f"{key}:page:{rendering_edition()}:{scope}" if key else None


def summary_page_html(request, *, council: Council, year: int, render) -> str:
    """The summary page's HTML for this request: one read of the cache when stored
    (reports.page_cache), with no query of its own for a council read with its
    versions (councilwork.cache.with_versions); the parts are rendered on a miss only.

    ``render(context)`` renders the page from its context (the view's template).
    """
    base = summary_cache_key(council=council, year=year)

    def page(marks: dict) -> tuple[str, bool]:
        parts = summary_parts(user=request.user, council=council, year=year, base=base)
        return render({"council": council, "year": year, **parts, **marks}), True

    # The page reads ?council= alone: stored as the app's links write it, or without it.
    address = [("council", council.slug)] if "council" in request.GET else []
    path = reverse("summary:page", args=[year])
    return cached_page(request, base=base, path=path, address=address, render=page)


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
            keep(key, parts, CACHE_SECONDS)
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
