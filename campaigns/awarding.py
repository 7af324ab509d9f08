"""Award decisions from a campaign's proposals: each subject awarded once per campaign.

A decision closes the campaign of its council and achievement year (a council has one
campaign a year, so that pair is the decision's link to its campaign). Decisions for
one campaign are made one at a time: the campaign's row is locked first, so of two
secretaries posting together one records the decision and the other is told that the
proposals are awarded already. Whatever the database refuses under concurrency (a
number taken meanwhile, SQLite's "database is locked") becomes a message, not a 500.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from awards.models import Award, AwardDecision
from councilwork.roles import Role
from councilwork.services import user_role

from .models import Campaign, Scorecard
from .ranking import award_proposals


def awards_from_proposals(
    *,
    campaign: Campaign,
    user,
    number: str,
    decision_date: dt.date,
    issuing_authority: str,
    kind: str,
) -> AwardDecision:
    """Turn the campaign's award proposals into one decision with an award each.

    Refused with a message, and nothing written: a date outside the campaign's year
    and the next, no proposal left (every one awarded already), a number the issuing
    authority has used that year, or a write that collided with another one.
    """
    if not (user.is_superuser or user_role(user) == Role.SECRETARIAT):
        raise PermissionDenied
    if not campaign.year <= decision_date.year <= campaign.year + 1:
        message = _("A decision on the %(year)s campaign is dated in %(year)s or %(next)s.")
        raise ValidationError(
            {"decision_date": message % {"year": campaign.year, "next": campaign.year + 1}}
        )
    values = {
        "kind": kind,
        "number": number,
        "decision_date": decision_date,
        "issuing_authority": issuing_authority,
    }
    try:
        with transaction.atomic():
            return _decide(campaign, values)
    except IntegrityError:
        raise ValidationError(
            _(
                "Another decision was recorded at the same moment. Reload the page to see "
                "what is still proposed."
            ),
            code="concurrent",
        ) from None
    except OperationalError as error:
        if "locked" not in str(error):  # SQLite: another writer held the database too long
            raise
        raise ValidationError(
            _("Another record was being saved at the same moment. Try again in a moment."),
            code="busy",
        ) from None


def _decide(campaign: Campaign, values: dict) -> AwardDecision:
    # The lock that makes decisions on one campaign wait for each other (PostgreSQL).
    campaign = Campaign.objects.select_for_update().select_related("council").get(pk=campaign.pk)
    proposals = award_proposals(campaign)
    if not proposals:
        decided = list(campaign.award_decisions.order_by("decision_date", "number"))
        if decided:
            raise ValidationError(
                _("Every proposal of this campaign is awarded already, by decision %(numbers)s.")
                % {"numbers": ", ".join(d.number for d in decided)},
                code="awarded",
            )
        raise ValidationError(_("There is no proposal to turn into awards."), code="none")
    decision = AwardDecision(
        council=campaign.council,
        year=campaign.year,
        title=_("Awards of the %(year)s emulation campaign") % {"year": campaign.year},
        **values,
    )
    decision.full_clean()
    decision.save()
    related = ("subject_council", "subject_body", "subject_deputy__person")
    cards = Scorecard.objects.select_related(*related).in_bulk(
        [row.scorecard_pk for row in proposals]
    )
    for row in proposals:
        card = cards[row.scorecard_pk]
        award = Award(
            decision=decision,
            recipient_council=card.subject_council,
            recipient_body=card.subject_body,
            recipient_person=card.subject_deputy.person if card.subject_deputy_id else None,
            achievement=row.classification_label,
        )
        award.full_clean()
        award.save()
    return decision
