"""A criterion measured by the records: the count beside the points, on every view of the card.

The expected counts are the test's own: the documents it sends, the ward's activities
counted in Python from the list of its records.
"""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns.models import Criterion, Scorecard
from devdata.demo.data import EVIDENCE_PDF
from oversight.models import OversightActivity
from sessions.models import DocumentKind, Session, SessionDocument

pytestmark = pytest.mark.django_db


def _measured(html: str) -> list[int]:
    return [int(v) for v in re.findall(r'data-measured="(\d+)"', html)]


@pytest.fixture
def card(ward_a):
    card = Scorecard.objects.get(campaign__year=2023, subject_council=ward_a)
    SessionDocument.objects.filter(session__council=ward_a).delete()  # the demo's: ours only
    session = Session.objects.filter(council=ward_a, start_date__year=2023).first()
    opening = timezone.make_aware(dt.datetime.combine(session.start_date, dt.time(8)))
    for kind, days in (
        (DocumentKind.INVITATION, 5),
        (DocumentKind.REPORT, 4),
        (DocumentKind.MINUTES, -2),
    ):
        document = SessionDocument(
            session=session,
            kind=kind,
            title="Tài liệu",
            sent_at=opening - dt.timedelta(days=days),
            file=SimpleUploadedFile("t.pdf", EVIDENCE_PDF),
        )
        document.full_clean()
        document.save()
    unsent = SessionDocument(
        session=session, kind=DocumentKind.REPORT, title="Chưa gửi",
        file=SimpleUploadedFile("u.pdf", EVIDENCE_PDF),
    )  # fmt: skip
    unsent.full_clean()
    unsent.save()
    for code, metric in (("9.1", "documents_sent"), ("9.2", "oversight"), ("9.3", "")):
        Criterion.objects.create(
            campaign=card.campaign, applies_to="council", section="Chuyển đổi số",
            code=code, title=f"Tiêu chí {code}", max_points=5, position=90, metric=metric,
        )  # fmt: skip
    return card


def test_the_ward_sees_the_records_count_beside_its_criterion(card, ward_a, ward_a_client):
    activities = list(OversightActivity.objects.filter(council=ward_a))
    oversight = sum(a.start_date.year == 2023 for a in activities)
    assert oversight > 0
    html = ward_a_client.get(f"/scores/{card.pk}/").content.decode()
    # 3 documents sent, 1 not; the criterion without a metric shows nothing.
    assert _measured(html) == [3, oversight]
    assert "Theo hồ sơ: 3 (Tài liệu kỳ họp gửi điện tử)" in html


def test_the_reviewer_sees_it_too(card, ward_a, secretariat_client):
    Scorecard.objects.filter(pk=card.pk).update(status="submitted")
    html = secretariat_client.get(f"/scores/{card.pk}/").content.decode()
    activities = list(OversightActivity.objects.filter(council=ward_a))
    oversight = sum(a.start_date.year == 2023 for a in activities)
    # The read-only table and the review form both show the two measured criteria.
    assert _measured(html) == [3, oversight, 3, oversight]


def test_a_criterion_measured_by_the_deputies_work(ward_a, ward_a_client):
    """ "Attendance ≥ 95 %": the ward's rate beside the points, and its reception days."""
    from tests.test_attendance import _oracle as plain_attendance
    from voters.models import ReceptionDay

    card = Scorecard.objects.get(campaign__year=2023, subject_council=ward_a)
    for code, metric in (("9.4", "attendance_rate"), ("9.5", "reception_days")):
        Criterion.objects.create(
            campaign=card.campaign, applies_to="council", section="Đại biểu",
            code=code, title=f"Tiêu chí {code}", max_points=5, position=95, metric=metric,
        )  # fmt: skip
    rate = plain_attendance([ward_a], 2023)["rate"]
    days = sum(d.date.year == 2023 for d in ReceptionDay.objects.filter(council=ward_a))
    assert rate and days  # the demo's ward has both
    html = ward_a_client.get(f"/scores/{card.pk}/").content.decode()
    shown = re.findall(r'data-measured="([^"]+)"', html)
    assert shown == [f"{rate:.1f}".replace(".", ","), str(days)]
