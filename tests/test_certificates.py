"""Certificates (Giấy khen) of an issued decision: one exact-size page per recipient, the
names with Ông/Bà and their diacritics, the fields where the form puts them after the
printer's offset, long names wrapped inside their box, drafts refused."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from awards.certificate_forms import Align, CertificateForm
from awards.decision_services import decision_issue
from awards.dossiers import AwardDossier, AwardNominee, DossierStatus
from awards.models import Award, AwardDecision, AwardKind
from councilwork.models import Body, Person
from tests.pdf_text import MM, Pdf

pytestmark = pytest.mark.django_db
AUTHORITY = "UBND quận Dương Kinh"
LONG_NAME = "Công đoàn cơ sở " + " ".join(["Phường Anh Dũng và các khu dân cư"] * 5)
# (recipient kind, name, gender, what the certificate names): the test's own list.
RECIPIENTS = [
    ("body", "Ban Pháp chế", None, "Ban Pháp chế"),
    ("council", None, None, "HĐND phường Anh Dũng"),
    ("person", "Nguyễn Văn Hùng", "male", "Ông Nguyễn Văn Hùng"),
    ("person", "Trần Thị Hằng", "female", "Bà Trần Thị Hằng"),
    ("person", "Lê Minh Châu", "", "Lê Minh Châu"),
    ("body", LONG_NAME, None, LONG_NAME),
]


@pytest.fixture
def decision(district, ward_a, secretariat):
    dossier = AwardDossier.objects.create(
        council=district,
        year=2024,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        issuing_authority=AUTHORITY,
        status=DossierStatus.REVIEWED,
        submission_text="Tờ trình",
        meeting_date=dt.date(2025, 2, 1),
        members_total=9,
        members_present=9,
    )
    for kind, name, gender, _printed in RECIPIENTS:
        recipient = {}
        if kind == "body":
            recipient["recipient_body"] = Body.objects.create(
                council=district, kind="committee", name=name
            )
        elif kind == "council":
            recipient["recipient_council"] = ward_a
        else:
            person = Person.objects.create(full_name=name, gender=gender, position="Đại biểu")
            recipient["recipient_person"] = person
        AwardNominee.objects.create(
            dossier=dossier,
            report_text="BC",
            achievement="Hoàn thành xuất sắc nhiệm vụ năm 2024",
            votes_for=9,
            votes_against=0,
            votes_invalid=0,
            **recipient,
        )
    return decision_issue(dossier=dossier, user=secretariat, decision_date=dt.date(2025, 3, 3))


@pytest.fixture
def form():
    """An A4 landscape form whose fields are left-aligned at round positions: the only one."""
    CertificateForm.objects.all().delete()
    boxes = {"recipient": (30, 90, 200), "unit": (30, 105, 200), "achievement": (30, 118, 200)}
    boxes |= {"decision": (20, 180, 120), "place_date": (160, 150, 120), "signer": (160, 160, 120)}
    values = {"name": "Phôi thử", "kind": AwardKind.CERTIFICATE_OF_MERIT, "place": "Dương Kinh"}
    for prefix, (x, y, width) in boxes.items():
        values |= {f"{prefix}_x": x, f"{prefix}_y": y, f"{prefix}_width": width}
        values[f"{prefix}_align"] = Align.LEFT
    form = CertificateForm(**values, signer_name="Phạm Văn Lực")
    form.full_clean()
    form.save()
    return form


def _print(tmp_path, decision, *args) -> Pdf:
    out = tmp_path / "gk.pdf"
    call_command("print_certificates", decision.number, "--output", str(out), *args)
    return Pdf(out.read_bytes())


@pytest.mark.parametrize("style", ["full", "blank"])
def test_one_exact_page_per_recipient_with_the_name_and_the_embedded_font(
    tmp_path, decision, form, style
):
    pdf = _print(tmp_path, decision, "--form", style)
    assert len(pdf.pages) == len(RECIPIENTS)
    for n in range(len(RECIPIENTS)):
        width, height = pdf.size_mm(n)
        assert width == pytest.approx(297, abs=0.01) and height == pytest.approx(210, abs=0.01)
    assert pdf.print_scaling == "/None"
    assert b"/FontFile2" in pdf.data and b"DejaVuSerif" in pdf.data
    # The awards' order is the nominees' order, the test's list.
    for n, (_kind, _name, _gender, printed) in enumerate(RECIPIENTS):
        text = pdf.text(n)
        assert printed in " ".join(text.split("\n")), (n, text)
        assert "Quyết định số 01/QĐ-UBND ngày 03/03/2025" in text
        assert "Dương Kinh, ngày 03 tháng 03 năm 2025" in text
        assert "Phạm Văn Lực" in text
        assert ("GIẤY KHEN" in text) == (style == "full")
        assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text) == (style == "full")
    assert "Ông" not in pdf.text(4) and "Bà" not in pdf.text(4)  # no gender: no salutation


def test_fields_sit_at_their_positions_and_the_offset_shifts_them_exactly(tmp_path, decision, form):
    for dx, dy in [(0, 0), (3, -2), (-1.5, 4.5)]:
        pdf = _print(
            tmp_path, decision, "--form", "blank", "--offset-x", str(dx), "--offset-y", str(dy)
        )
        lines = pdf.lines(2)
        first = {line.text: line for line in lines}
        checks = [
            ("Ông Nguyễn Văn Hùng", 30, 90),
            ("Đại biểu", 30, 105),
            ("Quyết định số 01/QĐ-UBND ngày 03/03/2025", 20, 180),
            ("Dương Kinh, ngày 03 tháng 03 năm 2025", 160, 150),
            ("CHỦ TỊCH", 160, 160),
        ]
        for text, x, y in checks:
            line = first[text]
            assert abs(line.x / MM - (x + dx)) <= 0.5, (text, line.x / MM)
            assert abs((210 - line.y / MM) - (y + dy)) <= 0.5, (text, line.y / MM)
            assert line.x / MM == pytest.approx(x + dx, abs=0.01)


def test_the_forms_stored_offset_applies_and_the_command_overrides_it(tmp_path, decision, form):
    form.offset_x, form.offset_y = 2, 1
    form.save()
    stored = {line.text: line for line in _print(tmp_path, decision, "--form", "blank").lines(2)}
    assert stored["Ông Nguyễn Văn Hùng"].x / MM == pytest.approx(32, abs=0.01)
    assert 210 - stored["Ông Nguyễn Văn Hùng"].y / MM == pytest.approx(91, abs=0.01)
    given = _print(tmp_path, decision, "--form", "blank", "--offset-x", "0", "--offset-y", "0")
    line = {line.text: line for line in given.lines(2)}["Ông Nguyễn Văn Hùng"]
    assert line.x / MM == pytest.approx(30, abs=0.01)


def test_a_long_name_is_set_smaller_then_wraps_inside_its_box(tmp_path, decision, form):
    form.recipient_width, form.unit_y, form.achievement_y = 100, 135, 140
    form.save()
    pdf = _print(tmp_path, decision, "--form", "blank")
    page = len(RECIPIENTS) - 1
    name_lines = [line for line in pdf.lines(page) if 89 <= 210 - line.y / MM < 130]
    assert len(name_lines) > 2
    assert " ".join(line.text for line in name_lines) == LONG_NAME
    for line in name_lines:
        assert line.size == pytest.approx(float(form.min_size))
        assert line.x >= 30 * MM - 0.01 and line.x + line.width <= 130 * MM + 0.01
    # Lines go down the page, one leading apart.
    tops = [210 - line.y / MM for line in name_lines]
    assert tops == sorted(tops) and tops[0] == pytest.approx(90, abs=0.01)


def test_a_name_of_three_lines_at_full_size_is_set_smaller_on_two(tmp_path, decision, form):
    form.recipient_width = 90
    form.save()
    pdf = _print(tmp_path, decision, "--form", "blank")
    lines = [line for line in pdf.lines(1) if 89 <= 210 - line.y / MM < 104]
    assert " ".join(line.text for line in lines) == "HĐND phường Anh Dũng"
    assert len(lines) <= 2
    assert all(line.x + line.width <= 120 * MM + 0.01 for line in lines)


def test_centred_fields_are_centred_in_their_box(tmp_path, decision, form):
    form.recipient_align = Align.CENTER
    form.save()
    line = {line.text: line for line in _print(tmp_path, decision).lines(3)}["Bà Trần Thị Hằng"]
    assert (line.x + line.width / 2) / MM == pytest.approx(30 + 200 / 2, abs=0.5)


def test_the_authoritys_own_form_wins_over_a_form_for_any_authority(decision, form):
    own = CertificateForm.objects.create(
        name="Zeta", issuing_authority=AUTHORITY, kind=AwardKind.CERTIFICATE_OF_MERIT
    )
    CertificateForm.objects.create(name="Alpha", kind=AwardKind.CERTIFICATE_OF_MERIT)
    assert CertificateForm.for_decision(decision) == own
    own.delete()
    assert CertificateForm.for_decision(decision).name == "Alpha"


def test_a_draft_decision_is_refused(tmp_path, district, ward_a):
    draft = AwardDecision.objects.create(
        council=district,
        year=2024,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="99/QĐ-UBND",
        decision_date=dt.date(2025, 3, 3),
        issuing_authority=AUTHORITY,
    )
    Award.objects.create(decision=draft, recipient_council=ward_a)
    out = tmp_path / "gk.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("print_certificates", "99/QĐ-UBND", "--output", str(out))
    assert "chỉ in cho quyết định đã ban hành" in str(refused.value)
    assert not out.exists()


def test_the_calibration_grid_is_one_exact_page_with_millimetre_rulers(tmp_path, form):
    form.page_width, form.page_height = 210, 297
    form.save()
    out = tmp_path / "grid.pdf"
    call_command(
        "print_certificates", "--calibration", "--layout", str(form.pk), "--output", str(out)
    )
    pdf = Pdf(out.read_bytes())
    assert len(pdf.pages) == 1 and pdf.print_scaling == "/None"
    assert pdf.size_mm(0) == pytest.approx((210, 297), abs=0.01)
    # The top ruler's labels stand 9 mm below the sheet's top edge.
    labels = {line.text: line for line in pdf.lines(0) if 297 - line.y / MM < 10}
    assert (labels["50"].x + labels["50"].width / 2) / MM == pytest.approx(50, abs=0.01)
    assert "210 × 297 mm" in pdf.text(0)


def test_the_decisions_button_downloads_for_the_secretariat_and_leaders(
    decision, secretariat_client, leader_client, ward_a_client, anonymous_client
):
    change = reverse("admin:awards_awarddecision_change", args=[decision.pk])
    page = secretariat_client.get(change).content.decode()
    url = reverse("admin:awards_awarddecision_certificates", args=[decision.pk])
    assert f"{url}?form=full" in page and f"{url}?form=blank" in page
    for client in (secretariat_client, leader_client):
        response = client.get(url, {"form": "blank"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert len(Pdf(response.content).pages) == len(RECIPIENTS)
    for client in (ward_a_client, anonymous_client):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_drafts_change_page_says_why_it_has_no_button(district, secretariat_client):
    draft = AwardDecision.objects.create(
        council=district,
        year=2024,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="98/QĐ-UBND",
        decision_date=dt.date(2025, 3, 3),
        issuing_authority=AUTHORITY,
    )
    page = secretariat_client.get(reverse("admin:awards_awarddecision_change", args=[draft.pk]))
    assert "Giấy khen được in khi quyết định đã ban hành." in page.content.decode()
    url = reverse("admin:awards_awarddecision_certificates", args=[draft.pk])
    assert secretariat_client.get(url).status_code == 404
