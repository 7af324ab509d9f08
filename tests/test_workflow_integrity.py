"""Writes only through the rules: the admin cannot move a scorecard's workflow by hand,
its approve and return actions do exactly what the review page does, a submission on
the subject's behalf says who and why, and whoever submitted does not approve."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, Scorecard
from councilwork.roles import Role
from tests.admin_post import change_form_data
from tests.conftest import _client_for, _persona
from tests.test_scoring_workflow import full_post, page, review_post

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:campaigns_scorecard_changelist"
WORKFLOW_FIELDS = ("status", "submitted_at", "reviewed_at", "reviewed_by", "return_reason")


@pytest.fixture
def card_a(ward_a):
    return Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)


@pytest.fixture
def card_b(ward_b):
    return Scorecard.objects.get(campaign__year=2024, subject_council=ward_b)


@pytest.fixture
def ward_b_client(ward_b_staff):
    return _client_for(ward_b_staff)


@pytest.fixture
def other_secretariat(db):
    return _persona("p-secretariat-2", Role.SECRETARIAT)


def submit(client, card, **extra) -> Scorecard:
    response = client.post(page(card), {**full_post(card, action="submit"), **extra})
    assert response.status_code == 302, response.context and response.context["form"].errors
    card.refresh_from_db()
    assert card.status == "submitted"
    return card


def outcome(card, secretariat) -> tuple:
    """What a review leaves behind, with people named by role, not by login."""
    card.refresh_from_db()
    scores = sorted(
        (s.criterion.code, s.self_points, s.approved_points)
        for s in card.scores.select_related("criterion")
    )
    events = [
        (
            "secretariat" if e.actor == secretariat else "ward",
            e.kind,
            e.from_status,
            e.to_status,
            e.criterion.code if e.criterion_id else None,
            e.field,
            e.old_points,
            e.new_points,
            e.reason,
            e.on_behalf,
        )
        for e in card.events.select_related("actor", "criterion").order_by("at", "pk")
    ]
    reviewer = "secretariat" if card.reviewed_by == secretariat else card.reviewed_by
    return (card.status, reviewer, card.reviewed_at is not None, card.return_reason, scores, events)


def test_the_change_form_shows_the_workflow_fields_read_only(secretariat_client, card_a):
    response = secretariat_client.get(reverse("admin:campaigns_scorecard_change", args=[card_a.pk]))
    html = response.content.decode()
    for name in (*WORKFLOW_FIELDS, "version"):
        assert f'name="{name}"' not in html
        assert name not in response.context["adminform"].form.fields
    assert 'name="scores-0-approved_points"' not in html
    assert 'name="scores-0-self_points"' not in html


def test_a_posted_status_or_points_change_nothing(
    secretariat, secretariat_client, ward_a_client, card_a
):
    card = submit(ward_a_client, card_a)
    url = reverse("admin:campaigns_scorecard_change", args=[card.pk])
    data = change_form_data(secretariat_client.get(url))
    data.update(
        status="approved",
        reviewed_by=str(secretariat.pk),
        return_reason="TAMPERED",
        version="99",
        submitted_at="01/01/2020",
    )
    first = card.scores.order_by("pk").first()
    data.update({"scores-0-approved_points": "1", "scores-0-self_points": "1"})
    before = outcome(card, secretariat), card.version
    assert secretariat_client.post(url, data).status_code == 302
    assert (outcome(card, secretariat), card.version) == before
    assert card.status == "submitted" and card.reviewed_by is None
    first.refresh_from_db()
    assert (first.self_points, first.approved_points) == (20, None)


def test_scores_cannot_be_added_or_changed_in_the_admin(secretariat_client, card_a):
    score = card_a.scores.first()
    assert secretariat_client.get(reverse("admin:campaigns_score_add")).status_code == 403
    change = reverse("admin:campaigns_score_change", args=[score.pk])
    response = secretariat_client.post(change, {"self_points": "1", "approved_points": "1"})
    assert response.status_code == 403
    score.refresh_from_db()
    assert (score.self_points, score.approved_points) == (None, None)


def test_the_approve_action_does_what_the_review_page_does(
    secretariat, secretariat_client, ward_a_client, ward_b_client, card_a, card_b
):
    by_page, by_action = submit(ward_a_client, card_a), submit(ward_b_client, card_b)
    secretariat_client.post(reverse("scoring:review", args=[by_page.pk]), review_post(by_page))
    response = secretariat_client.post(
        reverse(CHANGELIST),
        {"action": "approve_selected", "_selected_action": [by_action.pk], "index": "0"},
    )
    assert response.status_code == 302
    assert outcome(by_action, secretariat) == outcome(by_page, secretariat)
    assert by_action.status == "approved"
    assert by_action.version == by_page.version


def return_post(cards, reason=None) -> dict:
    data = {"action": "return_selected", "_selected_action": [c.pk for c in cards]}
    if reason is not None:
        data |= {"confirm": "1", "return_reason": reason}
        data |= {f"version_{c.pk}": str(c.version) for c in cards}
    return data


def test_the_return_action_asks_for_a_reason_then_does_what_the_review_page_does(
    secretariat, secretariat_client, ward_a_client, ward_b_client, card_a, card_b
):
    by_page, by_action = submit(ward_a_client, card_a), submit(ward_b_client, card_b)
    reason = "Bổ sung minh chứng"
    review = review_post(by_page, "return", reason=reason)
    secretariat_client.post(reverse("scoring:review", args=[by_page.pk]), review)
    changelist = reverse(CHANGELIST)

    asked = secretariat_client.post(changelist, return_post([by_action]))
    assert asked.status_code == 200
    assert "Lý do trả lại" in asked.content.decode()
    refused = secretariat_client.post(changelist, return_post([by_action], reason="  "))
    assert refused.status_code == 200
    assert refused.context["form"].errors["return_reason"] == ["Hãy nêu lý do trả lại."]
    by_action.refresh_from_db()
    assert by_action.status == "submitted" and by_action.events.count() == 7

    done = secretariat_client.post(changelist, return_post([by_action], reason=reason))
    assert done.status_code == 302
    assert outcome(by_action, secretariat) == outcome(by_page, secretariat)
    assert by_action.return_reason == reason


def test_the_return_action_refuses_a_scorecard_changed_meanwhile(
    secretariat, secretariat_client, ward_b_client, card_b
):
    card = submit(ward_b_client, card_b)
    data = return_post([card], reason="Thiếu biên bản")
    data[f"version_{card.pk}"] = "1"  # the confirmation page was built on an older version
    response = secretariat_client.post(reverse(CHANGELIST), data, follow=True)
    assert "Người khác vừa thay đổi phiếu chấm điểm này" in response.content.decode()
    card.refresh_from_db()
    assert card.status == "submitted"


def action_names(client) -> set[str]:
    form = client.get(reverse(CHANGELIST)).context["action_form"]
    return set() if form is None else {value for value, _ in form.fields["action"].choices}


def test_leaders_have_no_review_actions(leader_client, secretariat_client, ward_a_client, card_a):
    assert not action_names(leader_client) & {"approve_selected", "return_selected"}
    assert {"approve_selected", "return_selected"} <= action_names(secretariat_client)
    card = submit(ward_a_client, card_a)
    post = {"action": "approve_selected", "_selected_action": [card.pk], "index": "0"}
    leader_client.post(reverse(CHANGELIST), post)
    card.refresh_from_db()
    assert card.status == "submitted"


# --- on the subject's behalf, and four eyes ---------------------------------------------


def test_the_secretariat_submits_for_a_ward_only_with_a_reason(
    secretariat, secretariat_client, card_a
):
    response = secretariat_client.post(page(card_a), full_post(card_a, action="submit"))
    assert response.status_code == 200
    assert response.context["form"].errors["behalf_reason"] == [
        "Hãy nêu lý do gửi thay cho đơn vị được chấm."
    ]
    card_a.refresh_from_db()
    assert card_a.status == "draft" and not card_a.events.exists()  # nothing half-saved
    assert not card_a.scores.filter(self_points__isnull=False).exists()

    card = submit(secretariat_client, card_a, behalf_reason="Phường gửi bản giấy")
    submitted = services.submission(card)
    assert (submitted.actor, submitted.on_behalf, submitted.reason) == (
        secretariat,
        True,
        "Phường gửi bản giấy",
    )
    assert all(e.on_behalf for e in card.events.all())  # the points it entered, too


def test_a_ward_submits_its_own_without_a_reason(ward_a_client, card_a):
    assert "behalf_reason" not in ward_a_client.get(page(card_a)).context["form"].fields
    card = submit(ward_a_client, card_a)
    assert not card.events.filter(on_behalf=True).exists()
    assert services.submission(card).reason == ""


def test_the_review_page_shows_who_submitted_on_whose_behalf(
    secretariat, secretariat_client, other_secretariat, card_a
):
    secretariat.last_name, secretariat.first_name = "Nguyễn Văn", "A"  # họ, tên
    secretariat.save()
    submit(secretariat_client, card_a, behalf_reason="Phường gửi bản giấy")
    html = _client_for(other_secretariat).get(page(card_a)).content.decode()
    notice = html.split('id="submission"')[1].split("</p>")[0]
    assert "Nguyễn Văn A đã gửi thay cho đơn vị được chấm." in notice
    assert "Phường gửi bản giấy" in notice
    assert "(thay cho đơn vị được chấm)" in html.split('class="history"')[1]
    assert 'id="same-reviewer"' not in html
    admin_url = reverse("admin:campaigns_scorecard_change", args=[card_a.pk])
    assert (
        "Thay cho đơn vị được chấm"
        in _client_for(other_secretariat).get(admin_url).content.decode()
    )


def test_whoever_submitted_cannot_approve(
    secretariat, secretariat_client, other_secretariat, card_a
):
    card = submit(secretariat_client, card_a, behalf_reason="Phường gửi bản giấy")
    page_html = secretariat_client.get(page(card)).content.decode()
    assert 'id="same-reviewer"' in page_html

    response = secretariat_client.post(reverse("scoring:review", args=[card.pk]), review_post(card))
    assert response.status_code == 200
    assert "nên phải do người khác duyệt" in str(response.context["review"].non_field_errors())
    admin = secretariat_client.post(
        reverse(CHANGELIST),
        {"action": "approve_selected", "_selected_action": [card.pk], "index": "0"},
        follow=True,
    )
    assert "nên phải do người khác duyệt" in admin.content.decode()
    with pytest.raises(ValidationError):
        services.scorecard_approve(
            scorecard=card, user=secretariat, version=card.version, decisions={}
        )
    card.refresh_from_db()
    assert card.status == "submitted" and card.reviewed_by is None
    assert list(card.events.values_list("to_status", flat=True).filter(kind="transition")) == [
        "submitted"
    ]

    services.scorecard_approve(
        scorecard=card, user=other_secretariat, version=card.version, decisions={}
    )
    card.refresh_from_db()
    assert (card.status, card.reviewed_by) == ("approved", other_secretariat)


def test_whoever_submitted_may_return_it(secretariat, card_a):
    criteria = card_a.campaign.criteria.filter(applies_to=card_a.subject_kind)
    entries = {c.pk: (c.max_points, "") for c in criteria}
    card = services.scorecard_save(
        scorecard=card_a, user=secretariat, version=card_a.version, entries=entries
    )
    card = services.scorecard_submit(
        scorecard=card, user=secretariat, version=card.version, reason="Bản giấy"
    )
    card = services.scorecard_return(
        scorecard=card, user=secretariat, version=card.version, reason="Nhập nhầm"
    )
    assert card.status == "returned"


def test_a_very_small_council_may_allow_the_same_reviewer(secretariat, secretariat_client, card_a):
    Campaign.objects.filter(pk=card_a.campaign_id).update(allow_same_reviewer=True)
    card = submit(secretariat_client, card_a, behalf_reason="Phường gửi bản giấy")
    assert 'id="same-reviewer"' not in secretariat_client.get(page(card)).content.decode()
    response = secretariat_client.post(reverse("scoring:review", args=[card.pk]), review_post(card))
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.status, card.reviewed_by) == ("approved", secretariat)
