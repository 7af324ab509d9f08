"""The summary page's ways to other summaries: the councils above, the council tree to
pick another from, and the campaign years to pick another year."""

from dataclasses import dataclass, field

from django.db.models import Q

from campaigns.navigation import campaign_years
from councilwork.collation import vi_key
from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_role


@dataclass
class TreeNode:
    council: Council
    current: bool = False
    children: list["TreeNode"] = field(default_factory=list)


@dataclass(frozen=True)
class SummaryNavigation:
    ancestors: list[Council]  # top-level first; empty for ward staff (theirs only)
    tree: list[TreeNode]  # the top-level council's tree; empty for ward staff
    years: list[int]  # newest first, the shown year included

    @property
    def parent(self) -> Council | None:
        return self.ancestors[-1] if self.ancestors else None


def navigation_scope(user) -> str:
    """What the summary's ways lead ``user`` to: "own" (ward staff, their council's
    years alone) or "tree" (every other reader: the same ancestors, tree and years).

    The rendered ways are cached per scope: nothing else of the user changes them.
    """
    return "own" if user_role(user) == Role.WARD and not user.is_superuser else "tree"


def summary_navigation(*, user, council: Council, year: int) -> SummaryNavigation:
    """Where the summary of ``council`` can lead ``user``. At most three queries.

    Ward staff may open only their own council's summary: they get the years alone.
    """
    years = sorted({*campaign_years(council), year}, reverse=True)
    if navigation_scope(user) == "own":
        return SummaryNavigation(ancestors=[], tree=[], years=years)
    root_id = council.pk
    if council.parent_id is not None:
        above = Council.objects.filter(pk=council.parent_id).values_list("parent_id", flat=True)
        root_id = above.first() or council.parent_id
    councils = list(
        Council.objects.filter(Q(pk=root_id) | Q(parent_id=root_id) | Q(parent__parent_id=root_id))
        .only("name", "short_name", "slug", "level", "parent_id", "dissolved_on")
        .order_by()
    )
    nodes = {c.pk: TreeNode(council=c, current=c.pk == council.pk) for c in councils}
    for node in sorted(nodes.values(), key=lambda n: vi_key(n.council.short_name)):
        parent = nodes.get(node.council.parent_id)
        if parent is not None and node.council.pk != root_id:
            parent.children.append(node)
    ancestors, node = [], nodes.get(council.parent_id)
    while node is not None:
        ancestors.insert(0, node.council)
        node = nodes.get(node.council.parent_id) if node.council.pk != root_id else None
    root = nodes.get(root_id)
    return SummaryNavigation(ancestors=ancestors, tree=[root] if root else [], years=years)
