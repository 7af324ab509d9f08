"""The secretariat's admin for award dossiers, their nominees and the award kinds' rules."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import (
    PreloadedAutocompleteInlineMixin,
    RecordAdmin,
    number_filter,
)

from .admin_recipients import OrganisationOnceFormSet
from .decision_services import decision_issue
from .dossier_rules import (
    RECIPIENTS,
    completeness_problems,
    eligibility_flags,
    nominee_ballot,
    policy_for,
)
from .dossier_services import dossier_mark_ready, dossier_record_meeting
from .dossiers import AwardDossier, AwardNominee, AwardPolicy, DossierStatus, EligibilityRule
from .legal import LegalDocument
from .minutes import minutes_docx
from .recipients import FIELDS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

NOMINEE_FIELDS = [
    *FIELDS,
    "achievement",
    "report_text",
    "report_file",
    "initiative",
    "votes_for",
    "votes_against",
    "votes_invalid",
]


class NomineeInline(PreloadedAutocompleteInlineMixin, admin.StackedInline):
    model = AwardNominee
    formset = OrganisationOnceFormSet
    extra = 0
    autocomplete_fields = list(RECIPIENTS)
    fields = NOMINEE_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*RECIPIENTS)

    def _open(self, obj) -> bool:
        return obj is None or obj.status in (DossierStatus.DRAFT, DossierStatus.READY)

    # Nominees change only while the dossier is prepared or at its meeting.
    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open(obj) and super().has_delete_permission(request, obj)


def _lines(items) -> str:
    return format_html_join("", "<div>{}</div>", ((item,) for item in items)) or "–"


@admin.register(AwardDossier)
class AwardDossierAdmin(RecordAdmin):
    list_display = ["__str__", "year", "kind", "issuing_authority", "council", "status"]
    list_filter = [number_filter("year", _("achievement year")), "kind", "status"]
    list_select_related = ["council"]
    search_fields = ["issuing_authority"]
    autocomplete_fields = ["council"]
    readonly_fields = ["status", "completeness", "eligibility", "ballots", "minutes_draft"]
    inlines = [NomineeInline]
    actions = ["mark_ready", "record_meeting", "issue_decision"]

    @admin.display(description=_("completeness"))
    def completeness(self, dossier):
        if dossier.pk is None:
            return "–"
        return _lines(completeness_problems(dossier) or [_t("Every piece is present.")])

    @admin.display(description=_("eligibility"))
    def eligibility(self, dossier):
        if dossier.pk is None:
            return "–"
        names = {n.pk: str(n.recipient) for n in dossier.nominees.select_related(*RECIPIENTS)}
        flags = eligibility_flags(dossier)
        found = [f"{names[pk]}: {text}" for pk, texts in flags.items() for text in texts]
        return _lines(found or [_t("No nominee fails a rule.")])

    @admin.display(description=_("ballot verdicts"))
    def ballots(self, dossier):
        if dossier.pk is None:
            return "–"
        policy = policy_for(dossier.kind)
        rows = []
        for nominee in dossier.nominees.select_related("dossier", *RECIPIENTS):
            ballot = nominee_ballot(nominee, policy)
            if ballot is not None:
                verdict = _t("carried") if ballot.carried else _t("not carried")
                rows.append(
                    _t("%(name)s: %(votes)s of %(base)s (at least %(needed)s needed), %(verdict)s")
                    % {
                        "name": nominee.recipient,
                        "votes": ballot.votes_for,
                        "base": ballot.base,
                        "needed": ballot.needed,
                        "verdict": verdict,
                    }
                )
        return _lines(rows)

    @admin.display(description=_("drafted minutes"))
    def minutes_draft(self, dossier):
        if dossier.pk is None:
            return "–"
        url = reverse("admin:awards_awarddossier_minutes", args=[dossier.pk])
        return format_html('<a href="{}">{}</a>', url, _t("Minutes of the meeting (.docx)"))

    def get_urls(self):
        minutes = self.admin_site.admin_view(self.minutes_view)
        own = [path("<int:pk>/minutes.docx", minutes, name="awards_awarddossier_minutes")]
        return own + super().get_urls()

    def minutes_view(self, request, pk: int):
        """The drafted minutes, to whoever may read the dossier (leaders too)."""
        if not self.has_view_permission(request):
            raise Http404
        dossier = get_object_or_404(AwardDossier.objects.select_related("council"), pk=pk)
        response = HttpResponse(minutes_docx(dossier), content_type=DOCX)
        name = f"bien-ban-{dossier.year}-{dossier.pk}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def has_change_permission(self, request, obj=None):
        # A decided dossier is history: the decision that closed it holds the result.
        if obj is not None and obj.status == DossierStatus.DECIDED:
            return False
        return super().has_change_permission(request, obj)

    def _step(self, request, queryset, service, done):
        for dossier in queryset:
            try:
                service(dossier=dossier, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{dossier}: {' '.join(error.messages)}", messages.ERROR)
            except PermissionDenied:
                self.message_user(request, _t("Only the secretariat can do this."), messages.ERROR)
            else:
                self.message_user(request, f"{dossier}: {done}", messages.SUCCESS)

    @admin.action(
        description=_("Send to the meeting (checks completeness)"), permissions=["change"]
    )
    def mark_ready(self, request, queryset):
        self._step(request, queryset, dossier_mark_ready, _t("ready for the meeting."))

    @admin.action(description=_("Close the meeting (checks the ballots)"), permissions=["change"])
    def record_meeting(self, request, queryset):
        self._step(request, queryset, dossier_record_meeting, _t("reviewed by the council."))

    @admin.action(
        description=_("Issue the decision (dated today, next free number)"),
        permissions=["change"],
    )
    def issue_decision(self, request, queryset):
        for dossier in queryset:
            try:
                decision = decision_issue(
                    dossier=dossier, user=request.user, decision_date=timezone.localdate()
                )
            except ValidationError as error:
                self.message_user(request, f"{dossier}: {' '.join(error.messages)}", messages.ERROR)
            except PermissionDenied:
                self.message_user(request, _t("Only the secretariat can do this."), messages.ERROR)
            else:
                done = _t("decision %(number)s issued.") % {"number": decision.number}
                self.message_user(request, f"{dossier}: {done}", messages.SUCCESS)


@admin.register(AwardNominee)
class AwardNomineeAdmin(RecordAdmin):
    list_display = ["__str__", "dossier", "votes_for", "votes_against", "votes_invalid"]
    list_filter = [number_filter("dossier__year", _("achievement year"))]
    list_select_related = ["dossier", *RECIPIENTS]
    search_fields = [
        "recipient_person__full_name",
        "recipient_body__name",
        "recipient_council__name",
        "recipient_organisation",
    ]
    autocomplete_fields = ["dossier", *RECIPIENTS]
    fields = ["dossier", *NOMINEE_FIELDS]


@admin.register(AwardPolicy)
class AwardPolicyAdmin(RecordAdmin):
    list_display = ["kind", "vote_percent", "vote_base"]


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(RecordAdmin):
    list_display = ["text", "kind", "rule", "required_kind", "percent", "rounding"]
    list_filter = ["kind", "rule"]
    search_fields = ["text"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(RecordAdmin):
    list_display = ["number", "citation", "in_force_from", "in_force_until", "order"]
    search_fields = ["number", "citation"]
