"""The secretariat's admin for campaigns, scorecards and pledges."""

from django.contrib import admin
from django.db.models import Count, DecimalField, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import SharedChoicesInlineMixin, number_filter

from .models import (
    Campaign,
    ClassificationThreshold,
    Commitment,
    Criterion,
    Pledge,
    Score,
    Scorecard,
)

YEAR = number_filter("campaign__year", _("year"))


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["applies_to", "section", "code", "title", "max_points", "position"]


class ThresholdInline(admin.TabularInline):
    model = ClassificationThreshold
    extra = 0
    fields = ["applies_to", "classification", "min_points"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "council", "theme", "status", "launched_on", "criterion_count"]
    list_filter = [number_filter("year", _("year")), "status", "council"]
    list_select_related = ["council"]
    search_fields = ["theme", "council__name", "=year"]
    autocomplete_fields = ["council"]
    date_hierarchy = "launched_on"
    inlines = [CriterionInline, ThresholdInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(criteria_total=Count("criteria"))

    @admin.display(description=_("criteria"), ordering="criteria_total")
    def criterion_count(self, campaign):
        return campaign.criteria_total


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "applies_to", "max_points", "campaign"]
    list_filter = [YEAR, "applies_to", "campaign__council"]
    list_select_related = ["campaign__council"]
    search_fields = ["title", "code", "section"]
    autocomplete_fields = ["campaign"]


@admin.register(ClassificationThreshold)
class ClassificationThresholdAdmin(admin.ModelAdmin):
    list_display = ["classification", "applies_to", "min_points", "campaign"]
    list_filter = [YEAR, "applies_to", "classification"]
    list_select_related = ["campaign__council"]
    search_fields = ["campaign__council__name", "=campaign__year"]
    autocomplete_fields = ["campaign"]


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
class ScorecardAdmin(admin.ModelAdmin):
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
    inlines = [ScoreInline]

    def get_queryset(self, request):
        points = Coalesce("scores__approved_points", "scores__self_points")
        return (
            super()
            .get_queryset(request)
            .annotate(points_total=Sum(points, output_field=DecimalField()))
        )

    @admin.display(description=_("subject"))
    def subject_name(self, scorecard):
        return str(scorecard.subject)

    @admin.display(description=_("total"), ordering="points_total")
    def total(self, scorecard):
        return scorecard.points_total


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["criterion", "scorecard", "self_points", "approved_points"]
    list_filter = ["scorecard__campaign__year", "scorecard__status", "criterion__applies_to"]
    list_select_related = [
        "criterion",
        "scorecard__campaign__council",
        "scorecard__subject_council",
        "scorecard__subject_body",
        "scorecard__subject_deputy__person",
        "scorecard__subject_deputy__term__council",
    ]
    search_fields = ["criterion__title", "criterion__code"]
    autocomplete_fields = ["scorecard", "criterion"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["position", "text", "metric", "target"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["body", "body_kind", "council", "campaign", "signed_on", "commitment_count"]
    list_filter = [YEAR, "body__kind", "campaign__council"]
    list_select_related = ["body__council", "campaign__council"]
    search_fields = ["body__name", "body__council__name", "signatory"]
    autocomplete_fields = ["campaign", "body"]
    date_hierarchy = "signed_on"
    inlines = [CommitmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(commitment_total=Count("commitments"))

    @admin.display(description=_("kind"), ordering="body__kind")
    def body_kind(self, pledge):
        return pledge.body.get_kind_display()

    @admin.display(description=_("council"), ordering="body__council__name")
    def council(self, pledge):
        return pledge.body.council

    @admin.display(description=_("commitments"), ordering="commitment_total")
    def commitment_count(self, pledge):
        return pledge.commitment_total


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["text", "metric", "target", "pledge"]
    list_filter = ["pledge__campaign__year", "metric", "pledge__body__kind"]
    list_select_related = ["pledge__body__council", "pledge__campaign__council"]
    search_fields = ["text", "pledge__body__name"]
    autocomplete_fields = ["pledge"]
