"""Digital signatures verified with pyHanko against the configured trust roots, with a
throwaway CA made here (no network): a good signature, one changed byte, an annotation
added after signing, an unknown root, an unsigned PDF; on upload, on demand in the
admin, and by ``manage.py verify_signature``."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from councilwork.signatures import verify_pdf
from devdata.demo.documents import text_pdf
from devdata.demo.signing import add_note_after_signing, make_ca, make_signer, sign_pdf
from sessions.models import DocumentKind, Session, SessionDocument, SignatureStatus

UNSIGNED = text_pdf("HĐND quận Dương Kinh", "Nghị quyết số 01/NQ-HĐND")


@pytest.fixture(scope="module")
def ca():
    return make_ca("Test Root CA", "Test")


@pytest.fixture(scope="module")
def signed(ca):
    signer = make_signer(ca, "Nguyễn Văn Phúc", "HĐND quận Dương Kinh")
    return sign_pdf(UNSIGNED, signer, ca)


@pytest.fixture
def trusted(ca, tmp_path, settings):
    """The test CA's root is the one trusted root."""
    (tmp_path / "root.pem").write_bytes(ca.certificate_pem())
    settings.TRUST_ROOTS_DIR = str(tmp_path)
    return tmp_path


def test_a_good_signature_verifies(trusted, signed):
    report = verify_pdf(signed)
    assert report["verdict"] == "valid"
    assert report["intact"] and report["valid"] and report["trusted"]
    assert report["signer"] == "Nguyễn Văn Phúc"
    assert report["organisation"] == "HĐND quận Dương Kinh"
    assert report["signed_at"] and report["timestamp_trusted"] is False
    assert report["coverage"] == "entire_file" and not report["modified_after_signing"]


def test_one_changed_byte_is_not_intact(trusted, signed):
    data = bytearray(signed)
    at = signed.index(b"Tf 72 770")  # inside the signed page content
    data[at + 3] = ord("8")
    report = verify_pdf(bytes(data))
    assert report["intact"] is False
    assert report["verdict"] == "modified"


def test_an_annotation_added_after_signing_shows(trusted, signed):
    report = verify_pdf(add_note_after_signing(signed))
    assert report["intact"] and report["valid"]
    assert report["coverage"] == "entire_revision"
    assert report["modified_after_signing"] is True
    assert report["verdict"] == "modified"


def test_a_certificate_from_an_unknown_root_is_not_trusted(tmp_path, settings, signed):
    other = make_ca("Another Root", "Elsewhere")
    (tmp_path / "other.pem").write_bytes(other.certificate_pem())
    settings.TRUST_ROOTS_DIR = str(tmp_path)
    report = verify_pdf(signed)
    assert report["intact"] and report["valid"] and not report["trusted"]
    assert report["verdict"] == "untrusted"


def test_an_unsigned_pdf_says_so(trusted):
    assert verify_pdf(UNSIGNED)["verdict"] == "unsigned"


def test_a_pdf_that_cannot_be_read_gets_no_verdict(trusted):
    report = verify_pdf(b"%PDF-1.4\n1 0 obj<<>>endobj\nstartxref\n9\n%%EOF\n")
    assert report["verdict"] == "" and report["error"]
    assert not report["intact"] and not report["trusted"]


def test_the_command_prints_the_same_report(trusted, signed, tmp_path):
    path = tmp_path / "nq.pdf"
    path.write_bytes(signed)
    out = StringIO()
    call_command("verify_signature", str(path), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    for key in ("intact", "valid", "trusted", "signer", "coverage", "modified_after_signing"):
        assert printed[key] == verify_pdf(signed)[key]
    assert printed["signed_at"]
    out = StringIO()
    with translation.override("vi"):
        call_command("verify_signature", str(path), stdout=out)
    assert out.getvalue().startswith("Chữ ký hợp lệ, tệp còn nguyên vẹn")


@pytest.mark.django_db
def test_verified_on_upload_and_again_on_demand(trusted, signed, ca, secretariat_client, settings):
    session = Session.objects.filter(resolutions__isnull=False).first()
    document = SessionDocument(
        session=session,
        kind=DocumentKind.RESOLUTION,
        title="Nghị quyết",
        file=SimpleUploadedFile("nq.pdf", signed),
    )
    document.full_clean()
    document.save()
    assert document.signature_status == SignatureStatus.VALID
    assert document.signature_report["signer"] == "Nguyễn Văn Phúc"
    with translation.override("vi"):
        assert document.signature_verdict == "Chữ ký hợp lệ, tệp còn nguyên vẹn"
    # The operator no longer trusts that root: the admin action says so.
    for pem in trusted.iterdir():
        pem.unlink()
    response = secretariat_client.post(
        reverse("admin:council_sessions_sessiondocument_changelist"),
        {"action": "verify_signatures", "_selected_action": [document.pk]},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.signature_status == SignatureStatus.UNTRUSTED
    with translation.override("vi"):
        assert document.signature_verdict == "Không xác định được nguồn tin cậy của chứng thư"
    assert document.history.count() == 2
