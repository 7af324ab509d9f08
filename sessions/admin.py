"""The secretariat's admin for sessions and resolutions."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councilwork.admin_counts import count_of
from councilwork.admin_tools import CouncilTreeFilter, RecordAdmin, year_filter

from .attendance_admin import AttendanceInline
from .documents_admin import SessionDocumentInline
from .models import Resolution, Session
from .selectors import paperless_status


class ResolutionInline(admin.TabularInline):
    model = Resolution
    extra = 0
    # The council is taken from the session (Resolution.clean).
    fields = ["number", "symbol", "adopted_on", "title"]


@admin.register(Session)
class SessionAdmin(RecordAdmin):
    list_display = [
        "number",
        "council",
        "term",
        "kind",
        "start_date",
        "end_date",
        "paperless",
        "resolution_count",
    ]
    list_display_links = ["number", "council"]
    list_filter = [
        year_filter("start_date"),
        "kind",
        "paperless",
        "council__level",
        CouncilTreeFilter,
    ]
    list_select_related = ["council", "term__council"]
    search_fields = ["title", "council__name", "council__short_name", "location"]
    autocomplete_fields = ["council", "term"]
    date_hierarchy = "start_date"
    inlines = [ResolutionInline, SessionDocumentInline, AttendanceInline]
    readonly_fields = ["paperless_by_records"]

    @admin.display(description=_("paperless by its documents"))
    def paperless_by_records(self, session):
        if session.pk is None:
            return "–"
        return paperless_status(session).reason

    def get_inlines(self, request, obj):
        # The attendance grid needs a saved session: whom to expect depends on its dates.
        inlines = super().get_inlines(request, obj)
        return inlines if obj is not None else [i for i in inlines if i is not AttendanceInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(resolution_total=count_of(Resolution, "session"))
        )

    @admin.display(description=_("resolutions"), ordering="resolution_total")
    def resolution_count(self, session):
        return session.resolution_total


@admin.register(Resolution)
class ResolutionAdmin(RecordAdmin):
    list_display = ["code", "title", "council", "session", "adopted_on"]
    list_filter = [
        year_filter("adopted_on"),
        "council__level",
        CouncilTreeFilter,
    ]
    list_select_related = ["council", "session__council"]
    search_fields = ["title", "=number", "council__name", "council__short_name"]
    autocomplete_fields = ["session"]
    date_hierarchy = "adopted_on"
    fields = ["session", "number", "symbol", "adopted_on", "title"]

    @admin.display(description=_("number"), ordering="number")
    def code(self, resolution):
        return resolution.code
