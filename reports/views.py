"""The year-end summary: the page, its downloads and the lists behind its figures."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns.models import Campaign, CampaignStatus
from campaigns.navigation import latest_closed_year
from councilwork.access import visible_council
from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_role
from voters.report import petition_report

from .docx import report_docx
from .page_cache import cached_page
from .page_parts import summary_page_html
from .petitions import petitions_docx, share, summary_text
from .records import DATASETS, PAGE_SIZE, describe, parse_choice
from .records_render import CountedPaginator, record_count, written_rows
from .selectors import cached_year_summary, summary_cache_key
from .xlsx import render_xlsx

YEARS = (1945, 2200)
# What a drill-down list reads of its query string (reports.records.parse_choice), in
# the order of the app's own links to it (reports.links.records_url, then the pager's).
RECORDS_PARAMETERS = ("council", "scope", "kind", "level", "for", "page")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Ward staff go to their scorecards; others to the last closed year's summary."""
    if user_role(request.user) == Role.WARD:
        return redirect("scoring:list")
    roots = Council.objects.roots().order_by("level", "name")
    if len(roots[:2]) > 1:
        # Several top-level councils (e.g. every province of a country): let them choose.
        context = {"councils": roots, "default_year": timezone.localdate().year - 1}
        return render(request, "reports/choose_council.html", context)
    council = visible_council(request.user, None)
    closed = Campaign.objects.filter(council=council, status=CampaignStatus.CLOSED)
    year = closed.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        year = timezone.localdate().year - 1
    return redirect("summary:page", year=year)


@login_required
@require_GET
def summary_latest(request: HttpRequest) -> HttpResponse:
    """The menu's "Year-end summary": the user's council in the year last closed.

    Ward staff get their own council's; leaders and the secretariat the top-level
    council's, or the choice of one where there are several.
    """
    slug = request.GET.get("council")
    if not slug and user_role(request.user) != Role.WARD and len(Council.objects.roots()[:2]) > 1:
        return redirect("home")  # several top-level councils: home lets them choose
    council = visible_council(request.user, slug)
    url = reverse("summary:page", args=[latest_closed_year(council)])
    return redirect(f"{url}?council={council.slug}")


@login_required
@require_GET
def summary_page(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    council = visible_council(request.user, request.GET.get("council"))

    def page(context: dict) -> str:
        return render_to_string("reports/summary.html", context, request)

    return HttpResponse(summary_page_html(request, council=council, year=year, render=page))


@login_required
@require_GET
def summary_docx(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    council = visible_council(request.user, request.GET.get("council"))
    content = report_docx(council=council, year=year)
    return _download(content, DOCX, f"bao-cao-tong-ket-{council.slug}-{year}.docx")


@login_required
@require_GET
def summary_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    council = visible_council(request.user, request.GET.get("council"))
    content = render_xlsx(cached_year_summary(council=council, year=year))
    return _download(content, XLSX, f"so-lieu-{council.slug}-{year}.xlsx")


@login_required
@require_GET
def records(request: HttpRequest, year: int, dataset: str) -> HttpResponse:
    """A read-only, paginated list of the records behind one figure of the summary."""
    _check_year(year)
    spec = DATASETS.get(dataset)
    if spec is None:
        raise Http404
    council = visible_council(request.user, request.GET.get("council"))
    if "\x00" in request.GET.get("kind", ""):  # no record has it
        raise Http404
    choice = parse_choice(request.GET)
    requested = request.GET.get("page", "")
    # Stored whole per reader (their permissions choose the links to the admin) under
    # the figures' key, which every write the list can show moves (reports.page_cache).
    base = summary_cache_key(council=council, year=year)
    address = records_address(request.GET, spec=spec, council=council, year=year, choice=choice)

    def page_of(marks: dict) -> tuple[str, bool]:
        rows = spec.select(council, year, choice)
        count = record_count(rows, dataset=dataset, council=council, year=year, choice=choice)
        page = CountedPaginator(rows, PAGE_SIZE, count).get_page(requested)
        context = {
            "spec": spec,
            "page": page,
            "rows": written_rows(spec, page.object_list, request.user, page.start_index()),
            "council": council,
            "year": year,
            "choice": choice,
            "subtitle": describe(spec, choice, year),
            "query": _query_without_page(request),
            **marks,
        }
        html = render_to_string("reports/records.html", context, request)
        # A page beyond the last shows the last: stored only under its own number.
        return html, str(page.number) == (requested or "1")

    html = cached_page(
        request,
        base=base and f"{base}:records:{dataset}",
        path=reverse("summary:records", args=[year, dataset]),
        address=address,
        render=page_of,
        per_reader=True,
    )
    return HttpResponse(html)


def records_address(query, *, spec, council, year: int, choice) -> list | None:
    """The drill-down's query string written back from the values the view resolved,
    in the order of the app's own links (reports.links.records_url, then the pager's
    page), each parameter only where the request gave it; None when a value given is
    not one the list stores a page for (reports.page_cache).

    A kind must be one the list knows, the campaign year of pledges this year's or the
    next (the summary's two columns), a page a plain number (2 or more; 1 as the
    pager's link back to it). Only the values are checked here; page_key compares the
    result with the query string as sent.
    """
    page = query.get("page", "")
    values = {
        "council": council.slug,
        "scope": choice.scope,
        "kind": choice.kind if choice.kind in spec.kinds else None,
        "level": choice.level or None,
        "for": str(choice.for_year) if choice.for_year in (year, year + 1) else None,
        "page": page if re.fullmatch(r"[1-9][0-9]{0,5}", page) else None,
    }
    address = []
    for name in RECORDS_PARAMETERS:
        if name in query:
            if values[name] is None:
                return None
            address.append((name, values[name]))
    return address


def _check_year(year: int) -> None:
    """Years the records can hold (campaigns and awards: 1945-2200); others are not found.

    The path takes any number, and a year beyond 9999 is no date at all (a 500).
    """
    if not YEARS[0] <= year <= YEARS[1]:
        raise Http404


def _query_without_page(request) -> str:
    """The list's own query string without its page, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def petitions_page(request: HttpRequest, year: int) -> HttpResponse:
    """The standing committee's report on the voters' petitions of ``year``."""
    _check_year(year)
    council = visible_council(request.user, request.GET.get("council"))
    report = petition_report(council=council, year=year)
    for row in (*report.by_field, *report.by_agency):
        row.share = share(row)
    tables = [
        (_("By field"), _("Field"), report.by_field),
        (_("By the agency addressed"), _("Agency"), report.by_agency),
    ]
    context = {"council": council, "year": year, "text": summary_text(report), "tables": tables}
    return render(request, "reports/petitions.html", context)


@login_required
@require_GET
def petitions_download(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    council = visible_council(request.user, request.GET.get("council"))
    content = petitions_docx(petition_report(council=council, year=year))
    return _download(content, DOCX, f"kien-nghi-cu-tri-{council.slug}-{year}.docx")
