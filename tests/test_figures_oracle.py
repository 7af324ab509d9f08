"""The year figures against a plain count, on three shapes of council tree.

Each tree is built in the test through the models' validation (tests/oracle_trees.py).
``expected`` counts every figure in plain Python from the tree's own lists, never through
the app's selectors; the tests compare it with ``year_summary --json`` for every council
and several years (one with nothing in it), then change records through the admin (a
session moved to another council, an oversight activity deleted) and compare again at
once, with whatever the app has cached still in place.
"""

import json
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command

from tests.oracle_digital import digital
from tests.oracle_shapes import (
    SHAPES,
    built_once,
    province_after_reorganisation,
    province_districts_communes,
)
from tests.oracle_trees import ACTIVITY_KINDS, BODY_KINDS, LEVELS, SESSION_KINDS, D, Place, Tree
from tests.oracle_work import work

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def trees(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker)


# The plain count -------------------------------------------------------------------------


def below(tree: Tree, key: str) -> list[Place]:
    """Every council under ``key`` at any depth, by the parent links the test set."""
    found, frontier = [], [key]
    while frontier:
        parent = frontier.pop()
        children = [p for p in tree.places.values() if p.parent == parent]
        found += children
        frontier += [child.key for child in children]
    return found


def _records(tree: Tree, keys: set, year: int) -> dict:
    sittings = [s for s in tree.sittings if s.council in keys and s.start.year == year]
    activities = [a for a in tree.activities if a.council in keys and a.start.year == year]
    sessions = {kind: sum(s.kind == kind for s in sittings) for kind in SESSION_KINDS}
    oversight = {kind: sum(a.kind == kind for a in activities) for kind in ACTIVITY_KINDS}
    resolutions = sum(
        day.year == year for s in tree.sittings if s.council in keys for day in s.resolutions
    )
    return {
        "sessions": {"total": len(sittings), **sessions},
        "resolutions": resolutions,
        "oversight": {"total": len(activities), **oversight},
    }


def expected(tree: Tree, key: str, year: int) -> dict:
    """Every figure of ``key``'s ``year``, counted from the tree's plain lists."""
    own = _records(tree, {key}, year)
    levels = {}
    for level in LEVELS:
        councils = [p for p in below(tree, key) if p.level == level and p.existed_in(year)]
        if councils:
            keys = {p.key for p in councils}
            levels[level] = {"councils": len(councils), **_records(tree, keys, year),
                             "digital": digital(tree, keys, year),
                             **work(tree, keys, year)}  # fmt: skip
    decided = [g for g in tree.granted if g.decided_by == key and g.year == year]
    people = [g.recipient[1] for g in decided if g.recipient[0] == "person"]
    pledges = [s for s in tree.signed if (s.campaign_council, s.campaign_year) == (key, year + 1)]
    deputies = {
        person
        for person, council, start, end in tree.seats
        if council == key and start <= D(year, 12, 31) and end >= D(year, 1, 1)
    }
    this_year = [g for g in tree.granted if g.year == year]
    return {
        "year": year,
        "council": tree.slug(key),
        "council_sessions": own["sessions"],
        "council_resolutions": own["resolutions"],
        "council_oversight": own["oversight"],
        "below": levels,
        "digital": digital(tree, {key}, year), **work(tree, {key}, year),
        "awards": {
            "collective": len(decided) - len(people),
            "individual": len(people),
            "individual_people": len(set(people)),
        },
        "pledges_next_year": {
            "total": len(pledges),
            **{kind: sum(s.body_kind == kind for s in pledges) for kind in BODY_KINDS},
        },
        "received": {
            "collective": sum(g.recipient[0] in ("council", "body") and g.recipient[1] == key
                              for g in this_year),
            "individual": sum(g.recipient[0] == "person" and g.recipient[1] in deputies
                              for g in this_year),
        },
    }  # fmt: skip


def dig(data, path: str):
    """``data["a"]["b"]`` for ``"a.b"``; KeyError names the missing part."""
    for part in path.split("."):
        data = data[part]
    return data


def flatten(data: dict, prefix: str = "") -> dict[str, int]:
    """Dotted keys as the summary page names its figures: ``below.commune.sessions.total``."""
    flat = {}
    for name, value in data.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{name}."))
        elif name not in ("year", "council"):
            flat[prefix + name] = value
    return flat


# Reading what the app reports -------------------------------------------------------------


def summary_json(slug: str, year: int) -> dict:
    out = StringIO()
    call_command("year_summary", str(year), "--council", slug, "--json", stdout=out)
    return json.loads(out.getvalue())


