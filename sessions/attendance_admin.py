"""The secretariat's admin for attendance and votes: the grid on the session, and lists.

Every write of a vote or a roll call here (a change form, its roll call grid, a
deletion, the delete action) runs in one transaction under the lock of the sessions
it touches (vote_services.sessions_locked), taken before anything is read for its
checks, as the ward's vote page does: two people saving at once are checked one
after the other. The grid's check is the ward page's (vote_services.roll_call_errors).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import router, transaction
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import (
    RecordAdmin,
    SharedChoicesInlineMixin,
    column_number,
    council_tree_filter,
    year_filter,
)
from councilwork.models import Deputy

from . import services, vote_services
from .attendance import Attendance, AttendanceStatus
from .models import Session
from .votes import (
    CHOICE_FIELDS,
    RollCallVote,
    Vote,
    VoteOutcome,
    roll_call_dropped,
    roll_call_overflow,
)

_PARENT = "_attendance_parent"


class AttendanceInlineForm(forms.ModelForm):
    """One click per deputy: the four statuses as radio buttons, none chosen in a new row."""

    status = forms.ChoiceField(
        label=_("attendance"),
        choices=AttendanceStatus.choices,
        widget=forms.RadioSelect(attrs={"class": "radiolist inline"}),
    )

    class Meta:
        model = Attendance
        fields = ["deputy", "sitting_day", "status", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Code may leave the day to clean() (a session of one day); a form says it.
        if "sitting_day" in self.fields:  # not for a reader: the form is read-only
            self.fields["sitting_day"].required = True


class AttendanceAdminForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["session", "deputy", "sitting_day", "status", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "sitting_day" in self.fields:  # not for a reader: the form is read-only
            self.fields["sitting_day"].required = True


class VoteAdminForm(forms.ModelForm):
    """The session, the day and the number of deputies as the minutes give them."""

    class Meta:
        model = Vote
        fields = [
            "session",
            "resolution",
            "subject",
            "voted_on",
            "two_thirds",
            "deputies",
            "votes_for",
            "votes_against",
            "abstentions",
            "not_voting",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("session", "voted_on", "deputies"):
            if name in self.fields:
                self.fields[name].required = True


class AttendanceInline(SharedChoicesInlineMixin, admin.TabularInline):
    """The session's attendance grid: a row for every deputy and sitting day.

    Rows not recorded yet come pre-filled with the deputy and the day (one per deputy
    seated that day); only those given a status are saved. Shown on a saved session
    only (SessionAdmin.get_inlines): the deputies expected depend on its term and dates.
    """

    model = Attendance
    form = AttendanceInlineForm
    fields = ["deputy", "sitting_day", "status", "reason"]
    shared_choice_fields = ("deputy",)
    verbose_name_plural = _("attendance of the deputies")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deputy__person", "deputy__term")

    def limit_choices(self, db_field, queryset, request):
        session = getattr(request, _PARENT, None)
        if db_field.name == "deputy" and session is not None:
            return Deputy.objects.filter(term=session.term_id).select_related(
                "person", "term__council"
            )
        return queryset

    def get_formset(self, request, obj=None, **kwargs):
        setattr(request, _PARENT, obj)
        missing = services.unrecorded(obj) if obj is not None else []
        kwargs["extra"] = len(missing)
        base = super().get_formset(request, obj, **kwargs)
        initial = [{"deputy": deputy.pk, "sitting_day": day} for deputy, day in missing]

        class PrefilledFormSet(base):
            def __init__(self, *args, **formset_kwargs):
                formset_kwargs.setdefault("initial", initial)
                super().__init__(*args, **formset_kwargs)

        return PrefilledFormSet


@admin.register(Attendance)
class AttendanceAdmin(RecordAdmin):
    form = AttendanceAdminForm
    list_display = ["deputy_name", "session", "sitting_day", "status", "reason"]
    list_filter = [
        year_filter("session__start_date"),
        "status",
        council_tree_filter("session__council"),
    ]
    list_select_related = ["deputy__person", "session__council"]
    search_fields = ["deputy__person__full_name", "session__title", "reason"]
    autocomplete_fields = ["session", "deputy"]
    date_hierarchy = "sitting_day"
    fields = ["session", "deputy", "sitting_day", "status", "reason"]

    @admin.display(description=_("deputy"), ordering="deputy__person__full_name")
    def deputy_name(self, row):
        return row.deputy.person.full_name


class RollCallFormSet(forms.BaseInlineFormSet):
    """The roll call as it will stand once saved (the stored rows as the grid changes
    them, those it deletes gone, the new ones added) must fit the vote's NEW numbers;
    the vote's own clean() and each row's leave that check to the grid
    (Vote.roll_call_submitted), so numbers and roll call may change together. The check
    is the ward page's (vote_services.roll_call_errors), made under the session's lock
    (VoteAdmin.changeform_view): a number's message is also shown beside its field
    (``field_errors``), a vote of a deputy not seated on the vote's day is refused,
    naming them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_errors: dict[str, list[str]] = {}
        if self.is_bound:  # built before the vote's form is checked (ModelAdmin)
            self.instance.roll_call_submitted = True

    def clean(self):
        super().clean()
        rows = self._as_saved()
        session, day = self.instance.related("session"), self.instance.voted_on
        if session is None or day is None:  # the vote's form says what is missing
            overflow = roll_call_overflow(self.instance, [c for _d, c in rows if c])
            if overflow:
                raise forms.ValidationError(overflow[1])
            return
        roll_call = {deputy.pk: choice for deputy, choice in rows if deputy and choice}
        gone = {row.deputy_id: "" for row in self._stored().values()}
        errors = vote_services.roll_call_errors(session, self.instance, gone | roll_call)
        messages, unseated = [], []
        names = {deputy.pk: deputy.person.full_name for deputy, _c in rows if deputy}
        if "voted_on" in errors:  # a day outside the session: the vote's form says it
            return
        for key, texts in errors.items():
            if key in CHOICE_FIELDS.values():
                self.field_errors[key] = list(texts)
                messages += texts
            elif key == NON_FIELD_ERRORS:
                messages += texts
            else:
                unseated.append(names.get(int(key), key))
        if unseated:
            messages.append(roll_call_dropped(unseated))
        if messages:
            raise forms.ValidationError(messages)

    def _stored(self) -> dict:
        vote = self.instance
        if not vote.pk:
            return {}
        if not hasattr(self, "_stored_rows"):
            self._stored_rows = {
                row.pk: row for row in vote.roll_call.select_related("deputy__person")
            }
        return self._stored_rows

    def _as_saved(self) -> list[tuple[Deputy | None, str]]:
        """(deputy, choice) of every row the vote's roll call will hold after the save."""
        stored = self._stored()
        rows = {pk: (row.deputy, row.choice) for pk, row in stored.items()}
        for n, form in enumerate(self.forms):
            pk = form.instance.pk if n < self.initial_form_count() else None
            if self.can_delete and self._should_delete_form(form):
                rows.pop(pk, None)
                continue
            if pk is None and not form.has_changed():
                continue
            data = getattr(form, "cleaned_data", {})
            was = stored.get(pk)
            deputy, choice = data.get("deputy"), data.get("choice")
            if not isinstance(deputy, Deputy):  # a row in error, or read-only
                deputy = was.deputy if was else None
            if not choice and was:
                choice = was.choice
            rows[pk if pk is not None else f"new-{n}"] = (deputy, choice)
        return list(rows.values())


