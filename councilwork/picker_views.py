"""The council picker's next level (templates/partials/council_picker.html,
js/council_picker.js): the children of one council, as JSON, for the secretariat's
picker to list below it without opening another page.

The same rules as the picker: ward staff see no picker, so they get an empty list for
their own council and a 404 for any other; leaders are refused (403).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from .access import council_picker_children, visible_council


@login_required
@require_GET
def picker_levels(request: HttpRequest) -> JsonResponse:
    """``{"councils": [{"slug", "name", "more"}]}``: the children of ``?council=`` by
    Vietnamese name, each with whether it has children of its own."""
    slug = request.GET.get("council") or None
    council = visible_council(request.user, slug)
    rows = council_picker_children(request.user, council)
    councils = [{"slug": row.slug, "name": row.name, "more": row.more} for row in rows]
    return JsonResponse({"councils": councils})
