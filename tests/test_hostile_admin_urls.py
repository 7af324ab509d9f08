"""No 500 from any admin URL a secretariat or leader login can type.

Every changelist of every model registered in the admin is walked with hostile values
in each of its list filters' parameters, its search, its ordering and page, its date
hierarchy, every autocomplete field (its own and its inlines') and its change and
history URLs: digits that str.isdigit() takes but int() or the database do not, 0, a
number past every integer column, a NUL (PostgreSQL cannot compare text holding one),
5 000 characters and an SQL fragment. Whatever the answer is (the list, the list
without the filter, the admin's "invalid filter" redirect, 400, 403, 404), it is never
a server error.
"""

import traceback
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR
from django.test import Client, RequestFactory
from django.urls import reverse

from councilwork.models import Council
from sessions.models import Session

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "١٢", "0", str(10**20), "\x00", "x" * 5000, "1' OR '1'='1"]
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def changelist_params(model_admin, user) -> list[str]:
    """Every query parameter the changelist's list filters read, and its search.

    Not the "__isnull" ones: Django reads any value there as true or false.
    """
    request = RequestFactory().get("/")
    request.user = user
    cl = model_admin.get_changelist_instance(request)
    names = {name for spec in cl.filter_specs for name in spec.expected_parameters()}
    return [*sorted(name for name in names if not name.endswith("__isnull")), SEARCH_VAR]


def autocomplete_fields(model_admin, user) -> list[tuple[type, str]]:
    """(model, field) of every autocomplete select on the model's change form."""
    request = RequestFactory().get("/")
    request.user = user
    found = [(model_admin.model, name) for name in model_admin.get_autocomplete_fields(request)]
    for inline in model_admin.get_inline_instances(request):
        found += [(inline.model, name) for name in inline.get_autocomplete_fields(request)]
    return found


def date_hierarchy_queries(field: str) -> list[dict]:
    year, month, day = (f"{field}__{part}" for part in ("year", "month", "day"))
    queries = [{year: "9999"}, {year: "9999", month: "12"}, {year: "9999", month: "12", day: "31"}]
    queries += [{year: "1"}, {year: "10000"}, {month: "5"}, {day: "5"}, {year: "2023", day: "5"}]
    for value in HOSTILE:
        queries += [{year: value}, {year: "2023", month: value}]
        queries += [{year: "2023", month: "5", day: value}]
    return queries


def hostile_requests(model_admin, user, filter_values=HOSTILE) -> list[tuple[str, dict]]:
    """(path, query) of every hostile request for the model's admin.

    The list filters get ``filter_values``; everything else gets every hostile value.
    """
    opts = model_admin.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    params = changelist_params(model_admin, user)
    requests = [(changelist, {param: value}) for value in filter_values for param in params]
    requests += [(changelist, {SEARCH_VAR: "a " * 2500})]  # a search of 2 500 words
    if model_admin.date_hierarchy:
        requests += [
            (changelist, query) for query in date_hierarchy_queries(model_admin.date_hierarchy)
        ]
    for model, field in autocomplete_fields(model_admin, user):
        source = {"app_label": model._meta.app_label, "model_name": model._meta.model_name}
        for value in HOSTILE:
            query = {**source, "field_name": field, "term": value}
            requests += [("/admin/autocomplete/", query)]
    first = model_admin.model._base_manager.order_by("pk").values_list("pk", flat=True).first()
    pk = quote(str(first or 1))
    for value in HOSTILE:
        bad = quote(value, safe="")
        if hasattr(model_admin, "history_form_view"):
            requests += [(f"{changelist}{pk}/history/{bad}/", {})]
            requests += [(f"{changelist}{bad}/history/1/", {})]
        requests += [(f"{changelist}{bad}/history/", {}), (f"{changelist}{bad}/change/", {})]
    return requests


