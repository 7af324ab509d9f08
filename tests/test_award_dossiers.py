"""Award dossiers: completeness before the meeting, eligibility rules with their text,
caps with their rounding, the secret ballot's threshold at its edges, and the demo's
2023 dossier behind decisions 486 and 487/QĐ-UBND."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.dossier_rules import (
    ballot_result,
    cap_allowed,
    completeness_problems,
    eligibility_flags,
)
from awards.dossier_services import carried_nominees, dossier_mark_ready, dossier_record_meeting
from awards.dossiers import AwardDossier, AwardNominee, DossierStatus, EligibilityRule, RuleKind
from awards.models import Award, AwardDecision, AwardKind
from campaigns.dossiers import draft_reports
from campaigns.models import Campaign
from councilwork.documents import check_document
from councilwork.models import Body, Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("votes", "total", "present", "percent", "base", "carried", "needed"),
    [
        (6, 9, 9, "70", "all", False, 7),
        (7, 9, 9, "70", "all", True, 7),
        (6, 9, 8, "70", "present", True, 6),  # 75 % of those present
        (5, 9, 8, "70", "present", False, 6),
        (8, 9, 9, "90", "all", False, 9),  # 88,9 %
        (9, 9, 9, "90", "all", True, 9),
        (7, 10, 10, "70", "all", True, 7),  # exactly 70 % carries
    ],
)
def test_the_ballot_threshold_at_its_edges(votes, total, present, percent, base, carried, needed):
    ballot = ballot_result(
        votes_for=votes, members_total=total, members_present=present, percent=percent, base=base
    )
    assert (ballot.carried, ballot.needed) == (carried, needed)


@pytest.mark.parametrize(
    ("percent", "holders", "rounding", "allowed", "said"),
    [
        ("15", 22, "floor", 3, "15% của 22 = 3,30, làm tròn xuống: 3"),
        ("15", 30, "floor", 4, "15% của 30 = 4,50, làm tròn xuống: 4"),
        ("15", 30, "round", 5, "15% của 30 = 4,50, làm tròn đến số gần nhất: 5"),
        ("15", 0, "round", 0, "15% của 0 = 0,00, làm tròn đến số gần nhất: 0"),
    ],
)
def test_caps_with_their_rounding(percent, holders, rounding, allowed, said):
    cap = cap_allowed(Decimal(percent), holders, rounding)
    assert cap.allowed == allowed
    assert cap.explain() == said


@pytest.fixture
def district_dossier(district):
    return AwardDossier.objects.create(
        council=district, year=2023, kind=AwardKind.EMULATION_TITLE, issuing_authority="UBND X"
    )


def _title_holder(district, people, title="Lao động tiên tiến"):
    decision = AwardDecision.objects.create(
        council=district,
        year=2023,
        kind=AwardKind.EMULATION_TITLE,
        number="1/QĐ-X",
        decision_date=dt.date(2024, 1, 5),
        issuing_authority="UBND X",
        title=f"Tặng danh hiệu {title}",
    )
    for person in people:
        Award.objects.create(decision=decision, recipient_person=person, achievement=title)


def test_eligibility_chain_flags_each_failing_nominee_with_the_rules_text(
    district, district_dossier
):
    people = list(Person.objects.order_by("pk")[:8])
    _title_holder(district, people[:7])  # seven holders of Lao động tiên tiến
    holder, outsider, second = people[0], people[7], people[1]
    nominees = [
        AwardNominee.objects.create(
            dossier=district_dossier, recipient_person=holder, initiative="SK 01/2023"
        ),
        AwardNominee.objects.create(dossier=district_dossier, recipient_person=outsider),
        AwardNominee.objects.create(
            dossier=district_dossier, recipient_person=second, initiative="SK 02/2023"
        ),
    ]
    flags = eligibility_flags(district_dossier)
    requires, initiative, cap = (
        EligibilityRule.objects.get(kind=AwardKind.EMULATION_TITLE, rule=rule).text
        for rule in (RuleKind.REQUIRES_AWARD, RuleKind.REQUIRES_INITIATIVE, RuleKind.CAP)
    )
    assert flags[nominees[0].pk] == []
    assert flags[nominees[1].pk][:2] == [requires, initiative]
    # 15 % of 7 holders = 1,05, rounded down: one nominee; the second and third are past it.
    assert flags[nominees[1].pk][2] == f"{cap} (15% của 7 = 1,05, làm tròn xuống: 1)"
    assert flags[nominees[2].pk] == [f"{cap} (15% của 7 = 1,05, làm tròn xuống: 1)"]


def test_an_incomplete_dossier_is_refused_naming_what_is_missing(
    district, district_dossier, secretariat
):
    body = Body.objects.filter(council=district).first()
    AwardNominee.objects.create(dossier=district_dossier, recipient_body=body)
    with pytest.raises(ValidationError) as refused:
        dossier_mark_ready(dossier=district_dossier, user=secretariat)
    message = " ".join(refused.value.messages)
    assert "Thiếu tờ trình." in message
    assert f"Thiếu báo cáo thành tích của {body.name}." in message
    district_dossier.refresh_from_db()
    assert district_dossier.status == DossierStatus.DRAFT

    district_dossier.submission_text = "Tờ trình số 12/TTr-VP"
    district_dossier.save()
    district_dossier.nominees.update(report_text="Báo cáo thành tích")
    assert completeness_problems(district_dossier) == []
    dossier_mark_ready(dossier=district_dossier, user=secretariat)
    district_dossier.refresh_from_db()
    assert district_dossier.status == DossierStatus.READY


def test_an_uploaded_piece_counts_and_must_be_a_document(district_dossier):
    district_dossier.submission_file = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 body")
    assert completeness_problems(district_dossier)[0] == "Hồ sơ chưa có người được đề nghị."
    with pytest.raises(ValidationError) as refused:
        check_document(SimpleUploadedFile("to-trinh.pdf", b"GIF89a"))
    assert "không khớp" in refused.value.messages[0]


def test_leaders_cannot_move_a_dossier(district_dossier, leader):
    with pytest.raises(PermissionDenied):
        dossier_mark_ready(dossier=district_dossier, user=leader)


def test_the_meeting_needs_attendance_and_every_tally(district, district_dossier, secretariat):
    person = Person.objects.first()
    nominee = AwardNominee.objects.create(
        dossier=district_dossier, recipient_person=person, report_text="BC"
    )
    AwardDossier.objects.filter(pk=district_dossier.pk).update(status=DossierStatus.READY)
    with pytest.raises(ValidationError) as refused:
        dossier_record_meeting(dossier=district_dossier, user=secretariat)
    assert "Biên bản cuộc họp còn thiếu" in refused.value.messages[0]
    AwardDossier.objects.filter(pk=district_dossier.pk).update(
        meeting_date=dt.date(2024, 3, 1), members_total=9, members_present=8
    )
    with pytest.raises(ValidationError) as refused:
        dossier_record_meeting(dossier=district_dossier, user=secretariat)
    assert person.full_name in refused.value.messages[0]

    nominee.refresh_from_db()
    nominee.votes_for, nominee.votes_against, nominee.votes_invalid = 7, 1, 1
    with pytest.raises(ValidationError) as refused:
        nominee.full_clean()  # nine ballots from eight members present
    assert "vượt quá số thành viên có mặt (8)" in refused.value.messages[0]
    nominee.votes_invalid = 0
    nominee.full_clean()
    nominee.save()
    dossier_record_meeting(dossier=district_dossier, user=secretariat)
    district_dossier.refresh_from_db()
    assert district_dossier.status == DossierStatus.REVIEWED
    assert carried_nominees(district_dossier) == []  # 7 of 9 is below 90 % of all members


def test_the_demo_dossier_holds_the_22_recipients_of_486_and_487(district):
    dossier = AwardDossier.objects.get(council=district, year=2023)
    assert dossier.status == DossierStatus.DECIDED
    assert sorted(dossier.decisions.values_list("number", flat=True)) == [
        "486/QĐ-UBND",
        "487/QĐ-UBND",
    ]
    nominees = list(dossier.nominees.all())
    assert len(nominees) == 22
    assert sum(n.is_collective for n in nominees) == 10
    assert len(carried_nominees(dossier)) == 22
    assert completeness_problems(dossier) == []
    # Drafted from the ranking where the nominee was scored, else left for the secretariat.
    committee = next(
        n for n in nominees if n.recipient_body and "Pháp chế" in n.recipient_body.name
    )
    assert committee.report_text == (
        "Phong trào thi đua năm 2023: đạt 80,5/100 điểm; xếp loại: Hoàn thành tốt nhiệm vụ; "
        "xếp hạng 2/2 (Ban HĐND)."
    )
    assert all(n.report_text for n in nominees)


def test_reports_are_drafted_from_the_ranking_and_kept_once_written(district):
    dossier = AwardDossier.objects.get(council=district, year=2023)
    campaign = Campaign.objects.get(council=district, year=2023)
    nominee = dossier.nominees.filter(recipient_body__isnull=False).first()
    assert "xếp hạng" in nominee.report_text and "điểm" in nominee.report_text
    nominee.report_text = "Viết tay"
    nominee.save()
    assert draft_reports(dossier=dossier, campaign=campaign) == 0
    nominee.refresh_from_db()
    assert nominee.report_text == "Viết tay"
    assert draft_reports(dossier=dossier, campaign=campaign, overwrite=True) == 1


def test_the_admin_shows_the_checks_and_refuses_to_change_a_decided_dossier(
    secretariat_client, leader_client, district
):
    dossier = AwardDossier.objects.get(council=district, year=2023)
    url = reverse("admin:awards_awarddossier_change", args=[dossier.pk])
    page = secretariat_client.get(url).content.decode()
    assert "Đủ các thành phần hồ sơ." in page
    assert "9 trên 9 (cần ít nhất 7), được thông qua" in page
    before = dossier.submission_text
    response = secretariat_client.post(url, {"submission_text": "đổi"})
    assert response.status_code == 403
    assert leader_client.post(url, {"submission_text": "đổi"}).status_code == 403
    dossier.refresh_from_db()
    assert dossier.submission_text == before


def test_a_dossier_drafted_from_the_proposals_names_each_with_its_measured_report(
    district, secretariat, leader
):
    from campaigns.dossiers import dossier_from_proposals
    from campaigns.ranking import award_proposals

    campaign = Campaign.objects.get(council=district, year=2023)
    Award.objects.filter(decision__council=district, decision__year=2023).delete()
    proposals = award_proposals(campaign)
    assert proposals
    with pytest.raises(PermissionDenied):
        dossier_from_proposals(
            campaign=campaign, user=leader, kind=AwardKind.EMULATION_TITLE, issuing_authority="X"
        )
    dossier = dossier_from_proposals(
        campaign=campaign, user=secretariat, kind=AwardKind.EMULATION_TITLE, issuing_authority="X"
    )
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.nominees.count() == len(proposals)
    assert "đề nghị khen thưởng" in dossier.submission_text
    best = proposals[0]
    nominee = dossier.nominees.order_by("pk").first()
    assert nominee.report_text.startswith("Phong trào thi đua năm 2023: đạt ")
    assert f"xếp hạng {best.rank}/" in nominee.report_text
    assert completeness_problems(dossier) == []
