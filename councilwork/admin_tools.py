"""Admin building blocks shared by every app's admin."""

import datetime as dt

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import BadRequest, ValidationError
from django.db import connections, models
from django.db.models import Max, Min, Q
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import smart_split
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import admin_actions  # noqa: F401 (the site's delete action, for "Select all" too)
from .admin_counts import EstimatedCountPaginator, with_year_span
from .admin_history import ReadOnlyHistoryAdmin
from .admin_search import FoldedSearchMixin

YEAR_TITLE = _("year")
# The years a date can hold (datetime.date); a year filter outside them finds nothing.
YEARS = (dt.MINYEAR, dt.MAXYEAR)


def ascii_number(value, low: int, high: int) -> int | None:
    """``value`` as an int when it is plain ASCII digits from ``low`` to ``high``, else None.

    str.isdigit() also takes "²" (which int() refuses) and "١٢" (which int() reads as
    12); a number of 20 digits or more is past every integer column; 5 000 digits are
    past what int() reads at all. Values typed into an address are read with this.
    """
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    if len(value) > 19:
        return None
    number = int(value)
    return number if low <= number <= high else None


def column_number(value, field, using: str = "default") -> int | None:
    """``value`` as a value of the integer model ``field``, if its column can hold it."""
    low, high = connections[using].ops.integer_field_range(field.get_internal_type())
    return ascii_number(value, max(0, low or 0), high if high is not None else 2**63 - 1)


def year_filter(field: str, title=YEAR_TITLE):
    """A changelist filter by the year of the date field ``field``: the years from the
    latest to the earliest date, found by one MIN/MAX query that an index on the field
    answers (listing the distinct years read the whole table: 0.1 s at national volume)."""

    class YearFilter(admin.SimpleListFilter):
        parameter_name = f"{field}_year"

        def lookups(self, request, model_admin):
            rows = model_admin.get_queryset(request).order_by()
            span = rows.aggregate(first=Min(field), last=Max(field))
            if span["first"] is None:
                return []
            years = range(
                span["last"].year, max(span["first"].year, span["last"].year - 99) - 1, -1
            )
            return [(str(year), str(year)) for year in years]

        def queryset(self, request, queryset):
            year = ascii_number(self.value(), *YEARS)
            if year is not None:
                return queryset.filter(**{f"{field}__year": year})
            return queryset

    YearFilter.title = title
    return YearFilter


def number_filter(field: str, title):
    """A changelist filter by an integer field such as a campaign's year."""

    class NumberFilter(admin.SimpleListFilter):
        parameter_name = field.replace("__", "_")

        def lookups(self, request, model_admin):
            values = (
                model_admin.get_queryset(request)
                .order_by(f"-{field}")
                .values_list(field, flat=True)
                .distinct()
            )
            return [(str(v), str(v)) for v in values]

        def queryset(self, request, queryset):
            model_field = get_fields_from_path(queryset.model, field)[-1]
            number = column_number(self.value(), model_field, queryset.db)
            if number is not None:
                return queryset.filter(**{field: number})
            return queryset

    NumberFilter.title = title
    return NumberFilter


class SharedChoicesInlineMixin:
    """Inline whose foreign-key selects share one list of choices per request.

    A plain inline evaluates a select's queryset once per row; with many rows the
    change page's query count would grow with them. ``shared_choice_fields`` are
    loaded once and reused by every row's select.
    """

    shared_choice_fields: tuple[str, ...] = ()

    def limit_choices(self, db_field, queryset, request):
        """Hook to narrow a shared field's queryset, e.g. to the parent's campaign."""
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.shared_choice_fields and field is not None:
            field.queryset = self.limit_choices(db_field, field.queryset, request)
            cache = request.__dict__.setdefault("_shared_choices", {})
            key = (self.model, db_field.name)
            if key not in cache:
                cache[key] = list(field.choices)
            field.choices = cache[key]
        return field


