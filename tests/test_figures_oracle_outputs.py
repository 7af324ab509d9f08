"""The summary page, its drill-down lists, figures.xlsx and report.docx against a plain count.

The trees and the count are those of test_figures_oracle: every figure the page shows under
``<tr data-key>`` must equal the count, each drill-down list must hold as many records as
its figure says, and the downloads must carry the same numbers.
"""

import io
import re

import openpyxl
import pytest
from docx import Document

from tests.oracle_shapes import built_once
from tests.oracle_trees import ACTIVITY_KINDS, BODY_KINDS, SESSION_KINDS, D, Tree
from tests.test_figures_oracle import (
    OWN,
    dig,
    expected,
    flatten,
    page_figures,
    page_mismatches,
    record_count,
    report,
    summary_json,
    under,
)
from tests.test_report_xlsx import table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def trees(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker)


# (council, year) read per tree: top, middle and bottom of each, busy years and empty ones.
SAMPLES = {
    "province-district-commune": [
        ("p", 2023), ("p", 2022), ("p", 2021), ("d1", 2023), ("d2", 2024), ("d1c1", 2023),
    ],
    "province-after-2025": [
        ("p", 2024), ("p", 2025), ("p", 2026), ("p", 2027), ("p", 2030), ("d1", 2025),
        ("d1w1", 2025), ("n1", 2024), ("n1", 2025), ("n1", 2026),
    ],
    "districts": [
        ("d", 2022), ("d", 2023), ("d", 2024), ("d", 2030), ("solo", 2023), ("w2", 2023),
        ("w3", 2030),
    ],
}  # fmt: skip
PAGE_PARTS = {
    "own": OWN,
    "below": ("below",),
    "awards": ("awards.collective", "awards.individual"),
    "pledges": ("pledges_next_year",),
    # What issue 10 adds:
    "awards-people": ("awards.individual_people",),
    "received": ("received",),
    # What issue 15 adds (the levels' own "digital" are part of "below"):
    "digital": ("digital",),
}


@pytest.mark.parametrize("part", PAGE_PARTS)
@pytest.mark.parametrize("shape", SAMPLES)
def test_summary_page_figures_match_the_plain_count(trees, secretariat_client, shape, part):
    tree, _years = trees[shape]
    wrong = []
    for key, year in SAMPLES[shape]:
        page = page_figures(secretariat_client, tree.slug(key), year)
        rows = page_mismatches(expected(tree, key, year), page, PAGE_PARTS[part])
        wrong += [(tree.slug(key), year, *row) for row in rows]
    assert not wrong, report(wrong)


KINDS = {
    "sessions": ("", *SESSION_KINDS),
    "resolutions": ("",),
    "oversight": ("", *ACTIVITY_KINDS),
    "awards": ("", "collective", "individual"),
    "pledges": ("", *BODY_KINDS),
    # The digital figures' lists.
    "documents": ("sent", "failed"),
    "sessions-digital": ("paperless",),
    "resolutions-digital": ("signed",),
}
DIGITAL_LISTS = {
    ("sessions", "paperless"): "paperless_sessions",
    ("resolutions", "signed"): "resolutions_signed",
    ("documents", "sent"): "documents_sent",
    ("documents", "failed"): "signatures_failed",
}


def listed(want: dict, dataset: str, level: str | None, kind: str) -> int:
    """How many records the drill-down list of one figure must hold."""
    if (dataset, kind) in DIGITAL_LISTS:
        digital = want["below"][level]["digital"] if level else want["digital"]
        return digital[DIGITAL_LISTS[dataset, kind]]
    if dataset == "awards":
        awards = want["awards"]
        return awards[kind] if kind else awards["collective"] + awards["individual"]
    if dataset == "pledges":
        return want["pledges_next_year"][kind or "total"]
    figure = want["below"][level][dataset] if level else want[f"council_{dataset}"]
    return figure if isinstance(figure, int) else figure[kind or "total"]


