"""Citizens' personal data never reaches what a leader reads: the summary page, every
drill-down list, report.docx, figures.xlsx, the petitions report and its .docx, and the
search. Each of the demo's reception cases is given a name, an address and a contact no
page has any other reason to show; then every one of those outputs is read whole (the
.docx and .xlsx as every XML part of the file) and none may hold any of them.
"""

import io
import zipfile

import pytest
from django.urls import reverse

from councilwork.models import Council
from reports.records import DATASETS
from voters.models import ReceptionCase

pytestmark = pytest.mark.django_db

YEARS = (2023, 2024)


@pytest.fixture
def secrets(db):
    """Every case's personal data, made unmistakable; the list of the strings set."""
    written = []
    for case in ReceptionCase.objects.all():
        values = {
            "citizen_name": f"Công Dân Kín Tên {case.pk}",
            "citizen_address": f"Ngõ Riêng Tư {case.pk}",
            "citizen_contact": f"0987{case.pk:06d}",
        }
        ReceptionCase.objects.filter(pk=case.pk).update(**values)
        written.extend(values.values())
    assert written, "the demo has reception cases"
    return written


def _text(response) -> str:
    assert response.status_code == 200, response
    body = response.content
    if body[:2] == b"PK":  # .docx / .xlsx: every XML part, as stored
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode()


def _outputs(client, council: Council, year: int):
    query = {"council": council.slug}
    yield reverse("summary:page", args=[year]), query
    yield reverse("summary:docx", args=[year]), query
    yield reverse("summary:xlsx", args=[year]), query
    yield reverse("summary:petitions", args=[year]), query
    yield reverse("summary:petitions-docx", args=[year]), query
    for dataset in DATASETS:
        for scope in ("own", "below"):
            yield reverse("summary:records", args=[year, dataset]), {**query, "scope": scope}


def test_no_output_a_leader_reads_holds_a_citizens_personal_data(leader_client, secrets):
    councils = list(Council.objects.filter(slug__in=["duong-kinh", "anh-dung", "da-phuc"]))
    assert len(councils) == 3
    read = 0
    for council in councils:
        for year in YEARS:
            for url, query in _outputs(leader_client, council, year):
                text = _text(leader_client.get(url, query))
                leaked = [secret for secret in secrets if secret in text]
                assert not leaked, (url, query, leaked[:3])
                read += 1
    assert read == 3 * 2 * (5 + 2 * len(DATASETS))


def test_the_search_finds_no_citizen_for_a_leader(leader_client, secrets):
    """The page repeats what was typed; it finds nothing, so it tells nobody came."""
    for secret in secrets[:6]:
        response = leader_client.get(reverse("search:results"), {"q": secret})
        assert response.status_code == 200
        assert response.context["found"] == 0, secret


def test_the_case_list_still_shows_the_cases_themselves(leader_client, secrets):
    """The lists are not empty by accident: the cases are listed, their people are not."""
    response = leader_client.get(
        reverse("summary:records", args=[2023, "cases"]), {"council": "duong-kinh"}
    )
    cases = ReceptionCase.objects.filter(day__council__slug="duong-kinh", day__date__year=2023)
    text = _text(response)
    assert text.count("<tr") - 1 >= cases.count() > 0  # a header row, then each case
    assert all(case.forwarded_to in text for case in cases if case.forwarded_to)
