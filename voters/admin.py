"""The secretariat's admin for citizen reception and voters' petitions (ward staff record
their own council's on the pages of voters.views).

Citizens' personal data (CITIZEN_FIELDS) appear only to those voters.access allows:
for anyone else (leaders) they are left out of every form, list, search and history.
"""

import dataclasses

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from councilwork.admin_history import HistoryDisplayHelper
from councilwork.admin_tools import RecordAdmin, council_tree_filter, valid_keys, year_filter

from .access import sees_personal_data
from .forms import DeputiesOfTheCouncilForm
from .models import (
    CITIZEN_FIELDS,
    ReceptionCase,
    ReceptionDay,
    VoterMeeting,
    VoterPetition,
)


def _without_personal(fields):
    kept = []
    for field in fields:
        if isinstance(field, tuple | list):
            group = tuple(f for f in field if f not in CITIZEN_FIELDS)
            if group:
                kept.append(group if len(group) > 1 else group[0])
        elif field not in CITIZEN_FIELDS:
            kept.append(field)
    return kept


class PersonalDataMixin:
    """Leaves the citizens' personal data out for whoever may not see it."""

    def hides_personal(self, request) -> bool:
        return not sees_personal_data(request.user)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return _without_personal(fields) if self.hides_personal(request) else fields

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or ())
        return [*exclude, *CITIZEN_FIELDS] if self.hides_personal(request) else exclude


class HidingHistoryHelper(HistoryDisplayHelper):
    """The History page's changes without the citizens' personal data."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field not in CITIZEN_FIELDS]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """Django's multiple autocomplete, which re-renders posted non-keys as no selection
    (as councilwork.admin_tools.SafeAutocompleteSelect does for one)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, valid_keys(self.field, value), attr)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a posted value that cannot be a key (text, a number past the column)
    with the field's own message, where Django's would look it up and crash (a 500)."""

    db_field = None

    def _check_values(self, value):
        if self.db_field is not None and not isinstance(value, str | bytes):
            try:
                posted = [str(v) for v in value]
            except TypeError:
                posted = []
            keys = set(valid_keys(self.db_field, posted))
            for bad in (v for v in posted if v not in keys):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": bad},
                )
        return super()._check_values(value)


class SafeDeputiesMixin:
    """The deputies present, chosen by autocomplete, safe against any posted value."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if isinstance(field, SafeModelMultipleChoiceField):
            field.db_field = db_field
        return field


class ReceptionCaseInline(PersonalDataMixin, admin.StackedInline):
    model = ReceptionCase
    extra = 0
    fields = [
        ("kind", "field"),
        "summary",
        ("citizen_name", "citizen_address", "citizen_contact"),
        ("forwarded_to", "deadline"),
        ("reply_number", "reply_date"),
        "reply_summary",
        "status",
    ]


@admin.register(ReceptionDay)
class ReceptionDayAdmin(SafeDeputiesMixin, RecordAdmin):
    form = DeputiesOfTheCouncilForm
    list_display = ["date", "council", "body", "place", "citizens"]
    list_filter = [year_filter("date"), "council__level", council_tree_filter("council")]
    list_select_related = ["council", "body"]
    search_fields = ["place", "note", "council__name", "council__short_name"]
    autocomplete_fields = ["council", "body", "deputies"]
    date_hierarchy = "date"
    fields = ["council", "body", "date", "place", "deputies", "citizens", "note"]
    inlines = [ReceptionCaseInline]


@admin.register(ReceptionCase)
class ReceptionCaseAdmin(PersonalDataMixin, RecordAdmin):
    list_display = ["kind", "field", "day", "forwarded_to", "deadline", "status", "overdue_shown"]
    list_filter = [
        "kind",
        "status",
        year_filter("day__date"),
        council_tree_filter("day__council"),
    ]
    list_select_related = ["day__council"]
    search_fields = ["field", "summary", "forwarded_to", "reply_number"]
    autocomplete_fields = ["day"]
    fields = ["day", *ReceptionCaseInline.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue(timezone.localdate())

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        return fields if self.hides_personal(request) else [*fields, "citizen_name"]

    def get_historical_record_context_helper(self, request, historical_record):
        if self.hides_personal(request):
            return HidingHistoryHelper(self.model, historical_record)
        return super().get_historical_record_context_helper(request, historical_record)

    @admin.display(description=_("overdue"), ordering="-is_overdue")
    def overdue_shown(self, case):
        return _overdue(case)


def _overdue(row):
    if not row.is_overdue:
        return ""
    return format_html('<strong class="overdue">⚠ {}</strong>', _("Overdue"))


class VoterPetitionInline(admin.StackedInline):
    model = VoterPetition
    extra = 0
    fields = [
        ("field", "agency"),
        "content",
        ("forwarded_on", "deadline"),
        ("answer_number", "answer_date"),
        "answer_content",
        ("status", "re_supervise"),
    ]


@admin.register(VoterMeeting)
class VoterMeetingAdmin(SafeDeputiesMixin, RecordAdmin):
    form = DeputiesOfTheCouncilForm
    list_display = ["date", "council", "timing", "session", "place", "voters"]
    list_filter = [year_filter("date"), "timing", "council__level", council_tree_filter("council")]
    list_select_related = ["council", "session__council"]
    search_fields = ["place", "council__name", "council__short_name"]
    autocomplete_fields = ["council", "session", "deputies"]
    date_hierarchy = "date"
    fields = ["council", "timing", "session", "date", "place", "deputies", "voters"]
    inlines = [VoterPetitionInline]


@admin.register(VoterPetition)
class VoterPetitionAdmin(RecordAdmin):
    list_display = [
        "field",
        "agency",
        "meeting",
        "deadline",
        "status",
        "answer_date",
        "re_supervise",
        "overdue_shown",
    ]
    list_filter = [
        "status",
        "re_supervise",
        "field",
        year_filter("meeting__date"),
        council_tree_filter("meeting__council"),
    ]
    list_select_related = ["meeting"]
    search_fields = ["field", "content", "agency", "answer_number"]
    autocomplete_fields = ["meeting"]
    fields = ["meeting", *VoterPetitionInline.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue(timezone.localdate())

    @admin.display(description=_("overdue"), ordering="-is_overdue")
    def overdue_shown(self, petition):
        return _overdue(petition)