def page_figures(client, slug: str, year: int) -> dict[str, list[int]]:
    """Each ``<tr data-key>`` of the summary page with the ``data-value`` of its link."""
    response = client.get(f"/summary/{year}/", {"council": slug})
    assert response.status_code == 200, (slug, year, response.status_code)
    figures: dict[str, list[int]] = {}
    for key, row in re.findall(r'<tr[^>]*data-key="([^"]+)"[^>]*>(.*?)</tr>', response.text, re.S):
        value = re.search(r'<a\b[^>]*data-value="(-?\d+)"', row)
        figures.setdefault(key, []).append(int(value.group(1)) if value else None)
    return figures


def under(key: str, prefixes: tuple[str, ...]) -> bool:
    return any(key == prefix or key.startswith(prefix + ".") for prefix in prefixes)


def page_mismatches(want: dict, page: dict, prefixes: tuple[str, ...]) -> list:
    """Figures under ``prefixes`` the page shows wrong, leaves out (when not zero), or adds.

    The count of councils per level may be left out; a level with no council below
    must not appear at all.
    """
    wrong = []
    for key, value in flatten(want).items():
        if not under(key, prefixes):
            continue
        if key in page and set(page[key]) != {value}:
            wrong.append((key, value, page[key]))
        elif key not in page and value and not key.endswith(".councils"):
            wrong.append((key, value, "missing"))
    for key in page:
        level = key.split(".")[1] if key.startswith("below.") else None
        if level and under(key, prefixes) and level not in want["below"]:
            wrong.append((key, "no such level below", page[key]))
    return wrong


def record_count(client, year: int, dataset: str, slug: str, **params) -> int | str:
    """The number a drill-down list says it holds (its ``.record-count``)."""
    url = f"/summary/{year}/records/{dataset}/"
    response = client.get(url, {"council": slug, **params})
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    found = re.search(r'class="[^"]*\brecord-count\b[^"]*"[^>]*>\s*(\d+)\s*<', response.text)
    return int(found.group(1)) if found else "no record-count"


class _FormReader(HTMLParser):
    """The values a browser would submit from one form, as the page rendered them."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        name = a.get("name")
        if not self.inside or (tag in ("input", "select", "textarea") and not name):
            return
        if "__prefix__" in (name or ""):  # the inline's empty template row
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value") or "on"
                return
            self.data[name] = a.get("value") or ""
        elif tag == "select":
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in a:
            self.data[self.select] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def admin_form(client, url: str, form_id: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    reader = _FormReader(form_id)
    reader.feed(response.text)
    assert reader.data, f"no form {form_id} at {url}"
    return reader.data


# year_summary --json ------------------------------------------------------------------------

JSON_PARTS = (
    "year", "council", "council_sessions", "council_resolutions", "council_oversight",
    "awards.collective", "awards.individual", "pledges_next_year",
    # What issue 10 adds:
    "below", "awards.individual_people", "received", "digital",  # and issue 15
)  # fmt: skip


def json_mismatches(tree: Tree, keys, years, parts) -> list:
    wrong = []
    for key in keys:
        for year in years:
            want, got = expected(tree, key, year), summary_json(tree.slug(key), year)
            for part in parts:
                try:
                    value = dig(got, part)
                except KeyError as error:
                    value = f"missing {error}"
                if value != dig(want, part):
                    wrong.append((tree.slug(key), year, part, dig(want, part), value))
    return wrong


def report(wrong: list) -> str:
    lines = [f"{len(wrong)} figure(s) differ from the plain count (expected, then got):"]
    lines += [" | ".join(str(cell)[:160] for cell in row) for row in wrong[:30]]
    return "\n".join(lines)


@pytest.mark.parametrize("part", JSON_PARTS)
@pytest.mark.parametrize("shape", SHAPES)
def test_year_summary_json_matches_the_plain_count(trees, shape, part):
    tree, years = trees[shape]
    wrong = json_mismatches(tree, tree.places, years, (part,))
    assert not wrong, report(wrong)


@pytest.mark.parametrize("shape", SHAPES)
def test_year_summary_json_has_exactly_the_documented_keys(trees, shape):
    tree, years = trees[shape]
    for key in ("p", "d", "solo"):
        if key in tree.places:
            got = summary_json(tree.slug(key), years[-1])
            assert sorted(got) == sorted(expected(tree, key, years[-1]))


def test_the_plain_count_itself_reads_the_trees_as_described(trees):
    """A check of the oracle, by hand, so a mistake in it cannot pass for the app's."""

    def councils(tree, key, year):
        return {level: v["councils"] for level, v in expected(tree, key, year)["below"].items()}

    tree, _years = trees["province-after-2025"]
    assert [councils(tree, "p", year) for year in (2024, 2025, 2026)] == [
        {"district": 2, "commune": 4},
        {"district": 2, "commune": 7},  # the old wards and the new communes
        {"commune": 3},
    ]
    assert councils(tree, "n1", 2025) == {}
    # q and r are n1's deputies: p awarded both, n1 awarded r again.
    assert expected(tree, "n1", 2025)["received"] == {"collective": 1, "individual": 3}
    awards = {"collective": 3, "individual": 3, "individual_people": 3}
    assert expected(tree, "p", 2025)["awards"] == awards
    tree, _years = trees["districts"]
    # w2 until 30/09/2023, w3 from 01/03/2023
    assert [councils(tree, "d", year) for year in (2022, 2023, 2024)] == [
        {"commune": 2},
        {"commune": 3},
        {"commune": 2},
    ]
    assert councils(tree, "solo", 2023) == {}
    tree, _years = trees["province-district-commune"]
    assert councils(tree, "p", 2023) == {"district": 2, "commune": 6}
    awards = {"collective": 3, "individual": 5, "individual_people": 4}
    assert expected(tree, "p", 2023)["awards"] == awards
    # d1: its council once; its deputy a three times (f's seat ended in 2020).
    assert expected(tree, "d1", 2023)["received"] == {"collective": 1, "individual": 3}
    assert expected(tree, "d1c1", 2023)["received"] == {"collective": 2, "individual": 1}
    assert expected(tree, "p", 2021)["council_sessions"]["total"] == 0


