"""The secretariat's admin for award decisions and awards."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import (
    CouncilTreeFilter,
    PreloadedAutocompleteInlineMixin,
    RecordAdmin,
    council_tree_filter,
    number_filter,
)

from .models import Award, AwardDecision


class AwardInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = Award
    extra = 0
    autocomplete_fields = ["recipient_body", "recipient_council", "recipient_person"]
    fields = ["recipient_body", "recipient_council", "recipient_person", "achievement"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("recipient_body", "recipient_council", "recipient_person")
        )


@admin.register(AwardDecision)
class AwardDecisionAdmin(RecordAdmin):
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
    autocomplete_fields = ["council"]
    date_hierarchy = "decision_date"
    inlines = [AwardInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                collectives=Count("awards", filter=Q(awards__recipient_person__isnull=True)),
                individuals=Count("awards", filter=Q(awards__recipient_person__isnull=False)),
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
    list_select_related = ["decision", "recipient_body", "recipient_council", "recipient_person"]
    search_fields = [
        "recipient_person__full_name",
        "recipient_body__name",
        "recipient_council__name",
        "decision__number",
    ]
    autocomplete_fields = ["decision", "recipient_body", "recipient_council", "recipient_person"]

    @admin.display(description=_("recipient"))
    def recipient_name(self, award):
        return str(award.recipient)

    @admin.display(description=_("collective"), boolean=True)
    def collective(self, award):
        return award.is_collective

    @admin.display(description=_("achievement year"), ordering="decision__year")
    def decision_year(self, award):
        return award.decision.year
