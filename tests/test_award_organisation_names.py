"""An organisation's name is stored as printed (runs of spaces one, none at the ends) on
every write path, and is once per decision and per dossier whatever its case: refused by
the database, beside the field in the admin, and found again by a re-import whose cell
has a double space (nothing updated, not refused on an issued decision)."""

import datetime as dt
import importlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from awards.dossiers import AwardDossier, AwardNominee
from awards.models import Award, AwardDecision, AwardKind
from awards.recipients import organisation_name
from tests.admin_post import change_form_data
from tests.work_factories import council as make_council

pytestmark = pytest.mark.django_db

SLUG, YEAR = "h6-quan", 2025
AUTHORITY = "UBND quận H6"
OFFICE = "Văn phòng HĐND"
# The same collective typed otherwise: another case, a double space, spaces at the ends.
OFFICE_TYPED = ["văn phòng  hđnd", "VĂN PHÒNG HĐND", "  Văn phòng\u00a0 HĐND "]
OTHERS = ["Phòng Nội vụ quận H6", "Phòng Y tế quận H6"]
DUPLICATE_VI = "Đối tượng này đã có tên trong quyết định này."
NOMINATED_VI = "Đối tượng này đã có trong hồ sơ."
MIGRATION = importlib.import_module("awards.migrations.0013_organisation_names")


@pytest.fixture
def place():
    return make_council(SLUG, level="district")


@pytest.fixture
def decision(place) -> AwardDecision:
    """A draft decision with the office and the other organisations, one award each."""
    made = AwardDecision.objects.create(
        council=place,
        year=YEAR,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="08/QĐ-UBND",
        decision_date=dt.date(2026, 1, 20),
        issuing_authority=AUTHORITY,
    )
    for name in [OFFICE, *OTHERS]:
        Award.objects.create(decision=made, recipient_organisation=name, achievement="Xuất sắc")
    return made


@pytest.fixture
def dossier(place) -> AwardDossier:
    return AwardDossier.objects.create(
        council=place, year=YEAR, kind=AwardKind.HIGHER_CERTIFICATE, issuing_authority=AUTHORITY
    )


def _names(decision) -> list[str]:
    return list(decision.awards.order_by("pk").values_list("recipient_organisation", flat=True))


@pytest.mark.parametrize("typed", OFFICE_TYPED)
def test_the_database_refuses_the_same_organisation_in_another_case_or_spacing(
    decision, dossier, typed
):
    before = _names(decision)
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(decision=decision, recipient_organisation=typed)
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.bulk_create([Award(decision=decision, recipient_organisation=typed)])
    AwardNominee.objects.create(dossier=dossier, recipient_organisation=OFFICE)
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardNominee.objects.create(dossier=dossier, recipient_organisation=typed)
    assert _names(decision) == before
    assert AwardNominee.objects.filter(dossier=dossier).count() == 1


def test_other_names_and_other_decisions_are_not_refused(decision, place):
    other = AwardDecision.objects.create(
        council=place,
        year=YEAR,
        kind=AwardKind.HIGHER_CERTIFICATE,
        number="09/QĐ-UBND",
        decision_date=dt.date(2026, 1, 21),
        issuing_authority=AUTHORITY,
    )
    Award.objects.create(decision=other, recipient_organisation=OFFICE_TYPED[0])
    Award.objects.create(decision=decision, recipient_organisation=OFFICE + " quận H6")
    assert _names(other) == [organisation_name(OFFICE_TYPED[0])]
    assert len(_names(decision)) == len(OTHERS) + 2


ADD = reverse("admin:awards_award_add")


