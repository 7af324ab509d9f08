"""The drafted year-end narrative, in the style of the seed article.

"HĐND quận tổ chức 04 kỳ họp (02 kỳ họp chuyên đề, 02 kỳ họp thường lệ), ban hành
38 Nghị quyết; …": counts written with two digits, as administrative reports do.
Every sentence is a translatable template filled from the figures; none is stored.
"""

from django.utils.translation import gettext as _

from councilwork.models import Council, CouncilLevel

from .figures import YearFigures
from .types import AwardRow


def two_digits(n: int) -> str:
    """Small counts as Vietnamese reports write them: 04, 12, 138."""
    return f"{n:02d}"


def children_phrase(children: list[Council]) -> str:
    """How the report names the councils below, e.g. "HĐND các phường"."""
    prefixes = {child.name.split(" ")[1] if " " in child.name else "" for child in children}
    if prefixes == {"phường"}:
        return _("the ward councils")
    if prefixes == {"xã"}:
        return _("the commune councils")
    if children and all(c.level == CouncilLevel.DISTRICT for c in children):
        return _("the district councils")
    return _("the councils below")


def narrative(
    council: Council,
    figures: YearFigures,
    *,
    theme: str,
    children: list[Council],
    awards: list[AwardRow],
) -> list[str]:
    """The report's paragraphs for ``figures``; no query."""
    paragraphs = []
    if theme:
        intro = _("In %(year)s, %(council)s ran its emulation campaign on the theme “%(theme)s”.")
        paragraphs.append(intro % {"year": figures.year, "council": council.name, "theme": theme})
    paragraphs.append(_sessions(council, figures, children))
    paragraphs.append(_oversight(council, figures, children))
    if awards:
        paragraphs.append(_awards(figures, awards))
    pledges = figures.pledges_next_year
    if pledges["total"]:
        paragraphs.append(_pledges(figures.year + 1, pledges, children))
    return paragraphs


def _sessions(council, figures, children) -> str:
    own = figures.council_sessions
    text = _(
        "%(council)s held %(total)s sessions (%(thematic)s thematic sessions, %(regular)s "
        "regular sessions) and adopted %(resolutions)s resolutions"
    ) % {
        "council": council.name,
        "total": two_digits(own["total"]),
        "thematic": two_digits(own["thematic"]),
        "regular": two_digits(own["regular"]),
        "resolutions": two_digits(figures.council_resolutions),
    }
    if children:
        wards = figures.ward_sessions
        text += _(
            "; %(children)s held %(total)s sessions (of which %(thematic)s thematic) and "
            "adopted %(resolutions)s resolutions"
        ) % {
            "children": children_phrase(children),
            "total": two_digits(wards["total"]),
            "thematic": two_digits(wards["thematic"]),
            "resolutions": two_digits(figures.ward_resolutions),
        }
    return text + "."


def _oversight(council, figures, children) -> str:
    own = figures.council_oversight
    parts = []
    if own["thematic"]:
        parts.append(_("%(n)s thematic oversight activities") % {"n": two_digits(own["thematic"])})
    if own["regular"]:
        parts.append(_("%(n)s regular oversight activities") % {"n": two_digits(own["regular"])})
    if own["survey"]:
        parts.append(_("%(n)s surveys") % {"n": two_digits(own["survey"])})
    if own["interpellation"]:
        parts.append(
            _("%(n)s interpellation sessions between two sessions")
            % {"n": two_digits(own["interpellation"])}
        )
    text = _("%(council)s carried out %(total)s oversight and survey activities") % {
        "council": council.name,
        "total": two_digits(own["total"]),
    }
    if parts:
        text += _(" (of which %(parts)s)") % {"parts": ", ".join(parts)}
    if children:
        wards = figures.ward_oversight
        text += _("; %(children)s carried out %(total)s oversight activities") % {
            "children": children_phrase(children),
            "total": two_digits(wards["total"]),
        }
        if wards["thematic"]:
            text += _(" (of which %(n)s thematic)") % {"n": two_digits(wards["thematic"])}
    return text + "."


def _awards(figures, awards: list[AwardRow]) -> str:
    authorities = sorted({a.issuing_authority for a in awards})
    kinds = sorted({a.kind_label for a in awards})
    counts = figures.awards
    return _(
        "%(authority)s awarded %(kind)s to %(collectives)s collectives and %(individuals)s "
        "individuals for outstanding achievements in the work of the People's Councils "
        "in %(year)s."
    ) % {
        "authority": ", ".join(authorities),
        "kind": ", ".join(kinds),
        "collectives": two_digits(counts["collective"]),
        "individuals": two_digits(counts["individual"]),
        "year": figures.year,
    }


def _pledges(next_year: int, pledges: dict, children) -> str:
    parts = []
    if pledges["committee"]:
        parts.append(_("%(n)s committees") % {"n": two_digits(pledges["committee"])})
    if pledges["deputy_group"]:
        parts.append(_("%(n)s deputy groups") % {"n": two_digits(pledges["deputy_group"])})
    if pledges["standing_committee"]:
        parts.append(
            _("the standing committees of %(n)s councils")
            % {"n": two_digits(pledges["standing_committee"])}
        )
    signers = (
        parts[0]
        if len(parts) == 1
        else _("%(first)s and %(last)s")
        % {
            "first": ", ".join(parts[:-1]),
            "last": parts[-1],
        }
    )
    return _("%(signers)s committed to and signed the emulation pledges for %(year)s.") % {
        "signers": signers[:1].upper() + signers[1:],
        "year": next_year,
    }
