"""Admin for pledges and their commitments."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councilwork.admin_counts import count_of
from councilwork.admin_tools import RecordAdmin, council_tree_filter

from ..models import Commitment, Pledge
from .common import YEAR


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["position", "text", "metric", "target"]


@admin.register(Pledge)
class PledgeAdmin(RecordAdmin):
    list_display = ["body", "body_kind", "council", "campaign", "signed_on", "commitment_count"]
    list_filter = [YEAR, "body__kind", council_tree_filter("campaign__council")]
    list_select_related = ["body__council", "campaign__council"]
    search_fields = ["body__name", "body__council__name", "signatory"]
    autocomplete_fields = ["campaign", "body"]
    date_hierarchy = "signed_on"
    inlines = [CommitmentInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(commitment_total=count_of(Commitment, "pledge"))
        )

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
class CommitmentAdmin(RecordAdmin):
    list_display = ["text", "metric", "target", "pledge"]
    list_filter = ["pledge__campaign__year", "metric", "pledge__body__kind"]
    list_select_related = ["pledge__body__council", "pledge__campaign__council"]
    search_fields = ["text", "pledge__body__name"]
    autocomplete_fields = ["pledge"]
