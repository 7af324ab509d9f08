"""The secretariat's admin: every page opens, in Vietnamese, with a bounded number of queries."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from councilwork.registry import record_models
from sessions.models import Resolution, Session
from tests.factories import session

pytestmark = pytest.mark.django_db

RECORD_MODELS = record_models()
MODEL_ADMINS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model in RECORD_MODELS
)
# Enough for the page's own needs; a query per row would blow well past it
# (the demo has 86 resolutions, 53 oversight activities, 100+ scores).
MAX_QUERIES = 25
READ_ONLY = {"scorecardevent", "score"}  # the scoring workflow's, never entered by hand


def test_every_record_model_is_in_the_admin():
    models = {(m._meta.app_label, m._meta.model_name) for m in RECORD_MODELS}
    assert models == set(MODEL_ADMINS)


@pytest.mark.parametrize(("app", "model"), MODEL_ADMINS)
def test_changelist_add_and_change_pages(
    secretariat_client, superuser_client, app, model, django_assert_max_num_queries
):
    model_class = next(
        m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app, model)
    )
    if (app, model) == ("councilwork", "user"):
        # Logins are managed by superusers (and the adduser command), not the secretariat.
        users_url = reverse("admin:councilwork_user_changelist")
        assert secretariat_client.get(users_url).status_code == 403
        secretariat_client = superuser_client
    changelist = reverse(f"admin:{app}_{model}_changelist")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = secretariat_client.get(changelist)
    assert response.status_code == 200
    rows = model_class._default_manager.count()
    assert rows > 0, f"the demo has no {model}"
    assert response.context["cl"].result_count == rows

    with django_assert_max_num_queries(MAX_QUERIES):
        response = secretariat_client.get(reverse(f"admin:{app}_{model}_add"))
    # History and points are written by the workflow only: nobody adds them by hand.
    assert response.status_code == (403 if model in READ_ONLY else 200)

    obj = model_class._default_manager.order_by("pk").last()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = secretariat_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize(
    "url",
    [
        "admin:council_sessions_resolution_changelist",
        "admin:council_sessions_session_changelist",
        "admin:oversight_oversightactivity_changelist",
        "admin:campaigns_score_changelist",
        "admin:campaigns_scorecard_changelist",
        "admin:councilwork_membership_changelist",
        "admin:awards_award_changelist",
    ],
)
def test_changelist_queries_do_not_grow_with_rows(
    secretariat_client, district, url, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secretariat_client.get(reverse(url))  # the session's renewal is done with
    with CaptureQueriesContext(connection) as before:
        secretariat_client.get(reverse(url))
    # Forty more sessions with a resolution each: more rows on every page above.
    for n in range(100, 140):
        s = session(district, n, dt.date(2023, 8, 1))
        Resolution.objects.create(
            council=district, session=s, number=n, adopted_on=s.start_date, title=f"NQ {n}"
        )
    with django_assert_num_queries(len(before)):
        secretariat_client.get(reverse(url))


def test_admin_speaks_vietnamese_with_dd_mm_yyyy_dates(secretariat_client):
    response = secretariat_client.get(
        reverse("admin:council_sessions_session_changelist"), {"start_date_year": "2023"}
    )
    page = response.content.decode()
    assert "Kỳ họp" in page
    assert "14/12/2023" in page  # the district's year-end session
    assert response.context["cl"].result_count == 17  # 04 district + 13 ward sessions


def test_year_filter_and_search(secretariat_client):
    url = reverse("admin:council_sessions_resolution_changelist")
    response = secretariat_client.get(url, {"adopted_on_year": "2023"})
    assert response.context["cl"].result_count == 86
    response = secretariat_client.get(url, {"q": "ngân sách"})
    assert (
        response.context["cl"].result_count
        == Resolution.objects.filter(title__icontains="ngân sách").count()
    )


def test_bad_input_is_reported_beside_the_field_and_saves_nothing(secretariat_client, district):
    term = district.terms.get()
    before = Session.objects.count()
    response = secretariat_client.post(
        reverse("admin:council_sessions_session_add"),
        {
            "council": district.pk,
            "term": term.pk,
            "number": "70",
            "kind": "regular",
            "start_date": "10/05/2023",
            "end_date": "09/05/2023",
            "resolutions-TOTAL_FORMS": "0",
            "resolutions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"end_date": ["Ngày kết thúc không được trước ngày bắt đầu."]}
    assert Session.objects.count() == before


def test_a_bad_inline_row_leaves_no_half_written_session(secretariat_client, district):
    term = district.terms.get()
    sessions, resolutions = Session.objects.count(), Resolution.objects.count()
    response = secretariat_client.post(
        reverse("admin:council_sessions_session_add"),
        {
            "council": district.pk,
            "term": term.pk,
            "number": "71",
            "kind": "thematic",
            "start_date": "10/05/2023",
            "end_date": "10/05/2023",
            "resolutions-TOTAL_FORMS": "2",
            "resolutions-INITIAL_FORMS": "0",
            "resolutions-0-number": "90",
            "resolutions-0-symbol": "NQ-HĐND",
            "resolutions-0-adopted_on": "10/05/2023",
            "resolutions-0-title": "Hợp lệ",
            # Number 1 of 2023 already exists for the district.
            "resolutions-1-number": "1",
            "resolutions-1-symbol": "NQ-HĐND",
            "resolutions-1-adopted_on": "10/05/2023",
            "resolutions-1-title": "Trùng số",
        },
    )
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[1]["number"]
    assert (Session.objects.count(), Resolution.objects.count()) == (sessions, resolutions)


def test_a_valid_session_with_resolutions_is_saved(secretariat_client, district):
    term = district.terms.get()
    # A number typed by hand is the register's next: after the council's 2023 resolutions.
    held = Resolution.objects.filter(council=district, adopted_on__year=2023)
    typed = max(held.values_list("number", flat=True)) + 1
    response = secretariat_client.post(
        reverse("admin:council_sessions_session_add"),
        {
            "council": district.pk,
            "term": term.pk,
            "number": "72",
            "kind": "thematic",
            "start_date": "10/05/2023",
            "end_date": "10/05/2023",
            "paperless": "on",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "resolutions-TOTAL_FORMS": "1",
            "resolutions-INITIAL_FORMS": "0",
            "resolutions-0-number": str(typed),
            "resolutions-0-symbol": "NQ-HĐND",
            "resolutions-0-adopted_on": "10/05/2023",
            "resolutions-0-title": "Về một việc",
        },
    )
    assert response.status_code == 302
    saved = Session.objects.get(term=term, number=72)
    assert saved.paperless and saved.start_date == dt.date(2023, 5, 10)
    assert list(saved.resolutions.values_list("council__slug", "number")) == [("duong-kinh", typed)]


def test_leader_reads_but_cannot_change(leader_client, district):
    url = reverse("admin:council_sessions_session_changelist")
    assert leader_client.get(url).status_code == 200
    assert leader_client.get(reverse("admin:council_sessions_session_add")).status_code == 403
    obj = Session.objects.first()
    response = leader_client.post(
        reverse("admin:council_sessions_session_change", args=[obj.pk]), {"number": "99"}
    )
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.number != 99


def test_ward_staff_and_anonymous_are_kept_out_of_the_admin(ward_a_client, anonymous_client):
    url = reverse("admin:council_sessions_session_changelist")
    for client in (ward_a_client, anonymous_client):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
