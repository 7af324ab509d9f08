"""The meeting's minutes drafted as .docx: attendance, threshold, each tally and verdict."""

import io

import pytest
from django.urls import reverse
from docx import Document

from awards.dossiers import AwardDossier
from awards.minutes import minutes_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(district):
    return AwardDossier.objects.get(council=district, year=2023)


def _text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_minutes_show_every_tally_and_its_verdict(dossier):
    first = dossier.nominees.order_by("pk").first()
    first.votes_for, first.votes_against = 6, 3  # 6 of 9 against 70 %: not carried
    first.save()
    document = Document(io.BytesIO(minutes_docx(dossier)))
    text = _text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BIÊN BẢN" in text
    assert "có mặt 9/9 thành viên" in text
    assert "từ 70% số phiếu đồng ý trở lên so với tổng số thành viên" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert len(table.rows) == 1 + 22
    row = [c.text for c in table.rows[1].cells]
    assert row == ["1", str(first.recipient), "06", "03", "00", "66,7%", "Không đạt"]
    assert [c.text for c in table.rows[2].cells][-2:] == ["100,0%", "Đạt"]
    assert "Kết quả: 21/22" in text
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_minutes_download_to_the_secretariat_and_leaders_only(
    dossier, secretariat_client, leader_client, ward_a_staff
):
    from tests.conftest import _client_for

    url = reverse("admin:awards_awarddossier_minutes", args=[dossier.pk])
    for client in (secretariat_client, leader_client):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert Document(io.BytesIO(response.content)).tables
    assert _client_for(ward_a_staff).get(url).status_code in (302, 403)