def test_the_admin_refuses_the_office_typed_otherwise_beside_the_field(
    decision, secretariat_client
):
    before = Award.objects.count()
    response = secretariat_client.post(
        ADD,
        {"decision": decision.pk, "recipient_organisation": OFFICE_TYPED[0], "achievement": "X"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["recipient_organisation"]
    assert errors["recipient_organisation"] == [DUPLICATE_VI]
    assert DUPLICATE_VI in response.content.decode()
    assert Award.objects.count() == before


def test_the_decisions_inline_refuses_two_new_rows_naming_one_organisation(
    place, secretariat_client
):
    made = AwardDecision.objects.create(
        council=place,
        year=YEAR,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="10/QĐ-UBND",
        decision_date=dt.date(2026, 1, 22),
        issuing_authority=AUTHORITY,
    )
    url = reverse("admin:awards_awarddecision_change", args=[made.pk])
    data = change_form_data(secretariat_client.get(url))
    typed = [OFFICE, OFFICE_TYPED[0], OTHERS[0]]
    for n, name in enumerate(typed):
        data[f"awards-{n}-recipient_organisation"] = name
        data[f"awards-{n}-achievement"] = "Xuất sắc"
    data["awards-TOTAL_FORMS"] = str(len(typed))
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    errors = [dict(form.errors) for form in formset.forms]
    assert errors == [{}, {"recipient_organisation": [DUPLICATE_VI]}, {}]
    assert made.awards.count() == 0  # nothing saved, not even the rows without an error


def test_the_dossiers_inline_refuses_two_nominees_naming_one_organisation(
    dossier, secretariat_client
):
    url = reverse("admin:awards_awarddossier_change", args=[dossier.pk])
    data = change_form_data(secretariat_client.get(url))
    prefix = "nominees"
    typed = [OFFICE_TYPED[1], OFFICE]
    for n, name in enumerate(typed):
        data[f"{prefix}-{n}-recipient_organisation"] = name
    data[f"{prefix}-TOTAL_FORMS"] = str(len(typed))
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    assert [dict(form.errors) for form in formset.forms] == [
        {},
        {"recipient_organisation": [NOMINATED_VI]},
    ]
    assert AwardNominee.objects.filter(dossier=dossier).count() == 0


def _export(path: Path) -> Path:
    call_command("export_year", str(YEAR), council=SLUG, output=str(path), stdout=io.StringIO())
    return path


def _import(path: Path) -> str:
    out = io.StringIO()
    call_command("import_year", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _spaced(path: Path) -> Path:
    """The export with the office's cell typed with a double space and spaces around."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [r for r in data["sheets"]["awards"] if r["recipient_organisation"] == OFFICE]
    assert len(rows) == 1
    rows[0]["recipient_organisation"] = "  Văn  phòng   HĐND "
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("issued", [False, True], ids=["draft", "issued"])
def test_reimporting_a_double_spaced_name_updates_nothing_and_is_not_refused(
    decision, tmp_path, issued
):
    if issued:
        decision.issued_at = timezone.now()
        decision.save()
    stored = list(decision.awards.order_by("pk").values_list("pk", "recipient_organisation"))
    history = Award.history.count()
    out = _import(_spaced(_export(tmp_path / "year.json")))
    assert "awards:" not in out  # the command lists only the sheets it wrote to
    assert list(decision.awards.order_by("pk").values_list("pk", "recipient_organisation")) == (
        stored
    )
    assert Award.history.count() == history


def test_every_write_path_stores_the_printed_name(decision, dossier, secretariat_client):
    typed, printed = "  Phòng   Tư pháp\tquận H6 ", "Phòng Tư pháp quận H6"
    made = []
    # The model's save(), and bulk_create with its history (the bulk seed's way).
    made.append(Award.objects.create(decision=decision, recipient_organisation=typed))
    bulk = bulk_create_with_history(
        [Award(decision=decision, recipient_organisation="Phòng  Tài chính ")], Award
    )
    made.append(bulk[0])
    # update() of a queryset.
    Award.objects.filter(recipient_organisation=OTHERS[1]).update(
        recipient_organisation=" Phòng  Y tế  quận H6"
    )
    # The admin's form.
    response = secretariat_client.post(
        ADD,
        {"decision": decision.pk, "recipient_organisation": " Phòng  Văn hóa ", "achievement": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nominee = AwardNominee(dossier=dossier, recipient_organisation="Văn phòng\u00a0\u00a0HĐND")
    nominee.save()
    stored = set(decision.awards.values_list("recipient_organisation", flat=True))
    assert stored == {OFFICE, *OTHERS, printed, "Phòng Tài chính", "Phòng Văn hóa"}
    assert made[0].recipient_organisation == printed  # the instance holds it too
    assert set(dossier.nominees.values_list("recipient_organisation", flat=True)) == {OFFICE}
    history = set(Award.history.values_list("recipient_organisation", flat=True))
    assert "Phòng Tài chính" in history and not any(n != organisation_name(n) for n in history)


def test_an_import_of_a_new_spaced_name_stores_it_printed(decision, tmp_path):
    path = _export(tmp_path / "year.json")
    Award.objects.filter(recipient_organisation=OFFICE).delete()
    _import(_spaced(path))
    assert sorted(_names(decision)) == sorted([OFFICE, *OTHERS])


def _raw_name(model, pk: int, name: str) -> None:
    """Store ``name`` as an older version did: past every normalisation, in SQL."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET recipient_organisation = %s WHERE id = %s", [name, pk])


def test_the_migration_normalises_the_stored_names(decision, dossier):
    office = decision.awards.get(recipient_organisation=OFFICE)
    nominee = AwardNominee.objects.create(dossier=dossier, recipient_organisation=OTHERS[0])
    _raw_name(Award, office.pk, "  Văn  phòng HĐND ")
    _raw_name(AwardNominee, nominee.pk, "Phòng Nội vụ   quận H6")
    assert Award.objects.filter(pk=office.pk).values_list("recipient_organisation")[0] != (OFFICE,)
    MIGRATION.normalise_names(apps, None)
    assert sorted(_names(decision)) == sorted([OFFICE, *OTHERS])
    stored = dossier.nominees.values_list("recipient_organisation", flat=True)
    assert list(stored) == [OTHERS[0]]


def test_the_migration_names_what_it_cannot_merge(decision):
    second = decision.awards.order_by("pk")[1]
    _raw_name(Award, second.pk, OFFICE.upper().replace(" ", "  "))
    with pytest.raises(RuntimeError, match=f"Award decision_id={decision.pk}"):
        MIGRATION.normalise_names(apps, None)
