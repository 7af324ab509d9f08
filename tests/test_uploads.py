"""Evidence files are checked beyond their first bytes: a PDF must be whole, an Office
document a sound package of its kind that does not unpack to hundreds of megabytes;
typed accents survive in names; a file deleted in the admin goes after the commit."""

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from campaigns.models import Evidence, Scorecard
from devdata.demo.data import EVIDENCE_PDF
from tests.admin_post import change_form_data

pytestmark = pytest.mark.django_db

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'
PARTS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
ODF_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office(extension: str) -> bytes:
    if extension in ODF_TYPES:
        return package({"mimetype": ODF_TYPES[extension], "content.xml": b"<office/>"})
    return package({"[Content_Types].xml": CONTENT_TYPES, PARTS[extension]: b"<doc/>"})


@pytest.fixture
def card(ward_a):
    return Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)


def upload(client, card, name, content):
    url = reverse("scoring:evidence-upload", args=[card.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), "criterion": ""})


def refused(response, card) -> str:
    assert response.status_code == 200
    assert not Evidence.objects.filter(scorecard=card).exists()
    return " ".join(response.context["evidence_form"].errors["file"])


@pytest.mark.parametrize("extension", [*PARTS, *ODF_TYPES])
def test_a_sound_office_document_is_accepted(ward_a_client, card, extension):
    content = office(extension)
    assert upload(ward_a_client, card, f"bao-cao{extension}", content).status_code == 302
    with card.evidence.get().file.open("rb") as stored:
        assert stored.read() == content


def test_a_whole_pdf_is_accepted(ward_a_client, card):
    assert upload(ward_a_client, card, "bien-ban.pdf", EVIDENCE_PDF).status_code == 302


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-1.4\n<html><script>alert(1)</script></html>", id="header only"),
        pytest.param(EVIDENCE_PDF[: len(EVIDENCE_PDF) // 2], id="cut in half"),
        pytest.param(b"%PDF-1.7\n" + b"A" * 500 + b"\n%%EOF\n", id="no startxref"),
        pytest.param(
            b"%PDF-1.7\n" + b"A" * 500 + b"\nstartxref\n99999\n%%EOF\n", id="points outside"
        ),
        pytest.param(
            b"%PDF-1.7\n" + b"A" * 500 + b"\nstartxref\n20\n%%EOF\n", id="points at no xref"
        ),
    ],
)
def test_a_pdf_that_does_not_parse_is_refused(ward_a_client, card, content):
    message = refused(upload(ward_a_client, card, "bien-ban.pdf", content), card)
    assert "Tệp không phải là tài liệu PDF đọc được" in message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("a.docx", b"PK\x03\x04" + b"\x00" * 300, id="zip header, no zip"),
        pytest.param("a.docx", office(".xlsx"), id="a workbook named .docx"),
        pytest.param("a.xlsx", office(".docx"), id="a document named .xlsx"),
        pytest.param("a.pptx", package({PARTS[".pptx"]: b"<p/>"}), id="no content types"),
        pytest.param("a.docx", package({"[Content_Types].xml": CONTENT_TYPES}), id="no word/"),
        pytest.param("a.odt", office(".ods"), id="a spreadsheet named .odt"),
        pytest.param(
            "a.ods", package({"mimetype": b"x" * 5000, "content.xml": b"<o/>"}), id="bad mimetype"
        ),
    ],
)
def test_an_office_file_of_another_kind_or_damaged_is_refused(ward_a_client, card, name, content):
    message = refused(upload(ward_a_client, card, name, content), card)
    assert "hợp lệ: tệp bị hỏng hoặc thuộc loại khác" in message


def test_a_damaged_part_is_refused(ward_a_client, card):
    content = bytearray(office(".docx"))
    offset = content.index(b"word/document.xml") + len(b"word/document.xml")
    content[offset + 2] ^= 0xFF  # inside the part's compressed data: its checksum fails
    message = refused(upload(ward_a_client, card, "a.docx", bytes(content)), card)
    assert "hợp lệ" in message


def zip_bomb(megabytes: int) -> bytes:
    """A .docx package whose one part unpacks to ``megabytes`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return buffer.getvalue()


def test_a_small_file_that_unpacks_to_200_mb_is_refused(ward_a_client, card):
    bomb = zip_bomb(200)
    assert len(bomb) < 300 * 1024  # a 200 KB upload
    message = refused(upload(ward_a_client, card, "bao-cao.docx", bomb), card)
    assert "Tệp khi giải nén lớn hơn 100 MB" in message


def test_the_unpacked_size_counted_is_what_comes_out(ward_a_client, card, settings):
    settings.EVIDENCE_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    message = refused(upload(ward_a_client, card, "bao-cao.docx", zip_bomb(3)), card)
    assert "lớn hơn 2 MB" in message
    assert upload(ward_a_client, card, "nho.docx", zip_bomb(1)).status_code == 302


def test_a_name_typed_with_combining_accents_keeps_them(ward_a_client, card):
    typed = unicodedata.normalize("NFD", "Biên bản họp.pdf")
    assert typed != "Biên bản họp.pdf"
    assert upload(ward_a_client, card, typed, EVIDENCE_PDF).status_code == 302
    evidence = card.evidence.get()
    assert evidence.original_name == "Biên_bản_họp.pdf"
    assert "Biên_bản_họp.pdf" in evidence.file.name


def test_deleting_evidence_in_the_admin_deletes_its_file_after_the_commit(
    ward_a_client, secretariat_client, card
):
    upload(ward_a_client, card, "bien-ban.pdf", EVIDENCE_PDF)
    evidence = card.evidence.get()
    path = Path(evidence.file.path)
    url = reverse("admin:campaigns_evidence_delete", args=[evidence.pk])
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        assert secretariat_client.post(url, {"post": "yes"}).status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert path.exists()  # not before the commit: a rollback would leave a row without it
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_deleting_several_in_the_admin_deletes_their_files(ward_a_client, secretariat_client, card):
    upload(ward_a_client, card, "a.pdf", EVIDENCE_PDF)
    upload(ward_a_client, card, "b.pdf", EVIDENCE_PDF)
    paths = [Path(e.file.path) for e in card.evidence.all()]
    post = {
        "action": "delete_selected",
        "_selected_action": list(card.evidence.values_list("pk", flat=True)),
        "post": "yes",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = secretariat_client.post(reverse("admin:campaigns_evidence_changelist"), post)
    assert response.status_code == 302
    assert not card.evidence.exists()
    assert not any(path.exists() for path in paths)


def test_replacing_a_file_in_the_admin_deletes_the_old_one(ward_a_client, secretariat_client, card):
    upload(ward_a_client, card, "a.pdf", EVIDENCE_PDF)
    evidence = card.evidence.get()
    old = Path(evidence.file.path)
    url = reverse("admin:campaigns_evidence_change", args=[evidence.pk])
    data = change_form_data(secretariat_client.get(url))
    data["file"] = SimpleUploadedFile("b.pdf", EVIDENCE_PDF)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    evidence.refresh_from_db()
    assert Path(evidence.file.path).exists() and evidence.file.name.endswith("b.pdf")
    assert not old.exists()
