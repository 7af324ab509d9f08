"""A reviewed dossier's decision: legal bases in force on its date, the next free number,
the awards made exactly once (twice or concurrently: refused), read-only once issued."""

import datetime as dt
import io
import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from docx import Document

from awards.decision_docx import citations, decision_docx
from awards.decision_services import decision_issue
from awards.dossiers import AwardDossier, AwardNominee, DossierStatus
from awards.legal import LegalDocument
from awards.models import Award, AwardDecision, AwardKind
from councilwork.models import Body, Person, User
from councilwork.models.numbering import IssuedNumber

pytestmark = pytest.mark.django_db
AUTHORITY = "UBND quận Dương Kinh"


def _reviewed_dossier(district, tallies=(9, 7, 6), kind=AwardKind.CERTIFICATE_OF_MERIT):
    dossier = AwardDossier.objects.create(
        council=district,
        year=2024,
        kind=kind,
        issuing_authority=AUTHORITY,
        status=DossierStatus.REVIEWED,
        submission_text="Tờ trình",
        meeting_date=dt.date(2025, 2, 1),
        members_total=9,
        members_present=9,
    )
    people = Person.objects.order_by("pk")[: len(tallies)]
    for person, votes in zip(people, tallies, strict=True):
        AwardNominee.objects.create(
            dossier=dossier,
            recipient_person=person,
            report_text="BC",
            achievement="Hoàn thành xuất sắc nhiệm vụ",
            votes_for=votes,
            votes_against=9 - votes,
            votes_invalid=0,
        )
    return dossier


def test_the_legal_bases_are_those_in_force_on_the_decisions_date():
    def cited(day):
        return citations(AwardDecision(decision_date=day))

    before = " ".join(cited(dt.date(2024, 3, 8)))
    after = " ".join(cited(dt.date(2025, 7, 1)))
    assert "98/2023/NĐ-CP" in before and "152/2025/NĐ-CP" not in before
    assert "06/2022/QH15" in before and "77/2015/QH13" in before
    assert "98/2023/NĐ-CP" not in after and "152/2025/NĐ-CP" in after
    assert "72/2025/QH15" in after and "77/2015/QH13" not in after
    assert "98/2023/NĐ-CP" in " ".join(cited(dt.date(2025, 6, 30)))  # its last day
    assert (
        LegalDocument.objects.in_force_on(dt.date(2023, 12, 31))
        .filter(number="06/2022/QH15")
        .count()
        == 0
    )


def test_issuing_makes_the_awards_of_the_carried_nominees_once(district, secretariat):
    dossier = _reviewed_dossier(district)
    decision = decision_issue(dossier=dossier, user=secretariat, decision_date=dt.date(2025, 3, 3))
    # 9 and 7 of 9 reach 70 %; 6 of 9 does not.
    assert decision.awards.count() == 2
    assert decision.issued_at is not None and decision.dossier == dossier
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    before = Award.objects.count()
    with pytest.raises(ValidationError) as refused:
        decision_issue(dossier=dossier, user=secretariat, decision_date=dt.date(2025, 3, 3))
    assert refused.value.messages == ["Quyết định của hồ sơ này đã được ban hành."]
    assert Award.objects.count() == before


def test_the_number_comes_from_the_councils_register_and_a_taken_one_is_refused(
    district, secretariat
):
    first = decision_issue(
        dossier=_reviewed_dossier(district), user=secretariat, decision_date=dt.date(2025, 3, 3)
    )
    assert first.number == "01/QĐ-UBND"
    issued = IssuedNumber.objects.get(council=district, year=2025, kind="award_decision")
    assert issued.code == first.number
    # A number typed by hand meanwhile: the issue is refused and writes nothing.
    AwardDecision.objects.create(
        council=district,
        year=2024,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="02/QĐ-UBND",
        decision_date=dt.date(2025, 3, 4),
        issuing_authority=AUTHORITY,
    )
    second = _reviewed_dossier(district, kind=AwardKind.EMULATION_TITLE)
    with pytest.raises(ValidationError) as refused:
        decision_issue(dossier=second, user=secretariat, decision_date=dt.date(2025, 3, 5))
    assert "đã ban hành một quyết định mang số này" in " ".join(refused.value.messages)
    assert not second.decisions.exists()
    assert IssuedNumber.objects.filter(council=district, year=2025).count() == 1


def test_an_unreviewed_dossier_is_not_issued(district, secretariat):
    dossier = _reviewed_dossier(district)
    AwardDossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.READY)
    with pytest.raises(ValidationError):
        decision_issue(dossier=dossier, user=secretariat, decision_date=dt.date(2025, 3, 3))
    assert not dossier.decisions.exists()


def test_the_drafted_decision_cites_its_bases_and_lists_its_recipients(district):
    decision = AwardDecision.objects.get(number="486/QĐ-UBND")
    document = Document(io.BytesIO(decision_docx(decision)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in text
    assert "152/2025" not in text
    assert "Tặng Giấy khen cho 10 tập thể và 00 cá nhân" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert len(table.rows) == 1 + 10


def test_an_issued_decision_is_read_only_and_is_corrected_by_an_amendment(
    district, secretariat, secretariat_client
):
    decision = decision_issue(
        dossier=_reviewed_dossier(district), user=secretariat, decision_date=dt.date(2025, 3, 3)
    )
    url = reverse("admin:awards_awarddecision_change", args=[decision.pk])
    assert secretariat_client.post(url, {"number": "99/QĐ-UBND"}).status_code == 403
    decision.refresh_from_db()
    assert decision.number != "99/QĐ-UBND"
    page = secretariat_client.get(url).content.decode()
    assert "Quyết định (.docx)" in page
    response = secretariat_client.get(
        reverse("admin:awards_awarddecision_docx", args=[decision.pk])
    )
    assert response.status_code == 200
    amendment = AwardDecision.objects.create(
        council=district,
        year=2024,
        kind=decision.kind,
        number="5/QĐ-UBND",
        decision_date=dt.date(2025, 3, 10),
        issuing_authority=AUTHORITY,
        amends=decision,
    )
    assert list(decision.amendments.all()) == [amendment]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)
def test_concurrent_issues_make_one_decision(transactional_db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from councilwork.models import Council

    dossier = _reviewed_dossier(Council.objects.get(slug="duong-kinh"))
    secretariat = User.objects.get(username="vanphong")
    count, barrier = 6, threading.Barrier(6)
    results = [None] * count

    def issue(i):
        try:
            barrier.wait()
            results[i] = decision_issue(
                dossier=dossier, user=secretariat, decision_date=dt.date(2025, 3, 3)
            )
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made = [r for r in results if isinstance(r, AwardDecision)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == count - 1, results
    assert AwardDecision.objects.filter(dossier=dossier).count() == 1
    assert Award.objects.filter(decision__dossier=dossier).count() == 2
    assert not Body.objects.filter(awards__decision__dossier=dossier).exists()
