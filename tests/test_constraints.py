"""The database itself refuses rows that break an invariant (on SQLite and PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from awards.models import Award, AwardDecision
from campaigns.models import Campaign, Commitment, Pledge, Score, Scorecard
from councilwork.models import Body, Council, Deputy, Membership, Person, Term
from oversight.models import OversightActivity, Recommendation
from sessions.models import Resolution, Session
from tests.factories import session

pytestmark = pytest.mark.django_db


def refused(make):
    """True when the database refuses the row ``make()`` writes."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_one_campaign_per_council_and_year(district):
    assert refused(lambda: Campaign.objects.create(council=district, year=2023, theme="x"))
    Campaign.objects.create(council=district, year=2025, theme="x")


def test_resolution_numbers_unique_per_council_and_year(district, ward_a):
    s = session(district, 40, dt.date(2023, 6, 1))
    assert refused(
        lambda: Resolution.objects.create(
            council=district, session=s, number=5, adopted_on=s.start_date, title="x"
        )
    )
    # The same number is fine for another council, or in another year.
    ward_session = session(ward_a, 40, dt.date(2023, 6, 1))
    Resolution.objects.create(
        council=ward_a, session=ward_session, number=38, adopted_on=s.start_date, title="x"
    )
    later = session(district, 41, dt.date(2024, 6, 1))
    Resolution.objects.create(
        council=district, session=later, number=5, adopted_on=later.start_date, title="x"
    )


def test_score_points_never_negative():
    score = Score.objects.filter(self_points__isnull=False).first()
    score.self_points = Decimal("-1")
    assert refused(score.save)
    score.self_points = Decimal("1")
    score.approved_points = Decimal("-0.5")
    assert refused(score.save)


def test_award_has_exactly_one_recipient(district):
    decision = AwardDecision.objects.first()
    body = Body.objects.first()
    person = Person.objects.first()
    assert refused(lambda: Award.objects.create(decision=decision))
    assert refused(
        lambda: Award.objects.create(
            decision=decision, recipient_body=body, recipient_person=person
        )
    )
    assert refused(
        lambda: Award.objects.create(
            decision=decision, recipient_council=district, recipient_person=person
        )
    )


def test_award_recipient_named_once_per_decision():
    award = Award.objects.filter(recipient_body__isnull=False).first()
    assert refused(
        lambda: Award.objects.create(decision=award.decision, recipient_body=award.recipient_body)
    )


def test_scorecard_subject_matches_its_kind(district, ward_a):
    campaign = Campaign.objects.get(council=district, year=2024)
    assert refused(
        lambda: Scorecard.objects.create(
            campaign=campaign, subject_kind="committee", subject_council=ward_a
        )
    )
    assert refused(lambda: Scorecard.objects.create(campaign=campaign, subject_kind="council"))
    # One scorecard per subject and campaign (the demo has Anh Dũng's already).
    assert refused(
        lambda: Scorecard.objects.create(
            campaign=campaign, subject_kind="council", subject_council=ward_a
        )
    )


def test_returned_scorecard_needs_a_reason():
    card = Scorecard.objects.filter(status="draft").first()
    card.status = "returned"
    assert refused(card.save)


def test_dates_in_order(district):
    term = district.terms.get()
    assert refused(
        lambda: Session.objects.create(
            council=district,
            term=term,
            number=50,
            kind="regular",
            start_date=dt.date(2023, 5, 2),
            end_date=dt.date(2023, 5, 1),
        )
    )
    assert refused(
        lambda: Term.objects.create(
            council=district, name="x", start_date=dt.date(2030, 1, 1), end_date=dt.date(2029, 1, 1)
        )
    )
    assert refused(
        lambda: OversightActivity.objects.create(
            council=district,
            kind="survey",
            title="x",
            start_date=dt.date(2023, 5, 2),
            end_date=dt.date(2023, 5, 1),
        )
    )
    membership = Membership.objects.first()
    membership.end_date = membership.start_date - dt.timedelta(days=1)
    assert refused(membership.save)


def test_session_numbers_unique_per_term(district):
    assert refused(lambda: session(district, 10))


def test_one_active_standing_committee(district):
    assert refused(
        lambda: Body.objects.create(council=district, kind="standing_committee", name="Thứ hai")
    )
    Body.objects.create(
        council=district,
        kind="standing_committee",
        name="Thường trực cũ",
        established_on=dt.date(2016, 1, 1),
        dissolved_on=dt.date(2021, 5, 31),
    )


def test_one_seat_per_person_and_term():
    deputy = Deputy.objects.first()
    assert refused(lambda: Deputy.objects.create(person=deputy.person, term=deputy.term))


def test_successor_only_for_a_dissolved_council(district, ward_a):
    ward_a.successor = district
    assert refused(ward_a.save)
    ward_a.dissolved_on = dt.date(2025, 6, 30)
    ward_a.save()


def test_recommendation_completion_date_iff_done():
    rec = Recommendation.objects.first()
    rec.completed_on = None
    assert refused(rec.save)
    rec.status = "open"
    rec.completed_on = dt.date(2023, 5, 1)
    assert refused(rec.save)


def test_commitment_metric_and_target_together():
    pledge = Pledge.objects.first()
    assert refused(lambda: Commitment.objects.create(pledge=pledge, text="x", metric="sessions"))
    assert refused(lambda: Commitment.objects.create(pledge=pledge, text="x", target=3))


def test_one_pledge_per_body_and_campaign():
    pledge = Pledge.objects.first()
    assert refused(
        lambda: Pledge.objects.create(
            campaign=pledge.campaign, body=pledge.body, signed_on=pledge.signed_on
        )
    )


def test_history_is_protected(district):
    """PROTECT: a council with sessions cannot be deleted and take its history along."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Council.objects.get(slug="anh-dung").delete()
    assert Session.objects.filter(council__slug="anh-dung").count() == 2
