"""The admin's History pages are read-only: simple_history's "revert" view refuses, for
GET and POST, and changes nothing; the page reads in Vietnamese, with dates dd/mm/yyyy
and people's names rather than logins."""

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse

from campaigns.models import Scorecard, ScorecardEvent
from sessions.models import Session

pytestmark = pytest.mark.django_db

REFUSED = "Lịch sử chỉ để xem: không thể khôi phục một phiên bản cũ."


def snapshot(obj) -> dict:
    obj = type(obj)._base_manager.get(pk=obj.pk)
    return {**model_to_dict(obj), "history": obj.history.count()}


def revert_url(obj, history_id) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, history_id]
    )


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


@pytest.fixture
def approved_card(district):
    card = Scorecard.objects.get(campaign__year=2023, subject_council__slug="anh-dung")
    assert card.status == "approved" and card.history.count() > 1
    return card


def test_reverting_a_scorecard_to_an_old_version_changes_nothing(secretariat_client, approved_card):
    oldest = approved_card.history.order_by("history_date").first()
    assert oldest.status != approved_card.status  # reverting would roll the status back
    before = snapshot(approved_card)
    post = {**model_to_dict(oldest.instance), "status": oldest.status, "version": 1}
    post = {key: "" if value is None else value for key, value in post.items()}
    url = revert_url(approved_card, oldest.history_id)
    for response in (secretariat_client.post(url, post), secretariat_client.get(url)):
        assert response.status_code == 302
        assert response["Location"] == history_url(approved_card)
    assert snapshot(approved_card) == before
    page = secretariat_client.get(history_url(approved_card)).content.decode()
    assert REFUSED in page


def test_rewriting_a_scorecard_event_changes_nothing(secretariat_client, approved_card):
    event = approved_card.events.order_by("at").last()
    before = snapshot(event)
    post = {**model_to_dict(event), "new_points": "99", "reason": "TAMPERED"}
    post = {key: "" if value is None else value for key, value in post.items()}
    url = revert_url(event, event.history.first().history_id)
    response = secretariat_client.post(url, post, follow=True)
    assert response.redirect_chain == [(history_url(event), 302)]
    assert REFUSED in response.content.decode()
    assert snapshot(event) == before
    assert not ScorecardEvent.objects.filter(reason="TAMPERED").exists()


def test_every_record_admin_refuses_to_revert():
    from councilwork.admin_history import ReadOnlyHistoryAdmin

    with_history = [a for a in admin.site._registry.values() if hasattr(a, "history_form_view")]
    assert with_history
    assert all(isinstance(model_admin, ReadOnlyHistoryAdmin) for model_admin in with_history)


def test_the_history_page_is_read_only_vietnamese_with_names_and_dates(
    secretariat_client, secretariat, district
):
    secretariat.last_name, secretariat.first_name = "Nguyễn Thị", "Hoa"  # họ, tên
    secretariat.save()
    session = Session.objects.filter(council=district).order_by("start_date").first()
    old_start = session.start_date
    session.start_date = old_start - dt.timedelta(days=1)
    session._history_user = secretariat
    session.save()

    page = secretariat_client.get(history_url(session)).content.decode()
    for heading in ("Thời điểm", "Thao tác", "Người thay đổi", "Thay đổi"):
        assert f'<th scope="col">{heading}</th>' in page
    assert "Đã sửa" in page and "Changed" not in page
    assert "Nguyễn Thị Hoa" in page
    assert "p-secretariat" not in page
    old, new = old_start.strftime("%d/%m/%Y"), session.start_date.strftime("%d/%m/%Y")
    assert f"{old}&nbsp;&rarr;&nbsp;{new}" in page
    assert re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", page)  # when, as H:i dd/mm/yyyy
    assert "/history/" not in page.split('id="change-history"')[1]  # no revert links
    assert "Choose a date" not in page and "None" not in page
