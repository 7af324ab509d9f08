"""The secretariat's admin for oversight activities and their recommendations."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import CouncilTreeFilter, RecordAdmin, council_tree_filter, year_filter

from .models import OversightActivity, Recommendation
from .selectors import status_history

RECOMMENDATION_FIELDS = [
    ("responsible_agency", "deadline"),
    "content",
    ("response_number", "response_date"),
    "response_content",
    ("status", "completed_on"),
]


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = RECOMMENDATION_FIELDS


class OverdueFilter(admin.SimpleListFilter):
    """Overdue today (Recommendation.objects.overdue): past the deadline, or open six
    months after the activity ended; or the others."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_overdue=self.value() == "yes")
        return queryset


@admin.register(OversightActivity)
class OversightActivityAdmin(RecordAdmin):
    list_display = ["title", "kind", "council", "conducted_by", "start_date", "end_date"]
    list_filter = [
        year_filter("start_date"),
        "kind",
        "council__level",
        CouncilTreeFilter,
    ]
    list_select_related = ["council", "conducted_by"]
    search_fields = ["title", "subject", "council__name", "council__short_name"]
    search_document = ("search_text", ("title", "subject"))
    autocomplete_fields = ["council", "conducted_by"]
    date_hierarchy = "start_date"
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(RecordAdmin):
    """Leaders and the secretariat follow recommendations to done: the overdue ones are
    highlighted, filtered with "overdue" and sorted by it, by deadline or by the activity."""

    list_display = [
        "responsible_agency",
        "activity",
        "activity_ended",
        "deadline",
        "status",
        "response_date",
        "overdue_shown",
    ]
    list_filter = [
        OverdueFilter,
        "status",
        year_filter("deadline"),
        "activity__kind",
        council_tree_filter("activity__council"),
    ]
    list_select_related = ["activity"]
    search_fields = ["content", "responsible_agency", "activity__title", "response_number"]
    autocomplete_fields = ["activity"]
    date_hierarchy = "deadline"
    fields = ["activity", *RECOMMENDATION_FIELDS, "status_history_shown"]
    readonly_fields = ["status_history_shown"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue(timezone.localdate())

    @admin.display(description=_("activity ended"), ordering="activity__end_date")
    def activity_ended(self, recommendation):
        return recommendation.activity.end_date

    @admin.display(description=_("overdue"), ordering="-is_overdue")
    def overdue_shown(self, recommendation):
        if not recommendation.is_overdue:
            return ""
        return format_html('<strong class="overdue">⚠ {}</strong>', _("Overdue"))

    @admin.display(description=_("status history"))
    def status_history_shown(self, recommendation):
        """Each change of status, when, by whom, with the response (as the ward's page)."""
        if recommendation is None or recommendation.pk is None:
            return "–"
        context = {"history": status_history(recommendation)}
        return render_to_string("oversight/status_history.html", context)