def server_error(response, path, query) -> str | None:
    """A line naming the request and the exception, when the answer is a server error."""
    if response.status_code < 500:
        return None
    shown = {key: value[:40] for key, value in query.items()}
    info = getattr(response, "exc_info", None)
    if not info:
        return f"{response.status_code} for {path} {shown}"
    frame = traceback.extract_tb(info[2])[-1]
    where = f"{frame.filename}:{frame.lineno}"
    return f"{response.status_code} for {path} {shown}: {info[0].__name__}: {info[1]} ({where})"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_no_admin_url_answers_500(model, secretariat, leader, monkeypatch):
    """Both logins walk every URL; the list filters' values are shared out between them.

    A changelist is the slow page and reads its filters alike for both, so each pair of
    a filter and a value is asked once, by one login or the other; it shows a few rows
    only, which changes nothing in how it reads the address.
    """
    model_admin = admin.site._registry[model]
    monkeypatch.setattr(model_admin, "list_per_page", 5)
    errors = []
    for index, user in enumerate((secretariat, leader)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for path, query in hostile_requests(model_admin, user, HOSTILE[index::2]):
            error = server_error(client.get(path, query), path, query)
            if error:
                errors.append(f"{user.username}: {error}")
    assert not errors, "\n".join(errors)


@pytest.fixture
def secretariat_client_500(secretariat):
    client = Client(raise_request_exception=False)
    client.force_login(secretariat)
    return client


@pytest.mark.parametrize("value", ["²", "١٢", "0", "10000", str(10**20), "x" * 5000])
def test_a_year_filter_that_is_no_year_shows_the_whole_list(secretariat_client_500, value):
    url = reverse("admin:council_sessions_session_changelist")
    response = secretariat_client_500.get(url, {"start_date_year": value})
    assert response.status_code == 200
    assert response.context["cl"].result_count == Session.objects.count()


def test_a_year_filter_still_filters(secretariat_client_500):
    url = reverse("admin:council_sessions_session_changelist")
    assert Session.objects.filter(start_date__year=2023).count() == Session.objects.count()
    for year, expected in (("2023", Session.objects.count()), ("2022", 0)):
        response = secretariat_client_500.get(url, {"start_date_year": year})
        assert response.context["cl"].result_count == expected, year


@pytest.mark.parametrize("value", ["0", "10000", "²", str(10**20)])
def test_a_date_hierarchy_year_outside_the_calendar_is_an_invalid_filter(
    secretariat_client_500, value
):
    url = reverse("admin:council_sessions_session_changelist")
    response = secretariat_client_500.get(url, {"start_date__year": value})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?{ERROR_FLAG}=1")


def test_the_date_hierarchy_still_narrows_the_list(secretariat_client_500):
    url = reverse("admin:council_sessions_session_changelist")
    for year, expected in (("2023", Session.objects.count()), ("2022", 0)):
        response = secretariat_client_500.get(url, {"start_date__year": year})
        assert response.context["cl"].result_count == expected, year


def test_a_council_tree_id_past_every_key_shows_the_whole_list(secretariat_client_500):
    url = reverse("admin:council_sessions_session_changelist")
    response = secretariat_client_500.get(url, {"council_tree": str(10**20)})
    assert response.status_code == 200
    assert response.context["cl"].result_count == Session.objects.count()
    ward = Council.objects.get(slug="anh-dung")
    response = secretariat_client_500.get(url, {"council_tree": str(ward.pk)})
    expected = Session.objects.filter(council=ward).count()
    assert 0 < expected < Session.objects.count()
    assert response.context["cl"].result_count == expected


def test_a_nul_in_a_filter_or_search_is_a_bad_request(secretariat_client_500):
    url = reverse("admin:council_sessions_session_changelist")
    for query in ({"kind__exact": "a\x00b"}, {"q": "a\x00b"}):
        response = secretariat_client_500.get(url, query)
        assert response.status_code == 400, query
        assert "cl" not in (response.context or {}), query


def test_an_autocomplete_term_with_a_nul_finds_nothing(secretariat_client_500):
    query = {"app_label": "council_sessions", "model_name": "session", "field_name": "council"}
    response = secretariat_client_500.get("/admin/autocomplete/", {**query, "term": "\x00"})
    assert response.status_code == 200
    assert response.json()["results"] == []
    found = secretariat_client_500.get("/admin/autocomplete/", {**query, "term": "Dương"})
    assert found.json()["results"], "a plain term still finds councils"