def valid_keys(db_field, values) -> list:
    """The ``values`` that can be keys of the foreign key's target, in their order.

    A form sent back with errors holds whatever was posted; looking text, or a number
    beyond the column's range, up as an id would crash (a 500) instead of showing
    the form's message, so such values are shown as no selection.
    """
    target = db_field.target_field
    keys = []
    for value in values:
        try:
            key = target.to_python(value)
        except ValidationError:
            continue
        if isinstance(key, int) and isinstance(target, models.IntegerField):
            low, high = connections[db_field.model._default_manager.db].ops.integer_field_range(
                target.get_internal_type()
            )
            if (low is not None and key < low) or (high is not None and key > high):
                continue
        keys.append(value)
    return keys


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, which re-renders a posted non-key as no selection."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, valid_keys(self.field, value), attr)


class SafeAutocompleteMixin:
    """Admin whose autocomplete fields use SafeAutocompleteSelect."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PreloadedAutocompleteSelect(SafeAutocompleteSelect):
    """An autocomplete select that takes its selected option from a preloaded map.

    Django's widget queries its selected object once per rendered row; in an inline
    that is a query per row. The inline below loads them all in one query per field.
    """

    preloaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        if self.preloaded is None:
            return super().optgroups(name, value, attr)
        empty_values = self.choices.field.empty_values
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for key in (str(v) for v in value if str(v) not in empty_values):
            obj = self.preloaded.get(key)
            if obj is not None:
                label = self.choices.field.label_from_instance(obj)
                options.append(self.create_option(name, key, label, True, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteInlineMixin:
    """Inline whose autocomplete fields load every row's selected object in one query."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        base = super().get_formset(request, obj, **kwargs)
        names = [n for n in self.get_autocomplete_fields(request) if n in base.form.base_fields]

        class PreloadingFormSet(base):
            @cached_property
            def forms(self):
                forms = base.forms.func(self)
                for name in names:
                    field = self.form._meta.model._meta.get_field(name)
                    _preload(forms, name, self.form.base_fields[name].queryset, field)
                return forms

        return PreloadingFormSet


def _preload(forms, name, queryset, db_field):
    values = {str(form[name].value()) for form in forms} - {"None", ""}
    values = set(valid_keys(db_field, values))
    found = {str(o.pk): o for o in queryset.filter(pk__in=values)} if values else {}
    for form in forms:
        widget = form.fields[name].widget
        getattr(widget, "widget", widget).preloaded = found


def date_range_ok(query, field: str) -> bool:
    """Whether the date hierarchy's year, month and day in ``query`` name a real period.

    Django reads them with int() and builds the period's end unchecked: "10**20" or a
    year 9999 (whose end is in 10000) raise past its "invalid filter" handling, a 500.
    Years stop one short of the calendar's ends, so a period in local time still has
    a start and an end in UTC.
    """
    year, month, day = (query.get(f"{field}__{part}") for part in ("year", "month", "day"))
    if year is None:
        return month is None and day is None
    if day is not None and month is None:
        return False
    parts = (
        ascii_number(year, dt.MINYEAR + 1, dt.MAXYEAR - 1),
        1 if month is None else ascii_number(month, 1, 12),
        1 if day is None else ascii_number(day, 1, 31),
    )
    if None in parts:
        return False
    try:
        dt.date(*parts)
    except ValueError:  # 31/02
        return False
    return True


class GuardedChangeList(ChangeList):
    """A changelist whose date hierarchy takes only a real period (else "invalid filter")
    and lists its years from MIN and MAX (admin_counts.with_year_span)."""

    def get_filters(self, request):
        if self.date_hierarchy and not date_range_ok(request.GET, self.date_hierarchy):
            raise IncorrectLookupParameters(self.date_hierarchy)
        return super().get_filters(request)

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return with_year_span(queryset, self.date_hierarchy, self.root_queryset)


