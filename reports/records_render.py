"""The drill-down list's page: its rows written in Python and its count cached.

A page of 50 records printed cell by cell through the template, with a permission
check and a URL reversed per row, cost more than the queries. Here the permission is
checked and the admin URL reversed once per list, and each row is written as the
template wrote it (``{{ cell }}``: localized, then escaped). The count of a list is
kept in the cache under the figures' versions of the council (``figures_key``), which
every write to a record the list can show moves, and under today's date (the
"overdue" lists change with it): a page after the first reads no COUNT over the
councils below.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from councilwork.cache import figures_key, keep

COUNT_SECONDS = 24 * 3600
_PK = "-pk-"


def record_links(model, user) -> Callable[[object], str]:
    """``reports.records.record_link`` for every row of ``model``, decided once."""
    meta = model._meta
    if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        return lambda pk: ""
    name = f"admin:{meta.app_label}_{meta.model_name}_change"
    try:
        before, after = reverse(name, args=[_PK]).split(_PK)
    except NoReverseMatch:
        return lambda pk: ""
    # An integer key reverses as its digits; any other is reversed as before.
    return lambda pk: f"{before}{pk}{after}" if type(pk) is int else reverse(name, args=[pk])


def _cell(value) -> str:
    """``{{ value }}`` in a template: local time, localized, escaped."""
    value = localize(timezone.template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def written_rows(spec, objects, user, start: int) -> list[SafeString]:
    """Each record's ``<tr>``: its number from ``start``, its cells, the first one linked."""
    rows = []
    link_of = None
    for number, obj in enumerate(objects, start):
        if link_of is None:
            link_of = record_links(type(obj), user)
        cells = [_cell(cell) for cell in spec.cells(obj)]
        link = link_of(obj.pk)
        if cells and link:
            cells[0] = f'<a href="{escape(link)}">{cells[0]}</a>'
        tds = "".join(f"<td>{cell}</td>" for cell in cells)
        rows.append(
            mark_safe(f'<tr class="record-row"><td class="num">{_cell(number)}</td>{tds}</tr>')
        )
    return rows


class CountedPaginator(Paginator):
    """A paginator told its count (a cached one) instead of asking the database."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known = count

    @cached_property
    def count(self) -> int:
        return self._known


def record_count(rows, *, dataset: str, council, year: int, choice) -> int:
    """How many records the list holds: cached under the figures' versions and the day."""
    if isinstance(rows, list):
        return len(rows)
    versions = figures_key(council)
    if versions is None:  # a version missing: never cache
        return rows.count()
    parts = (dataset, council.pk, year, repr(choice), timezone.localdate().isoformat(), versions)
    key = "records-count:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    count = cache.get(key)
    if count is None:
        count = rows.count()
        keep(key, count, COUNT_SECONDS)
    return count
