"""The scorecard page's GET, cached whole per scorecard version and reader.

Ward staff open their scorecard far more often than anything on it changes. A view
first reads one row (``key_row``): the scorecard's version and status, its campaign's
status, the councils it belongs to (for the same visibility rule as
``access.scorecard_for``) and the figures' versions (councilwork.cache) of the
campaign's council and of the subject's council. The page is stored under those, the
scorecard's campaign and subject (which the admin may change) and the reader's frame,
and read back while none of them moves:

- the scorecard's version moves with every save, submission, approval and return,
  which are the only writes of its scores and of its history (the admin shows both
  read-only);
- the campaign's council's figures move with any change to the campaign or its
  criteria, and the subject's council's with any change to the subject (a council,
  a body, a deputy and their person) and to the records a measured criterion counts;
- the reader's frame is their id, role, staff status, language and time zone, and the
  users' generation (councilwork.user_memo), which every change of a user renews: the
  names in the history and the reader's role. Without Redis the generation is
  unknown and nothing is stored;
- the edition is this process's own (a new value at every start), so a deploy never
  serves a page rendered by the code or templates before it.

The evidence list, which the admin may also edit, is never stored: it is read and
written on each view (``evidence_list``), as are the CSRF token and the reader's
name, which the stored page holds as marks. A mark holds "<", which the templates
escape in any record's text, so no stored name or title can produce one. A view with
a query string or a message to show is rendered and not stored.
"""

import hashlib
import logging
import uuid

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.middleware.csrf import get_token
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from councilwork import user_memo
from councilwork.cache import keep
from councilwork.services import user_role

from ..models import Evidence, Scorecard
from .access import editable, sees

logger = logging.getLogger(__name__)

EDITION = uuid.uuid4().hex[:12]
CACHE_SECONDS = 6 * 3600
CSRF_MARK = mark_safe("<cw-csrf-token>")
NAME_MARK = mark_safe("<cw-reader-name>")
EVIDENCE_MARK = mark_safe("<cw-evidence-list>")

_VERSION = "figures_version__version"
KEY_FIELDS = (
    "version",
    "status",
    "campaign_id",
    "subject_council_id",
    "subject_body_id",
    "subject_deputy_id",
)
KEY_EXPRESSIONS = {
    "campaign_status": F("campaign__status"),
    "body_council": F("subject_body__council_id"),
    "deputy_council": F("subject_deputy__term__council_id"),
    "campaign_version": F(f"campaign__council__{_VERSION}"),
    "subject_version": Coalesce(
        F(f"subject_council__{_VERSION}"),
        F(f"subject_body__council__{_VERSION}"),
        F(f"subject_deputy__term__council__{_VERSION}"),
    ),
}


def key_row(request, pk: int) -> dict:
    """What the page's key is made of (one query); 404 when the reader may not see it."""
    row = Scorecard.objects.filter(pk=pk).values(*KEY_FIELDS, **KEY_EXPRESSIONS).order_by().first()
    if row is None:
        raise Http404
    councils = (row["subject_council_id"], row["body_council"], row["deputy_council"])
    if not sees(request.user, councils):
        raise Http404
    return row


def page_key(request, row: dict) -> str | None:
    """The stored page's key for this view, or None when it is not to be stored."""
    generation = user_memo.current_generation()
    if (
        generation is None
        or row["campaign_version"] is None
        or row["subject_version"] is None
        or request.META.get("QUERY_STRING", "")
        or len(get_messages(request))
    ):
        return None
    user = request.user
    parts = [
        f"{row['version']}:{row['status']}:{row['campaign_status']}:{row['campaign_id']}",
        f"{row['subject_council_id']}:{row['subject_body_id']}:{row['subject_deputy_id']}",
        f"{row['campaign_version']}:{row['subject_version']}",
        f"{user.pk}:{user_role(user)}:{user.is_staff:d}{user.is_superuser:d}:{generation}",
        f"{get_language()}:{timezone.get_current_timezone_name()}:{EDITION}",
    ]
    digest = hashlib.sha256(":".join(parts).encode()).hexdigest()[:32]
    return f"scorecard-page:{request.path}:{digest}"


def cached_page(request, pk: int, render) -> str:
    """The page's HTML: read from the cache when stored, else ``render(marks)`` (the
    page rendered with ``marks`` added to its context, {} when it is not stored)."""
    row = key_row(request, pk)
    key = page_key(request, row)
    html = None
    if key:
        try:
            html = cache.get(key)
        except Exception:  # a cache that cannot be read: the page is rendered
            logger.warning("scorecard page not read from the cache", exc_info=True)
    if html is None:
        marks = {"csrf_token": CSRF_MARK, "reader_name": NAME_MARK, "evidence_list": EVIDENCE_MARK}
        html = render(marks if key else {})
        if not key:
            return html
        keep(key, html, CACHE_SECONDS)  # a cache refusing writes: answered all the same
    token = get_token(request)
    user = request.user
    evidence = evidence_of(pk)
    can_remove = editable(user, row["status"], row["campaign_status"])
    filled = html.replace(EVIDENCE_MARK, evidence_list(pk, evidence, can_remove, token))
    name = escape(user.get_full_name() or user.get_username())
    return filled.replace(CSRF_MARK, token).replace(NAME_MARK, name)


def evidence_of(pk: int):
    """The scorecard's files in their order (the model's ordering, within one scorecard:
    by the scorecard first would join its campaign and council to sort them)."""
    return (
        Evidence.objects.filter(scorecard_id=pk)
        .select_related("criterion")
        .order_by("uploaded_at", "pk")
    )


def evidence_list(pk: int, items, can_remove: bool, csrf_token: str) -> SafeString:
    """The evidence section's list: each file's link, size and criterion, and its
    Remove button where the scorecard is editable."""
    hidden = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
    remove = escape(_("Remove"))
    parts = []
    for item in items:
        link = reverse("scoring:evidence-download", args=[pk, item.pk])
        code = f", {escape(item.criterion.code)}" if item.criterion else ""
        button = ""
        if can_remove:
            action = reverse("scoring:evidence-delete", args=[pk, item.pk])
            button = (
                f'<form method="post" action="{action}" class="inline">{hidden}'
                f'<button type="submit" class="link">{remove}</button></form>'
            )
        parts.append(
            f'<li><a href="{link}">{escape(item.original_name)}</a>\n'
            f"      <small>({filesizeformat(item.size)}{code})</small>\n"
            f"      {button}</li>\n"
        )
    if not parts:
        parts.append(f"<li>{escape(_('No files.'))}</li>\n")
    return mark_safe(f"<ul>\n  {'  '.join(parts)}  </ul>")
