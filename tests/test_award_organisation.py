"""Awards to a named organisation (the council's office, a department of the People's
Committee): exactly one recipient, refused at the database and in Vietnamese beside the
form; a collective in the figures, the narrative and every output, printed by its name;
the deciding council's, never anyone's awards received; carried by the year exchange."""

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document

from awards.certificates import certificates_pdf
from awards.decision_docx import decision_docx
from awards.decision_services import decision_issue
from awards.dossiers import AwardDossier, AwardNominee, DossierStatus
from awards.models import Award, AwardDecision, AwardKind
from councilwork.models import Body, CouncilLevel, Person
from exchange.jsonfile import read_json
from exchange.load import load
from reports.links import records_url
from reports.selectors import year_summary
from tests.pdf_text import Pdf
from tests.work_factories import council as make_council

pytestmark = pytest.mark.django_db

SLUG, YEAR = "h5-quan", 2025
AUTHORITY = "UBND quận H5"
NUMBER, DECIDED_ON = "07/QĐ-UBND", dt.date(2026, 1, 20)
OFFICE = "Văn phòng HĐND và UBND quận H5"
DEPARTMENT = "Phòng Nội vụ quận H5"
BODY = "Ban Pháp chế quận H5"
PEOPLE = ["Nguyễn Văn Năm Một", "Trần Thị Năm Hai"]
# The decision's awards, in order: (kind, name). The oracle counts this list.
AWARDS = [
    ("organisation", OFFICE),
    ("body", BODY),
    ("person", PEOPLE[0]),
    ("organisation", DEPARTMENT),
    ("person", PEOPLE[1]),
]
COLLECTIVES = sum(1 for kind, _name in AWARDS if kind != "person")
INDIVIDUALS = sum(1 for kind, _name in AWARDS if kind == "person")
# Received by the district itself: its body's award; an organisation is no council's.
RECEIVED_COLLECTIVES = sum(1 for kind, _name in AWARDS if kind == "body")
ONE_VI = "Vui lòng chọn đúng một đối tượng được khen thưởng"


def _recipient(kind: str, name: str, place) -> dict:
    if kind == "organisation":
        return {"recipient_organisation": name}
    if kind == "body":
        body, _ = Body.objects.get_or_create(council=place, name=name, kind="committee")
        return {"recipient_body": body}
    person, _ = Person.objects.get_or_create(full_name=name, defaults={"position": "Chuyên viên"})
    return {"recipient_person": person}


@pytest.fixture
def place():
    return make_council(SLUG, level=CouncilLevel.DISTRICT)


@pytest.fixture
def decision(place) -> AwardDecision:
    """A draft decision of the test's year with the test's list of awards."""
    made = AwardDecision.objects.create(
        council=place,
        year=YEAR,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number=NUMBER,
        decision_date=DECIDED_ON,
        issuing_authority=AUTHORITY,
    )
    for kind, name in AWARDS:
        Award.objects.create(
            decision=made,
            achievement="Hoàn thành xuất sắc nhiệm vụ",
            **_recipient(kind, name, place),
        )
    return made


def _refused_by_database(model, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**values)


def test_none_or_two_recipients_are_refused_by_the_database(decision, place):
    body = Body.objects.get(name=BODY)
    person = Person.objects.get(full_name=PEOPLE[0])
    _refused_by_database(Award, decision=decision)
    _refused_by_database(
        Award, decision=decision, recipient_organisation=OFFICE + " 2", recipient_body=body
    )
    _refused_by_database(
        Award, decision=decision, recipient_organisation="Phòng Y tế", recipient_person=person
    )
    _refused_by_database(Award, decision=decision, recipient_organisation=OFFICE)  # named twice
    dossier = AwardDossier.objects.create(
        council=place, year=YEAR, kind=AwardKind.CERTIFICATE_OF_MERIT, issuing_authority=AUTHORITY
    )
    _refused_by_database(AwardNominee, dossier=dossier)
    _refused_by_database(
        AwardNominee, dossier=dossier, recipient_organisation=OFFICE, recipient_body=body
    )
    AwardNominee.objects.create(dossier=dossier, recipient_organisation=OFFICE)
    _refused_by_database(AwardNominee, dossier=dossier, recipient_organisation=OFFICE)
    assert Award.objects.filter(decision=decision).count() == len(AWARDS)


