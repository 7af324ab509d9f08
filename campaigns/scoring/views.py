"""Scoring pages: ward staff score and submit, the secretariat reviews, leaders rank."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councilwork.access import visible_council
from councilwork.roles import Role

from .. import services
from ..measures import measured_criteria
from ..models import Campaign, CampaignStatus, Evidence, Score, ScorecardStatus
from ..navigation import latest_closed_year
from ..ranking import award_proposals, campaign_ranking
from .access import can_edit, can_review, require_role, scorecard_for, visible_scorecards
from .card_cache import cached_page, evidence_list, evidence_of
from .event_rows import event_rows
from .forms import AwardDecisionForm, EvidenceForm, ReviewForm, ScoresForm
from .rows import read_rows, review_rows, score_rows, sections, written


@login_required
@require_GET
def scores_list(request: HttpRequest) -> HttpResponse:
    """The user's scorecards of every campaign, newest first, with status and total.

    Those of closed campaigns stay listed (their page is read-only), so an approved
    scorecard of an earlier year is reached from here, not only by its URL.
    """
    require_role(request.user, Role.WARD, Role.SECRETARIAT)
    cards = (
        visible_scorecards(request.user)
        .select_related("campaign__council", "subject_body", "subject_deputy__person")
        .order_by("-campaign__year", "status", "pk")
    )
    status = request.GET.get("status", "")
    if status:
        # Only a status that exists can match (and PostgreSQL cannot look up a NUL).
        cards = cards.filter(status=status) if status in ScorecardStatus.values else cards.none()
    page = Paginator(cards.with_totals(), SCORECARDS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(card, card.total) for card in page.object_list]
    context = {
        "rows": rows,
        "page": page,
        "status": status,
        "query": urlencode({"status": status}),  # the pager's links keep the filter
        "status_choices": ScorecardStatus.choices,
        "closed": CampaignStatus.CLOSED,
    }
    return render(request, "campaigns/scores_list.html", context)


SCORECARDS_PER_PAGE = 100


def _scores(card) -> list[Score]:
    """A score per criterion of the card's kind (unsaved where none is stored yet)."""
    stored = {s.criterion_id: s for s in card.scores.order_by()}  # put in order below
    criteria = card.campaign.criteria.filter(applies_to=card.subject_kind).order_by(
        "position", "code"
    )
    scores = []
    for criterion in criteria:
        score = stored.get(criterion.pk) or Score(scorecard=card, criterion=criterion)
        score.criterion = criterion  # the one already read: no query per stored score
        scores.append(score)
    return scores


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_page(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":  # stored whole per version and reader (card_cache.py)
        return HttpResponse(cached_page(request, pk, lambda marks: _card_html(request, pk, marks)))
    card = scorecard_for(request.user, pk)
    scores = _scores(card)
    form = None
    if can_edit(request.user, card):
        form = ScoresForm(
            request.POST or None,
            scorecard=card,
            scores=scores,
            on_behalf=services.acts_on_behalf(request.user),
        )
        if request.method == "POST" and form.is_valid() and _save(request, card, form):
            return redirect("scoring:scorecard", pk=card.pk)
    elif request.method == "POST":
        messages.error(request, _("This scorecard is submitted and can no longer be changed."))
        return redirect("scoring:scorecard", pk=card.pk)
    return _render_card(request, card, scores, form=form)


def _card_html(request, pk: int, marks: dict) -> str:
    """The GET's page: the form to fill where the reader may edit, else read-only."""
    card = scorecard_for(request.user, pk)
    scores = _scores(card)
    form = None
    if can_edit(request.user, card):
        on_behalf = services.acts_on_behalf(request.user)
        form = ScoresForm(scorecard=card, scores=scores, on_behalf=on_behalf)
    return _page_html(request, card, scores, form=form, marks=marks)


def _save(request, card, form) -> bool:
    submit = "submit" in request.POST
    try:
        with transaction.atomic():
            saved = services.scorecard_save(
                scorecard=card,
                user=request.user,
                version=form.cleaned_data["version"],
                entries=form.entries(),
            )
            if submit:
                services.scorecard_submit(
                    scorecard=saved,
                    user=request.user,
                    version=saved.version,
                    reason=form.cleaned_data.get("behalf_reason", ""),
                )
    except ValidationError as error:
        _form_errors(form, error)
        return False
    messages.success(request, _("Submitted.") if submit else _("Draft saved."))
    return True


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _render_card(request, card, scores, *, form=None, review=None, evidence_form=None):
    html = _page_html(request, card, scores, form=form, review=review, evidence_form=evidence_form)
    return HttpResponse(html)


def _page_html(request, card, scores, *, form=None, review=None, evidence_form=None, marks=None):
    """The scorecard page; ``marks`` (card_cache) stand for what each view fills in."""
    editable = form is not None
    measured_criteria(card, scores)  # the records' count beside a measured criterion
    submitted = services.submission(card) if card.status == ScorecardStatus.SUBMITTED else None
    if review is None and can_review(request.user, card):
        review = ReviewForm(scorecard=card, scores=scores)
    evidence_form = evidence_form or (EvidenceForm(scores=scores) if editable else None)
    context = {
        "submission": submitted,
        # Four eyes: tell the reviewer before they try, the service refuses it anyway.
        "same_reviewer": submitted is not None
        and submitted.actor_id == request.user.pk
        and not card.campaign.allow_same_reviewer,
        "card": card,
        "scores": scores,
        "form": form,
        "review": review,
        # The criteria rows and the fields written in Python (rows.py): no template
        # per widget, per error list or per row.
        "sections": sections(score_rows(form) if editable else read_rows(scores)),
        "fields": written(form),
        "review_rows": review_rows(review) if review else [],
        "review_fields": written(review),
        "evidence_fields": written(evidence_form),
        "evidence_form": evidence_form,
        # The history written in Python (event_rows.py): it grows with every save.
        "event_rows": event_rows(
            card.events.select_related("actor", "criterion").order_by("-at", "-pk")
        ),
        "total": sum((s.points or 0) for s in scores),
        "maximum": sum(s.criterion.max_points for s in scores),
    }
    context |= marks or {}
    if "evidence_list" not in context:
        token = get_token(request)
        context["evidence_list"] = evidence_list(card.pk, evidence_of(card.pk), editable, token)
    return render_to_string("campaigns/scorecard.html", context, request)


@login_required
@require_POST
def scorecard_review(request: HttpRequest, pk: int) -> HttpResponse:
    card = scorecard_for(request.user, pk)
    require_role(request.user, Role.SECRETARIAT)
    scores = _scores(card)
    review = ReviewForm(request.POST, scorecard=card, scores=scores)
    if review.is_valid():
        version = review.cleaned_data["version"]
        try:
            if review.cleaned_data["decision"] == ReviewForm.RETURN:
                reason = review.cleaned_data["return_reason"]
                services.scorecard_return(
                    scorecard=card, user=request.user, version=version, reason=reason
                )
                messages.success(request, _("Returned to the ward."))
            else:
                services.scorecard_approve(
                    scorecard=card,
                    user=request.user,
                    version=version,
                    decisions=review.decisions(),
                )
                messages.success(request, _("Approved."))
            return redirect("scoring:scorecard", pk=card.pk)
        except ValidationError as error:
            _form_errors(review, error)
    return _render_card(request, card, scores, review=review)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    card = scorecard_for(request.user, pk)
    if not can_edit(request.user, card):
        raise Http404
    scores = _scores(card)
    evidence_form = EvidenceForm(request.POST, request.FILES, scores=scores)
    if evidence_form.is_valid():
        try:
            services.evidence_add(
                scorecard=card,
                user=request.user,
                upload=evidence_form.cleaned_data["file"],
                criterion_id=evidence_form.cleaned_data.get("criterion") or None,
            )
            messages.success(request, _("File attached."))
            return redirect("scoring:scorecard", pk=card.pk)
        except ValidationError as error:
            _form_errors(evidence_form, error)
    form = ScoresForm(
        scorecard=card, scores=scores, on_behalf=services.acts_on_behalf(request.user)
    )
    return _render_card(request, card, scores, form=form, evidence_form=evidence_form)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """Serve a file only to those who may see its scorecard; always as a download."""
    card = scorecard_for(request.user, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, scorecard=card)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    card = scorecard_for(request.user, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, scorecard=card)
    if not can_edit(request.user, card):
        raise Http404
    services.evidence_remove(evidence=evidence, user=request.user)
    messages.success(request, _("File removed."))
    return redirect("scoring:scorecard", pk=card.pk)


def _campaign(request, year: int) -> Campaign:
    council = visible_council(request.user, request.GET.get("council"))
    return get_object_or_404(Campaign.objects.select_related("council"), council=council, year=year)


@login_required
@require_GET
def ranking(request: HttpRequest, year: int) -> HttpResponse:
    require_role(request.user, Role.SECRETARIAT, Role.LEADER)
    campaign = _campaign(request, year)
    context = {"campaign": campaign, "ranking": campaign_ranking(campaign)}
    return render(request, "campaigns/ranking.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposals(request: HttpRequest, year: int) -> HttpResponse:
    """Award proposals from the ranking; the secretariat turns them into awards at once."""
    require_role(request.user, Role.SECRETARIAT)
    campaign = _campaign(request, year)
    form = AwardDecisionForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.awards_from_proposals(
                campaign=campaign, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Decision %(number)s records %(count)s awards.")
                % {"number": decision.number, "count": decision.awards.count()},
            )
            return redirect("scoring:proposals", year=year)
    context = {
        "campaign": campaign,
        "proposals": award_proposals(campaign),
        "decisions": campaign.award_decisions.annotate(award_count=Count("awards")).order_by(
            "decision_date", "number"
        ),
        "form": form,
    }
    return render(request, "campaigns/proposals.html", context)


@login_required
@require_GET
def ranking_latest(request: HttpRequest) -> HttpResponse:
    """The menu's "Ranking": the ranking of the campaign year last closed."""
    require_role(request.user, Role.SECRETARIAT, Role.LEADER)
    return _to_latest_year(request, "scoring:ranking")


@login_required
@require_GET
def proposals_latest(request: HttpRequest) -> HttpResponse:
    """The menu's "Award proposals": those of the campaign year last closed."""
    require_role(request.user, Role.SECRETARIAT)
    return _to_latest_year(request, "scoring:proposals")


def _to_latest_year(request, name: str) -> HttpResponse:
    slug = request.GET.get("council")
    council = visible_council(request.user, slug)
    url = reverse(name, args=[latest_closed_year(council)])
    return redirect(f"{url}?council={council.slug}" if slug else url)
