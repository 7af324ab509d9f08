"""Admin for campaigns, their criteria and classification thresholds."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from councilwork.admin_counts import count_of
from councilwork.admin_tools import (
    CouncilTreeFilter,
    LocalizedNumbersMixin,
    RecordAdmin,
    council_tree_filter,
    number_filter,
)

from ..models import Campaign, ClassificationThreshold, Criterion
from .common import YEAR


class CriterionInline(LocalizedNumbersMixin, admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["applies_to", "section", "code", "title", "max_points", "position", "metric"]


class ThresholdInline(LocalizedNumbersMixin, admin.TabularInline):
    model = ClassificationThreshold
    extra = 0
    fields = ["applies_to", "classification", "min_points"]


@admin.register(Campaign)
class CampaignAdmin(RecordAdmin):
    list_display = ["year", "council", "theme", "status", "launched_on", "criterion_count"]
    list_filter = [number_filter("year", _("year")), "status", CouncilTreeFilter]
    list_select_related = ["council"]
    search_fields = ["theme", "council__name", "=year"]
    autocomplete_fields = ["council"]
    date_hierarchy = "launched_on"
    inlines = [CriterionInline, ThresholdInline]
    readonly_fields = ["decisions"]

    def get_queryset(self, request):
        criteria = count_of(Criterion, "campaign")
        return super().get_queryset(request).annotate(criteria_total=criteria)

    @admin.display(description=_("award decisions closing it"))
    def decisions(self, campaign):
        rows = [
            (reverse("admin:awards_awarddecision_change", args=[d.pk]), str(d))
            for d in campaign.award_decisions.order_by("decision_date", "number")
        ]
        return format_html_join(", ", '<a href="{}">{}</a>', rows) or "–"

    @admin.display(description=_("criteria"), ordering="criteria_total")
    def criterion_count(self, campaign):
        return campaign.criteria_total


@admin.register(Criterion)
class CriterionAdmin(RecordAdmin):
    list_display = ["code", "title", "applies_to", "max_points", "campaign"]
    list_filter = [YEAR, "applies_to", council_tree_filter("campaign__council")]
    list_select_related = ["campaign__council"]
    search_fields = ["title", "code", "section"]
    autocomplete_fields = ["campaign"]


@admin.register(ClassificationThreshold)
class ClassificationThresholdAdmin(RecordAdmin):
    list_display = ["classification", "applies_to", "min_points", "campaign"]
    list_filter = [YEAR, "applies_to", "classification"]
    list_select_related = ["campaign__council"]
    search_fields = ["campaign__council__name", "=campaign__year"]
    autocomplete_fields = ["campaign"]
