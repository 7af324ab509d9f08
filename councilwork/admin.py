"""The secretariat's admin for the council's organisation."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _

from . import admin_numbering  # noqa: F401 (registers the numbering register's admin)
from .admin_search import FoldedSearchMixin
from .admin_tools import (
    CouncilTreeFilter,
    PreloadedAutocompleteInlineMixin,
    QueryGuardMixin,
    RecordAdmin,
    SafeAutocompleteMixin,
    council_tree_filter,
)
from .forms import AdminLoginForm
from .models import Body, Council, Deputy, Membership, Person, Term, User
from .roles import GROUP_NAMES, Role

admin.site.site_header = _("Council records")
admin.site.site_title = _("Council records")
admin.site.index_title = _("Emulation campaign records")
admin.site.login_form = AdminLoginForm


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ["name", "start_date", "end_date"]


@admin.register(Council)
class CouncilAdmin(RecordAdmin):
    list_display = ["name", "short_name", "level", "parent", "established_on", "dissolved_on"]
    list_filter = ["level", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["parent", "successor"]
    inlines = [TermInline]


@admin.register(Term)
class TermAdmin(RecordAdmin):
    list_display = ["name", "council", "start_date", "end_date"]
    list_filter = ["council__level", CouncilTreeFilter]
    list_select_related = ["council"]
    search_fields = ["name", "council__name", "council__short_name"]
    autocomplete_fields = ["council"]
    date_hierarchy = "start_date"


class MembershipInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["deputy", "body"]
    fields = ["deputy", "body", "role", "start_date", "end_date"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deputy__person", "body")


@admin.register(Body)
class BodyAdmin(RecordAdmin):
    list_display = ["name", "kind", "council", "established_on", "dissolved_on"]
    list_filter = ["kind", "council__level", CouncilTreeFilter]
    list_select_related = ["council"]
    search_fields = ["name", "council__name", "council__short_name"]
    autocomplete_fields = ["council"]
    inlines = [MembershipInline]


class DeputyInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    model = Deputy
    extra = 0
    autocomplete_fields = ["term"]
    fields = ["term", "constituency", "started_on", "ended_on"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("term__council")


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    list_display = ["full_name", "gender", "position"]
    list_filter = ["gender"]
    search_fields = ["full_name", "position"]
    inlines = [DeputyInline]


@admin.register(Deputy)
class DeputyAdmin(RecordAdmin):
    list_display = ["person", "council", "term", "constituency", "ended_on"]
    list_filter = ["term__council__level", council_tree_filter("term__council")]
    list_select_related = ["person", "term__council"]
    search_fields = ["person__full_name", "constituency", "term__council__name"]
    autocomplete_fields = ["person", "term"]
    inlines = [MembershipInline]

    @admin.display(description=_("council"), ordering="term__council__name")
    def council(self, deputy):
        return deputy.term.council


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    list_display = ["deputy_name", "body", "role", "start_date", "end_date"]
    list_filter = ["role", "body__kind", council_tree_filter("body__council")]
    list_select_related = ["deputy__person", "body"]
    search_fields = ["deputy__person__full_name", "body__name"]
    autocomplete_fields = ["deputy", "body"]
    date_hierarchy = "start_date"

    @admin.display(description=_("deputy"), ordering="deputy__person__full_name")
    def deputy_name(self, membership):
        return membership.deputy.person.full_name


class UserAdminForm(UserChangeForm):
    """A login's groups and council agree, as adduser requires: ward staff have a council.

    A ward login without one would see no records at all (access fails closed), so it
    is refused here, beside the council, rather than made.
    """

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        if groups is None:
            return cleaned
        ward = groups.filter(name=GROUP_NAMES[Role.WARD]).exists()
        if ward and not cleaned.get("council"):
            self.add_error("council", _("Ward staff must be bound to a council."))
        elif not ward and cleaned.get("council"):
            self.add_error("council", _("Only ward staff are bound to a council."))
        return cleaned


@admin.register(User)
class UserAdmin(SafeAutocompleteMixin, QueryGuardMixin, FoldedSearchMixin, BaseUserAdmin):
    form = UserAdminForm
    list_display = ["username", "person_name", "council", "is_staff", "is_active"]
    list_select_related = ["council"]
    list_filter = [*BaseUserAdmin.list_filter, CouncilTreeFilter]
    search_fields = ["username", "last_name", "first_name", "email"]
    ordering = ["last_name", "first_name", "username"]
    autocomplete_fields = ["council"]
    # Vietnamese names read family name first: "Họ" (last_name) before "Tên" (first_name).
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["last_name", "first_name", "email"]}),
        *BaseUserAdmin.fieldsets[2:],
        (_("Council"), {"fields": ["council"]}),
    ]

    @admin.display(description=_("full name"), ordering="last_name")
    def person_name(self, user):
        return user.get_full_name()
