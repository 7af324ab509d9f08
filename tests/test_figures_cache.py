"""A cached figure is never stale: versions in the database, moved on every write path.

Each test counts the expected figure from its own records (the seed's figures plus what
the test wrote) and compares it with the page, which is served from the cache whenever
the versions say it may be.
"""

import dataclasses
import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

import reports.selectors
from campaigns.models import Score, Scorecard
from councilwork.cache import figures_versions
from councilwork.models import Council, FiguresVersion
from oversight.models import ActivityKind
from reports.figures import YearFigures
from reports.schema import EDITION, FIGURES_SCHEMA, VOCABULARIES, shape_of
from reports.selectors import summary_cache_key
from reports.types import YearSummary
from sessions.models import Resolution, Session
from tests.factories import session
from tests.test_year_summary import SEED_FIGURES_2023

pytestmark = pytest.mark.django_db
PAGE = reverse("summary:page", args=[2023])
WARD_SESSIONS = SEED_FIGURES_2023["below"]["commune"]["sessions"]["total"]
OWN_SESSIONS = SEED_FIGURES_2023["council_sessions"]["total"]


def shown(client, key: str, council: str = "duong-kinh") -> int:
    html = client.get(PAGE, {"council": council}).content.decode()
    return int(re.search(rf'<tr data-key="{re.escape(key)}">.*?data-value="(\d+)"', html, re.S)[1])


def version_of(council: Council) -> int:
    return FiguresVersion.objects.get(council=council).version


def test_a_lost_or_flushed_cache_changes_nothing(leader_client, ward_a):
    assert shown(leader_client, "below.commune.sessions.total") == WARD_SESSIONS
    cache.clear()  # every cached entry gone at once
    session(ward_a, 90, dt.date(2023, 9, 1))
    cache.clear()
    assert shown(leader_client, "below.commune.sessions.total") == WARD_SESSIONS + 1


def test_a_version_row_removed_behind_the_apps_back_is_never_trusted(leader_client, district):
    assert shown(leader_client, "council_sessions.total") == OWN_SESSIONS  # cached now
    FiguresVersion.objects.filter(council=district).delete()
    # A write through QuerySet.update sends no signal: only an uncached read sees it.
    Session.objects.filter(council=district, start_date__year=2023).update(
        start_date=dt.date(2022, 12, 1), end_date=dt.date(2022, 12, 1)
    )  # figures: the test writes around the app on purpose
    assert shown(leader_client, "council_sessions.total") == 0


@pytest.mark.parametrize("backend", ["locmem-tiny", "dummy"])
def test_correct_with_any_backend_timeout_and_culling(settings, leader_client, ward_a, backend):
    settings.CACHES = {
        "locmem-tiny": {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "TIMEOUT": 1,
                "OPTIONS": {"MAX_ENTRIES": 2, "CULL_FREQUENCY": 2},
            }
        },
        "dummy": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    }[backend]
    for n in range(3):
        assert shown(leader_client, "below.commune.sessions.total") == WARD_SESSIONS + n
        session(ward_a, 90 + n, dt.date(2023, 9, 1 + n))


def test_one_move_per_transaction_however_many_rows(district):
    before = version_of(district)
    with transaction.atomic():
        for n in range(5):
            session(district, 90 + n, dt.date(2023, 9, 1 + n))
        inside = version_of(district)
    assert inside != before
    assert version_of(district) == inside  # five rows, one new version


def test_a_rolled_back_write_leaves_no_stale_page(leader_client, ward_a):
    shown(leader_client, "below.commune.sessions.total")
    with pytest.raises(RuntimeError), transaction.atomic():
        session(ward_a, 90, dt.date(2023, 9, 1))
        # Read inside the failing transaction: cached under a version never committed.
        assert shown(leader_client, "below.commune.sessions.total") == WARD_SESSIONS + 1
        raise RuntimeError
    assert shown(leader_client, "below.commune.sessions.total") == WARD_SESSIONS


