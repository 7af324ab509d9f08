"""An organisation named in capitals and in small letters ("ĐOÀN THANH NIÊN", "đoàn thanh
niên") is one organisation whatever the database's locale: the database refuses the second
name, the admin says so in Vietnamese beside the field, and on PostgreSQL the function the
constraint calls lowers Vietnamese letters in a database of the C locale too, where
lower() does not."""

import datetime as dt
import importlib

import psycopg
import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from awards.dossiers import AwardDossier, AwardNominee
from awards.models import Award, AwardDecision, AwardKind
from tests.work_factories import council as make_council

pytestmark = pytest.mark.django_db

CAPITALS, SMALL = "ĐOÀN THANH NIÊN", "đoàn thanh niên"
DUPLICATE_VI = "Đối tượng này đã có tên trong quyết định này."
MIGRATION = importlib.import_module("awards.migrations.0014_organisation_names_any_locale")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the locale of a PostgreSQL database"
)


@pytest.fixture
def decision() -> AwardDecision:
    return AwardDecision.objects.create(
        council=make_council("locale-quan", level="district"),
        year=2025,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="11/QĐ-UBND",
        decision_date=dt.date(2026, 1, 20),
        issuing_authority="UBND quận",
    )


def test_the_database_refuses_the_name_in_small_letters(decision):
    Award.objects.create(decision=decision, recipient_organisation=CAPITALS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(decision=decision, recipient_organisation=SMALL)
    dossier = AwardDossier.objects.create(
        council=decision.council,
        year=2025,
        kind=AwardKind.HIGHER_CERTIFICATE,
        issuing_authority="UBND",
    )
    AwardNominee.objects.create(dossier=dossier, recipient_organisation=SMALL)
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardNominee.objects.create(dossier=dossier, recipient_organisation=CAPITALS)
    names = decision.awards.values_list("recipient_organisation", flat=True)
    assert list(names) == [CAPITALS]
    assert list(dossier.nominees.values_list("recipient_organisation", flat=True)) == [SMALL]


def test_the_admin_refuses_it_in_vietnamese_beside_the_field(decision, secretariat_client):
    Award.objects.create(decision=decision, recipient_organisation=CAPITALS)
    response = secretariat_client.post(
        reverse("admin:awards_award_add"),
        {"decision": decision.pk, "recipient_organisation": SMALL, "achievement": "X"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"recipient_organisation": [DUPLICATE_VI]}
    assert decision.awards.count() == 1


def test_the_database_lowers_with_the_constraints_function(decision):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cw_lower(%s), cw_lower(%s)", [CAPITALS, "ẤP ỲÊN Ở"])
        assert cursor.fetchone() == (SMALL, "ấp ỳên ở")


@pytest.fixture
def c_locale():
    """A new database of the C locale, dropped afterwards; a connection to it."""
    params = connection.get_connection_params()
    name = f"{connection.settings_dict['NAME']}_c"
    admin = psycopg.connect(**(params | {"dbname": "postgres"}), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(
        f"CREATE DATABASE \"{name}\" TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' ENCODING 'UTF8'"
    )
    try:
        with psycopg.connect(**(params | {"dbname": name}), autocommit=True) as db:
            yield db
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@on_postgresql
@pytest.mark.parametrize("icu", [True, False], ids=["icu", "without-icu"])
def test_in_a_c_locale_database_the_function_lowers_vietnamese(c_locale, icu):
    if icu and not MIGRATION.has_icu(c_locale.cursor()):
        pytest.skip("this PostgreSQL has no ICU: the migration makes the other function")
    c_locale.execute(MIGRATION.function_sql(icu=icu))
    (plain,) = c_locale.execute("SELECT lower(%s)", [CAPITALS]).fetchone()
    assert plain != SMALL  # lower() of the C locale lowers ASCII only
    folded = c_locale.execute(
        "SELECT cw_lower(%s), cw_lower('ĐOÀN') = 'đoàn', cw_lower(%s)",
        [CAPITALS, "ẤP ỲÊN Ở Ư Ơ Ă Â Ê Ô"],
    ).fetchone()
    assert folded == (SMALL, True, "ấp ỳên ở ư ơ ă â ê ô")
    # A unique index as the migration makes it refuses the name in small letters.
    c_locale.execute("CREATE TABLE award (decision int, name text)")
    c_locale.execute("CREATE UNIQUE INDEX one_name ON award (decision, (cw_lower(name)))")
    c_locale.execute("INSERT INTO award VALUES (1, %s), (2, %s)", [CAPITALS, SMALL])
    with pytest.raises(psycopg.errors.UniqueViolation):
        c_locale.execute("INSERT INTO award VALUES (1, %s)", [SMALL])
    count = c_locale.execute("SELECT count(*) FROM award").fetchone()
    assert count == (2,)


def test_without_icu_the_function_lowers_as_python_does():
    upper, lower = MIGRATION.lowercase_pairs()
    assert len(upper) == len(lower)
    assert all(u.lower() == low for u, low in zip(upper, lower, strict=True))
    vietnamese = "ĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    assert set(vietnamese) <= set(upper)
