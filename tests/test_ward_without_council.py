"""A ward login bound to no council sees nothing (access fails closed, never every ward's
records, never a 500), and no path that makes logins can make one."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.models import Scorecard
from councilwork.models import User
from councilwork.roles import Role
from councilwork.services import user_upsert
from devdata.demo.data import EVIDENCE_PDF
from tests.admin_post import change_form_data
from tests.conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def stray(ward_a_staff):
    """Ward staff whose council is gone from the login (cleared by hand, say)."""
    User.objects.filter(pk=ward_a_staff.pk).update(council=None)
    ward_a_staff.refresh_from_db()
    return ward_a_staff


@pytest.fixture
def stray_client(stray):
    return _client_for(stray)


@pytest.fixture
def cards(ward_a):
    """An editable ward scorecard and a district body's one (no council as subject)."""
    own = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    body = Scorecard.objects.filter(campaign__year=2023, subject_body__isnull=False).first()
    return own, body


def test_the_list_of_scorecards_is_empty(stray_client, cards):
    response = stray_client.get(reverse("scoring:list"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert stray_client.get(reverse("scoring:list") + "?status=draft").context["rows"] == []


def test_no_scorecard_opens_or_changes(stray_client, cards):
    for card in cards:
        url = reverse("scoring:scorecard", args=[card.pk])
        assert stray_client.get(url).status_code == 404
        data = {"version": card.version, "save": "1"}
        data.update({f"points_{s.criterion_id}": "1" for s in card.scores.all()})
        assert stray_client.post(url, data).status_code == 404
    own, _body = cards
    assert not own.scores.filter(self_points__isnull=False).exists()
    assert not own.events.exists()


def test_no_evidence_downloads_or_uploads(stray_client, leader_client, cards):
    own, _body = cards
    url = reverse("scoring:evidence-upload", args=[own.pk])
    old = Scorecard.objects.get(campaign__year=2023, subject_council=own.subject_council)
    evidence = old.evidence.first()
    download = reverse("scoring:evidence-download", args=[old.pk, evidence.pk])
    assert leader_client.get(download).status_code == 200  # the file is there
    assert stray_client.get(download).status_code == 404
    upload = {"file": SimpleUploadedFile("a.pdf", EVIDENCE_PDF), "criterion": ""}
    assert stray_client.post(url, upload).status_code == 404
    assert not own.evidence.exists()


@pytest.mark.parametrize("name", ["summary:page", "summary:docx", "summary:xlsx"])
def test_the_summary_is_not_found(stray_client, name):
    url = reverse(name, args=[2023])
    assert stray_client.get(url).status_code == 404
    assert stray_client.get(url + "?council=anh-dung").status_code == 404
    assert stray_client.get(url + "?council=duong-kinh").status_code == 404


def test_the_records_behind_a_figure_are_not_found(stray_client):
    url = reverse("summary:records", args=[2023, "sessions"])
    assert stray_client.get(url).status_code == 404
    assert stray_client.get(url + "?council=anh-dung").status_code == 404


def test_home_leads_to_an_empty_list(stray_client):
    response = stray_client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert response.context["rows"] == []


# --- no path makes such a login ----------------------------------------------------------


def test_the_service_refuses_ward_staff_without_a_council():
    with pytest.raises(ValidationError) as refused:
        user_upsert(username="p-no-council", role=Role.WARD)
    assert "council" in refused.value.message_dict
    assert not User.objects.filter(username="p-no-council").exists()


def test_adduser_refuses_ward_staff_without_a_council(monkeypatch):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "a-long-unusual-pass-phrase-77")
    with pytest.raises(CommandError):
        call_command("adduser", "p-no-council", "--role", "ward")
    assert not User.objects.filter(username="p-no-council").exists()


def user_change(superuser_client, user) -> tuple[str, dict]:
    url = reverse("admin:councilwork_user_change", args=[user.pk])
    return url, change_form_data(superuser_client.get(url))


def test_the_user_admin_refuses_to_unbind_ward_staff(superuser_client, ward_a_staff, ward_a):
    url, data = user_change(superuser_client, ward_a_staff)
    data["council"] = ""
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["council"]
    assert errors == ["Cán bộ HĐND phường phải được gắn với một HĐND."]
    ward_a_staff.refresh_from_db()
    assert ward_a_staff.council == ward_a


def test_the_user_admin_refuses_to_make_ward_staff_without_a_council(superuser_client, secretariat):
    from councilwork.services import role_groups_sync

    ward_group = role_groups_sync()[Role.WARD]
    url, data = user_change(superuser_client, secretariat)
    data["groups"] = [str(ward_group.pk)]
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["council"]
    assert not secretariat.groups.filter(pk=ward_group.pk).exists()


def test_the_user_admin_still_saves_a_consistent_login(superuser_client, ward_a_staff, ward_b):
    url, data = user_change(superuser_client, ward_a_staff)
    data["council"] = str(ward_b.pk)
    assert superuser_client.post(url, data).status_code == 302
    ward_a_staff.refresh_from_db()
    assert ward_a_staff.council == ward_b
