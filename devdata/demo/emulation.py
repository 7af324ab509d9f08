"""The demo's emulation steps: the campaigns, the 2023 scorecards and their review,
the awards and the pledges, and the wards' 2024 drafts (mixed into DemoBuilder)."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from awards.models import Award, AwardDecision, AwardKind
from campaigns import services
from campaigns.models import (
    Campaign,
    CampaignStatus,
    ClassificationThreshold,
    Commitment,
    Criterion,
    Evidence,
    Pledge,
    Score,
    Scorecard,
    ScorecardEvent,
    ScorecardStatus,
    SubjectKind,
)
from councilwork.models import Deputy

from . import data
from .upsert import upsert


class EmulationSteps:
    """Steps of DemoBuilder that build the campaign year; they use its organisation."""

    # Campaigns, scorecards, awards, pledges ------------------------------------------

    def campaign(self, year, theme, launched_on, status):
        campaign = upsert(
            Campaign,
            {"council": self.district, "year": year},
            theme=theme,
            launched_on=launched_on,
            status=status,
            score_step=Decimal("0.5"),
        )
        for kind, criteria in data.CRITERIA.items():
            for position, (section, code, title, maximum) in enumerate(criteria, 1):
                upsert(
                    Criterion,
                    {"campaign": campaign, "applies_to": kind, "code": code},
                    section=section,
                    title=title,
                    max_points=Decimal(maximum),
                    position=position,
                )
            for classification, minimum in data.THRESHOLDS:
                upsert(
                    ClassificationThreshold,
                    {"campaign": campaign, "applies_to": kind, "classification": classification},
                    min_points=Decimal(minimum),
                )
        return campaign

    def scorecards_2023(self, campaign):
        """Score, submit and approve through the workflow's services, so history is real."""
        subjects = [
            (SubjectKind.STANDING_COMMITTEE, "subject_body", self.standing["district"]),
            *[(SubjectKind.COMMITTEE, "subject_body", body) for body in self.committees],
            *[(SubjectKind.DEPUTY_GROUP, "subject_body", body) for body in self.groups],
            *[(SubjectKind.COUNCIL, "subject_council", ward) for ward in self.wards.values()],
        ]
        cards = [
            upsert(Scorecard, {"campaign": campaign, field: subject}, subject_kind=kind)
            for kind, field, subject in subjects
        ]
        if all(card.status == ScorecardStatus.APPROVED for card in cards):
            return  # built by an earlier run
        # Scoring happens while the campaign is open; it closes again afterwards.
        upsert(Campaign, {"pk": campaign.pk}, status=CampaignStatus.OPEN)
        for n, ((kind, _field, subject), card) in enumerate(zip(subjects, cards, strict=True)):
            if card.status == ScorecardStatus.APPROVED:
                continue
            criteria = list(campaign.criteria.filter(applies_to=kind).order_by("position"))
            entries = {}
            for i, criterion in enumerate(criteria):
                deduction = Decimal(str(data.DEDUCTIONS[(n * 3 + i) % len(data.DEDUCTIONS)]))
                points = max(Decimal(0), criterion.max_points - deduction * (1 + n % 3))
                entries[criterion.pk] = (points, "")
            self._score_and_approve(card, subject, entries, criteria)
        upsert(Campaign, {"pk": campaign.pk}, status=CampaignStatus.CLOSED)

    def _score_and_approve(self, card, subject, entries, criteria):
        ward_staff = self.users["anhdung"]
        scorer = ward_staff if subject == ward_staff.council else self.users[data.DEMO_CLERK[0]]
        card = services.scorecard_save(
            scorecard=card, user=scorer, version=card.version, entries=entries
        )
        if scorer is ward_staff:
            services.evidence_add(
                scorecard=card,
                user=scorer,
                upload=ContentFile(data.EVIDENCE_PDF, name="bien-ban-ky-hop-2023.pdf"),
                criterion_id=criteria[0].pk,
            )
        card = services.scorecard_submit(
            scorecard=card, user=scorer, version=card.version, reason=data.BEHALF_REASON
        )
        decisions = {}
        if scorer is ward_staff:
            # One point lowered at review, to show a changed point and its reason.
            points, _note = entries[criteria[0].pk]
            decisions[criteria[0].pk] = (points - 1, data.REVIEW_REASON)
        card = services.scorecard_approve(
            scorecard=card, user=self.users["vanphong"], version=card.version, decisions=decisions
        )
        # The workflow stamps "now"; the demo's history belongs to February 2024. Each
        # row is saved on its own so that the audit history records these edits too.
        reviewed = timezone.make_aware(dt.datetime.combine(data.REVIEW_DAY, dt.time(9)))
        for event in card.events.all():
            upsert(ScorecardEvent, {"pk": event.pk}, at=reviewed)
        for evidence in card.evidence.all():
            upsert(Evidence, {"pk": evidence.pk}, uploaded_at=reviewed - dt.timedelta(days=19))
        upsert(
            Scorecard,
            {"pk": card.pk},
            submitted_at=reviewed - dt.timedelta(days=15),
            reviewed_at=reviewed,
        )

    def awards(self):
        collectives = [
            *self.committees,
            *self.groups[:3],
            *[self.standing[slug] for slug, _name in data.WARDS[:5]],
        ]
        number, day = data.AWARD_DECISIONS["collective"]
        decision = self._decision(number, day, "tập thể")
        for body in collectives:
            upsert(
                Award,
                {"decision": decision, "recipient_body": body},
                achievement="Có thành tích xuất sắc trong hoạt động của HĐND các cấp năm 2023",
            )
        number, day = data.AWARD_DECISIONS["individual"]
        decision = self._decision(number, day, "cá nhân")
        # The chair and vice chair hand the certificates over; others receive them.
        deputies = (
            Deputy.objects.filter(term__council=self.district)
            .exclude(person__full_name__in=[data.CHAIR[0], data.VICE_CHAIR[0]])
            .select_related("person")
            .order_by("pk")
        )
        for deputy in deputies[:12]:
            upsert(
                Award,
                {"decision": decision, "recipient_person": deputy.person},
                achievement="Có thành tích xuất sắc trong hoạt động của HĐND các cấp năm 2023",
            )

    def _decision(self, number, day, whom):
        return upsert(
            AwardDecision,
            {"issuing_authority": data.AWARD_AUTHORITY, "number": number},
            council=self.district,
            year=2023,
            kind=AwardKind.CERTIFICATE_OF_MERIT,
            decision_date=day,
            title=f"Về việc tặng Giấy khen cho các {whom} có thành tích xuất sắc năm 2023",
        )

    def pledges(self, campaign, signed_on):
        signers = [*self.committees, *self.groups]
        signers += [self.standing[slug] for slug, _name in data.WARDS]
        for body in signers:
            pledge = upsert(
                Pledge,
                {"campaign": campaign, "body": body},
                signed_on=signed_on,
            )
            for position, (text, metric, target) in enumerate(data.COMMITMENTS[body.kind], 1):
                upsert(
                    Commitment,
                    {"pledge": pledge, "position": position},
                    text=text,
                    metric=metric,
                    target=target,
                )

    def ward_drafts(self, campaign):
        for ward in self.wards.values():
            card = upsert(
                Scorecard,
                {"campaign": campaign, "subject_council": ward},
                subject_kind=SubjectKind.COUNCIL,
            )
            for criterion in campaign.criteria.filter(applies_to=SubjectKind.COUNCIL):
                upsert(Score, {"scorecard": card, "criterion": criterion})
