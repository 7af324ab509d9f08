"""Admin for scorecards, scores, their history and evidence."""

from functools import partial

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import RecordAdmin, council_tree_filter

from ..evidence import check_upload
from ..models import Evidence, Score, Scorecard, ScorecardEvent
from .common import YEAR
from .review import approve_selected, return_selected

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
        "on_behalf",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "criterion")


class ScoreInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Points are the workflow's: entered on the scoring page, approved by the review."""

    model = Score
    extra = 0
    fields = ["criterion", "self_points", "approved_points", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion")


@admin.register(Scorecard)
class ScorecardAdmin(RecordAdmin):
    list_display = ["subject_name", "subject_kind", "campaign", "status", "total", "reviewed_at"]
    list_filter = [YEAR, "status", "subject_kind", council_tree_filter("campaign__council")]
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
    autocomplete_fields = ["campaign", "subject_council", "subject_body", "subject_deputy"]
    # The workflow owns these: they change only through its services (the scoring and
    # review pages, the actions below), which keep the history and the version.
    readonly_fields = [
        "status",
        "submitted_at",
        "reviewed_at",
        "reviewed_by",
        "return_reason",
    ]
    inlines = [ScoreInline, ScorecardEventInline]
    actions = [approve_selected, return_selected]
    # The latest scorecards first, read backwards along the primary key: the model's
    # order (campaign year, council name, kind) sorted every scorecard of the country
    # joined to six tables before the page's 50 rows (0.2 s at national volume).
    ordering = ["-pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals("points_total")

    @admin.display(description=_("subject"))
    def subject_name(self, scorecard):
        return str(scorecard.subject)

    @admin.display(description=_("total"), ordering="points_total")
    def total(self, scorecard):
        return scorecard.points_total


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdminMixin, RecordAdmin):
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
        "on_behalf",
    ]
    list_filter = ["kind", "to_status", "on_behalf", "scorecard__campaign__year"]
    list_select_related = [
        "actor",
        "criterion",
        *SCORECARD_NAME,
    ]
    search_fields = ["reason", "actor__username", "actor__last_name", "actor__first_name"]
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

    # A file goes only once its row is gone for good: after the commit, as on the
    # scoring page, so a delete that rolls back leaves the file in place.
    def delete_model(self, request, obj):
        stored = _stored(obj)
        super().delete_model(request, obj)
        _delete_after_commit([stored])

    def delete_queryset(self, request, queryset):
        stored = [_stored(evidence) for evidence in queryset]
        super().delete_queryset(request, queryset)
        _delete_after_commit(stored)

    def save_model(self, request, obj, form, change):
        replaced = None
        if change and "file" in form.changed_data:
            replaced = _stored(Evidence.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        if replaced and replaced[1] != obj.file.name:
            _delete_after_commit([replaced])


def _stored(evidence: Evidence) -> tuple:
    return evidence.file.storage, evidence.file.name


def _delete_after_commit(stored) -> None:
    for storage, name in stored:
        if name:
            transaction.on_commit(partial(storage.delete, name))