class RollCallInline(SharedChoicesInlineMixin, admin.TabularInline):
    model = RollCallVote
    formset = RollCallFormSet
    extra = 0
    fields = ["deputy", "choice"]
    shared_choice_fields = ("deputy",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deputy__person", "deputy__term")

    def limit_choices(self, db_field, queryset, request):
        vote = getattr(request, _PARENT, None)
        if db_field.name == "deputy" and vote is not None and vote.session_id:
            return Deputy.objects.filter(term=vote.session.term_id).select_related(
                "person", "term__council"
            )
        return queryset.select_related("person", "term__council")

    def get_formset(self, request, obj=None, **kwargs):
        setattr(request, _PARENT, obj)
        return super().get_formset(request, obj, **kwargs)


def _key(model, value) -> int | None:
    """``value`` (an address's or a form's) as an id of ``model``, else None."""
    return column_number(value, model._meta.pk) if isinstance(value, str) else None


class SessionLockedAdmin(RecordAdmin):
    """An admin whose writes run under the lock of the sessions they touch, taken before
    the change form reads anything it checks (vote_services.sessions_locked)."""

    def sessions_of(self, request, object_id) -> list[int | None]:
        """The sessions a POST to the change form of ``object_id`` may write to."""
        raise NotImplementedError

    def sessions_of_rows(self, queryset) -> list[int]:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            vote_services.sessions_locked(*self.sessions_of(request, object_id))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        queryset = type(obj)._default_manager.filter(pk=obj.pk)
        with transaction.atomic(using=router.db_for_write(self.model)):
            vote_services.sessions_locked(*self.sessions_of_rows(queryset))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(self.model)):
            vote_services.sessions_locked(*self.sessions_of_rows(queryset))
            super().delete_queryset(request, queryset)