def has_nul(query) -> bool:
    """Whether a name or a value of the QueryDict ``query`` holds a NUL character."""
    return any("\x00" in f"{key}{value}" for key, values in query.lists() for value in values)


MAX_SEARCH_WORDS = 10


class QueryGuardMixin:
    """An admin whose changelist and search refuse what the database cannot compare.

    PostgreSQL refuses text holding a NUL character (a 500); no record holds one (the
    models refuse it), so a changelist asked for one is a bad request and a search or
    autocomplete term with one finds nothing. A search reads its first ten words.
    """

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def changelist_view(self, request, extra_context=None):
        if has_nul(request.GET):
            raise BadRequest("NUL character in the query string")
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        if "\x00" in search_term:
            return queryset.none(), False
        # Each word is a condition on every search field: thousands of them are past
        # what a database parses (SQLite: "Expression tree is too large").
        words = list(smart_split(search_term))[:MAX_SEARCH_WORDS]
        return super().get_search_results(request, queryset, " ".join(words))


class LocalizedNumbersMixin:
    """Decimal inputs of an admin form (or inline) read and take "92,5", as in Vietnam.

    Django's admin forms are not localized by default: a points field showed "92.50"
    and refused "92,5". Lists and read-only fields are localized already.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField | models.FloatField):
            kwargs.setdefault("localize", True)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class RecordAdmin(
    LocalizedNumbersMixin,
    SafeAutocompleteMixin,
    QueryGuardMixin,
    FoldedSearchMixin,
    ReadOnlyHistoryAdmin,
):
    """The admin of a record: its History page lists every change, who made it and when.

    Changelists never count a large table twice (show_full_result_count) nor every
    row of an unfiltered large table (EstimatedCountPaginator).
    """

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # 50 rows a page: the secretariat pages or searches; half the rows, half the time.
    list_per_page = 50
    search_count_cap = 1000

    def get_paginator(self, request, queryset, per_page, *args, **kwargs):
        paginator = super().get_paginator(request, queryset, per_page, *args, **kwargs)
        if request.GET.get(SEARCH_VAR, "").strip() and hasattr(paginator, "search_cap"):
            paginator.search_cap = self.search_count_cap  # counted up to it: admin_counts
        return paginator

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        """Django's row checkbox, written directly: rendering a CheckboxInput through the
        form renderer's template for every row took a third of a changelist's time."""
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class CouncilTreeFilter(admin.SimpleListFilter):
    """Filter by a council together with every council under it (all three levels).

    Lists only councils that have children (provinces, districts): a handful even for
    a whole country, where a list of every council would run to thousands of lines;
    sorted as Vietnamese is. ``field`` leads from the row to its council.
    """

    title = _("council (with the councils under it)")
    parameter_name = "council_tree"
    field = "council"

    def lookups(self, request, model_admin):
        from .collation import vi_key
        from .models import Council

        # The parents' ids from the children's parent_id (a semi-join), then two
        # columns: a DISTINCT over every column of the join sorted all councils.
        parents = Council.objects.filter(
            pk__in=Council.objects.filter(parent__isnull=False).values("parent_id")
        )
        rows = parents.order_by().values_list("pk", "name")
        return [(str(pk), name) for pk, name in sorted(rows, key=lambda row: vi_key(row[1]))]

    def queryset(self, request, queryset):
        from .models import Council, below_q

        pk = column_number(self.value(), Council._meta.pk, queryset.db)
        if pk is not None:
            # The tree's ids first, on the small councils table (one query): the big
            # table is then read through its council index, never joined twice to
            # councils with an OR that no index answers.
            tree = Council.objects.filter(Q(pk=pk) | below_q(pk)).values_list("pk", flat=True)
            return queryset.filter(**{f"{self.field}_id__in": list(tree)})
        return queryset


def council_tree_filter(field: str):
    """The council-tree filter for rows whose council is at ``field`` (e.g. "campaign__council")."""
    return type(f"CouncilTreeFilter_{field}", (CouncilTreeFilter,), {"field": field})
