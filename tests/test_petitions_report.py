"""The standing committee's report on voters' petitions: the page and the .docx.

The petitions are the test's own list (the demo's of the ward are removed first); each
expected count is written out over that list in plain Python.
"""

import datetime as dt
import io

import pytest
from docx import Document

from tests.test_voters import _meeting, _petition
from voters.models import VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db
D = dt.date
# (field, agency, status) of each petition; the deadlines are long past, so a pending one
# is overdue.
PETITIONS = [
    ("Đất đai", "UBND phường", "pending"),
    ("Đất đai", "UBND phường", "answered"),
    ("Đất đai", "Phòng Tài nguyên", "resolved"),
    ("Hạ tầng", "UBND phường", "in_progress"),
    ("Hạ tầng", "Công ty Điện lực", "pending"),
    ("Y tế", "Trung tâm Y tế", "resolved"),
    ("Y tế", "Trung tâm Y tế", "answered"),
]


@pytest.fixture
def petitions(ward_a):
    VoterPetition.objects.filter(meeting__council=ward_a).delete()
    VoterMeeting.objects.filter(council=ward_a).delete()
    meetings = [_meeting(ward_a, D(2023, 3, 10)), _meeting(ward_a, D(2023, 11, 2))]
    for n, (field, agency, status) in enumerate(PETITIONS):
        fields = {"field": field, "agency": agency, "status": status, "deadline": D(2023, 12, 1)}
        if status != "pending":
            fields.update(answer_date=D(2023, 11, 20), answer_number=f"{n}/UBND")
        _petition(meetings[n % 2], **fields)
    # Another year's petition: not in the report.
    _petition(_meeting(ward_a, D(2024, 1, 5)), field="Đất đai", agency="UBND phường")
    return ward_a


def plain(rows):
    answered = [r for r in rows if r[2] != "pending"]
    return {
        "received": len(rows),
        "answered": len(answered),
        "resolved": sum(r[2] == "resolved" for r in rows),
        "overdue": sum(r[2] == "pending" for r in rows),
    }


def test_the_page_counts_by_field_and_agency(petitions, leader_client):
    html = leader_client.get("/summary/2023/petitions/", {"council": "anh-dung"}).content.decode()
    total = plain(PETITIONS)
    assert total == {"received": 7, "answered": 5, "resolved": 2, "overdue": 2}  # by hand
    assert f"tổng hợp {total['received']:02d} kiến nghị" in html
    assert f"đã có {total['answered']:02d} kiến nghị được trả lời (71,4 %)" in html
    for field in {"Đất đai", "Hạ tầng", "Y tế"}:
        want = plain([p for p in PETITIONS if p[0] == field])
        row = html.split(f'<th scope="row">{field}</th>', 1)[1].split("</tr>", 1)[0]
        assert f'data-received="{want["received"]}"' in row
        assert f'data-answered="{want["answered"]}"' in row
    for agency in {p[1] for p in PETITIONS}:
        want = plain([p for p in PETITIONS if p[1] == agency])
        row = html.split(f'<th scope="row">{agency}</th>', 1)[1].split("</tr>", 1)[0]
        assert f'data-received="{want["received"]}"' in row


def test_the_docx_says_the_same(petitions, leader_client):
    response = leader_client.get("/summary/2023/petitions.docx", {"council": "anh-dung"})
    assert response["Content-Disposition"].endswith('kien-nghi-cu-tri-anh-dung-2023.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "tổng hợp 07 kiến nghị" in text and "02 kiến nghị quá hạn" in text
    field_table = document.tables[1]  # after the header's layout table
    rows = {r.cells[1].text: [c.text for c in r.cells[2:]] for r in field_table.rows[1:]}
    assert rows["Đất đai"] == ["03", "02", "66,7 %", "01", "01"]
    assert rows["Y tế"] == ["02", "02", "100,0 %", "01", "00"]
    assert document.core_properties.author == petitions.name


def test_another_wards_report_is_not_found(petitions, ward_b_staff):
    from django.test import Client

    client = Client()
    client.force_login(ward_b_staff)
    for url in ("/summary/2023/petitions/", "/summary/2023/petitions.docx"):
        assert client.get(url, {"council": "anh-dung"}).status_code == 404
        assert client.get(url, {"council": "anh-dung", "x": "\x00"}).status_code == 404
    assert client.get("/summary/99999/petitions/").status_code == 404


def _more(council, copy: int) -> None:
    """Another copy of the test's meetings and petitions in ``council``, with new fields
    and agencies too (so the page has more rows to show)."""
    meetings = [_meeting(council, D(2023, 4, 10 + copy)), _meeting(council, D(2023, 10, 1 + copy))]
    for n, (field, agency, status) in enumerate(PETITIONS):
        fields = {"field": f"{field} {copy}", "agency": f"{agency} {copy}", "status": status,
                  "deadline": D(2023, 12, 1)}  # fmt: skip
        if status != "pending":
            fields.update(answer_date=D(2023, 11, 20), answer_number=f"{copy}-{n}/UBND")
        _petition(meetings[n % 2], **fields)


def test_the_page_costs_the_same_queries_with_three_times_the_petitions(petitions, leader_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from councilwork.models import Council

    url, params = "/summary/2023/petitions/", {"council": "anh-dung"}
    others = list(Council.objects.filter(parent=petitions.parent).exclude(pk=petitions.pk)[:2])
    assert others
    _more(others[0], 0)  # 1×: the ward's own, and one other council's
    leader_client.get(url, params)  # warm the per-process caches (translations, session)
    with CaptureQueriesContext(connection) as once:
        first = leader_client.get(url, params)
    for copy in (1, 2):  # 3×: the ward's petitions, meetings and the other councils'
        _more(petitions, copy)
        _more(others[copy % len(others)], copy)
    with CaptureQueriesContext(connection) as thrice:
        again = leader_client.get(url, params)
    assert first.status_code == again.status_code == 200
    assert "tổng hợp 07 kiến nghị" in first.content.decode()
    assert "tổng hợp 21 kiến nghị" in again.content.decode()
    assert len(thrice) == len(once), [q["sql"] for q in thrice.captured_queries]
