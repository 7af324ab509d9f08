"""The drafted year-end narrative, in the style of the seed article.

"HĐND quận tổ chức 04 kỳ họp (02 kỳ họp chuyên đề, 02 kỳ họp thường lệ), ban hành
38 Nghị quyết; …": counts written with two digits, as administrative reports do.
Every sentence is a translatable template filled from the figures; none is stored.
"""

from django.utils.translation import gettext as _

from councilwork.models import BodyKind, Council, CouncilLevel

from .figures import YearFigures
from .types import AwardRow, LevelTable, PledgeRow


def two_digits(n: int) -> str:
    """Small counts as Vietnamese reports write them: 04, 12, 138."""
    return f"{n:02d}"


def _kinds(table: LevelTable) -> set[str]:
    """The unit words of a level's council names: "phường", "xã", "quận", "huyện"…"""
    return {row.council.name.split(" ")[1] if " " in row.council.name else "" for row in table.rows}


def councils_phrase(table: LevelTable) -> str:
    """How the report names one level of councils below, e.g. "HĐND các phường"."""
    kinds = _kinds(table)
    if kinds == {"phường"}:
        return _("the ward councils")
    if kinds == {"xã"}:
        return _("the commune councils")
    if kinds <= {"xã", "phường", "thị"}:
        return _("the commune and ward councils")
    if table.level == CouncilLevel.DISTRICT:
        return _("the district councils")
    return _("the councils below")


def units_phrase(table: LevelTable, n: int) -> str:
    """A count of councils of one level as units: "06 phường", "12 xã", "02 quận, huyện"."""
    kinds = _kinds(table)
    if kinds == {"phường"}:
        unit = _("wards")
    elif kinds == {"xã"}:
        unit = _("communes")
    elif kinds <= {"xã", "phường", "thị"}:
        unit = _("communes and wards")
    elif table.level == CouncilLevel.DISTRICT:
        unit = _("districts")
    else:
        unit = _("councils below")
    return f"{two_digits(n)} {unit}"


def narrative(
    council: Council,
    figures: YearFigures,
    *,
    theme: str,
    below: list[LevelTable],
    awards: list[AwardRow],
    pledges: list[PledgeRow],
) -> list[str]:
    """The report's paragraphs for ``figures``; no query."""
    paragraphs = []
    if theme:
        intro = _("In %(year)s, %(council)s ran its emulation campaign on the theme “%(theme)s”.")
        paragraphs.append(intro % {"year": figures.year, "council": council.name, "theme": theme})
    if figures.has_records:
        paragraphs.append(_sessions(council, figures, below))
        paragraphs.append(_oversight(council, figures, below))
    else:
        paragraphs.append(
            _("No session, resolution or oversight activity is recorded for %(year)s.")
            % {"year": figures.year}
        )
    digital = _digital(figures, below)
    if digital:
        paragraphs.append(digital)
    work = _work(council, figures)
    if work:
        paragraphs.append(work)
    if awards:
        paragraphs.append(_awards(figures, awards, has_below=bool(below)))
    signed = _pledges(council, figures.year + 1, pledges, below) if pledges else ""
    if signed:
        paragraphs.append(signed)
    return paragraphs


def _sessions(council, figures, below) -> str:
    own = figures.council_sessions
    if not own["total"] and not figures.council_resolutions:
        # Only the councils below met: no "00 kỳ họp (00 …, 00 …)" for the council.
        text = _("%(council)s held no session") % {"council": council.name}
        return text + "".join(_below_sessions(figures, table) for table in below) + "."
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
    return text + "".join(_below_sessions(figures, table) for table in below) + "."


def _below_sessions(figures, table) -> str:
    level = figures.below[table.level]
    return _(
        "; %(children)s held %(total)s sessions (of which %(thematic)s thematic) and "
        "adopted %(resolutions)s resolutions"
    ) % {
        "children": councils_phrase(table),
        "total": two_digits(level["sessions"]["total"]),
        "thematic": two_digits(level["sessions"]["thematic"]),
        "resolutions": two_digits(level["resolutions"]),
    }


