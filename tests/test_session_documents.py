"""Session documents: files checked as evidence is, stored through the storage API, read by
those allowed only as downloads, several uploaded at once in the admin, a replaced file
kept in storage and in the history; the paperless rule from the documents' send times."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from devdata.demo.data import EVIDENCE_PDF
from sessions.documents import DocumentKind, SessionDocument, document_storage
from sessions.models import Session
from sessions.selectors import paperless_status
from tests.admin_post import change_form_data

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment of ``day`` in the council's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def add_document(session, kind=DocumentKind.REPORT, *, sent_at=None, name="tai-lieu.pdf", **extra):
    document = SessionDocument(
        session=session,
        kind=kind,
        title=extra.pop("title", "Báo cáo kết quả"),
        file=SimpleUploadedFile(name, EVIDENCE_PDF),
        sent_at=sent_at,
        **extra,
    )
    document.full_clean()
    document.save()
    return document


@pytest.fixture
def session(ward_a):
    """A 2023 session of Anh Dũng with no documents (the demo's are set aside)."""
    found = Session.objects.filter(council=ward_a, start_date__year=2023).first()
    found.documents.all().delete()
    found.paperless = False
    found.save()
    return found


def test_an_upload_is_checked_and_described(session):
    document = add_document(session, name="Báo cáo.pdf")
    assert document.original_name == "Báo_cáo.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(EVIDENCE_PDF)
    assert document_storage().exists(document.file.name)
    assert document.file.name.startswith(f"documents/{session.council_id}/")


@pytest.mark.parametrize(
    ("name", "content"),
    [("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20), ("gia.pdf", b"not a pdf"), ("a.pdf", b"")],
)
def test_a_bad_file_is_refused_beside_the_field_in_vietnamese(session, name, content):
    document = SessionDocument(
        session=session,
        kind=DocumentKind.REPORT,
        title="x",
        file=SimpleUploadedFile(name, content),
    )
    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        document.full_clean()
    assert list(raised.value.message_dict) == ["file"]
    message = raised.value.message_dict["file"][0]
    assert message and message.isascii() is False
    assert not SessionDocument.objects.filter(session=session).exists()


def test_a_resolution_document_belongs_to_a_resolution_of_its_session(session):
    other = Session.objects.exclude(pk=session.pk).filter(resolutions__isnull=False).first()
    document = SessionDocument(
        session=session,
        kind=DocumentKind.RESOLUTION,
        title="Nghị quyết",
        resolution=other.resolutions.first(),
        file=SimpleUploadedFile("nq.pdf", EVIDENCE_PDF),
    )
    with pytest.raises(ValidationError) as raised:
        document.full_clean()
    assert "resolution" in raised.value.message_dict


def test_the_secretariat_uploads_several_documents_at_once_in_the_admin(
    session, secretariat_client
):
    url = reverse("admin:council_sessions_session_change", args=[session.pk])
    data = change_form_data(secretariat_client.get(url))
    prefix = "documents"
    for index, kind in enumerate((DocumentKind.INVITATION, DocumentKind.DRAFT_RESOLUTION)):
        data[f"{prefix}-{index}-order"] = str(index + 1)
        data[f"{prefix}-{index}-kind"] = kind
        data[f"{prefix}-{index}-title"] = f"Tài liệu {index + 1}"
        data[f"{prefix}-{index}-sent_at_0"] = "01/03/2023"
        data[f"{prefix}-{index}-sent_at_1"] = "08:00:00"
        data[f"{prefix}-{index}-file"] = SimpleUploadedFile(f"tl-{index}.pdf", EVIDENCE_PDF)
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(session.documents.values_list("title", flat=True)) == ["Tài liệu 1", "Tài liệu 2"]


def test_a_replaced_file_stays_in_storage_and_in_the_history(session):
    document = add_document(session, name="ban-cu.pdf")
    old_name = document.file.name
    document.file = SimpleUploadedFile("ban-moi.pdf", EVIDENCE_PDF)
    document.full_clean()
    document.save()
    assert document.original_name == "ban-moi.pdf"
    assert document_storage().exists(old_name)
    assert old_name in {h.file for h in document.history.all()}


def test_ward_staff_download_their_councils_sent_documents_as_attachments(
    session, ward_a_client, leader_client, ward_b_staff, anonymous_client
):
    from tests.conftest import _client_for

    sent = add_document(session, sent_at=at(dt.date(2023, 1, 2)))
    unsent = add_document(session, name="chua-gui.pdf")
    download = reverse("council_sessions:document-download", args=[sent.pk])
    response = ward_a_client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == EVIDENCE_PDF
    hidden = reverse("council_sessions:document-download", args=[unsent.pk])
    assert ward_a_client.get(hidden).status_code == 404
    assert leader_client.get(hidden).status_code == 200
    assert _client_for(ward_b_staff).get(download).status_code == 404
    assert anonymous_client.get(download).status_code == 302
    page = ward_a_client.get(reverse("council_sessions:documents", args=[session.pk]))
    assert page.status_code == 200
    assert download in page.content.decode() and hidden not in page.content.decode()


def test_paperless_when_invitation_and_drafts_were_sent_before_opening(session):
    day_before = at(session.start_date - dt.timedelta(days=1), hour=23)
    add_document(session, DocumentKind.INVITATION, sent_at=day_before)
    draft = add_document(session, DocumentKind.DRAFT_RESOLUTION, sent_at=day_before)
    add_document(session, DocumentKind.MINUTES)  # after the session: not part of the rule
    assert Session.objects.paperless_by_records().filter(pk=session.pk).exists()
    status = paperless_status(session)
    assert status.counted and status.by_records and not status.marked_by_hand

    draft.sent_at = at(session.start_date, hour=0)  # on the opening day: too late
    draft.save()
    assert not Session.objects.paperless_by_records().filter(pk=session.pk).exists()
    assert not paperless_status(session).counted
    draft.sent_at = None
    draft.save()
    assert not paperless_status(session).counted


def test_paperless_needs_both_kinds(session):
    add_document(session, DocumentKind.INVITATION, sent_at=at(dt.date(2022, 12, 1)))
    assert not Session.objects.paperless_by_records().filter(pk=session.pk).exists()
    with translation.override("vi"):
        assert "dự thảo nghị quyết" in paperless_status(session).reason


def test_a_mark_by_hand_counts_and_says_so(session):
    session.paperless = True
    session.save()
    status = paperless_status(session)
    assert status.counted and status.marked_by_hand and not status.by_records
    assert Session.objects.paperless_counted().filter(pk=session.pk).exists()
    with translation.override("vi"):
        assert "thủ công" in paperless_status(session).reason
    assert session.history.first().paperless is True
