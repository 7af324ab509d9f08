"""Attendance pages: ward staff (and the secretariat) record a session's attendance; the
year's attendance per deputy, with those absent without leave from every session."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councilwork.access import council_picker, recording_council, visible_council

from . import services
from .attendance_forms import AttendanceForm
from .attendance_selectors import council_sessions, deputy_attendance, rate, recordable_sessions
from .models import Session

SESSIONS_PER_PAGE = 50


@login_required
@require_GET
def attendance_sessions(request: HttpRequest) -> HttpResponse:
    """A council's sessions, newest first, each with how many attendance rows it holds."""
    council = recording_council(request.user, request.GET.get("council"))
    rows = council_sessions(request.user, council, "recorded")
    page = Paginator(rows, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"council": council, "page": page, "year": timezone.localdate().year}
    context["council_options"] = council_picker(request.user, council)
    return render(request, "sessions/attendance_sessions.html", context)


def _day(session: Session, value: str | None) -> dt.date:
    days = services.sitting_days(session)
    if not value:
        return days[0]
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if day not in days:
        raise Http404
    return day


@login_required
@require_http_methods(["GET", "POST"])
def attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    """One sitting day of a session: every deputy seated that day, one choice each."""
    session = get_object_or_404(recordable_sessions(request.user), pk=pk)
    day = _day(session, request.GET.get("day"))
    deputies = services.sitting_deputies(session, day)
    existing = {row.deputy_id: row for row in session.attendance.filter(sitting_day=day)}
    form = AttendanceForm(request.POST or None, deputies=deputies, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(session=session, day=day, entries=form.entries())
        except ValidationError as error:
            form.add_row_errors(error.message_dict)
        else:
            messages.success(request, _("Attendance saved."))
            url = reverse("council_sessions:attendance-record", args=[session.pk])
            return redirect(f"{url}?day={day.isoformat()}")
    context = {
        "session": session,
        "day": day,
        "days": services.sitting_days(session),
        "form": form,
    }
    return render(request, "sessions/attendance_record.html", context)


@login_required
@require_GET
def attendance_year(request: HttpRequest, year: int) -> HttpResponse:
    """Each deputy's attendance at the council's sessions of ``year``; the absent ones first."""
    if not 1900 <= year <= 9998:
        raise Http404
    council = visible_council(request.user, request.GET.get("council"))
    rows = deputy_attendance(council=council, year=year)
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("expected", "attended", "excused", "absent", "not_recorded")
    }
    totals["rate"] = rate(totals["attended"], totals["expected"])
    context = {
        "council": council,
        "year": year,
        "rows": rows,
        "absent_all_year": [row for row in rows if row["absent_all_year"]],
        "totals": totals,
    }
    return render(request, "sessions/attendance_year.html", context)