def _digital(figures, below) -> str:
    """The digital work: "04/04 kỳ họp không giấy tờ; 38/38 nghị quyết được ký số; …".

    "" in a year without a paperless session, a document sent or a signature checked; a
    council (or level) that held no session and adopted no resolution is left out.
    """
    own = (None, figures.digital, figures.council_sessions["total"])
    held = [own] + [
        (t, figures.below[t.level]["digital"], figures.below[t.level]["sessions"]["total"])
        for t in below
    ]
    if not any(d["paperless_sessions"] or d["documents_sent"] or d["resolutions_signed"]
               or d["signatures_failed"] for _t, d, _n in held):  # fmt: skip
        return ""
    parts = []
    for table, d, sessions in held:
        if not sessions and not d["resolutions"]:
            continue
        ratios = {
            "paperless": two_digits(d["paperless_sessions"]),
            "sessions": two_digits(sessions),
            "signed": two_digits(d["resolutions_signed"]),
            "resolutions": two_digits(d["resolutions"]),
            "sent": two_digits(d["documents_sent"]),
        }
        if table is None:
            template = _(
                "%(paperless)s/%(sessions)s paperless sessions, %(signed)s/%(resolutions)s "
                "resolutions digitally signed, %(sent)s session documents sent electronically"
            )
        else:
            ratios["children"] = councils_phrase(table)
            template = _(
                "%(children)s: %(paperless)s/%(sessions)s paperless sessions, "
                "%(signed)s/%(resolutions)s resolutions digitally signed"
            )
        parts.append(template % ratios)
    failed = sum(d["signatures_failed"] for _t, d, _n in held)
    if failed:
        parts.append(
            _("the signatures of %(n)s documents could not be verified") % {"n": two_digits(failed)}
        )
    return _("Digital transformation: %(parts)s.") % {"parts": "; ".join(parts)}


