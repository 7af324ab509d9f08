"""Template context shared by every page."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .middleware import request_role
from .roles import Role


def role(request) -> dict:
    """The user's role, looked up only if a template asks for it (once per request)."""
    return {"role": SimpleLazyObject(lambda: str(request_role(request) or ""))}


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool = False


def navigation(request) -> dict:
    """The header's menu for the user's role, built only if a template shows it.

    No query of its own: the role is the one looked up once per request, the links are
    reversed URL names (a link without a year redirects to the year last closed).
    """
    return {"menu": SimpleLazyObject(lambda: _menu(request))}


def _menu(request) -> list[MenuItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    role = request_role(request)
    if role is None and user.is_superuser:
        role = Role.SECRETARIAT
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match else ""
    status = request.GET.get("status", "")
    on_summary = view == "summary:page"
    # "Other years" and "Other councils" are the pickers of the summary page.
    summary = request.get_full_path() if on_summary else reverse("summary:latest")
    items = []
    if role == Role.WARD:
        items += [
            MenuItem(_("Our scorecards"), reverse("scoring:list"), view == "scoring:list"),
            MenuItem(_("Our council's summary"), reverse("summary:latest"), on_summary),
            MenuItem(_("Other years"), f"{summary}#year-picker"),
        ]
    if role in (Role.WARD, Role.SECRETARIAT):
        # The deputies' work each council records on its own pages (not in the admin).
        items += [
            MenuItem(
                _("Attendance at sessions"),
                reverse("council_sessions:attendance-sessions"),
                view.startswith("council_sessions:attendance"),
            ),
            MenuItem(
                _("Votes on resolutions"),
                reverse("council_sessions:vote-sessions"),
                view.startswith("council_sessions:vote"),
            ),
            MenuItem(
                _("Citizen reception days"),
                reverse("voters:reception-days"),
                view.startswith("voters:reception"),
            ),
            MenuItem(
                _("Meetings with voters"),
                reverse("voters:meetings"),
                view.startswith("voters:meeting"),
            ),
            MenuItem(
                _("Recommendations"),
                reverse("oversight:recommendations"),
                view.startswith("oversight:recommendation"),
            ),
        ]
    if role in (Role.LEADER, Role.SECRETARIAT):
        items += [
            MenuItem(_("Year-end summary"), reverse("summary:latest"), on_summary),
            MenuItem(_("Ranking"), reverse("scoring:ranking-latest"), view == "scoring:ranking"),
            MenuItem(_("Other years"), f"{summary}#year-picker"),
            MenuItem(_("Other councils"), f"{summary}#council-picker"),
        ]
    if role == Role.SECRETARIAT:
        queue = reverse("scoring:list") + "?status=submitted"
        items += [
            MenuItem(_("Review queue"), queue, view == "scoring:list" and status == "submitted"),
            MenuItem(
                _("All scorecards"), reverse("scoring:list"), view == "scoring:list" and not status
            ),
            MenuItem(
                _("Award proposals"),
                reverse("scoring:proposals-latest"),
                view == "scoring:proposals",
            ),
        ]
    if user.is_staff:
        items.append(MenuItem(_("Records (admin)"), reverse("admin:index")))
    return items
