"""Ward staff score and submit; the secretariat approves or returns; history records it all."""

import itertools

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Scorecard, ScorecardEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(ward_a):
    """Anh Dũng's 2024 self-assessment: a draft in the open campaign."""
    return Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)


def criteria_of(card):
    return list(card.campaign.criteria.filter(applies_to=card.subject_kind).order_by("position"))


def full_post(card, points=None, action="save", version=None):
    """A scorecard form with every criterion at its maximum (or ``points``)."""
    data = {"version": card.version if version is None else version, action: "1"}
    for criterion in criteria_of(card):
        value = points.get(criterion.code) if points else None
        data[f"points_{criterion.pk}"] = (
            value if value is not None else str(criterion.max_points).replace(".", ",")
        )
        data[f"note_{criterion.pk}"] = ""
    return data


def page(card):
    return reverse("scoring:scorecard", args=[card.pk])


def test_ward_staff_list_their_own_scorecards(ward_a_client, card, ward_a):
    response = ward_a_client.get(reverse("scoring:list"))
    cards = [c for c, _total in response.context["rows"]]
    # Every campaign's, newest first: the closed 2023 one stays reachable (read-only).
    closed = Scorecard.objects.get(campaign__year=2023, subject_council=ward_a)
    assert cards == [card, closed]
    assert response.content.decode().count("(đã kết thúc, chỉ xem)") == 1
    page = ward_a_client.get(reverse("scoring:scorecard", args=[closed.pk])).content.decode()
    assert 'name="points_' not in page  # read-only


def test_the_scorecard_shows_every_criterion_with_its_maximum(ward_a_client, card):
    response = ward_a_client.get(page(card))
    html = response.content.decode()
    for criterion in criteria_of(card):
        assert criterion.title in html
        assert f'name="points_{criterion.pk}"' in html


def test_saving_a_draft_keeps_points_and_records_them(ward_a_client, ward_a_staff, card):
    first = criteria_of(card)[0]
    response = ward_a_client.post(page(card), full_post(card, {"1.1": "18,5"}))
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == "draft"
    assert str(card.scores.get(criterion=first).self_points) == "18.50"
    event = card.events.get(criterion=first)
    assert (event.actor, event.old_points, str(event.new_points)) == (ward_a_staff, None, "18.50")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("25", "Tối đa 20 điểm cho tiêu chí này."),
        ("-1", "Điểm không được là số âm."),
        ("7,25", "Điểm phải là bội số của 0,5."),
        ("mười", "Nhập một số, ví dụ 7,5."),
    ],
)
def test_bad_points_are_refused_beside_the_field(ward_a_client, card, value, message):
    first = criteria_of(card)[0]
    response = ward_a_client.post(page(card), full_post(card, {"1.1": value}))
    assert response.status_code == 200
    assert response.context["form"].errors[f"points_{first.pk}"] == [message]
    assert not card.scores.filter(self_points__isnull=False).exists()
    assert not card.events.exists()


def test_submit_needs_every_criterion(ward_a_client, card):
    data = full_post(card, action="submit")
    missing = criteria_of(card)[-1]
    data[f"points_{missing.pk}"] = ""
    response = ward_a_client.post(page(card), data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"points_{missing.pk}"]
    card.refresh_from_db()
    assert card.status == "draft"
    assert not card.scores.filter(self_points__isnull=False).exists()  # nothing half-saved


def test_a_submitted_scorecard_is_read_only_to_the_ward(ward_a_client, card):
    assert ward_a_client.post(page(card), full_post(card, action="submit")).status_code == 302
    card.refresh_from_db()
    assert card.status == "submitted" and card.submitted_at
    response = ward_a_client.post(page(card), full_post(card, {"1.1": "1"}))
    assert response.status_code == 302
    assert card.scores.get(criterion__code="1.1").self_points == 20
    assert 'name="points_' not in ward_a_client.get(page(card)).content.decode()


def test_a_stale_form_is_refused_not_overwritten(ward_a_client, card):
    stale_version = card.version
    ward_a_client.post(page(card), full_post(card, {"1.1": "10"}))
    response = ward_a_client.post(page(card), full_post(card, {"1.1": "12"}, version=stale_version))
    assert response.status_code == 200
    assert "Người khác vừa thay đổi phiếu chấm điểm này" in response.content.decode()
    assert card.scores.get(criterion__code="1.1").self_points == 10


def test_a_double_submit_makes_one_submission(ward_a_client, card):
    data = full_post(card, action="submit")
    ward_a_client.post(page(card), data)
    ward_a_client.post(page(card), data)
    transitions = card.events.filter(kind="transition")
    assert list(transitions.values_list("to_status", flat=True)) == ["submitted"]


def submitted(client, card) -> Scorecard:
    client.post(page(card), full_post(card, action="submit"))
    card.refresh_from_db()
    return card


def review_post(card, decision="approve", changes=None, reason=""):
    data = {"version": card.version, "decision": decision, "return_reason": reason}
    for criterion in criteria_of(card):
        points, why = (changes or {}).get(criterion.code, (None, ""))
        data[f"approved_{criterion.pk}"] = points or str(criterion.max_points)
        data[f"reason_{criterion.pk}"] = why
    return data


def test_approval_defaults_to_the_wards_points(
    ward_a_client, secretariat_client, secretariat, card
):
    card = submitted(ward_a_client, card)
    url = reverse("scoring:review", args=[card.pk])
    assert secretariat_client.post(url, review_post(card)).status_code == 302
    card.refresh_from_db()
    assert card.status == "approved" and card.reviewed_by == secretariat
    assert all(s.approved_points == s.self_points for s in card.scores.all())


