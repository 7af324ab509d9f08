"""The secretariat's admin for oversight activities and their recommendations."""

from django.contrib import admin

from councilwork.admin_tools import CouncilTreeFilter, RecordAdmin, year_filter

from .models import OversightActivity, Recommendation


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = [("responsible_agency", "deadline"), "content", ("status", "completed_on")]


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
    autocomplete_fields = ["council", "conducted_by"]
    date_hierarchy = "start_date"
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(RecordAdmin):
    list_display = ["responsible_agency", "activity", "deadline", "status", "completed_on"]
    list_filter = ["status", year_filter("deadline"), "activity__kind"]
    list_select_related = ["activity"]
    search_fields = ["content", "responsible_agency", "activity__title"]
    autocomplete_fields = ["activity"]
    date_hierarchy = "deadline"