@admin.register(Vote)
class VoteAdmin(SessionLockedAdmin):
    form = VoteAdminForm
    list_display = [
        "__str__",
        "session",
        "voted_on",
        "deputies",
        "votes_for",
        "votes_against",
        "abstentions",
        "not_voting",
        "two_thirds",
        "outcome_shown",
    ]
    list_filter = [year_filter("voted_on"), "two_thirds", council_tree_filter("session__council")]
    list_select_related = ["session__council", "resolution"]
    search_fields = ["subject", "resolution__title", "session__council__name"]
    autocomplete_fields = ["session", "resolution"]
    date_hierarchy = "voted_on"
    fields = [
        "session",
        "resolution",
        "subject",
        "voted_on",
        "two_thirds",
        "deputies",
        ("votes_for", "votes_against", "abstentions", "not_voting"),
    ]
    inlines = [RollCallInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_outcome()

    def sessions_of(self, request, object_id):
        vote = _key(Vote, unquote(object_id)) if object_id else None
        stored = Vote.objects.filter(pk=vote).values_list("session_id", flat=True)
        return [*(stored if vote else []), _key(Session, request.POST.get("session"))]

    def sessions_of_rows(self, queryset):
        return list(queryset.order_by().values_list("session_id", flat=True).distinct())

    def render_change_form(self, request, context, *args, **kwargs):
        # The grid's message about a number, beside that number's field too.
        form = context["adminform"].form
        for inline in context.get("inline_admin_formsets", []):
            for field, messages in getattr(inline.formset, "field_errors", {}).items():
                if field in form.fields and field not in form.errors:
                    form.add_error(field, messages)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("result"), ordering="outcome")
    def outcome_shown(self, vote):
        return VoteOutcome(vote.outcome).label


@admin.register(RollCallVote)
class RollCallVoteAdmin(SessionLockedAdmin):
    list_display = ["deputy_name", "vote", "choice"]
    list_filter = ["choice", council_tree_filter("vote__session__council")]
    list_select_related = ["deputy__person", "vote__resolution", "vote__session"]
    search_fields = ["deputy__person__full_name", "vote__subject", "vote__resolution__title"]
    autocomplete_fields = ["vote", "deputy"]
    fields = ["vote", "deputy", "choice"]

    def sessions_of(self, request, object_id):
        row = _key(RollCallVote, unquote(object_id)) if object_id else None
        stored = RollCallVote.objects.filter(pk=row) if row else RollCallVote.objects.none()
        votes = [*stored.values_list("vote_id", flat=True), _key(Vote, request.POST.get("vote"))]
        found = Vote.objects.filter(pk__in=[vote for vote in votes if vote is not None])
        return list(found.order_by().values_list("session_id", flat=True))

    def sessions_of_rows(self, queryset):
        rows = queryset.order_by().values_list("vote__session_id", flat=True)
        return list(rows.distinct())

    @admin.display(description=_("deputy"), ordering="deputy__person__full_name")
    def deputy_name(self, row):
        return row.deputy.person.full_name