def percent_text(value: float) -> str:
    """ "93,8 %" for 93.8: one decimal, a decimal comma, as Vietnamese reports write it."""
    return f"{value:.1f}".replace(".", ",") + " %"


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as ``percent_text`` writes it: "93,8 %"."""
    return percent_text(100 * part / whole)


def _work(council, figures) -> str:
    """The council's deputies at work: attendance, citizen reception, voters' petitions."""
    attendance = figures.attendance
    reception, petitions = figures.citizen_reception, figures.voter_petitions
    parts = []
    if attendance["expected"]:
        parts.append(
            _("the deputies attended %(rate)s of the places at the sessions")
            % {"rate": percent(attendance["attended"], attendance["expected"])}
        )
    if reception["days"]:
        parts.append(
            _(
                "held %(days)s citizen reception days, received %(citizens)s citizens and "
                "%(cases)s cases (%(answered)s answered, %(overdue)s overdue)"
            )
            % {
                "days": two_digits(reception["days"]),
                "citizens": two_digits(reception["citizens"]),
                "cases": two_digits(reception["cases"]["total"]),
                "answered": two_digits(reception["answered"]),
                "overdue": two_digits(reception["overdue"]),
            }
        )
    if petitions["meetings"]:
        text = _(
            "held %(meetings)s meetings with %(voters)s voters and gathered %(petitions)s "
            "voters' petitions"
        ) % {
            "meetings": two_digits(petitions["meetings"]),
            "voters": two_digits(petitions["voters"]),
            "petitions": two_digits(petitions["petitions"]),
        }
        if petitions["petitions"]:
            text += _(", %(answered)s answered (%(share)s)") % {
                "answered": two_digits(petitions["answered"]),
                "share": percent(petitions["answered"], petitions["petitions"]),
            }
        parts.append(text)
    if not parts:
        return ""
    return _("%(council)s: %(parts)s.") % {"council": council.name, "parts": "; ".join(parts)}


def _oversight(council, figures, below) -> str:
    own = figures.council_oversight
    parts = []
    if own["thematic"]:
        parts.append(_("%(n)s thematic oversight activities") % {"n": two_digits(own["thematic"])})
    if own["regular"]:
        parts.append(_("%(n)s regular oversight activities") % {"n": two_digits(own["regular"])})
    if own["survey"]:
        parts.append(_("%(n)s surveys") % {"n": two_digits(own["survey"])})
    # A YearFigures built by hand before the kind existed has no such key.
    if own.get("interpellation_at_session"):
        parts.append(
            _("%(n)s interpellation sessions at sessions")
            % {"n": two_digits(own["interpellation_at_session"])}
        )
    if own["interpellation"]:
        parts.append(
            _("%(n)s interpellation sessions between two sessions")
            % {"n": two_digits(own["interpellation"])}
        )
    if own["total"]:
        text = _("%(council)s carried out %(total)s oversight and survey activities") % {
            "council": council.name,
            "total": two_digits(own["total"]),
        }
    else:
        text = _("%(council)s carried out no oversight activity") % {"council": council.name}
    if parts:
        text += _(" (of which %(parts)s)") % {"parts": ", ".join(parts)}
    for table in below:
        level = figures.below[table.level]["oversight"]
        text += _("; %(children)s carried out %(total)s oversight activities") % {
            "children": councils_phrase(table),
            "total": two_digits(level["total"]),
        }
        if level["thematic"]:
            text += _(" (of which %(n)s thematic)") % {"n": two_digits(level["thematic"])}
    return text + "."


def _awards(figures, awards: list[AwardRow], *, has_below: bool) -> str:
    authorities = sorted({a.issuing_authority for a in awards})
    kinds = sorted({a.kind_label for a in awards})
    counts = figures.awards
    values = {
        "authority": ", ".join(authorities),
        "kind": ", ".join(kinds),
        "collectives": two_digits(counts["collective"]),
        # People, not certificates: a person named twice is one individual.
        "individuals": two_digits(counts["individual_people"]),
        "year": figures.year,
    }
    if has_below:
        return (
            _(
                "%(authority)s awarded %(kind)s to %(collectives)s collectives and "
                "%(individuals)s individuals for outstanding achievements in the work of the "
                "People's Councils in %(year)s."
            )
            % values
        )
    return (
        _(
            "%(authority)s awarded %(kind)s to %(collectives)s collectives and %(individuals)s "
            "individuals for outstanding achievements in the work of the People's Council "
            "in %(year)s."
        )
        % values
    )


def _pledges(council, next_year: int, pledges: list[PledgeRow], below) -> str:
    own = [p for p in pledges if p.own]
    committees = sum(1 for p in own if p.kind == BodyKind.COMMITTEE)
    groups = sum(1 for p in own if p.kind == BodyKind.DEPUTY_GROUP)
    parts = []
    if committees:
        parts.append(_("%(n)s committees") % {"n": two_digits(committees)})
    if groups:
        parts.append(_("%(n)s deputy groups") % {"n": two_digits(groups)})
    if any(p.kind == BodyKind.STANDING_COMMITTEE for p in own):
        parts.append(_("the standing committee of %(council)s") % {"council": council.name})
    # Only the councils below count among "the standing committees of NN wards".
    names = {row.council.short_name: table for table in below for row in table.rows}
    for table in below:
        signed = {
            p.council
            for p in pledges
            if not p.own and p.kind == BodyKind.STANDING_COMMITTEE and names.get(p.council) is table
        }
        if signed:
            parts.append(
                _("the standing committees of %(units)s")
                % {"units": units_phrase(table, len(signed))}
            )
    if not parts:
        return ""
    signers = (
        parts[0]
        if len(parts) == 1
        else _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    )
    return _("%(signers)s committed to and signed the emulation pledges for %(year)s.") % {
        "signers": signers[:1].upper() + signers[1:],
        "year": next_year,
    }