def test_a_changed_point_needs_a_reason(ward_a_client, secretariat_client, card):
    card = submitted(ward_a_client, card)
    url = reverse("scoring:review", args=[card.pk])
    first = criteria_of(card)[0]
    response = secretariat_client.post(url, review_post(card, changes={"1.1": ("15", "")}))
    assert response.status_code == 200
    assert response.context["review"].errors[f"reason_{first.pk}"]
    card.refresh_from_db()
    assert card.status == "submitted"
    assert not card.scores.filter(approved_points__isnull=False).exists()

    changes = {"1.1": ("15", "Thiếu biên bản")}
    assert secretariat_client.post(url, review_post(card, changes=changes)).status_code == 302
    event = card.events.get(kind="points", field="approved_points")
    assert (event.old_points, event.new_points, event.reason) == (20, 15, "Thiếu biên bản")


def test_return_needs_a_reason_and_lets_the_ward_resubmit(ward_a_client, secretariat_client, card):
    card = submitted(ward_a_client, card)
    url = reverse("scoring:review", args=[card.pk])
    response = secretariat_client.post(url, review_post(card, decision="return"))
    assert response.context["review"].errors["return_reason"]
    response = secretariat_client.post(
        url, review_post(card, "return", reason="Bổ sung minh chứng")
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.status, card.return_reason) == ("returned", "Bổ sung minh chứng")
    assert ward_a_client.post(page(card), full_post(card, action="submit")).status_code == 302
    card.refresh_from_db()
    assert card.status == "submitted"
    steps = list(card.events.filter(kind="transition").values_list("to_status", flat=True))
    assert steps == ["submitted", "returned", "submitted"]
    assert "Bổ sung minh chứng" in ward_a_client.get(page(card)).content.decode()


def test_ward_staff_cannot_review(ward_a_client, card):
    card = submitted(ward_a_client, card)
    response = ward_a_client.post(reverse("scoring:review", args=[card.pk]), review_post(card))
    assert response.status_code == 403
    card.refresh_from_db()
    assert card.status == "submitted"


def test_another_wards_scorecard_is_not_found(ward_b_staff, card):
    from django.test import Client

    client = Client()
    client.force_login(ward_b_staff)
    assert client.get(page(card)).status_code == 404
    assert client.post(page(card), full_post(card)).status_code == 404
    assert not card.scores.filter(self_points__isnull=False).exists()


def test_the_ranking_follows_an_approval(ward_a_client, secretariat_client, leader_client, card):
    ranking_url = reverse("scoring:ranking", args=[2024])
    assert leader_client.get(ranking_url).context["ranking"] == []
    card = submitted(ward_a_client, card)
    secretariat_client.post(reverse("scoring:review", args=[card.pk]), review_post(card))
    rows = leader_client.get(ranking_url).context["ranking"]
    assert [(r.rank, r.subject, r.total) for r in rows] == [(1, "HĐND phường Anh Dũng", 100)]
    assert rows[0].classification == "excellent"


def test_ties_share_a_rank(leader_client):
    rows = leader_client.get(reverse("scoring:ranking", args=[2023])).context["ranking"]
    councils = [r for r in rows if r.kind == "council"]
    assert [r.rank for r in councils] == sorted(r.rank for r in councils)
    totals = [r.total for r in councils]
    for a, b in itertools.pairwise(councils):
        assert (a.rank == b.rank) == (a.total == b.total)
    assert totals == sorted(totals, reverse=True)


def test_award_proposals_become_awards_in_one_action(secretariat_client):
    url = reverse("scoring:proposals", args=[2023])
    proposals = secretariat_client.get(url).context["proposals"]
    assert proposals and all(p.classification == "excellent" for p in proposals)
    campaign = Campaign.objects.get(council__slug="duong-kinh", year=2023)
    form = {
        "number": "901/QĐ-UBND",
        "decision_date": "10/03/2024",
        "issuing_authority": "UBND quận Dương Kinh",
        "kind": "giay_khen",
    }
    assert secretariat_client.post(url, form).status_code == 302
    from awards.models import AwardDecision

    decision = AwardDecision.objects.get(number="901/QĐ-UBND")
    assert (decision.council, decision.year) == (campaign.council, 2023)
    assert decision.awards.count() == len(proposals)
    again = secretariat_client.post(url, form)
    assert again.status_code == 200 and again.context["form"].errors
    assert AwardDecision.objects.filter(number="901/QĐ-UBND").count() == 1


def test_the_award_rule_is_configurable(secretariat_client):
    Campaign.objects.filter(year=2023).update(award_classification="good", award_top=1)
    proposals = secretariat_client.get(reverse("scoring:proposals", args=[2023])).context[
        "proposals"
    ]
    assert all(p.rank == 1 for p in proposals)
    # The committee and the deputy group ranked first hold decision 486's certificates
    # already, so they are not proposed again.
    assert {p.kind for p in proposals} == {"council", "standing_committee"}


def test_history_is_shown_on_the_scorecard(leader_client):
    card = Scorecard.objects.get(campaign__year=2023, subject_council__slug="anh-dung")
    html = leader_client.get(page(card)).content.decode()
    assert html.count('class="event-row"') == ScorecardEvent.objects.filter(scorecard=card).count()
    assert "Chưa có biên bản kỳ họp chuyên đề kèm theo" in html


def test_ward_staff_land_on_their_scorecards(ward_a_client):
    assert ward_a_client.get(reverse("home")).url == reverse("scoring:list")