@pytest.mark.parametrize(
    "values",
    [{}, {"recipient_organisation": "   "}, {"recipient_organisation": "Phòng Y tế", "body": True}],
    ids=["none", "spaces", "two"],
)
def test_full_clean_says_in_vietnamese_to_choose_one_recipient(decision, values):
    values = dict(values)
    if values.pop("body", False):
        values["recipient_body"] = Body.objects.get(name=BODY)
    award = Award(decision=decision, **values)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        award.full_clean()
    assert any(ONE_VI in message for message in error.value.messages), error.value.messages


def test_an_organisation_named_twice_is_refused_beside_its_field(decision):
    duplicate = Award(decision=decision, recipient_organisation=OFFICE)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "recipient_organisation" in error.value.message_dict


def test_spaces_in_the_name_are_those_printed(decision):
    award = Award(decision=decision, recipient_organisation="  Phòng   Y tế  quận H5 ")
    award.full_clean()
    assert award.recipient_organisation == "Phòng Y tế quận H5"


def _json_summary() -> dict:
    out = io.StringIO()
    call_command("year_summary", str(YEAR), "--council", SLUG, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_organisations_count_as_collectives_of_the_deciding_council(decision, place):
    figures = _json_summary()
    assert figures["awards"] == {
        "collective": COLLECTIVES,
        "individual": INDIVIDUALS,
        "individual_people": len(set(PEOPLE)),
    }
    assert figures["received"] == {"collective": RECEIVED_COLLECTIVES, "individual": 0}
    with translation.override("vi"):
        text = " ".join(year_summary(council=place, year=YEAR).narrative)
    assert f"cho {COLLECTIVES:02d} tập thể và {INDIVIDUALS:02d} cá nhân" in text


def test_the_drill_downs_list_the_organisations_by_name(decision, place, secretariat_client):
    collective = secretariat_client.get(records_url(YEAR, "awards", place, kind="collective"))
    page = collective.content.decode()
    for kind, name in AWARDS:
        assert (name in page) == (kind != "person"), name
    received = secretariat_client.get(records_url(YEAR, "awards", place, scope="received"))
    assert BODY in received.content.decode()
    assert OFFICE not in received.content.decode()


def test_the_summary_page_workbook_and_report_name_the_organisations(decision, secretariat_client):
    query = f"?council={SLUG}"
    page = secretariat_client.get(reverse("summary:page", args=[YEAR]) + query).content.decode()
    workbook = openpyxl.load_workbook(
        io.BytesIO(secretariat_client.get(reverse("summary:xlsx", args=[YEAR]) + query).content)
    )
    cells = {c.value for s in workbook.worksheets for row in s.iter_rows() for c in row}
    report = Document(
        io.BytesIO(secretariat_client.get(reverse("summary:docx", args=[YEAR]) + query).content)
    )
    docx_text = {cell.text for table in report.tables for row in table.rows for cell in row.cells}
    for name in (OFFICE, DEPARTMENT):
        assert name in page and name in cells and name in docx_text


def test_the_decision_and_its_certificates_print_the_organisation_by_name(decision):
    document = Document(io.BytesIO(decision_docx(decision)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"cho {COLLECTIVES:02d} tập thể và {INDIVIDUALS:02d} cá nhân" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    listed = [row.cells[1].text for row in table.rows[1:]]
    # Collectives first, each in the decision's order, then the individuals.
    collectives = [name for kind, name in AWARDS if kind != "person"]
    assert listed == collectives + [name for kind, name in AWARDS if kind == "person"]
    decision.issued_at = timezone.now()
    decision.save()
    pdf = Pdf(certificates_pdf(decision))
    assert len(pdf.pages) == len(AWARDS)
    for n, (kind, name) in enumerate(AWARDS):
        if kind == "organisation":
            assert name in " ".join(pdf.text(n).split("\n")), pdf.text(n)
            assert "Chuyên viên" not in pdf.text(n)  # no unit line of anyone else


def test_a_nominee_organisation_becomes_the_decisions_award(place, secretariat):
    dossier = AwardDossier.objects.create(
        council=place,
        year=YEAR,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        issuing_authority=AUTHORITY,
        status=DossierStatus.REVIEWED,
        submission_text="Tờ trình",
        meeting_date=dt.date(2026, 1, 5),
        members_total=9,
        members_present=9,
    )
    AwardNominee.objects.create(
        dossier=dossier,
        recipient_organisation=OFFICE,
        report_text="Báo cáo thành tích",
        votes_for=9,
        votes_against=0,
        votes_invalid=0,
    )
    issued = decision_issue(dossier=dossier, user=secretariat, decision_date=DECIDED_ON)
    award = issued.awards.get()
    assert (award.recipient_organisation, award.is_collective, str(award.recipient)) == (
        OFFICE,
        True,
        OFFICE,
    )


def _export(path: Path) -> Path:
    call_command("export_year", str(YEAR), council=SLUG, output=str(path), stdout=io.StringIO())
    return path


def _counts(path: Path) -> dict:
    meta, sheets = read_json(path.read_bytes())
    report = load(meta, sheets)
    return {name: (c.created, c.updated, c.unchanged) for name, c in report.counts.items()}


def test_an_organisations_award_and_nomination_round_trip(decision, place, tmp_path):
    dossier = AwardDossier.objects.create(
        council=place, year=YEAR, kind=AwardKind.HIGHER_CERTIFICATE, issuing_authority=AUTHORITY
    )
    AwardNominee.objects.create(dossier=dossier, recipient_organisation=DEPARTMENT)
    path = _export(tmp_path / "year.json")
    rows = json.loads(path.read_text(encoding="utf-8"))["sheets"]
    named = [row["recipient_organisation"] for row in rows["awards"]]
    assert sorted(n for n in named if n) == sorted(n for k, n in AWARDS if k == "organisation")
    assert [row["recipient_organisation"] for row in rows["award_nominees"]] == [DEPARTMENT]
    # Found again by its name: nothing to change.
    assert _counts(path)["awards"] == (0, 0, len(AWARDS))
    Award.objects.filter(decision=decision, recipient_organisation__gt="").delete()
    AwardNominee.objects.filter(dossier=dossier).delete()
    counts = _counts(path)
    organisations = sum(1 for kind, _name in AWARDS if kind == "organisation")
    assert counts["awards"] == (organisations, 0, len(AWARDS) - organisations)
    assert counts["award_nominees"] == (1, 0, 0)
    stored = Award.objects.filter(decision=decision).exclude(recipient_organisation="")
    assert sorted(stored.values_list("recipient_organisation", flat=True)) == sorted(
        n for k, n in AWARDS if k == "organisation"
    )
    assert _json_summary()["awards"]["collective"] == COLLECTIVES


ADD = reverse("admin:awards_award_add")


def test_the_admin_adds_an_organisations_award_and_finds_it(decision, secretariat_client):
    Award.objects.filter(recipient_organisation=OFFICE).delete()
    form = secretariat_client.get(ADD).content.decode()
    assert 'name="recipient_organisation"' in form
    response = secretariat_client.post(
        ADD, {"decision": decision.pk, "recipient_organisation": OFFICE, "achievement": "Xuất sắc"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    award = Award.objects.get(recipient_organisation=OFFICE)
    assert award.decision == decision and award.is_collective
    listing = secretariat_client.get(
        reverse("admin:awards_award_changelist"), {"q": "van phong h5"}
    )
    assert OFFICE in listing.content.decode()
    assert list(listing.context["cl"].result_list) == [award]


@pytest.mark.parametrize("extra", [{}, {"recipient_organisation": "Phòng Y tế", "person": True}])
def test_the_admin_refuses_none_or_two_recipients_in_vietnamese(
    decision, secretariat_client, extra
):
    before = Award.objects.count()
    data = {"decision": decision.pk, "recipient_organisation": "", "achievement": "Xuất sắc"}
    extra = dict(extra)
    if extra.pop("person", False):
        data["recipient_person"] = Person.objects.get(full_name=PEOPLE[0]).pk
    data |= extra
    response = secretariat_client.post(ADD, data)
    assert response.status_code == 200
    assert ONE_VI in response.content.decode()
    assert Award.objects.count() == before


def test_the_search_box_finds_an_organisations_award_by_its_name(decision, secretariat_client):
    response = secretariat_client.get(reverse("search:results"), {"q": "van phong hdnd ubnd h5"})
    groups = {g.kind.key: [r.label for r in g.results] for g in response.context["groups"]}
    assert groups["awards"] == [f"{OFFICE} – {NUMBER} – {AUTHORITY}"]
