"""Who may see which council's records, and who may record them: one home for each rule.

``visible_council`` is read by every summary view; ``recording_scope`` by every page on
which ward staff record their own council's work (attendance, votes, reception days,
meetings with voters, responses to recommendations); ``council_picker`` gives those pages
the councils the secretariat may switch to.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from councilwork.cache import with_versions
from councilwork.collation import vi_key
from councilwork.models import LEVEL_RANK, Council
from councilwork.roles import Role
from councilwork.services import user_role


def visible_council(user, slug: str | None) -> Council:
    """The council ``user`` asked for (or their default one), or 404/403.

    Leaders and the secretariat see every council; their default is the top-level
    one (``default_council``). Ward staff see only their own council: any other is a
    404, so they learn nothing about records that are not theirs.
    """
    role = user_role(user)
    if role == Role.WARD:
        if user.council_id is None:  # bound to no council: nothing is theirs to see
            raise Http404
        # The council with its figures' versions (councilwork.cache.with_versions): the
        # summary's key then costs no query of its own.
        council = with_versions(Council.objects).filter(pk=user.council_id).first()
        if council is None or (slug and slug != council.slug):
            raise Http404
        return council
    if role is None and not user.is_superuser:
        raise PermissionDenied
    if slug:
        if "\x00" in slug:  # no council has it, and PostgreSQL cannot even look it up
            raise Http404
        return get_object_or_404(with_versions(Council.objects), slug=slug)
    return default_council()


def default_council() -> Council:
    """The council a leader or the secretariat opens without choosing one (one query):
    the top-level council, or, where several councils have no parent (each province of
    a national database), the highest of them by level, then by name. 404 when there
    is no council yet."""
    roots = list(with_versions(Council.objects.roots()))
    if not roots:
        raise Http404
    return min(roots, key=lambda council: (LEVEL_RANK[council.level], council.name, council.pk))


def recording_scope(user) -> int | None:
    """The council whose records ``user`` may enter on the ward pages: None for every one.

    The secretariat (and a superuser) record for every council: None. Ward staff record
    their own council's: its id; a ward login bound to no council is a 404 (nothing is
    theirs). Leaders read, they do not record: 403, as anyone else.
    """
    role = user_role(user)
    if user.is_superuser or role == Role.SECRETARIAT:
        return None
    if role == Role.WARD:
        if user.council_id is None:
            raise Http404
        return user.council_id
    raise PermissionDenied


def recording_council(user, slug: str | None) -> Council:
    """The council whose records a ward page lists: ``recording_scope`` first (a leader
    403, a ward login without a council 404), then ``visible_council`` (ward staff their
    own, the secretariat ?council= or the top-level one)."""
    recording_scope(user)
    return visible_council(user, slug)


def recordable(queryset, user, council_field: str = "council"):
    """``queryset`` narrowed to the records ``user`` may enter (``recording_scope``)."""
    scope = recording_scope(user)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{council_field}_id": scope})


def recordable_councils(user):
    """The councils whose records ``user`` may enter (``recording_scope``)."""
    scope = recording_scope(user)
    councils = Council.objects.all()
    return councils if scope is None else councils.filter(pk=scope)


@dataclass(frozen=True)
class PickerOption:
    """One council in the picker: its code, name, level and depth in the tree, the code of
    its parent (empty at the top) and whether it has councils below that are not listed."""

    slug: str
    name: str
    level: str
    depth: int
    selected: bool
    parent: str = ""
    more: bool = False

    @property
    def indent(self) -> str:
        """Non-breaking spaces that a browser keeps at the start of an option's text."""
        return "\u00a0\u00a0\u00a0" * self.depth


def council_picker(user, council: Council) -> list[PickerOption]:
    """The councils ``user`` may switch to on a ward page, ``council`` selected, one level
    at a time: the top-level councils, and the children of ``council`` and of each of its
    ancestors (so its siblings), each below its parent by Vietnamese name. Choosing
    another council lists that one's children in turn. An empty list when they record for
    a single council (ward staff: then without a query).

    One query whatever the number of councils (the tree has three levels at most, so
    the ancestors are the parent and the parent's parent, read in a subquery), and as
    many options as those few levels hold, not the whole tree.
    """
    if recording_scope(user) is not None:
        return []
    grandparent = Council.objects.filter(pk=council.parent_id).values("parent_id")[:1]
    path = Q(parent__isnull=True) | Q(parent_id=council.pk)
    if council.parent_id is not None:
        path |= Q(parent_id=council.parent_id) | Q(parent_id=Subquery(grandparent))
    rows = list(
        recordable_councils(user)
        .filter(path)
        .annotate(below=Exists(Council.objects.filter(parent_id=OuterRef("pk"))))
        .values_list("pk", "parent_id", "slug", "name", "level", "below")
    )
    if len(rows) < 2:
        return []
    return _in_tree_order(rows, council.pk)


def council_picker_children(user, council: Council) -> list[PickerOption]:
    """The children of ``council`` by Vietnamese name, for the picker to list below it:
    the next level only, in one query; empty for ward staff (they see no picker).
    ``recording_scope`` first: a leader 403, a ward login without a council 404."""
    if recording_scope(user) is not None:
        return []
    rows = (
        recordable_councils(user)
        .filter(parent_id=council.pk)
        .annotate(below=Exists(Council.objects.filter(parent_id=OuterRef("pk"))))
        .values_list("slug", "name", "level", "below")
    )
    ordered = sorted(rows, key=lambda row: vi_key(row[1]))
    return [
        PickerOption(slug, name, level, 1, False, council.slug, below)
        for slug, name, level, below in ordered
    ]


def _in_tree_order(rows: list[tuple], chosen: int) -> list[PickerOption]:
    """``rows`` (pk, parent_id, slug, name, level, has children) as options, depth first,
    each below its parent by Vietnamese name; an option whose children are all listed is
    not marked ``more``."""
    known = {row[0]: row[2] for row in rows}
    children: dict[int | None, list[tuple]] = {}
    for row in sorted(rows, key=lambda row: vi_key(row[3])):
        children.setdefault(row[1] if row[1] in known else None, []).append(row)
    options: list[PickerOption] = []
    stack = [(row, 0) for row in reversed(children.get(None, []))]
    while stack:  # depth first, without recursion: a deep tree cannot overflow the stack
        (pk, parent, slug, name, level, below), depth = stack.pop()
        listed = children.pop(pk, [])
        more = below and not listed
        options.append(
            PickerOption(slug, name, level, depth, pk == chosen, known.get(parent, ""), more)
        )
        stack += [(row, depth + 1) for row in reversed(listed)]
    return options
