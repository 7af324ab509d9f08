"""The secretariat's admin for session documents: inline on the session, and their own list."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from councilwork.admin_tools import (
    RecordAdmin,
    SafeAutocompleteMixin,
    council_tree_filter,
    year_filter,
)

from .documents import SessionDocument


class SessionDocumentInline(SafeAutocompleteMixin, admin.TabularInline):
    """Several documents at once (empty rows to fill), reordered by their order field.

    The resolution's autocomplete is the safe one: a typed non-number is refused
    beside the field, not a 500 while the page is drawn again.
    """

    model = SessionDocument
    extra = 3
    fields = [
        "order",
        "kind",
        "title",
        "number",
        "issued_on",
        "resolution",
        "file",
        "sent_at",
        "signature_verdict",
    ]
    readonly_fields = ["signature_verdict"]
    autocomplete_fields = ["resolution"]
    ordering = ["order", "pk"]

    @admin.display(description=_("signature"))
    def signature_verdict(self, document):
        return document.signature_verdict or "–"


@admin.register(SessionDocument)
class SessionDocumentAdmin(RecordAdmin):
    list_display = [
        "title",
        "kind",
        "session",
        "number",
        "order",
        "sent_at",
        "signature_status",
    ]
    list_filter = [
        year_filter("session__start_date"),
        "kind",
        "signature_status",
        council_tree_filter("session__council"),
    ]
    list_select_related = ["session__council"]
    search_fields = ["title", "number", "original_name", "session__council__name"]
    autocomplete_fields = ["session", "resolution"]
    fields = [
        "session",
        "order",
        "kind",
        "title",
        "number",
        "issued_on",
        "resolution",
        "file",
        "sent_at",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "signature_summary",
        "signature_report",
    ]
    readonly_fields = [
        "signature_summary",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "signature_status",
        "signature_report",
    ]
    actions = ["mark_sent_now", "verify_signatures"]

    @admin.display(description=_("signature check"))
    def signature_summary(self, document):
        """The verdict beside who signed and when, from the stored report."""
        if not document.signature_status:
            return "–"
        report = document.signature_report or {}
        parts = [document.signature_verdict]
        if report.get("signer"):
            parts.append(f"{report['signer']} ({report.get('organisation', '')})")
        if report.get("signed_at"):
            parts.append(report["signed_at"])
        return " · ".join(parts)

    @admin.action(description=_("Verify the signatures of the selected documents again"))
    def verify_signatures(self, request, queryset):
        documents = list(queryset)
        for document in documents:  # one by one: each keeps its audit history
            document.verify_signature()
            document.save(update_fields=["signature_status", "signature_report"])
        self.message_user(
            request,
            ngettext(
                "%(count)d document verified again.",
                "%(count)d documents verified again.",
                len(documents),
            )
            % {"count": len(documents)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected documents as sent to the deputies now"))
    def mark_sent_now(self, request, queryset):
        now = timezone.now()
        documents = list(queryset.filter(sent_at__isnull=True))
        for document in documents:  # one by one: each keeps its audit history
            document.sent_at = now
            document.save(update_fields=["sent_at"])
        self.message_user(
            request,
            ngettext(
                "%(count)d document marked as sent.",
                "%(count)d documents marked as sent.",
                len(documents),
            )
            % {"count": len(documents)},
            messages.SUCCESS,
        )
