"""The search that forgives missing accents: the header's /search/ and every admin search.

Records are built here with a word the demo never uses ("Vĩnh Khương"), so each expected
result list is this file's own. Runs on SQLite and on PostgreSQL (the migration's
objects are checked there).
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.models import Body, Person
from councilwork.search import fold, query_words
from oversight.models import OversightActivity
from search.kinds import KINDS
from sessions.models import Resolution
from tests.factories import session

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


@pytest.fixture
def built(ward_a, ward_b):
    """Anh Dũng's and Đa Phúc's sessions and resolutions of "Vĩnh Khương"."""
    day = dt.date(2023, 7, 3)
    s_a = session(ward_a, 91, day, title="Kỳ họp chuyên đề Vĩnh Khương")
    s_b = session(ward_b, 91, day, title="Kỳ họp chuyên đề Vĩnh Khương Đa Phúc")

    def resolution(council, s, number, title):
        return Resolution.objects.create(
            council=council, session=s, number=number, adopted_on=day, title=title
        )

    return {
        "s_a": s_a,
        "s_b": s_b,
        "budget_a": resolution(ward_a, s_a, 49, "Nghị quyết về dự toán ngân sách Vĩnh Khương"),
        "plan_a": resolution(ward_a, s_a, 50, "Nghị quyết về quy hoạch đô thị Vĩnh Khương"),
        "budget_b": resolution(ward_b, s_b, 49, "Nghị quyết phân bổ NGÂN SÁCH Vĩnh Khương"),
        "oversight_b": OversightActivity.objects.create(
            council=ward_b,
            kind="thematic",
            title="Giám sát ngân sách Vĩnh Khương",
            start_date=day,
            end_date=day,
        ),
        "body_a": Body.objects.create(council=ward_a, kind="committee", name="Ban Vĩnh Khương"),
        "person": Person.objects.create(full_name="Dương Thị Vĩnh Khương", position="Tổ trưởng"),
    }


def results(client, query, **params):
    """{kind key: [result labels]} of the search page, and the response."""
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    groups = {g.kind.key: g for g in response.context["groups"]}
    return {k: [r.label for r in g.results] for k, g in groups.items()}, response


def titles(found, kind):
    return set(found.get(kind, []))


def labels(*resolutions):
    return {f"{r.code} – {r.title} ({r.council.short_name})" for r in resolutions}


def test_fold_drops_accents_d_case_and_extra_spaces():
    assert fold("Nghị quyết về dự toán  ngân sách") == "nghi quyet ve du toan ngan sach"
    assert fold("ĐA PHÚC") == fold("đa phuc") == "da phuc"
    assert fold("Dương Kinh") == "duong kinh"
    assert fold("Hòa Nghĩa") == fold("Hoa\u0300 Nghi\u0303a") == "hoa nghia"  # decomposed input
    assert fold("49/NQ-HĐND") == "49/nq-hdnd"
    assert fold("a\x00b\u202ec") == "a b c"
    assert fold(None) == ""


def test_query_words_are_capped():
    assert query_words('"duong kinh"') == ["duong", "kinh"]
    assert len(query_words("nghi " * 500)) == 8
    assert query_words("x" * 10_000) == ["x" * 200]
    assert query_words("\x00 \u200b") == []


@pytest.mark.parametrize(
    "query",
    [
        "nghi quyet ngan sach vinh khuong",
        "khuong vinh sach ngan quyet nghi",
        "NGHỊ QUYẾT NGÂN SÁCH VĨNH KHƯƠNG",
        "nghị quyet ngan sách vinh khuong",
    ],
)
def test_resolutions_found_without_accents_in_any_order(secretariat_client, built, query):
    found, _ = results(secretariat_client, query)
    assert titles(found, "resolutions") == labels(built["budget_a"], built["budget_b"])


def test_resolution_by_number(secretariat_client, built):
    found, _ = results(secretariat_client, "49/NQ vinh khuong")
    assert titles(found, "resolutions") == labels(built["budget_a"], built["budget_b"])
    found, _ = results(secretariat_client, "50/nq-hdnd vinh khuong")
    assert titles(found, "resolutions") == labels(built["plan_a"])


def test_every_kind_in_its_group(secretariat_client, built):
    found, _ = results(secretariat_client, "vinh khuong")
    assert set(found) == {k.key for k in KINDS}  # the voters' records are never a kind
    assert {"sessions", "resolutions", "oversight", "bodies", "people"} <= {
        k for k, v in found.items() if v
    }
    assert len(found["sessions"]) == 2
    assert found["people"] == ["Dương Thị Vĩnh Khương – Tổ trưởng"]
    assert found["bodies"] == ["Ban Vĩnh Khương – Anh Dũng"]
    assert len(found["oversight"]) == 1


@pytest.mark.parametrize("query", ["duong kinh", "DUONG", "Dương kinh", "kinh duong"])
def test_councils_by_name_without_accents(leader_client, district, query):
    found, _ = results(leader_client, query)
    assert district.name in found["councils"]


@pytest.mark.parametrize("query", ["đa phuc", "da phuc", "DA PHÚC"])
def test_da_phuc(secretariat_client, ward_b, query):
    found, _ = results(secretariat_client, query)
    assert ward_b.name in found["councils"]


def test_ward_staff_see_only_their_own_council(ward_a_client, ward_b, built):
    found, response = results(ward_a_client, "vinh khuong")
    assert titles(found, "resolutions") == labels(built["budget_a"], built["plan_a"])
    assert found["sessions"] == [f"{built['s_a']} – {built['s_a'].title}"]
    assert not found["oversight"]  # Đa Phúc's
    assert "people" not in found  # no page of theirs shows people
    # Đa Phúc's session of Vĩnh Khương, and Đa Phúc itself: none of Anh Dũng's business.
    found, response = results(ward_a_client, "vinh khuong da phuc")
    assert not any(found.values())
    found, response = results(ward_a_client, "da phuc")
    assert not found["councils"] and not found["sessions"]
    assert "Đa Phúc" not in response.content.decode().split("</header>")[1]
    found, _ = results(ward_a_client, "duong kinh")
    assert not found["councils"]


def test_ward_staff_links_open_for_them(ward_a_client, built):
    response = ward_a_client.get(URL, {"q": "vinh khuong"})
    links = [r.url for g in response.context["groups"] for r in g.results]
    assert reverse("council_sessions:documents", args=[built["s_a"].pk]) in links
    for link in links:
        assert ward_a_client.get(link, follow=True).status_code == 200, link


def test_readers_link_to_the_admin(leader_client, built):
    response = leader_client.get(URL, {"q": "49/nq ngan sach vinh khuong"})
    group = next(g for g in response.context["groups"] if g.kind.key == "resolutions")
    expected = {
        reverse("admin:council_sessions_resolution_change", args=[r.pk])
        for r in (built["budget_a"], built["budget_b"])
    }
    assert {r.url for r in group.results} == expected
    assert leader_client.get(group.results[0].url).status_code == 200


def test_groups_are_paginated(secretariat_client, ward_a):
    s = session(ward_a, 92, dt.date(2023, 9, 1))
    for n in range(23):
        Resolution.objects.create(
            council=ward_a, session=s, number=200 + n, adopted_on=s.start_date, title="Phân trang"
        )
    pages = {}
    for page in ("1", "2", "3", "abc", "999", "-1"):
        response = secretariat_client.get(URL, {"q": "phan trang", "page_resolutions": page})
        group = next(g for g in response.context["groups"] if g.kind.key == "resolutions")
        assert group.count == 23 and group.pages == 3
        pages[page] = (group.number, [r.label for r in group.results])
    assert [len(pages[p][1]) for p in ("1", "2", "3")] == [10, 10, 3]
    assert {label for p in ("1", "2", "3") for label in pages[p][1]} == {
        f"{200 + n}/NQ-HĐND – Phân trang (Anh Dũng)" for n in range(23)
    }
    assert pages["abc"][0] == 1 and pages["-1"][0] == 1 and pages["999"][0] == 3
    assert 'rel="next"' in response.content.decode() or pages["999"][0] == 3


@pytest.mark.parametrize(
    "query",
    ["x" * 20_000, "a\x00b", "\u202e\u200b\ufeff", "😀 %_\\", "' OR 1=1 --", ""],
)
def test_hostile_queries_never_fail(secretariat_client, ward_a_client, query):
    for client in (secretariat_client, ward_a_client):
        response = client.get(URL, {"q": query, "page_resolutions": "abc", "page_x": "1e9"})
        assert response.status_code == 200


@pytest.mark.parametrize("raw", ["q=%ED%B3%BF", "q=%FF%FE&page_resolutions=%FF", "q=%00", "q"])
def test_undecodable_query_strings_never_fail(secretariat_client, raw):
    assert secretariat_client.get(f"{URL}?{raw}").status_code == 200


def test_anonymous_goes_to_login(anonymous_client):
    response = anonymous_client.get(URL, {"q": "duong kinh"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_constant_queries_whatever_the_data(secretariat_client, ward_a_client, ward_a, built):
    def count(client):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"q": "vinh khuong"}).status_code == 200
        return len(queries)

    count(secretariat_client), count(ward_a_client)  # the session's first-request writes
    before = (count(secretariat_client), count(ward_a_client))
    s = session(ward_a, 93, dt.date(2023, 10, 1), title="Vĩnh Khương lần hai")
    for n in range(30):
        Resolution.objects.create(
            council=ward_a, session=s, number=300 + n, adopted_on=s.start_date, title="Vĩnh Khương"
        )
        OversightActivity.objects.create(
            council=ward_a,
            kind="regular",
            title=f"Vĩnh Khương {n}",
            start_date=s.start_date,
            end_date=s.start_date,
        )
    assert (count(secretariat_client), count(ward_a_client)) == before


def test_header_has_a_labelled_search_box(secretariat_client):
    html = secretariat_client.get(URL, {"q": "duong"}).content.decode()
    header = html.split("</header>")[0]
    assert 'role="search"' in header and f'action="{URL}"' in header
    assert 'name="q"' in header and "aria-label=" in header


# The admin: every changelist search folds too.

ADMIN_SEARCHES = [
    # (model admin url name, query, the fixture's rows expected among the results)
    ("council_sessions_resolution", "ngan sach vinh khuong", {"budget_a", "budget_b"}),
    ("council_sessions_resolution", "49 vinh khuong", {"budget_a", "budget_b"}),  # "=number"
    ("council_sessions_session", "vinh khuong da phuc", {"s_b"}),
    ("oversight_oversightactivity", "giam sat ngan sach vinh khuong", {"oversight_b"}),
    ("councilwork_body", "BAN VINH KHUONG", {"body_a"}),
    ("councilwork_person", "khuong duong", {"person"}),
]


@pytest.mark.parametrize(("name", "query", "expected"), ADMIN_SEARCHES)
def test_admin_search_without_accents(secretariat_client, built, name, query, expected):
    response = secretariat_client.get(reverse(f"admin:{name}_changelist"), {"q": query})
    assert response.status_code == 200
    assert {obj.pk for obj in response.context["cl"].result_list} == {
        built[key].pk for key in expected
    }


def test_admin_council_search(secretariat_client, district):
    url = reverse("admin:councilwork_council_changelist")
    response = secretariat_client.get(url, {"q": "duong kinh"})
    assert district in response.context["cl"].result_list


def _searchable_admins():
    from django.contrib import admin

    return sorted(
        (model._meta.app_label, model._meta.model_name)
        for model, model_admin in admin.site._registry.items()
        if model_admin.search_fields
    )


@pytest.mark.parametrize(("app", "model"), _searchable_admins())
def test_every_admin_search_field_still_works(superuser_client, app, model):
    url = reverse(f"admin:{app}_{model}_changelist")
    for query in ("duong kinh", "49/NQ", "đa phúc hoà"):
        assert superuser_client.get(url, {"q": query}).status_code == 200, (url, query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL objects")
def test_postgresql_extensions_function_and_indexes():

    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')")
        assert {row[0] for row in cursor.fetchall()} == {"unaccent", "pg_trgm"}
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'cw_fold'")
        assert [row[0] for row in cursor.fetchall()] == ["i"]  # IMMUTABLE
        cursor.execute("SELECT cw_fold('Nghị quyết ĐA PHÚC Hoa\u0300')")
        assert cursor.fetchone()[0] == "nghi quyet da phuc hoa"
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'search_%'")
        indexes = dict(cursor.fetchall())
    documents = {name: d for name, d in indexes.items() if name.endswith("_document")}
    folded = {name: d for name, d in indexes.items() if name not in documents}
    assert len(folded) == 18
    assert all("gin" in d and "cw_fold" in d and "gin_trgm_ops" in d for d in folded.values())
    # The stored, already folded documents (search migration 0002).
    assert sorted(documents) == [
        "search_activity_document",
        "search_body_document",
        "search_council_document",
        "search_decision_document",
        "search_person_document",
        "search_recomm_document",
        "search_resolution_document",
        "search_session_document",
    ]
    assert all("gin" in d and "(search_text gin_trgm_ops)" in d for d in documents.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")
@pytest.mark.parametrize(
    ("fields", "word", "index"),
    [
        (("title",), "ngan sach", "search_resolution_title"),
        (("title", "RESOLUTION_CODE"), "49/nq", "search_resolution_code"),
        (("DOCUMENT",), "ngan sach", "search_resolution_document"),
    ],
)
def test_the_planner_can_use_the_trigram_indexes(fields, word, index):
    from councilwork.search import Document, matches
    from sessions.models import RESOLUTION_CODE

    named = {"RESOLUTION_CODE": RESOLUTION_CODE, "DOCUMENT": Document("search_text")}
    fields = [named.get(f, f) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Resolution.objects.filter(matches(fields, [word])).order_by().explain()
    assert index in plan, plan