def test_a_draft_score_leaves_the_districts_summary_cached(ward_a_client, district, ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    assert card.status == "draft"
    before = figures_versions(district)
    score = Score.objects.filter(scorecard=card).first()
    score.self_points = 1
    score.full_clean()
    score.save()
    assert figures_versions(district) == before


def test_an_approved_scorecard_moves_the_versions(ward_a, district):
    card = Scorecard.objects.get(campaign__year=2023, subject_council=ward_a)
    assert card.status == "approved"
    before = version_of(district), version_of(ward_a)
    score = Score.objects.filter(scorecard=card).first()
    score.approved_points = 0
    score.save()
    assert version_of(district) != before[0] and version_of(ward_a) != before[1]


def test_a_session_moved_in_the_admin_moves_both_trees(secretariat_client, ward_a, ward_b):
    moved = Session.objects.filter(council=ward_a, start_date__year=2023).first()
    for n, resolution in enumerate(moved.resolutions.all(), start=500):
        resolution.number = n  # numbers free in the other ward too (unique per council)
        resolution.save()
    # Its attendance is of the first ward's deputies: with it, the move is refused.
    moved.attendance.all().delete()
    resolutions = moved.resolutions.count()
    own = {
        slug: shown(secretariat_client, "council_sessions.total", slug)
        for slug in ("anh-dung", "da-phuc")
    }
    own_resolutions = shown(secretariat_client, "council_resolutions", "da-phuc")
    url = reverse("admin:council_sessions_session_change", args=[moved.pk])
    form = secretariat_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(council=ward_b.pk, term=ward_b.terms.get().pk, number=99)
    data.update(_inline_management(secretariat_client.get(url).context))
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert shown(secretariat_client, "council_sessions.total", "anh-dung") == own["anh-dung"] - 1
    assert shown(secretariat_client, "council_sessions.total", "da-phuc") == own["da-phuc"] + 1
    # Its resolutions went along, though the inline saved none of them.
    assert (
        shown(secretariat_client, "council_resolutions", "da-phuc") == own_resolutions + resolutions
    )
    assert set(Resolution.objects.filter(session=moved).values_list("council", flat=True)) == {
        ward_b.pk
    }


def _inline_management(context) -> dict:
    """The inline formsets' data as the page holds them, unchanged; the blank extra rows
    are left out, as a browser's unchanged ones are ignored."""
    data = {}
    for formset in context["inline_admin_formsets"]:
        fs = formset.formset
        initial = {**fs.management_form.initial, "TOTAL_FORMS": fs.initial_form_count()}
        data.update({f"{fs.prefix}-{k}": v for k, v in initial.items()})
        for form in fs.initial_forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = value
    return data


def test_import_year_shows_at_once(leader_client, tmp_path):
    assert shown(leader_client, "council_resolutions") == SEED_FIGURES_2023["council_resolutions"]
    path = tmp_path / "year.json"
    call_command("export_year", "2023", "--output", str(path), stdout=StringIO())
    document = json.loads(path.read_text(encoding="utf-8"))
    rows = document["sheets"]["resolutions"]
    rows[0]["title"] = rows[0]["title"] + " (sửa)"
    extra = dict(rows[0], number=900, title="Nghị quyết thêm khi nhập")
    rows.append(extra)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    call_command("import_year", str(path), stdout=StringIO())
    council = extra.get("council") or "duong-kinh"
    expected = SEED_FIGURES_2023["council_resolutions"] + 1
    if council == "duong-kinh":
        assert shown(leader_client, "council_resolutions") == expected
    else:
        assert shown(leader_client, "below.commune.resolutions") == (
            SEED_FIGURES_2023["below"]["commune"]["resolutions"] + 1
        )


def _variant(cls, **fields):
    """A copy of the dataclass ``cls``, same module and name, with ``fields`` (name -> type)
    added or retyped: the class as a deploy that changed its fields would define it."""
    types = {f.name: f.type for f in dataclasses.fields(cls)} | fields
    spec = [(name, kind, dataclasses.field(default=None)) for name, kind in types.items()]
    return dataclasses.make_dataclass(cls.__name__, spec, namespace={"__module__": cls.__module__})


def test_the_schema_follows_the_shape_of_the_figures():
    assert shape_of(YearSummary, VOCABULARIES) == FIGURES_SCHEMA  # the same every time
    # A field added to YearFigures, inside the summary: another schema, nobody bumps it.
    figures = _variant(YearFigures, oversight_rows=dict[str, int])
    summary = _variant(YearSummary, figures=figures, previous=figures)
    assert shape_of(summary, VOCABULARIES) != FIGURES_SCHEMA
    # A new kind of oversight activity is a new row of figures in every dict of counts.
    kinds = {**VOCABULARIES, "activity_kinds": (*ActivityKind.values, "new_kind")}
    assert shape_of(YearSummary, kinds) != FIGURES_SCHEMA
    assert shape_of(YearSummary, VOCABULARIES, edition=EDITION + 1) != FIGURES_SCHEMA


def test_a_different_schema_gives_a_different_key(monkeypatch, district):
    key = summary_cache_key(council=district, year=2023)
    assert FIGURES_SCHEMA in key
    assert summary_cache_key(council=district, year=2023) == key
    monkeypatch.setattr(reports.selectors, "FIGURES_SCHEMA", "another-shape")
    assert summary_cache_key(council=district, year=2023) != key


def test_an_entry_of_the_old_shape_is_not_served_after_a_deploy(monkeypatch, leader_client):
    assert shown(leader_client, "council_sessions.total") == OWN_SESSIONS  # cached now
    moved = Session.objects.filter(council__slug="duong-kinh", start_date__year=2023)
    count = moved.count()
    # Around the app on purpose (no signal, no version moved): only a miss sees it.
    moved.update(start_date=dt.date(2022, 12, 1), end_date=dt.date(2022, 12, 1))
    assert shown(leader_client, "council_sessions.total") == OWN_SESSIONS  # the old entry
    # The new code's figures have one more field: its schema is another, its key too.
    figures = _variant(YearFigures, extra=int)
    new_shape = _variant(YearSummary, figures=figures, previous=figures)
    monkeypatch.setattr(reports.selectors, "FIGURES_SCHEMA", shape_of(new_shape, VOCABULARIES))
    assert shown(leader_client, "council_sessions.total") == OWN_SESSIONS - count
