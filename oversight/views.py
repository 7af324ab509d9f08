"""Pages where ward staff (and the secretariat) follow their council's recommendations to
done: the list, overdue ones highlighted, and one recommendation's response and status
with its status history.

Who may record what is councilwork.access.recordable (council_field "activity__council"):
ward staff their own council's (another council's recommendation is a 404), the
secretariat every council's (?council=), leaders none (403: they read the admin's list).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councilwork.access import council_picker, recordable, visible_council

from . import services
from .forms import RecommendationFilterForm, RecommendationResponseForm
from .models import Recommendation
from .selectors import recommendation_rows, status_history

PER_PAGE = 50


def recordable_recommendations(user):
    """The recommendations ``user`` may record the response of: ward staff their council's,
    the secretariat every one; a leader 403."""
    return recordable(Recommendation.objects.all(), user, council_field="activity__council")


@login_required
@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    """The council's recommendations, filtered and sorted as asked, the overdue marked."""
    queryset = recordable_recommendations(request.user)
    council = visible_council(request.user, request.GET.get("council"))
    filters = RecommendationFilterForm(request.GET)
    chosen = filters.choices()
    rows = recommendation_rows(queryset, council=council, today=timezone.localdate(), **chosen)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query["council"] = council.slug
    context = {"council": council, "page": page, "filters": filters, "query": query.urlencode()}
    context["council_options"] = council_picker(request.user, council)
    return render(request, "oversight/recommendations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    """One recommendation: the agency's response, its status; its status history below."""
    queryset = recordable_recommendations(request.user).select_related("activity__council")
    record = get_object_or_404(queryset, pk=pk)
    form = RecommendationResponseForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.recommendation_respond(recommendation=record, user=request.user, **values)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Changed"))
            return redirect(reverse("oversight:recommendation", args=[record.pk]))
    context = {
        "record": record,
        "council": record.activity.council,
        "form": form,
        "history": status_history(record),
    }
    return render(request, "oversight/recommendation.html", context)