@pytest.mark.parametrize(
    ("dataset", "scope"),
    [
        ("sessions", "own"), ("resolutions", "own"), ("oversight", "own"), ("awards", "own"),
        ("pledges", "own"),
        ("sessions", "below"), ("resolutions", "below"), ("oversight", "below"),
        ("documents", "own"), ("sessions-digital", "own"), ("resolutions-digital", "own"),
        ("documents", "below"), ("sessions-digital", "below"), ("resolutions-digital", "below"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("shape", SAMPLES)
def test_drill_down_lists_hold_as_many_records_as_their_figure(
    trees, secretariat_client, shape, dataset, scope
):
    tree, _years = trees[shape]
    wrong = []
    for key, year in SAMPLES[shape]:
        want = expected(tree, key, year)
        levels = list(want["below"]) if scope == "below" else [None]
        for level in levels:
            for kind in KINDS[dataset]:
                params = {"scope": scope, **({"level": level} if level else {})}
                params.update({"kind": kind} if kind else {})
                name = dataset.removesuffix("-digital")
                got = record_count(secretariat_client, year, name, tree.slug(key), **params)
                if got != listed(want, name, level, kind):
                    wrong.append(
                        (tree.slug(key), year, params, listed(want, name, level, kind), got)
                    )
    assert not wrong, report(wrong)


def test_drill_down_lists_count_every_record_and_show_50_a_page(secretariat_client):
    tree = Tree("pg")
    tree.council("solo", "HĐND huyện Cô Tô", "district")
    sitting = tree.session("solo", "regular", D(2023, 1, 1))
    for n in range(1, 56):
        tree.resolution(sitting, D(2023, 1, 1), title=f"Nghị quyết phân trang số {n:03d}")
    assert summary_json(tree.slug("solo"), 2023)["council_resolutions"] == 55
    seen = []
    for page in (1, 2):
        params = {"scope": "own", "page": page}
        url = "/summary/2023/records/resolutions/"
        response = secretariat_client.get(url, {"council": tree.slug("solo"), **params})
        assert response.status_code == 200
        assert (
            record_count(secretariat_client, 2023, "resolutions", tree.slug("solo"), **params) == 55
        )
        seen.append(set(re.findall(r"Nghị quyết phân trang số (\d{3})", response.text)))
    assert [len(numbers) for numbers in seen] == [50, 5]
    assert not seen[0] & seen[1]


def test_names_are_shown_as_typed_and_escaped(trees, secretariat_client):
    tree, _years = trees["province-district-commune"]
    slug = tree.slug("p")
    page = secretariat_client.get("/summary/2023/", {"council": slug}).text
    assert "&lt;Hải&gt;" in page and "<Hải>" not in page
    for dataset, typed, escaped in (
        ("oversight", "<an toàn>", "&lt;an toàn&gt;"),
        ("awards", "<Bé>", "&lt;Bé&gt;"),
        ("pledges", "<Đông & Tây>", "&lt;Đông &amp; Tây&gt;"),
    ):
        below = {"scope": "below", "level": "commune"} if dataset == "oversight" else {}
        params = {"council": slug, "scope": "own", **below}
        html = secretariat_client.get(f"/summary/2023/records/{dataset}/", params).text
        assert escaped in html and typed not in html, dataset
    workbook = openpyxl.load_workbook(io.BytesIO(download(secretariat_client, slug, 2023, "xlsx")))
    cells = {
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    }
    assert "Nguyễn Thị “Hà” & <Bé>" in cells
    assert 'HĐND thành phố "Cảng & Biển" <Hải>' in docx_text(secretariat_client, slug, 2023)


def download(client, slug: str, year: int, suffix: str) -> bytes:
    name = "figures.xlsx" if suffix == "xlsx" else "report.docx"
    response = client.get(f"/summary/{year}/{name}", {"council": slug})
    assert response.status_code == 200, (slug, year, suffix, response.status_code)
    return response.content


def docx_text(client, slug: str, year: int) -> str:
    document = Document(io.BytesIO(download(client, slug, year, "docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# The first sheet: group, label, this year, last year, change. The council's own figures
# come first, so the first row with a label is the council's own figure.
SHEET_LABELS = {
    "council_sessions.total": "Kỳ họp",
    "council_resolutions": "Nghị quyết",
    "council_oversight.total": "Giám sát, khảo sát",
    "digital.paperless_sessions": "Kỳ họp không giấy tờ",
    "digital.resolutions_signed": "Nghị quyết có chữ ký số hợp lệ",
    "digital.signatures_failed": "Tài liệu có chữ ký số không xác thực được",
}


@pytest.mark.parametrize("shape", SAMPLES)
def test_figures_xlsx_first_sheet_matches_the_plain_count(trees, secretariat_client, shape):
    tree, _years = trees[shape]
    wrong = []
    for key, year in SAMPLES[shape]:
        content = download(secretariat_client, tree.slug(key), year, "xlsx")
        rows = table_rows(openpyxl.load_workbook(io.BytesIO(content)).worksheets[0])
        column = rows[0].index(f"Năm {year}")
        want = expected(tree, key, year)
        for figure, label in SHEET_LABELS.items():
            row = next((r for r in rows[1:] if r[1] == label), None)
            got = row[column] if row else "no row"
            value = dig(want, figure)
            if got != value:
                wrong.append((tree.slug(key), year, label, value, got))
    assert not wrong, report(wrong)


def _two_digit_counts(want: dict, part: str) -> list[str]:
    """The counts the narrative must write, as "04 kỳ họp"."""
    if part == "own":
        groups = [
            (want["council_sessions"], want["council_resolutions"], want["council_oversight"])
        ]
    elif part == "below":
        groups = [(v["sessions"], v["resolutions"], v["oversight"]) for v in want["below"].values()]
    elif part == "digital":  # "04/04 kỳ họp không giấy tờ; 38/38 nghị quyết được ký số"
        held = [(want["digital"], want["council_sessions"]["total"])]
        held += [(v["digital"], v["sessions"]["total"]) for v in want["below"].values()]
        done = [d for d, _n in held if d["paperless_sessions"] or d["documents_sent"]
                or d["resolutions_signed"] or d["signatures_failed"]]  # fmt: skip
        phrases = []
        for d, sessions in held if done else []:
            if sessions or d["resolutions"]:
                phrases.append(f"{d['paperless_sessions']:02d}/{sessions:02d} kỳ họp không giấy tờ")
                phrases.append(f"{d['resolutions_signed']:02d}/{d['resolutions']:02d} nghị quyết")
        return phrases
    else:  # awards: the narrative counts people, not certificates
        awards = want["awards"]
        return [f"{awards['collective']:02d} tập thể", f"{awards['individual_people']:02d} cá nhân"]
    phrases = []
    for sessions, resolutions, oversight in groups:
        phrases += [f"{sessions['total']:02d} kỳ họp"] if sessions["total"] else []
        phrases += [f"{resolutions:02d} Nghị quyết"] if resolutions else []
        phrases += [f"{oversight['total']:02d} cuộc giám sát"] if oversight["total"] else []
    return phrases


@pytest.mark.parametrize("part", ["own", "below", "awards", "digital"])
@pytest.mark.parametrize("shape", SAMPLES)
def test_report_docx_writes_the_plain_count_in_two_digits(trees, secretariat_client, shape, part):
    tree, _years = trees[shape]
    wrong = []
    for key, year in SAMPLES[shape]:
        want = expected(tree, key, year)
        if part == "awards" and not want["awards"]["collective"] + want["awards"]["individual"]:
            continue
        text = docx_text(secretariat_client, tree.slug(key), year)
        missing = [phrase for phrase in _two_digit_counts(want, part) if phrase not in text]
        if missing:
            wrong.append((tree.slug(key), year, missing, "not in the narrative"))
    assert not wrong, report(wrong)


@pytest.mark.parametrize("shape", SAMPLES)
def test_report_docx_says_so_in_a_year_with_no_records(trees, secretariat_client, shape):
    """Nothing held, adopted or overseen by the council or below it: no "00 kỳ họp"."""
    tree, _years = trees[shape]
    wrong = []
    for key, year in SAMPLES[shape]:
        want = expected(tree, key, year)
        records = {k: v for k, v in flatten(want).items() if under(k, (*OWN, "below"))}
        empty = not any(v for k, v in records.items() if not k.endswith(".councils"))
        if empty and "00 kỳ họp" in docx_text(secretariat_client, tree.slug(key), year):
            wrong.append((tree.slug(key), year, "no records", "00 kỳ họp"))
    assert not wrong, report(wrong)


def test_the_samples_hold_every_kind_of_digital_record(trees):
    """The digital comparisons above are not all zeros, and the six mixes read as described."""
    from tests.oracle_digital import VIETNAM, _mix, _paperless

    totals = {}
    for shape, samples in SAMPLES.items():
        tree, _years = trees[shape]
        for key, year in samples:
            want = expected(tree, key, year)
            for d in [want["digital"], *(v["digital"] for v in want["below"].values())]:
                for name, value in d.items():
                    totals[name] = totals.get(name, 0) + value
    assert all(totals.values()) and len(totals) == 5, totals
    assert totals["resolutions_signed"] < totals["resolutions"]

    class Sitting:  # a session opening on 10 May, with one mix's documents
        start = D(2023, 5, 10)

    verdicts = []
    for i in range(6):
        Sitting.documents = [
            type("Doc", (), {"kind": k, "sent_on": at and at.astimezone(VIETNAM).date()})
            for k, at, _status, _index in _mix(i, Sitting.start)
        ]
        verdicts.append(_paperless(Sitting))
    # Only the first is paperless: 00:30 on the opening day is not "before it opened".
    assert verdicts == [True, False, False, False, False, False]


def test_the_samples_hold_both_kinds_of_interpellation(trees):
    """The comparisons above meet interpellations at sessions and between two sessions,
    of the council itself and of the councils below: none of the four is always zero."""
    seen = {(scope, kind): 0 for scope in ("own", "below") for kind in ACTIVITY_KINDS[3:]}
    for shape, samples in SAMPLES.items():
        tree, _years = trees[shape]
        for key, year in samples:
            want = expected(tree, key, year)
            for kind in ACTIVITY_KINDS[3:]:
                seen["own", kind] += want["council_oversight"][kind]
                seen["below", kind] += sum(v["oversight"][kind] for v in want["below"].values())
    assert all(seen.values()), seen
