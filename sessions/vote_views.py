"""Vote pages: ward staff (and the secretariat) record the votes on resolutions of their
council's sessions, with an optional roll call; the secretariat's admin stays as it is."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councilwork.access import council_picker, recordable, recording_council
from councilwork.models import Deputy

from . import services, vote_services
from .attendance_selectors import council_sessions, recordable_sessions
from .models import Session
from .vote_forms import VoteForm
from .votes import Vote

SESSIONS_PER_PAGE = 50


def recordable_votes(user):
    """The votes ``user`` may edit: those of the councils they record for."""
    votes = Vote.objects.select_related("session__council", "session__term", "resolution")
    return recordable(votes, user, "session__council")


@login_required
@require_GET
def vote_sessions(request: HttpRequest) -> HttpResponse:
    """A council's sessions, newest first, with their resolutions adopted and votes recorded."""
    council = recording_council(request.user, request.GET.get("council"))
    rows = council_sessions(request.user, council, "adopted", "votes_recorded")
    page = Paginator(rows, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"council": council, "page": page}
    context["council_options"] = council_picker(request.user, council)
    return render(request, "sessions/vote_sessions.html", context)


@login_required
@require_GET
def vote_session(request: HttpRequest, pk: int) -> HttpResponse:
    """A session's resolutions with their recorded vote, and its drafts voted down."""
    session = get_object_or_404(recordable_sessions(request.user), pk=pk)
    resolutions = list(session.resolutions.select_related("vote").order_by("adopted_on", "number"))
    days = services.sitting_days(session)
    for resolution in resolutions:  # the vote form opens on that day, if the session sat then
        resolution.vote_day = resolution.adopted_on if resolution.adopted_on in days else None
    failed = session.votes.filter(resolution__isnull=True).order_by("voted_on", "pk")
    context = {"session": session, "resolutions": resolutions, "failed": list(failed)}
    return render(request, "sessions/vote_session.html", context)


def _day(days: list[dt.date], value: str | None) -> dt.date | None:
    """The sitting day named by ``value`` (ISO), or None when it names none."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day in days else None


def _vote_page(request: HttpRequest, session: Session, vote: Vote | None) -> HttpResponse:
    days = services.sitting_days(session)
    asked = request.GET.get("day")
    if asked and _day(days, asked) is None:
        raise Http404
    day = _day(days, request.POST.get("voted_on")) or _day(days, asked)
    day = day or (vote.voted_on if vote and vote.voted_on in days else days[0])
    deputies = services.sitting_deputies(session, day)
    initial = {"voted_on": day.isoformat()}
    if vote is None:
        initial["deputies"] = Deputy.objects.seated_on(session.council_id, day).count() or None
        initial |= dict.fromkeys(("votes_for", "votes_against", "abstentions", "not_voting"), 0)
        asked_resolution = request.GET.get("resolution", "")
        if asked_resolution.isascii() and asked_resolution.isdigit():
            initial["resolution"] = asked_resolution  # preselected; the form checks any posted
    else:
        initial |= {name: getattr(vote, name) for name in ("resolution", "subject")}
        initial |= {name: getattr(vote, name) for name in ("two_thirds", "deputies")}
        for name in ("votes_for", "votes_against", "abstentions", "not_voting"):
            initial[name] = getattr(vote, name)
    form = VoteForm(
        request.POST or None,
        initial=initial,
        session=session,
        days=days,
        deputies=deputies,
        vote=vote,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = vote_services.vote_record(
                session=session, vote=form.apply(vote or Vote()), roll_call=form.roll_call()
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, _("Vote saved."))
            return redirect(reverse("council_sessions:vote-session", args=[saved.session_id]))
    context = {"session": session, "vote": vote, "day": day, "days": days, "form": form}
    return render(request, "sessions/vote_record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vote_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a vote of the session: a resolution it adopted, or a draft voted down."""
    session = get_object_or_404(recordable_sessions(request.user), pk=pk)
    return _vote_page(request, session, None)


@login_required
@require_http_methods(["GET", "POST"])
def vote_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a recorded vote and its roll call."""
    vote = get_object_or_404(recordable_votes(request.user), pk=pk)
    return _vote_page(request, vote.session, vote)
