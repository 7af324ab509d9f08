"""Pages where ward staff (and the secretariat) record their council's citizen reception
days with the cases raised, and meetings with voters with their petitions.

Who may record what is councilwork.access.recordable_councils: ward staff their own council
(another council's record is a 404, another council's id posted a form error), the
secretariat every council, leaders none (403: they read the summary and the admin).
Citizens' personal data are shown and entered only where voters.access allows.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from councilwork.access import council_picker, recordable_councils, visible_council
from councilwork.models import Council

from .access import sees_personal_data
from .forms import CaseFormSet, PetitionFormSet, ReceptionDayForm, VoterMeetingForm
from .models import ReceptionDay, VoterMeeting

PER_PAGE = 50


@dataclass(frozen=True)
class Kind:
    """What one pair of pages records: a reception day and its cases, or a meeting."""

    model: type
    form: type
    children: type
    title: object
    children_title: object
    list_url: str
    edit_url: str
    add_url: str


KINDS = {
    "reception": Kind(ReceptionDay, ReceptionDayForm, CaseFormSet,
                      gettext_lazy("Citizen reception days"), gettext_lazy("Citizens' cases"),
                      "voters:reception-days", "voters:reception-day", "voters:reception-day-add"),
    "meeting": Kind(VoterMeeting, VoterMeetingForm, PetitionFormSet,
                    gettext_lazy("Meetings with voters"), gettext_lazy("Voters' petitions"),
                    "voters:meetings", "voters:meeting", "voters:meeting-add"),
}  # fmt: skip


def _council(request: HttpRequest) -> Council:
    """The council of the list or of a new record: ward staff their own, others ?council=
    (by default the top council), as the summary pages choose it."""
    recordable_councils(request.user)  # 403 for leaders, 404 for a ward login without one
    return visible_council(request.user, request.GET.get("council"))


def _list(request: HttpRequest, kind: Kind) -> HttpResponse:
    council = _council(request)
    rows = kind.model.objects.filter(council=council).order_by("-date", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"kind": kind, "council": council, "page": page}
    context["council_options"] = council_picker(request.user, council)
    return render(request, "voters/list.html", context)


def _edit(request: HttpRequest, kind: Kind, pk: int | None) -> HttpResponse:
    councils = recordable_councils(request.user)
    if pk is None:
        record, council = None, _council(request)
    else:
        record = get_object_or_404(kind.model.objects.filter(council__in=councils), pk=pk)
        council = record.council
    personal = sees_personal_data(request.user, council.pk)
    data = request.POST if request.method == "POST" else None
    form = kind.form(data, instance=record, councils=councils, council=council)
    children = kind.children(data, instance=record or kind.model(council=council),
                             personal=personal)  # fmt: skip
    if data is not None and form.is_valid():
        # The children are checked against the record as posted (its date, its council).
        children.instance = form.instance
        if children.is_valid():
            with transaction.atomic():
                saved = form.save()
                children.instance = saved
                children.save()
            messages.success(request, _("Added.") if record is None else _("Changed"))
            return redirect(reverse(kind.edit_url, args=[saved.pk]))
    elif data is not None:
        children.is_valid()  # show the children's errors too
    context = {"kind": kind, "council": council, "record": record, "form": form,
               "children": children}  # fmt: skip
    return render(request, "voters/edit.html", context)


@login_required
@require_GET
def reception_days(request: HttpRequest) -> HttpResponse:
    return _list(request, KINDS["reception"])


@login_required
@require_http_methods(["GET", "POST"])
def reception_day(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(request, KINDS["reception"], pk)


@login_required
@require_GET
def meetings(request: HttpRequest) -> HttpResponse:
    return _list(request, KINDS["meeting"])


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(request, KINDS["meeting"], pk)