# Write paths: compare again at once, cached figures and all -------------------------------

OWN = ("council_sessions", "council_resolutions", "council_oversight")


def write_mismatches(client, tree: Tree, keys, year: int, part: str, datasets) -> list:
    """The JSON, the page and the drill-down lists of ``datasets`` against the plain count."""
    wrong = json_mismatches(tree, keys, (year,), OWN if part == "own" else ("below",))
    prefixes = OWN if part == "own" else ("below",)
    for key in keys:
        want = expected(tree, key, year)
        page = page_figures(client, tree.slug(key), year)
        wrong += [(tree.slug(key), "page", *row) for row in page_mismatches(want, page, prefixes)]
        for dataset in datasets:
            if part == "own":
                lists = [({"scope": "own"}, want[f"council_{dataset}"])]
            else:
                lists = [
                    ({"scope": "below", "level": lv}, v[dataset]) for lv, v in want["below"].items()
                ]
            for params, figure in lists:
                figure = figure["total"] if isinstance(figure, dict) else figure
                got = record_count(client, year, dataset, tree.slug(key), **params)
                if got != figure:
                    wrong.append((tree.slug(key), "records", dataset, params, figure, got))
    return wrong


@pytest.mark.parametrize("part", ["own", "below"])
def test_a_session_moved_through_the_admin_form_moves_every_figure(secretariat_client, part):
    tree, _years = province_districts_communes("mv1")
    affected = ("d1c1", "d2c3", "d1", "d2", "p")
    for key in affected:  # the summaries are read, and cached, before the change
        page_figures(secretariat_client, tree.slug(key), 2023)
    sitting = next(
        s for s in tree.sittings
        if s.council == "d1c1" and s.start.year == 2023 and len(s.resolutions) >= 1
    )  # fmt: skip
    target: Place = tree.places["d2c3"]
    url = f"/admin/council_sessions/session/{sitting.obj.pk}/change/"
    data = admin_form(secretariat_client, url, "session_form")
    assert int(data["resolutions-INITIAL_FORMS"]) == len(sitting.resolutions)
    tree.session_numbers[target.term.pk] += 1
    data.update(council=str(target.obj.pk), term=str(target.term.pk),
                number=str(tree.session_numbers[target.term.pk]), _save="Lưu lại")  # fmt: skip
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context and [
        response.context["adminform"].form.errors,
        [f.errors for f in response.context["inline_admin_formsets"][0].formset],
    ]
    sitting.council = "d2c3"
    wrong = write_mismatches(
        secretariat_client, tree, affected, 2023, part, ("sessions", "resolutions")
    )
    assert not wrong, report(wrong)


@pytest.mark.parametrize("part", ["own", "below"])
def test_an_activity_deleted_through_the_admin_leaves_every_figure(secretariat_client, part):
    tree, _years = province_after_reorganisation("rm2")
    affected = ("d1w1", "d1", "p", "n1")
    for key in affected:
        page_figures(secretariat_client, tree.slug(key), 2025)
    activity = next(a for a in tree.activities if a.council == "d1w1" and a.start.year == 2025)
    url = f"/admin/oversight/oversightactivity/{activity.obj.pk}/delete/"
    assert secretariat_client.get(url).status_code == 200
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 302
    tree.activities.remove(activity)
    wrong = write_mismatches(secretariat_client, tree, affected, 2025, part, ("oversight",))
    assert not wrong, report(wrong)
