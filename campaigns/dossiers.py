"""Award dossiers drafted from a campaign's records: nominees and their achievement reports.

The dossier is a record of awards/, but what it says about a nominee (score,
classification, rank among subjects of its kind) is measured here, so the drafting
lives in the emulation domain. The secretariat completes the drafted text by hand.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from awards.dossiers import AwardDossier, AwardNominee
from councilwork.roles import Role
from councilwork.services import user_role

from .formatting import format_points
from .models import Campaign, Scorecard
from .ranking import RankingRow, award_proposals, campaign_ranking


def _subject_key(card: Scorecard) -> tuple[str, int]:
    if card.subject_deputy_id:
        return ("person", card.subject_deputy.person_id)
    if card.subject_body_id:
        return ("body", card.subject_body_id)
    return ("council", card.subject_council_id)


def _nominee_key(nominee: AwardNominee) -> tuple[str, int]:
    if nominee.recipient_person_id:
        return ("person", nominee.recipient_person_id)
    if nominee.recipient_body_id:
        return ("body", nominee.recipient_body_id)
    return ("council", nominee.recipient_council_id)


def _cards(rows: list[RankingRow]) -> dict[int, Scorecard]:
    return Scorecard.objects.select_related("subject_deputy").in_bulk(
        [row.scorecard_pk for row in rows]
    )


def report_text(campaign: Campaign, row: RankingRow | None, of_kind: int) -> str:
    """The measured part of a nominee's achievement report (báo cáo thành tích)."""
    if row is None:
        return _(
            "No approved scorecard in the %(year)s emulation campaign: "
            "the secretariat writes the achievements."
        ) % {"year": campaign.year}
    text = _(
        "Emulation campaign %(year)s: %(total)s of %(maximum)s points; classification: "
        "%(classification)s; rank %(rank)s of %(count)s (%(kind)s)."
    ) % {
        "year": campaign.year,
        "total": format_points(row.total),
        "maximum": format_points(row.maximum),
        "classification": row.classification_label or "–",
        "rank": row.rank,
        "count": of_kind,
        "kind": row.kind_label,
    }
    return text


def draft_reports(*, dossier: AwardDossier, campaign: Campaign, overwrite: bool = False) -> int:
    """Fill every nominee's report from the campaign's ranking; returns how many changed.

    A report the secretariat has written stays, unless ``overwrite``. A few queries,
    however many nominees (the ranking's three, the scorecards', one per change).
    """
    ranking = campaign_ranking(campaign)
    cards = _cards(ranking)
    by_subject = {_subject_key(cards[row.scorecard_pk]): row for row in ranking}
    per_kind: dict[str, int] = {}
    for row in ranking:
        per_kind[row.kind] = per_kind.get(row.kind, 0) + 1
    changed = 0
    for nominee in dossier.nominees.order_by("pk"):
        if nominee.report_text.strip() and not overwrite:
            continue
        row = by_subject.get(_nominee_key(nominee))
        text = report_text(campaign, row, per_kind.get(row.kind, 0) if row else 0)
        if text != nominee.report_text:
            nominee.report_text = text
            nominee.full_clean()
            nominee.save(update_fields=["report_text"])
            changed += 1
    return changed


def submission_text(campaign: Campaign, collectives: int, individuals: int) -> str:
    """The cover submission's drafted opening (tờ trình), to complete by hand."""
    return _(
        "Submission on awards for the %(year)s emulation campaign of %(council)s: "
        "%(collectives)s collectives and %(individuals)s individuals proposed, on the "
        "records of the campaign's approved scorecards."
    ) % {
        "year": campaign.year,
        "council": campaign.council.name,
        "collectives": f"{collectives:02d}",
        "individuals": f"{individuals:02d}",
    }


@transaction.atomic
def dossier_from_proposals(
    *, campaign: Campaign, user, kind: str, issuing_authority: str
) -> AwardDossier:
    """A draft dossier with the campaign's award proposals as nominees, reports drafted."""
    if not (user.is_superuser or user_role(user) == Role.SECRETARIAT):
        raise PermissionDenied
    dossier = AwardDossier(
        council=campaign.council,
        year=campaign.year,
        kind=kind,
        issuing_authority=issuing_authority,
    )
    dossier.full_clean()
    dossier.save()
    proposals = award_proposals(campaign)
    cards = _cards(proposals)
    for row in proposals:
        card = cards[row.scorecard_pk]
        nominee = AwardNominee(
            dossier=dossier,
            recipient_council_id=card.subject_council_id,
            recipient_body_id=card.subject_body_id,
            recipient_person_id=card.subject_deputy.person_id if card.subject_deputy_id else None,
            achievement=row.classification_label,
        )
        nominee.full_clean()
        nominee.save()
    collectives = sum(1 for row in proposals if row.kind != "deputy")
    dossier.submission_text = submission_text(campaign, collectives, len(proposals) - collectives)
    dossier.save(update_fields=["submission_text"])
    draft_reports(dossier=dossier, campaign=campaign)
    return dossier
