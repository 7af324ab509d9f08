"""The arithmetic and the checks of a dossier: caps, eligibility, completeness, ballots.

Each rule has one home here; the admin, the services and the documents drafted from a
dossier all call these functions. Percentages are exact decimals: "70 % of 9" is
compared as 100 × votes ≥ 70 × 9, never through a rounded float.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .dossiers import (
    AwardDossier,
    AwardNominee,
    AwardPolicy,
    EligibilityRule,
    Rounding,
    RuleKind,
    VoteBase,
)
from .models import Award
from .recipients import RELATED


@dataclass(frozen=True)
class Cap:
    """How many nominees a percentage cap allows, with its rounding spelled out."""

    percent: Decimal
    holders: int
    exact: Decimal
    allowed: int
    rounding: str

    def explain(self) -> str:
        return _("%(percent)s%% of %(holders)s = %(exact)s, %(rounding)s: %(allowed)s") % {
            "percent": plain_number(self.percent),
            "holders": self.holders,
            "exact": number_format(self.exact.quantize(Decimal("0.01"))),
            "rounding": Rounding(self.rounding).label,
            "allowed": self.allowed,
        }


def plain_number(value: Decimal) -> str:
    """15 and 12,5, never 15.00 or 1E+1."""
    if value == value.to_integral_value():
        return str(int(value))
    return number_format(value.normalize())


def cap_allowed(percent: Decimal, holders: int, rounding: str) -> Cap:
    """At most ``percent`` % of ``holders``, rounded down or to the nearest (half up)."""
    exact = Decimal(percent) * holders / 100
    mode = ROUND_FLOOR if rounding == Rounding.FLOOR else ROUND_HALF_UP
    allowed = int(exact.quantize(Decimal(1), rounding=mode))
    return Cap(Decimal(percent), holders, exact, allowed, rounding)


@dataclass(frozen=True)
class Ballot:
    """A nominee's tally against the threshold: carried to the decision or not."""

    votes_for: int
    base: int  # the members the share is of: all of them or those present
    needed: int  # the fewest votes for that carry
    carried: bool


def ballot_result(
    *, votes_for: int, members_total: int, members_present: int, percent, base: str
) -> Ballot:
    """The verdict of a secret ballot: at least ``percent`` % of the base votes for.

    7 of 9 against 70 % of all members carries (77,8 %); 6 of 9 does not (66,7 %).
    """
    count = members_total if base == VoteBase.ALL else members_present
    percent = Decimal(percent)
    needed = int((percent * count / 100).to_integral_value(rounding="ROUND_CEILING"))
    carried = count > 0 and Decimal(votes_for) * 100 >= percent * count
    return Ballot(votes_for, count, needed, carried)


def nominee_ballot(nominee: AwardNominee, policy: AwardPolicy | None) -> Ballot | None:
    """The nominee's verdict, or None while the tally or the policy is missing."""
    dossier = nominee.dossier
    if policy is None or nominee.votes_for is None or dossier.members_total is None:
        return None
    return ballot_result(
        votes_for=nominee.votes_for,
        members_total=dossier.members_total,
        members_present=dossier.members_present or 0,
        percent=policy.vote_percent,
        base=policy.vote_base,
    )


def policy_for(kind: str) -> AwardPolicy | None:
    return AwardPolicy.objects.filter(kind=kind).first()


def _awards_of(rule: EligibilityRule, year: int):
    awards = Award.objects.filter(decision__year=year, decision__kind=rule.required_kind)
    if rule.required_title:
        title = rule.required_title
        named = Q(achievement__icontains=title) | Q(decision__title__icontains=title)
        awards = awards.filter(named)
    return awards


def eligibility_flags(dossier: AwardDossier) -> dict[int, list[str]]:
    """Per nominee, the text of every rule of the dossier's kind that it fails.

    A cap flags the nominees past the number allowed, in the dossier's order, with the
    arithmetic and its rounding. A few queries per rule, however many nominees.
    """
    nominees = list(dossier.nominees.order_by("pk"))
    flags: dict[int, list[str]] = {n.pk: [] for n in nominees}
    for rule in EligibilityRule.objects.filter(kind=dossier.kind).order_by("pk"):
        if rule.rule == RuleKind.REQUIRES_INITIATIVE:
            failing = [n for n in nominees if not n.initiative.strip()]
        elif rule.rule == RuleKind.REQUIRES_AWARD:
            awards = _awards_of(rule, dossier.year)
            failing = [n for n in nominees if not awards.filter(n.recipient_lookup()).exists()]
        else:
            holders = _awards_of(rule, dossier.year).filter(decision__council=dossier.council)
            cap = cap_allowed(rule.percent, holders.count(), rule.rounding)
            failing = nominees[cap.allowed :]
            for nominee in failing:
                flags[nominee.pk].append(f"{rule.text} ({cap.explain()})")
            continue
        for nominee in failing:
            flags[nominee.pk].append(rule.text)
    return flags


def completeness_problems(dossier: AwardDossier) -> list[str]:
    """What the dossier still lacks before it can go to the meeting (empty: complete)."""
    problems = []
    if not dossier.submission_text.strip() and not dossier.submission_file:
        problems.append(_("The cover submission (tờ trình) is missing."))
    nominees = list(dossier.nominees.select_related(*RECIPIENTS))
    if not nominees:
        problems.append(_("The dossier has no nominee."))
    for nominee in nominees:
        if not nominee.report_text.strip() and not nominee.report_file:
            problems.append(
                _("The achievement report of %(name)s is missing.") % {"name": nominee.recipient}
            )
    return problems


RECIPIENTS = RELATED  # what a nominee's name needs (select_related)


def check_complete(dossier: AwardDossier) -> None:
    """Refuse, naming every missing piece, a dossier that cannot go to the meeting."""
    problems = completeness_problems(dossier)
    if problems:
        raise ValidationError(
            _("The dossier is not complete: %(problems)s") % {"problems": " ".join(problems)},
            code="incomplete",
        )
