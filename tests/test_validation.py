"""Rules that span tables, checked by full_clean (forms and services) with Vietnamese messages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from campaigns.models import Campaign, Pledge, Score, Scorecard
from councilwork.models import Body, Council, CouncilLevel, Deputy, Membership, Term
from sessions.models import Resolution, Session

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict[str, list[str]]:
    with translation.override("vi"):
        try:
            obj.full_clean()
        except ValidationError as error:
            return error.message_dict
    return {}


def test_points_above_the_criterion_maximum_are_refused():
    score = Score.objects.filter(scorecard__status="draft").select_related("criterion").first()
    score.self_points = score.criterion.max_points + 1
    errors = errors_of(score)
    assert score.criterion.max_points == 20
    assert errors["self_points"] == ["Tối đa 20 điểm cho tiêu chí này."]


def test_points_follow_the_campaign_step():
    score = Score.objects.filter(scorecard__status="draft").first()
    score.self_points = Decimal("1.25")
    assert "self_points" in errors_of(score)
    score.self_points = Decimal("1.5")
    assert errors_of(score) == {}


def test_session_dates_inside_the_term(district):
    session = Session(
        council=district,
        term=district.terms.get(),
        number=60,
        kind="regular",
        start_date=dt.date(2027, 1, 5),
        end_date=dt.date(2027, 1, 5),
    )
    errors = errors_of(session)
    assert list(errors) == ["start_date"]
    assert "nhiệm kỳ" in errors["start_date"][0]


def test_session_term_must_be_the_councils(district, ward_a):
    session = Session(
        council=district,
        term=ward_a.terms.get(),
        number=61,
        kind="regular",
        start_date=dt.date(2023, 1, 5),
        end_date=dt.date(2023, 1, 5),
    )
    assert "term" in errors_of(session)


def test_end_before_start_is_reported_beside_the_end_date(district):
    session = Session(
        council=district,
        term=district.terms.get(),
        number=62,
        kind="regular",
        start_date=dt.date(2023, 1, 6),
        end_date=dt.date(2023, 1, 5),
    )
    errors = errors_of(session)
    assert errors == {"end_date": ["Ngày kết thúc không được trước ngày bắt đầu."]}


def test_resolution_takes_its_council_from_the_session(ward_a):
    session = Session.objects.filter(council=ward_a).first()
    resolution = Resolution(session=session, number=70, adopted_on=session.end_date, title="x")
    assert errors_of(resolution) == {}
    assert resolution.council_id == ward_a.pk


def test_duplicate_resolution_number_is_reported_beside_the_number(ward_a):
    session = Session.objects.filter(council=ward_a).first()
    resolution = Resolution(session=session, number=1, adopted_on=session.end_date, title="x")
    assert list(errors_of(resolution)) == ["number"]


def test_membership_body_of_another_council(district, ward_a):
    deputy = Deputy.objects.filter(term__council=district).first()
    body = Body.objects.filter(council=ward_a).first()
    membership = Membership(deputy=deputy, body=body, role="member", start_date=dt.date(2022, 1, 1))
    assert "body" in errors_of(membership)


def test_pledge_by_a_body_outside_the_campaign_tree(district):
    other = Council.objects.create(
        name="HĐND huyện Khác", short_name="Khác", slug="khac", level=CouncilLevel.DISTRICT
    )
    body = Body.objects.create(council=other, kind="committee", name="Ban Pháp chế")
    campaign = Campaign.objects.get(council=district, year=2024)
    pledge = Pledge(campaign=campaign, body=body, signed_on=dt.date(2024, 3, 13))
    assert "body" in errors_of(pledge)


def test_scorecard_subject_outside_the_campaign_tree():
    other = Council.objects.create(
        name="HĐND phường Lạ", short_name="Lạ", slug="la", level=CouncilLevel.COMMUNE
    )
    campaign = Campaign.objects.get(council__slug="duong-kinh", year=2024)
    card = Scorecard(campaign=campaign, subject_kind="council", subject_council=other)
    assert errors_of(card)


def test_council_parent_must_be_higher(district, ward_a):
    district.parent = ward_a
    assert "parent" in errors_of(district)


def test_terms_of_a_council_do_not_overlap(district):
    term = Term(
        council=district, name="x", start_date=dt.date(2025, 1, 1), end_date=dt.date(2030, 1, 1)
    )
    assert "start_date" in errors_of(term)
