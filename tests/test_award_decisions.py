"""Award proposals become one decision, once: what is awarded is no longer proposed, a
second decision for the same recipients is refused with a message, the decision's date
fits the campaign, and concurrent posts make one decision and never a 500."""

import os
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, OperationalError, connection, connections
from django.urls import reverse

from awards.models import Award, AwardDecision
from campaigns import services
from campaigns.models import Campaign, Scorecard
from campaigns.ranking import award_proposals, awarded_scorecards
from councilwork.models import User
from tests.conftest import _client_for
from tests.test_scoring_workflow import full_post, page, review_post

pytestmark = pytest.mark.django_db
FORM = {
    "number": "901/QĐ-UBND",
    "decision_date": "10/03/2024",
    "issuing_authority": "UBND quận Dương Kinh",
    "kind": "giay_khen",
}


def proposals_url(year=2023):
    return reverse("scoring:proposals", args=[year])


@pytest.fixture
def campaign(db):
    return Campaign.objects.select_related("council").get(council__slug="duong-kinh", year=2023)


def subjects(rows) -> list[str]:
    return [row.subject for row in rows]


def test_subjects_the_demo_decisions_awarded_are_not_proposed(secretariat_client, campaign):
    rows = secretariat_client.get(proposals_url()).context["proposals"]
    awarded = awarded_scorecards(campaign)
    assert awarded and rows
    assert not {row.scorecard_pk for row in rows} & awarded
    # Tổ đại biểu số 1 is excellent, and holds a certificate of decision 486 already.
    assert "Tổ đại biểu số 1" not in subjects(rows)
    assert "Tổ đại biểu số 4" in subjects(rows)


def test_a_decision_is_linked_to_its_campaign_and_empties_the_proposals(
    secretariat_client, campaign
):
    proposed = award_proposals(campaign)
    assert secretariat_client.post(proposals_url(), FORM).status_code == 302
    decision = AwardDecision.objects.get(number="901/QĐ-UBND")
    assert decision in campaign.award_decisions
    assert decision.awards.count() == len(proposed)
    page_after = secretariat_client.get(proposals_url())
    assert page_after.context["proposals"] == []
    assert "901/QĐ-UBND" in page_after.content.decode().split('id="decisions"')[1]
    admin_page = secretariat_client.get(
        reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    )
    link = reverse("admin:awards_awarddecision_change", args=[decision.pk])
    assert link in admin_page.content.decode()


def test_a_second_decision_for_the_same_recipients_is_refused(secretariat_client, campaign):
    secretariat_client.post(proposals_url(), FORM)
    awards = Award.objects.count()
    again = secretariat_client.post(proposals_url(), {**FORM, "number": "902/QĐ-UBND"})
    assert again.status_code == 200
    errors = again.context["form"].non_field_errors()
    assert "Mọi đề xuất của phong trào này đã được khen thưởng theo quyết định" in str(errors)
    assert "901/QĐ-UBND" in str(errors)
    assert not AwardDecision.objects.filter(number="902/QĐ-UBND").exists()
    assert Award.objects.count() == awards


def approve(card, ward_client, secretariat_client):
    ward_client.post(page(card), full_post(card, action="submit"))
    card.refresh_from_db()
    secretariat_client.post(reverse("scoring:review", args=[card.pk]), review_post(card))
    card.refresh_from_db()
    assert card.status == "approved"


def test_a_later_decision_awards_only_the_newly_approved(
    secretariat_client, ward_a_client, ward_b_staff, ward_a, ward_b
):
    first = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    second = Scorecard.objects.get(campaign__year=2024, subject_council=ward_b)
    approve(first, ward_a_client, secretariat_client)
    form = {**FORM, "number": "10/QĐ-UBND", "decision_date": "15/01/2025"}
    assert secretariat_client.post(proposals_url(2024), form).status_code == 302
    assert secretariat_client.get(proposals_url(2024)).context["proposals"] == []

    approve(second, _client_for(ward_b_staff), secretariat_client)
    assert subjects(secretariat_client.get(proposals_url(2024)).context["proposals"]) == [
        "HĐND phường Đa Phúc"
    ]
    form = {**form, "number": "11/QĐ-UBND"}
    assert secretariat_client.post(proposals_url(2024), form).status_code == 302
    later = AwardDecision.objects.get(number="11/QĐ-UBND")
    assert list(later.awards.values_list("recipient_council", flat=True)) == [ward_b.pk]


@pytest.mark.parametrize(
    ("day", "accepted"),
    [
        ("31/12/2022", False),
        ("01/01/2023", True),
        ("31/12/2024", True),
        ("01/01/2025", False),
    ],
)
def test_the_decision_date_is_in_the_campaign_year_or_the_next(secretariat_client, day, accepted):
    decisions = AwardDecision.objects.count()
    response = secretariat_client.post(proposals_url(), {**FORM, "decision_date": day})
    if accepted:
        assert response.status_code == 302
        assert AwardDecision.objects.count() == decisions + 1
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["decision_date"] == [
            "Quyết định khen thưởng của phong trào năm 2023 phải đề ngày trong năm 2023 hoặc 2024."
        ]
        assert AwardDecision.objects.count() == decisions


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (IntegrityError("duplicate key"), "Một quyết định khác vừa được ghi nhận cùng lúc."),
        (OperationalError("database is locked"), "Một bản ghi khác đang được lưu cùng lúc."),
    ],
)
def test_a_collision_with_another_writer_is_a_message_not_a_500(secretariat_client, error, message):
    decisions, awards = AwardDecision.objects.count(), Award.objects.count()
    with mock.patch.object(Award, "save", side_effect=error):
        response = secretariat_client.post(proposals_url(), FORM)
    assert response.status_code == 200
    assert message in str(response.context["form"].non_field_errors())
    assert (AwardDecision.objects.count(), Award.objects.count()) == (decisions, awards)


def test_other_database_errors_are_not_hidden(secretariat, campaign):
    with (
        mock.patch.object(Award, "save", side_effect=OperationalError("server closed")),
        pytest.raises(OperationalError),
    ):
        services.awards_from_proposals(
            campaign=campaign,
            user=secretariat,
            number="903/QĐ-UBND",
            decision_date=campaign.launched_on.replace(year=2024),
            issuing_authority="UBND quận Dương Kinh",
            kind="giay_khen",
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)
@pytest.mark.parametrize("same_number", [True, False])
def test_concurrent_decisions_make_one(transactional_db, same_number):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    campaign = Campaign.objects.get(council__slug="duong-kinh", year=2023)
    secretariat = User.objects.get(username="vanphong")
    proposed = len(award_proposals(campaign))
    count, barrier = 6, threading.Barrier(6)
    results = [None] * count

    def decide(i):
        try:
            barrier.wait()
            results[i] = services.awards_from_proposals(
                campaign=campaign,
                user=secretariat,
                number="950/QĐ-UBND" if same_number else f"95{i}/QĐ-UBND",
                decision_date=campaign.launched_on.replace(year=2024),
                issuing_authority="UBND quận Dương Kinh",
                kind="giay_khen",
            )
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made = [r for r in results if isinstance(r, AwardDecision)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == count - 1, results
    assert made[0].awards.count() == proposed
    assert award_proposals(campaign) == []
    new = AwardDecision.objects.filter(number__startswith="95")
    assert new.count() == 1
