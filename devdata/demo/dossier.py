"""The demo's 2023 award dossier: the 22 recipients of decisions 486 and 487/QĐ-UBND.

Illustrative, like the decisions themselves: the emulation council's nine members, the
meeting's date and the tallies. The dossier points at the existing decisions, which
keep their awards exactly as the article counts them (10 collectives, 12 individuals).
"""

import datetime as dt

from django.utils import timezone

from awards.dossiers import (
    AwardDossier,
    AwardNominee,
    AwardPolicy,
    DossierStatus,
    EligibilityRule,
    Rounding,
    RuleKind,
)
from awards.models import AwardDecision, AwardKind, CertificateForm
from campaigns.dossiers import draft_reports, submission_text

from . import data
from .upsert import upsert

MEETING_DAY = dt.date(2024, 3, 5)
MEMBERS = 9
ISSUED_AT = dt.time(8, 0)  # on the decision's day (illustrative)


class DossierSteps:
    """The award kinds' rules, then the 2023 dossier with its meeting."""

    def award_rules(self):
        upsert(AwardPolicy, {"kind": AwardKind.CERTIFICATE_OF_MERIT}, vote_percent=70)
        upsert(AwardPolicy, {"kind": AwardKind.EMULATION_TITLE}, vote_percent=90)
        upsert(
            EligibilityRule,
            {"kind": AwardKind.EMULATION_TITLE, "rule": RuleKind.REQUIRES_AWARD},
            required_kind=AwardKind.EMULATION_TITLE,
            required_title="Lao động tiên tiến",
            text="Chiến sĩ thi đua cơ sở: đạt danh hiệu Lao động tiên tiến cùng năm",
        )
        upsert(
            EligibilityRule,
            {"kind": AwardKind.EMULATION_TITLE, "rule": RuleKind.REQUIRES_INITIATIVE},
            text="Chiến sĩ thi đua cơ sở: có sáng kiến được công nhận",
        )
        upsert(
            EligibilityRule,
            {"kind": AwardKind.EMULATION_TITLE, "rule": RuleKind.CAP},
            required_kind=AwardKind.EMULATION_TITLE,
            required_title="Lao động tiên tiến",
            percent=15,
            rounding=Rounding.FLOOR,
            text="Chiến sĩ thi đua cơ sở: không quá 15% số Lao động tiên tiến",
        )

    def dossier_2023(self, campaign):
        self.award_rules()
        decisions = AwardDecision.objects.filter(
            issuing_authority=data.AWARD_AUTHORITY,
            number__in=[number for number, _day in data.AWARD_DECISIONS.values()],
        ).order_by("number")
        awards = [a for d in decisions for a in d.awards.order_by("pk")]
        collectives = sum(1 for a in awards if a.is_collective)
        dossier = upsert(
            AwardDossier,
            {
                "council": self.district,
                "year": 2023,
                "kind": AwardKind.CERTIFICATE_OF_MERIT,
                "issuing_authority": data.AWARD_AUTHORITY,
            },
            status=DossierStatus.DECIDED,
            submission_text=submission_text(campaign, collectives, len(awards) - collectives),
            meeting_date=MEETING_DAY,
            members_total=MEMBERS,
            members_present=MEMBERS,
        )
        for n, award in enumerate(awards):
            against = n % 3 == 0  # illustrative: every third nominee has one vote against
            upsert(
                AwardNominee,
                {"dossier": dossier, **award.recipient_values()},
                achievement=award.achievement,
                votes_for=MEMBERS - 1 if against else MEMBERS,
                votes_against=1 if against else 0,
                votes_invalid=0,
            )
        draft_reports(dossier=dossier, campaign=campaign)
        # Issued as the service issues them: from the dossier, then read-only.
        for decision in decisions:
            issued = timezone.make_aware(dt.datetime.combine(decision.decision_date, ISSUED_AT))
            upsert(AwardDecision, {"pk": decision.pk}, dossier=dossier, issued_at=issued)
        self.certificate_form()
        return dossier

    def certificate_form(self):
        """The district's Giấy khen form, A4 landscape with the built-in positions."""
        upsert(
            CertificateForm,
            {"issuing_authority": data.AWARD_AUTHORITY, "kind": AwardKind.CERTIFICATE_OF_MERIT},
            name="Giấy khen UBND quận Dương Kinh (A4 ngang)",
            place="Dương Kinh",
        )
