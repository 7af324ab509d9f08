"""The secretariat's admin for sessions and resolutions."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councilwork.admin_counts import count_of
from councilwork.admin_tools import CouncilTreeFilter, RecordAdmin, year_filter

from .attendance_admin import AttendanceInline
from .documents_admin import SessionDocumentInline
from .models import Resolution, Session
from .numbering import resolution_number_issue, resolution_number_refusal
from .selectors import paperless_status

NUMBER_HELP = _("Leave it empty: the system issues the next number of the resolutions register.")


class ResolutionForm(forms.ModelForm):
    """A resolution whose number may be left empty, for the register to issue on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "number" in self.fields:
            self.fields["number"].required = False
            self.fields["number"].help_text = NUMBER_HELP

    def typed_number(self) -> int | None:
        """The number typed by hand for a new resolution, or changed on a saved one."""
        number = self.cleaned_data.get("number")
        if number is None or (self.instance.pk and "number" not in self.changed_data):
            return None
        return number


def _check_numbers(forms_in_order, session) -> None:
    """Each typed number against the register, in the order the rows are saved: a row
    left empty takes the next number, so a typed row after it must be the one after."""
    if session is None or session.council_id is None:
        return
    issued_before: dict[int, int] = {}  # per year: rows of this form issued before
    for form in forms_in_order:
        adopted_on = form.cleaned_data.get("adopted_on")
        if adopted_on is None or not (form.instance.pk is None or form.typed_number()):
            continue
        earlier = issued_before.get(adopted_on.year, 0)
        issued_before[adopted_on.year] = earlier + 1
        number = form.typed_number()
        if number is None:
            continue
        refusal = resolution_number_refusal(
            session.council, adopted_on, number, exclude_pk=form.instance.pk, ahead=earlier
        )
        if refusal:
            form.add_error("number", refusal)


class ResolutionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = [
            f
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f) and not f.errors
        ]
        _check_numbers(rows, self.instance)


class ResolutionInline(admin.TabularInline):
    model = Resolution
    form = ResolutionForm
    formset = ResolutionFormSet
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
    search_document = ("search_text", ("title", "location"))
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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Resolution:
            return super().save_formset(request, form, formset, change)
        for row in formset.save(commit=False):
            if row.pk is None or row.number is None or "number" in _changed(formset, row):
                resolution_number_issue(row, user=request.user)
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        formset.save_m2m()


def _changed(formset, row) -> list[str]:
    return next((f.changed_data for f in formset.forms if f.instance is row), [])


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
    form = ResolutionForm

    @admin.display(description=_("number"), ordering="number")
    def code(self, resolution):
        return resolution.code

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class Checked(form_class):
            def clean(self):
                cleaned = super().clean()
                session = cleaned.get("session")
                if not self.errors and session is not None:
                    _check_numbers([self], session)
                return cleaned

        return Checked

    def save_model(self, request, obj, form, change):
        if obj.pk is None or "number" in form.changed_data:
            resolution_number_issue(obj, user=request.user)
        super().save_model(request, obj, form, change)
