"""The search page: /search/?q=... with one page of results per kind."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from councilwork.search import MAX_QUERY

from .selectors import search


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Results grouped by kind, each group paged by its own ?page_<kind>=."""
    query = request.GET.get("q", "")[:MAX_QUERY].replace("\x00", "")
    pages = {key[5:]: value for key, value in request.GET.items() if key.startswith("page_")}
    groups = search(request.user, query, pages)
    for group in groups:
        others = {g.param: g.number for g in groups if g is not group and g.number > 1}
        group.base_query = urlencode({"q": query, **others})
    return render(
        request,
        "search/results.html",
        {"query": query, "groups": groups, "found": sum(g.count for g in groups)},
    )
