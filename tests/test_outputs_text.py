"""Outputs cannot be turned against their readers: every text cell of a workbook we write
is text (a name typed as a formula stays a name), control characters are refused at
input beside the field, and one already stored breaks no download."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from awards.models import Award
from councilwork.cache import bump_councils
from councilwork.models import Council, Person
from councilwork.text import printable
from sessions.models import Session

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'
VERTICAL_TAB = "Kỳ họp thứ năm\x0bchuyên đề"
REFUSED = "ký tự điều khiển"  # in the Vietnamese message, beside the field


@pytest.fixture
def awarded(district) -> Person:
    """A person the district awarded for 2023, as shown in its figures and exports."""
    award = Award.objects.filter(decision__council=district, recipient_person__isnull=False)
    return award.select_related("recipient_person").first().recipient_person


def cells(workbook, value) -> list:
    return [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == value
    ]


def no_inline_rows(client, url) -> dict:
    """The management form of each inline of the admin page at ``url``, with no rows."""
    data = {}
    for inline in client.get(url).context["inline_admin_formsets"]:
        form = inline.formset.management_form
        data.update({form.add_prefix(name): value for name, value in form.initial.items()})
        data[form.add_prefix("TOTAL_FORMS")] = "0"
    return data


def export_workbook(tmp_path: Path):
    path = tmp_path / "dk-2023.xlsx"
    call_command(
        "export_year", "2023", council="duong-kinh", output=str(path), stdout=io.StringIO()
    )
    return openpyxl.load_workbook(path)


def test_a_name_typed_as_a_formula_is_text_in_figures_xlsx(leader_client, awarded):
    awarded.full_name = FORMULA
    awarded.save()
    response = leader_client.get(reverse("summary:xlsx", args=[2023]))
    found = cells(openpyxl.load_workbook(io.BytesIO(response.content)), FORMULA)
    assert found, "the awarded person is in the workbook"
    assert {cell.data_type for cell in found} == {"s"}


def test_a_name_typed_as_a_formula_is_text_in_the_exported_workbook(tmp_path, awarded):
    awarded.full_name = FORMULA
    awarded.save()
    found = cells(export_workbook(tmp_path), FORMULA)
    sheets = {cell.parent.title for cell in found}
    assert {"people", "awards"} <= sheets  # the person's row, and the award naming them
    assert {cell.data_type for cell in found} == {"s"}


def test_every_text_cell_of_both_workbooks_is_text(tmp_path, leader_client):
    figures = openpyxl.load_workbook(
        io.BytesIO(leader_client.get(reverse("summary:xlsx", args=[2023])).content)
    )
    for workbook in (figures, export_workbook(tmp_path)):
        types = {
            cell.data_type
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str)
        }
        assert types == {"s"}


def test_the_admin_refuses_a_control_character_beside_the_field(secretariat_client, district):
    session = Session.objects.filter(council=district).order_by("number").first()
    url = reverse("admin:council_sessions_session_add")
    post = {
        "council": district.pk,
        "term": session.term_id,
        "number": "80",
        "kind": "regular",
        "title": VERTICAL_TAB,
        "start_date": "10/05/2023",
        "end_date": "10/05/2023",
        **no_inline_rows(secretariat_client, url),
    }
    response = secretariat_client.post(url, post)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["title"]
    assert REFUSED in errors["title"][0] and "U+000B" in errors["title"][0]
    assert REFUSED in response.content.decode()
    assert not Session.objects.filter(council=district, number=80).exists()
    post["title"] = printable(VERTICAL_TAB)  # the same title with a plain line break
    assert secretariat_client.post(url, post).status_code == 302
    assert Session.objects.get(council=district, number=80).title == "Kỳ họp thứ năm\nchuyên đề"


def test_import_year_refuses_a_control_character_naming_the_cell(tmp_path):
    path = tmp_path / "dk-2023.json"
    call_command(
        "export_year", "2023", council="duong-kinh", output=str(path), stdout=io.StringIO()
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sheets"]["sessions"][1]["title"] = VERTICAL_TAB
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    titles = sorted(Session.objects.values_list("title", flat=True))
    with pytest.raises(CommandError) as refused:
        call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    message = str(refused.value)
    assert "Trang “sessions”, dòng 2, cột “" in message and "” (title): " in message
    assert REFUSED in message
    assert sorted(Session.objects.values_list("title", flat=True)) == titles


def test_a_control_character_already_stored_breaks_no_download(
    tmp_path, leader_client, district, awarded
):
    # Stored behind the rules' back, as a row from before they existed would be.
    Person.objects.filter(pk=awarded.pk).update(full_name="Nguyễn\x0bVăn\x01An")
    Council.objects.filter(pk=district.pk).update(short_name="Dương\x0bKinh")
    Session.objects.filter(council=district).update(title=VERTICAL_TAB)
    bump_councils([district.pk])

    response = leader_client.get(reverse("summary:xlsx", args=[2023]))
    assert response.status_code == 200
    figures = openpyxl.load_workbook(io.BytesIO(response.content))
    assert cells(figures, "Nguyễn\nVănAn")

    exported = export_workbook(tmp_path)
    assert cells(exported, "Nguyễn\nVănAn")
    assert cells(exported, "Kỳ họp thứ năm\nchuyên đề")

    report = leader_client.get(reverse("summary:docx", args=[2023]))
    assert report.status_code == 200
    assert report.content.startswith(b"PK")
