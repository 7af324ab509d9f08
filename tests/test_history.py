"""Audit history: every change to a record, through the admin or the pages, is kept with
who and when, one history row per change, and can be read in the admin."""

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.models import Scorecard
from sessions.models import Session

pytestmark = pytest.mark.django_db


def session_form(district, **changes):
    data = {
        "council": district.pk,
        "term": district.terms.get().pk,
        "number": "80",
        "kind": "regular",
        "start_date": "10/05/2023",
        "end_date": "10/05/2023",
        "resolutions-TOTAL_FORMS": "0",
        "resolutions-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_create_update_delete_each_leave_one_row(secretariat_client, secretariat, district):
    add = reverse("admin:council_sessions_session_add")
    assert secretariat_client.post(add, session_form(district)).status_code == 302
    session = Session.objects.get(council=district, number=80)
    change = reverse("admin:council_sessions_session_change", args=[session.pk])
    edited = session_form(district, kind="thematic", resolutions_INITIAL_FORMS="0")
    # Every inline the change page shows (documents, attendance…) sends its management
    # form; its blank extra rows are left out, as a browser's unchanged ones are ignored.
    for formset in secretariat_client.get(change).context["inline_admin_formsets"]:
        management = formset.formset.management_form
        initial = {**management.initial, "TOTAL_FORMS": management.initial["INITIAL_FORMS"]}
        edited.update({management.add_prefix(k): v for k, v in initial.items()})
    assert secretariat_client.post(change, edited).status_code == 302
    delete = reverse("admin:council_sessions_session_delete", args=[session.pk])
    assert secretariat_client.post(delete, {"post": "yes"}).status_code == 302

    rows = Session.history.filter(id=session.pk).order_by("history_date")
    assert [r.history_type for r in rows] == ["+", "~", "-"]
    assert {r.history_user for r in rows} == {secretariat}
    assert [r.kind for r in rows] == ["regular", "thematic", "thematic"]


def test_page_changes_are_kept_with_who_made_them(ward_a_client, ward_a_staff, ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    criterion = card.campaign.criteria.filter(applies_to="council").order_by("position").first()
    score = card.scores.get(criterion=criterion)
    before = score.history.count()
    ward_a_client.post(
        reverse("scoring:scorecard", args=[card.pk]),
        {"version": card.version, "save": "1", f"points_{criterion.pk}": "12"},
    )
    rows = score.history.order_by("-history_date")
    assert rows.count() == before + 1
    assert (rows[0].self_points, rows[0].history_user) == (12, ward_a_staff)
    assert card.history.order_by("-history_date")[0].history_user == ward_a_staff


def test_a_rejected_form_leaves_no_history(ward_a_client, ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    criterion = card.campaign.criteria.filter(applies_to="council").order_by("position").first()
    count = card.history.count() + card.scores.get(criterion=criterion).history.count()
    ward_a_client.post(
        reverse("scoring:scorecard", args=[card.pk]),
        {"version": card.version, "save": "1", f"points_{criterion.pk}": "99"},
    )
    assert count == card.history.count() + card.scores.get(criterion=criterion).history.count()


def test_the_secretariat_reads_the_history_in_the_admin(secretariat_client, district):
    session = Session.objects.filter(council=district).first()
    session.title = "Đổi tên"
    session.save()
    url = reverse("admin:council_sessions_session_history", args=[session.pk])
    response = secretariat_client.get(url)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == session.history.count() >= 1


def test_services_write_history_for_every_transition(ward_a):
    card = Scorecard.objects.get(campaign__year=2023, subject_council=ward_a)
    statuses = list(card.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-1] == "approved" and "submitted" in statuses
    assert card.history.first().history_date.date() >= dt.date(2024, 1, 1)
