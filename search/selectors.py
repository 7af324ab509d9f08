"""The site search: each kind's matching records for a user, a page per group.

One query counts every kind's matches (capped), then one query per kind reads its page,
whatever the data, so a request costs the same on the demo and at national volume.
Counting stops at COUNT_CAP: a word that every resolution holds ("nghi quyet") must not
make the database count 400 000 rows; the page says "more than 1 000".
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models.functions import Coalesce

from councilwork.roles import Role
from councilwork.search import matches, query_words
from councilwork.services import user_role

from .kinds import KINDS, Kind

PAGE_SIZE = 10
COUNT_CAP = 1000


@dataclass(frozen=True)
class Result:
    label: str
    url: str


@dataclass
class Group:
    """One kind's page of results."""

    kind: Kind
    count: int  # capped at COUNT_CAP
    number: int
    results: list[Result] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        return self.count >= COUNT_CAP

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_CAP) // PAGE_SIZE))

    @property
    def param(self) -> str:
        return f"page_{self.kind.key}"

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def page_number(value) -> int:
    """A page number from the query string: plain ASCII digits, else page 1."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,4}", value):
        return max(1, int(value))
    return 1


def capped_counts(querysets) -> list[int]:
    """How many rows each queryset holds, up to COUNT_CAP: one query for them all."""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, found = queryset.order_by().values("pk")[:COUNT_CAP].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{number})")
        params.extend(found)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(value) for value in cursor.fetchone()]


def _past_the_indexes(order) -> list:
    """``order`` as expressions no b-tree index sorts (COALESCE(col, col)).

    Under 1 000 matches, the page is quicker read through the trigram indexes and
    sorted than by walking the table's date index and folding every row until ten
    match: at national volume a rare word took 8 s that way, 0.1 s this way. With
    1 000 matches or more the date index finds ten at once, so the plain order stays.
    """
    fenced = []
    for name in order:
        field = name.lstrip("-")
        expression = Coalesce(field, field)
        fenced.append(expression.desc() if name.startswith("-") else expression.asc())
    return fenced


def _scope(user):
    """(role, council) of ``user``; PermissionDenied for a login with no role."""
    role = user_role(user)
    if role is None and not user.is_superuser:
        raise PermissionDenied
    return role, user.council if role == Role.WARD else None


def search(user, query: str, pages=None) -> list[Group]:
    """The groups of results of ``query`` that ``user`` may see; [] for no words.

    Ward staff bound to no council find nothing. ``pages`` maps a kind's key to the
    page asked for (out-of-range pages show the last one).
    """
    role, council = _scope(user)
    words = query_words(query)
    if not words or (role == Role.WARD and council is None):
        return []
    pages = pages or {}
    chosen = []  # (kind, rows, link)
    for kind in KINDS:
        rows = kind.model.objects.filter(matches(kind.fields, words))
        if role == Role.WARD:
            if kind.ward_rows is None:
                continue
            chosen.append((kind, kind.ward_rows(rows, council), kind.ward_link))
        else:
            meta = kind.model._meta
            can_view = user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
            chosen.append((kind, rows, kind.admin_link if can_view else None))
    groups = []
    counts = capped_counts([rows for _kind, rows, _link in chosen])
    for (kind, rows, link), count in zip(chosen, counts, strict=True):
        group = Group(kind, count, 1)
        group.number = min(page_number(pages.get(kind.key)), group.pages)
        start = (group.number - 1) * PAGE_SIZE
        order = kind.order if group.capped else _past_the_indexes(kind.order)
        found = rows.select_related(*kind.related).order_by(*order)[start : start + PAGE_SIZE]
        group.results = [Result(kind.label(obj), link(obj) if link else "") for obj in found]
        groups.append(group)
    return groups
