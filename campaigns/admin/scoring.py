"""Admin for scorecards, scores, their history and evidence."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import DecimalField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import RecordAdmin, SharedChoicesInlineMixin

from ..evidence import check_upload
from ..models import Evidence, Score, Scorecard, ScorecardEvent
from .common import YEAR

# What a scorecard's name needs, seen from a row that points at the scorecard.
SCORECARD_NAME = [
    "scorecard__campaign__council",
    "scorecard__subject_council",
    "scorecard__subject_body",
    "scorecard__subject_deputy__person",
    "scorecard__subject_deputy__term__council",
]


class ReadOnlyAdminMixin:
    """History is written by the workflow, never by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScorecardEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ScorecardEvent
    extra = 0
    fields = [
        "at",
        "actor",
        "kind",
        "from_status",
        "to_status",
        "criterion",
        "old_points",
        "new_points",
        "reason",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "criterion")


class ScoreInline(SharedChoicesInlineMixin, admin.TabularInline):
    model = Score
    extra = 0
    fields = ["criterion", "self_points", "approved_points", "note"]
    shared_choice_fields = ("criterion",)

    def get_formset(self, request, obj=None, **kwargs):
        request._scorecard = obj
        return super().get_formset(request, obj, **kwargs)

    def limit_choices(self, db_field, queryset, request):
        scorecard = getattr(request, "_scorecard", None)
        if scorecard is None:
            return queryset.none()
        return queryset.filter(
            campaign_id=scorecard.campaign_id, applies_to=scorecard.subject_kind
        ).order_by("position", "code")


@admin.register(Scorecard)
class ScorecardAdmin(RecordAdmin):
    list_display = ["subject_name", "subject_kind", "campaign", "status", "total", "reviewed_at"]
    list_filter = [YEAR, "status", "subject_kind", "campaign__council"]
    list_select_related = [
        "campaign__council",
        "subject_council",
        "subject_body",
        "subject_deputy__person",
        "subject_deputy__term__council",
    ]
    search_fields = [
        "subject_council__name",
        "subject_body__name",
        "subject_deputy__person__full_name",
    ]
    autocomplete_fields = [
        "campaign",
        "subject_council",
        "subject_body",
        "subject_deputy",
        "reviewed_by",
    ]
    readonly_fields = ["version"]
    inlines = [ScoreInline, ScorecardEventInline]

    def get_queryset(self, request):
        # A correlated subquery: summed for the rows shown, not GROUP BY the whole table.
        points = Coalesce("approved_points", "self_points")
        totals = (
            Score.objects.filter(scorecard=OuterRef("pk"))
            .order_by()
            .values("scorecard")
            .annotate(total=Sum(points, output_field=DecimalField()))
            .values("total")
        )
        return super().get_queryset(request).annotate(points_total=Subquery(totals))

    @admin.display(description=_("subject"))
    def subject_name(self, scorecard):
        return str(scorecard.subject)

    @admin.display(description=_("total"), ordering="points_total")
    def total(self, scorecard):
        return scorecard.points_total


@admin.register(Score)
class ScoreAdmin(RecordAdmin):
    list_display = ["criterion", "scorecard", "self_points", "approved_points"]
    list_filter = ["scorecard__campaign__year", "scorecard__status", "criterion__applies_to"]
    list_select_related = [
        "criterion",
        *SCORECARD_NAME,
    ]
    search_fields = ["criterion__title", "criterion__code"]
    autocomplete_fields = ["scorecard", "criterion"]


@admin.register(ScorecardEvent)
class ScorecardEventAdmin(ReadOnlyAdminMixin, RecordAdmin):
    list_display = [
        "at",
        "scorecard",
        "actor",
        "kind",
        "from_status",
        "to_status",
        "criterion",
        "old_points",
        "new_points",
    ]
    list_filter = ["kind", "to_status", "scorecard__campaign__year"]
    list_select_related = [
        "actor",
        "criterion",
        *SCORECARD_NAME,
    ]
    search_fields = ["reason", "actor__username"]
    date_hierarchy = "at"


class EvidenceAdminForm(forms.ModelForm):
    """A file added here passes the scorecard page's checks and gets its type and size."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file, not the one already stored
            self.instance.content_type = check_upload(upload)
            self.instance.size = upload.size
        return upload


@admin.register(Evidence)
class EvidenceAdmin(RecordAdmin):
    form = EvidenceAdminForm
    list_display = ["original_name", "scorecard", "criterion", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["scorecard__campaign__year", "content_type"]
    list_select_related = [
        "criterion",
        "uploaded_by",
        *SCORECARD_NAME,
    ]
    search_fields = ["original_name"]
    autocomplete_fields = ["scorecard", "criterion", "uploaded_by"]
    readonly_fields = ["content_type", "size"]
    date_hierarchy = "uploaded_at"
