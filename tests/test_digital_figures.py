"""The year's digital figures (paperless sessions, documents sent, signed resolutions,
failed signatures) for a council and the levels below, against a count in Python."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councilwork.models import Council
from devdata.demo.data import EVIDENCE_PDF
from sessions.documents import FAILED_SIGNATURES, PAPERLESS_KINDS
from sessions.models import DocumentKind, Resolution, Session, SessionDocument, SignatureStatus
from sessions.selectors import digital_counts

pytestmark = pytest.mark.django_db


def _paperless(session) -> bool:
    docs = [d for d in session.documents.all() if d.kind in PAPERLESS_KINDS]
    early = [d for d in docs if d.sent_at and timezone.localdate(d.sent_at) < session.start_date]
    kinds = {d.kind for d in early}
    return set(PAPERLESS_KINDS) <= kinds and len(early) == len(docs)


def oracle(councils, year):
    sessions = [
        s for s in Session.objects.filter(council__in=councils) if s.start_date.year == year
    ]
    documents = [d for s in sessions for d in s.documents.all()]
    resolutions = [
        r for r in Resolution.objects.filter(council__in=councils) if r.adopted_on.year == year
    ]
    return {
        "paperless_sessions": sum(_paperless(s) for s in sessions),
        "documents_sent": sum(d.sent_at is not None for d in documents),
        "resolutions_signed": sum(
            any(d.signature_status == SignatureStatus.VALID for d in r.documents.all())
            for r in resolutions
        ),
        "resolutions": len(resolutions),
        "signatures_failed": sum(d.signature_status in FAILED_SIGNATURES for d in documents),
    }


def _document(session, kind, sent_at, **extra):
    document = SessionDocument(
        session=session,
        kind=kind,
        title="Tài liệu",
        sent_at=sent_at,
        file=SimpleUploadedFile("t.pdf", EVIDENCE_PDF),
        **extra,
    )
    document.full_clean()
    document.save()
    return document


def test_digital_figures_match_an_independent_count(district, ward_a):
    session = Session.objects.filter(council=ward_a, start_date__year=2023).first()
    before = timezone.make_aware(dt.datetime.combine(session.start_date, dt.time(8)))
    before -= dt.timedelta(days=3)
    _document(session, DocumentKind.INVITATION, before)
    _document(session, DocumentKind.DRAFT_RESOLUTION, before)
    failed = _document(
        session, DocumentKind.RESOLUTION, before, resolution=session.resolutions.first()
    )
    SessionDocument.objects.filter(pk=failed.pk).update(signature_status=SignatureStatus.MODIFIED)
    counts = digital_counts(council=district, year=2023)
    wards = Council.objects.filter(parent=district)
    for name, expected in oracle([district], 2023).items():
        assert getattr(counts, name).own["total"] == expected, name
    for name, expected in oracle(wards, 2023).items():
        assert getattr(counts, name).below["commune"]["total"] == expected, name
    assert counts.paperless_sessions.below["commune"]["total"] >= 1
    assert counts.signatures_failed.below["commune"]["total"] >= 1


def test_a_year_without_documents_counts_zeros(district):
    counts = digital_counts(council=district, year=2019)
    assert counts.documents_sent.own["total"] == 0
    assert counts.paperless_sessions.own["total"] == 0


def test_pledges_are_measured_by_the_digital_work(district, ward_a):
    """A ward body's commitments measured by the digital work of the ward's own year."""
    from campaigns.models import Campaign, Commitment, Pledge
    from reports.pledges import pledge_rows

    SessionDocument.objects.filter(session__council=ward_a).delete()  # the demo's: ours only
    sessions = list(Session.objects.filter(council=ward_a, start_date__year=2023))
    first, second = sessions[0], sessions[1]
    for s, days in ((first, 3), (second, 0)):  # the second's drafts go out on the day
        at = timezone.make_aware(dt.datetime.combine(s.start_date, dt.time(8)))
        _document(s, DocumentKind.INVITATION, at - dt.timedelta(days=3))
        _document(s, DocumentKind.DRAFT_RESOLUTION, at - dt.timedelta(days=days))
        _document(s, DocumentKind.RESOLUTION, at, resolution=s.resolutions.first())
    SessionDocument.objects.filter(session=first, kind=DocumentKind.RESOLUTION).update(
        signature_status=SignatureStatus.VALID
    )
    campaign = Campaign.objects.get(council=district, year=2023)
    body = ward_a.bodies.get(kind="standing_committee")
    pledge = Pledge.objects.filter(campaign=campaign, body=body).first() or Pledge.objects.create(
        campaign=campaign, body=body, signed_on=dt.date(2023, 1, 5)
    )
    metrics = ("paperless_by_documents", "documents_sent", "signed_resolutions")
    for i, metric in enumerate(metrics):
        Commitment.objects.create(
            pledge=pledge, text=f"Cam kết số {i}", metric=metric, target=1, position=90 + i
        )
    want = oracle([ward_a], 2023)
    expected = {
        "Cam kết số 0": want["paperless_sessions"],
        "Cam kết số 1": want["documents_sent"],
        "Cam kết số 2": want["resolutions_signed"],
    }
    assert expected == {"Cam kết số 0": 1, "Cam kết số 1": 6, "Cam kết số 2": 1}  # by hand
    row = next(
        p for p in pledge_rows(council=district, year=2023, measure=True) if p.body == body.name
        and p.council == ward_a.short_name
    )  # fmt: skip
    got = {c.text: c.actual for c in row.commitments if c.text in expected}
    assert got == expected
