"""The secretariat's admin for award decisions and awards."""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from councilwork.admin_counts import count_of
from councilwork.admin_tools import (
    CouncilTreeFilter,
    PreloadedAutocompleteInlineMixin,
    RecordAdmin,
    council_tree_filter,
    number_filter,
)

from .admin_certificates import CertificateFormAdmin, CertificatesMixin  # noqa: F401
from .admin_dossiers import DOCX, AwardDossierAdmin  # noqa: F401 (registers the dossiers' admin)
from .admin_recipients import OrganisationOnceFormSet
from .decision_docx import decision_docx
from .models import Award, AwardDecision
from .recipients import FIELDS, RELATED


class AwardInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = Award
    formset = OrganisationOnceFormSet
    extra = 0
    autocomplete_fields = list(RELATED)
    fields = [*FIELDS, "achievement"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*RELATED)

    # An issued decision's awards are history: a correction is a decision that amends it.
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.issued_at) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.issued_at) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.issued_at) and super().has_delete_permission(request, obj)


@admin.register(AwardDecision)
class AwardDecisionAdmin(CertificatesMixin, RecordAdmin):
    list_display = [
        "number",
        "decision_date",
        "kind",
        "issuing_authority",
        "council",
        "year",
        "collective_count",
        "individual_count",
    ]
    list_filter = [number_filter("year", _("achievement year")), "kind", CouncilTreeFilter]
    list_select_related = ["council"]
    search_fields = ["number", "title", "issuing_authority"]
    search_document = ("search_text", ("number", "title"))
    autocomplete_fields = ["council", "dossier", "amends"]
    readonly_fields = ["issued_at", "document", "certificates"]
    date_hierarchy = "decision_date"
    inlines = [AwardInline]

    def has_change_permission(self, request, obj=None):
        # Nobody edits an issued decision; a new decision that amends it corrects it.
        if obj is not None and obj.issued_at:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.issued_at:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("drafted decision"))
    def document(self, decision):
        if decision.pk is None:
            return "–"
        url = reverse("admin:awards_awarddecision_docx", args=[decision.pk])
        return format_html('<a href="{}">{}</a>', url, _t("Decision (.docx)"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.docx_view)
        own = [path("<int:pk>/decision.docx", view, name="awards_awarddecision_docx")]
        return own + self.certificate_urls() + super().get_urls()

    def docx_view(self, request, pk: int):
        """The drafted decision, to whoever may read decisions (leaders too)."""
        if not self.has_view_permission(request):
            raise Http404
        decision = get_object_or_404(AwardDecision.objects.select_related("council"), pk=pk)
        response = HttpResponse(decision_docx(decision), content_type=DOCX)
        name = f"quyet-dinh-{decision.decision_date:%Y}-{decision.pk}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                collectives=count_of(Award, "decision", recipient_person__isnull=True),
                individuals=count_of(Award, "decision", recipient_person__isnull=False),
            )
        )

    @admin.display(description=_("collectives"), ordering="collectives")
    def collective_count(self, decision):
        return decision.collectives

    @admin.display(description=_("individuals"), ordering="individuals")
    def individual_count(self, decision):
        return decision.individuals


class RecipientTypeFilter(admin.SimpleListFilter):
    title = _("recipient")
    parameter_name = "recipient"

    def lookups(self, request, model_admin):
        return [("collective", _("Collectives")), ("individual", _("Individuals"))]

    def queryset(self, request, queryset):
        if self.value() == "collective":
            return queryset.filter(recipient_person__isnull=True)
        if self.value() == "individual":
            return queryset.filter(recipient_person__isnull=False)
        return queryset


@admin.register(Award)
class AwardAdmin(RecordAdmin):
    list_display = ["recipient_name", "collective", "decision", "decision_year", "achievement"]
    list_filter = [
        number_filter("decision__year", _("achievement year")),
        RecipientTypeFilter,
        "decision__kind",
        council_tree_filter("decision__council"),
    ]
    list_select_related = ["decision", *RELATED]
    search_fields = [
        "recipient_person__full_name",
        "recipient_body__name",
        "recipient_council__name",
        "recipient_organisation",
        "decision__number",
    ]
    autocomplete_fields = ["decision", *RELATED]
    fields = ["decision", *FIELDS, "achievement"]

    @admin.display(description=_("recipient"))
    def recipient_name(self, award):
        return str(award.recipient)

    @admin.display(description=_("collective"), boolean=True)
    def collective(self, award):
        return award.is_collective

    @admin.display(description=_("achievement year"), ordering="decision__year")
    def decision_year(self, award):
        return award.decision.year
