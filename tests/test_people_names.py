"""A person is shown by name, family name first, wherever a login appears."""

import io
import os

import pytest
from django.core.management import call_command

from campaigns.models import Scorecard
from councilwork.models import User


@pytest.mark.django_db
def test_adduser_takes_the_name_family_name_first(monkeypatch):
    monkeypatch.setitem(os.environ, "DJANGO_USER_PASSWORD", "một-mật-khẩu-dài-2024")
    call_command(
        "adduser", "hoa.nt", "--role", "leader", "--name", "Nguyễn Thị Hoa", stdout=io.StringIO()
    )
    user = User.objects.get(username="hoa.nt")
    assert (user.last_name, user.first_name) == ("Nguyễn Thị", "Hoa")
    assert user.get_full_name() == "Nguyễn Thị Hoa" == str(user)


@pytest.mark.django_db
def test_a_login_without_a_name_is_shown_by_its_login():
    assert str(User(username="khach")) == "khach"


@pytest.mark.django_db
def test_reviewer_on_the_scorecard_admin_is_a_name_not_a_login(secretariat_client):
    scorecard = Scorecard.objects.filter(reviewed_by__username="vanphong").first()
    assert scorecard is not None
    page = secretariat_client.get(f"/admin/campaigns/scorecard/{scorecard.pk}/change/")
    text = page.content.decode()
    assert "Nguyễn Thị Thu Hà" in text
    assert "vanphong" not in text


@pytest.mark.django_db
def test_user_list_and_form_read_family_name_first(superuser_client):
    text = superuser_client.get("/admin/councilwork/user/", {"q": "vanphong"}).content.decode()
    assert "Nguyễn Thị Thu Hà" in text
    user = User.objects.get(username="vanphong")
    form = superuser_client.get(f"/admin/councilwork/user/{user.pk}/change/").content.decode()
    assert form.index('name="last_name"') < form.index('name="first_name"')
