"""seed_demo: the Dương Kinh demo, true to the seed article, and the same after a second run."""

import datetime as dt
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command

from awards.models import Award, AwardDecision
from campaigns.models import Campaign, Pledge
from councilwork.models import Body, Council, User
from councilwork.registry import record_models
from councilwork.services import user_role

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    """Every record row (logins are not records: their password hashes are salted anew)."""
    rows = []
    for model in record_models():
        rows.extend(model._default_manager.order_by("pk"))
    return serializers.serialize("json", rows)


def history_rows() -> int:
    return sum(model.history.count() for model in record_models())


def test_running_it_again_changes_nothing():
    before, history = snapshot(), history_rows()
    usernames = sorted(User.objects.values_list("username", flat=True))
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == before
    assert history_rows() == history  # not even an empty audit entry
    assert sorted(User.objects.values_list("username", flat=True)) == usernames


def test_it_prints_the_demo_logins():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    for username in ("vanphong", "anhdung", "lanhdao"):
        assert username in text
    assert "demo-councilwork-2023" in text


def test_one_login_per_role_with_its_powers():
    secretariat = User.objects.get(username="vanphong")
    ward = User.objects.get(username="anhdung")
    leader = User.objects.get(username="lanhdao")
    assert (user_role(secretariat), user_role(ward), user_role(leader)) == (
        "secretariat",
        "ward",
        "leader",
    )
    assert ward.council.slug == "anh-dung" and not ward.is_staff
    assert secretariat.has_perm("council_sessions.add_session")
    assert leader.has_perm("council_sessions.view_session")
    assert not leader.has_perm("council_sessions.change_session")
    assert leader.check_password("demo-councilwork-2023")


def test_the_district_and_its_six_wards():
    district = Council.objects.get(slug="duong-kinh")
    assert district.parent is None and district.level == "district"
    assert sorted(district.children.values_list("short_name", flat=True)) == [
        "Anh Dũng",
        "Hòa Nghĩa",
        "Hưng Đạo",
        "Hải Thành",
        "Tân Thành",
        "Đa Phúc",
    ]
    assert Body.objects.filter(council=district, kind="committee").count() == 2
    assert Body.objects.filter(council__parent=district, kind="standing_committee").count() == 6


def test_the_2023_campaign_has_the_seed_theme_and_criteria_for_every_subject():
    campaign = Campaign.objects.get(council__slug="duong-kinh", year=2023)
    assert campaign.theme.startswith("Tiếp tục đổi mới, nâng cao chất lượng")
    assert campaign.theme.endswith("trên địa bàn thành phố Hải Phòng")
    kinds = set(campaign.criteria.values_list("applies_to", flat=True))
    assert kinds == {"council", "standing_committee", "committee", "deputy_group", "deputy"}
    for kind in kinds:
        assert campaign.thresholds.filter(applies_to=kind).count() == 4


def test_awards_by_the_district_peoples_committee():
    decisions = AwardDecision.objects.filter(year=2023)
    assert set(decisions.values_list("issuing_authority", "kind")) == {
        ("UBND quận Dương Kinh", "giay_khen")
    }
    awards = Award.objects.filter(decision__in=decisions)
    assert awards.filter(recipient_person__isnull=True).count() == 10
    assert awards.filter(recipient_person__isnull=False).count() == 12


def test_pledges_signed_at_the_conference():
    pledges = Pledge.objects.filter(campaign__year=2024)
    assert set(pledges.values_list("signed_on", flat=True)) == {dt.date(2024, 3, 13)}
    assert pledges.count() == 14
    assert all(p.commitments.exists() for p in pledges)
