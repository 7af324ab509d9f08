"""The site search: each kind's matching records for a user, a page per group.

Two queries per kind whatever the data (a capped count, then the page), so a request
costs the same on the demo and at national volume. Counting stops at COUNT_CAP: a
word that every resolution holds ("nghi quyet") must not make the database count
400 000 rows; the page says "more than 1 000" and invites a longer query.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

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
    groups = []
    for kind in KINDS:
        rows = kind.model.objects.filter(matches(kind.fields, words))
        if role == Role.WARD:
            if kind.ward_rows is None:
                continue
            rows = kind.ward_rows(rows, council)
            link = kind.ward_link
        else:
            meta = kind.model._meta
            can_view = user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
            link = kind.admin_link if can_view else None
        count = rows.order_by()[:COUNT_CAP].count()
        group = Group(kind, count, 1)
        group.number = min(page_number(pages.get(kind.key)), group.pages)
        start = (group.number - 1) * PAGE_SIZE
        found = rows.select_related(*kind.related).order_by(*kind.order)[start : start + PAGE_SIZE]
        group.results = [Result(kind.label(obj), link(obj) if link else "") for obj in found]
        groups.append(group)
    return groups
