"""Evidence files: checked on the way in, sanitised, stored outside static, served only to
those who may see the scorecard, and always as a download."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from campaigns.models import Evidence, Scorecard
from devdata.demo.data import EVIDENCE_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(ward_a):
    return Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)


def upload(client, card, name, content, criterion=""):
    url = reverse("scoring:evidence-upload", args=[card.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), "criterion": criterion})


def test_a_pdf_is_stored_under_media_with_a_safe_name(ward_a_client, card):
    response = upload(ward_a_client, card, "../../Biên bản <họp>.pdf", EVIDENCE_PDF)
    assert response.status_code == 302
    evidence = card.evidence.get()
    assert evidence.original_name == "Biên_bản_họp.pdf"
    stored = Path(evidence.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT) / "evidence")
    assert not stored.is_relative_to(Path(settings.BASE_DIR) / "static")
    assert stored.read_bytes() == EVIDENCE_PDF
    assert evidence.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.html", b"<script>alert(1)</script>", "Chỉ đính kèm được tệp PDF"),
        ("run.exe", b"MZ\x90\x00", "Chỉ đính kèm được tệp PDF"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "không khớp với phần mở rộng"),
        ("empty.pdf", b"", ""),
    ],
)
def test_wrong_files_are_refused_and_nothing_is_stored(ward_a_client, card, name, content, message):
    response = upload(ward_a_client, card, name, content)
    assert response.status_code == 200
    errors = response.context["evidence_form"].errors["file"]
    assert errors and message in errors[0]
    assert not Evidence.objects.filter(scorecard=card).exists()


def test_a_file_over_the_limit_is_refused(ward_a_client, card, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    response = upload(ward_a_client, card, "big.pdf", EVIDENCE_PDF + b" " * 2048)
    assert "lớn hơn" in response.context["evidence_form"].errors["file"][0]
    assert not card.evidence.exists()


def test_download_is_an_attachment_for_those_who_may_see_it(
    ward_a_client, leader_client, ward_b_staff, card
):
    upload(ward_a_client, card, "bien-ban.pdf", EVIDENCE_PDF)
    evidence = card.evidence.get()
    url = reverse("scoring:evidence-download", args=[card.pk, evidence.pk])
    response = ward_a_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == EVIDENCE_PDF
    assert leader_client.get(url).status_code == 200
    other_ward = Client()
    other_ward.force_login(ward_b_staff)
    assert other_ward.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # anonymous: to the login page


def test_media_files_are_not_served_directly(ward_a_client, card):
    upload(ward_a_client, card, "bien-ban.pdf", EVIDENCE_PDF)
    evidence = card.evidence.get()
    assert Client().get(f"/{settings.MEDIA_URL}{evidence.file.name}").status_code == 404


def test_files_cannot_change_after_submission(ward_a_client, card):
    upload(ward_a_client, card, "bien-ban.pdf", EVIDENCE_PDF)
    evidence = card.evidence.get()
    Scorecard.objects.filter(pk=card.pk).update(status="submitted")
    assert upload(ward_a_client, card, "late.pdf", EVIDENCE_PDF).status_code == 404
    delete = reverse("scoring:evidence-delete", args=[card.pk, evidence.pk])
    assert ward_a_client.post(delete).status_code == 404
    assert card.evidence.count() == 1


def test_removing_a_file_deletes_it(ward_a_client, card):
    upload(ward_a_client, card, "bien-ban.pdf", EVIDENCE_PDF)
    evidence = card.evidence.get()
    path = Path(evidence.file.path)
    delete = reverse("scoring:evidence-delete", args=[card.pk, evidence.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert ward_a_client.post(delete).status_code == 302
    assert not card.evidence.exists()
    assert not path.exists()
