"""Migration 0014 stops, naming them, at two names of one decision (or dossier) that the
database's own cw_lower() makes one, before it makes the constraints; nothing changes.

Migration 0013's check lowered names in Python, and its constraints with lower(), which
under a C locale leaves "Đ" or "Ư" as they are: such names could be stored since. The
test migrates back to 0013 and stores them as such a database let them be stored (0013's
index, which this database's lower() would have kept them out by, dropped first), then
migrates to 0014 with Django's migration executor. PostgreSQL only: on SQLite both
migrations lower with the same function, Python's.
"""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from awards.dossiers import AwardDossier, AwardNominee
from awards.models import Award, AwardDecision, AwardKind
from tests.work_factories import council as make_council

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lowering"),
]
BEFORE = ("awards", "0013_organisation_names")
AFTER = ("awards", "0014_organisation_names_any_locale")
MIGRATION = importlib.import_module("awards.migrations.0014_organisation_names_any_locale")
# One organisation, written as a C locale's lower() would not have seen it is.
YOUTH = ("ĐOÀN THANH NIÊN PHƯỜNG", "đoàn thanh niên phường", "Đoàn Thanh Niên Phường")
UNION = ("Công đoàn ỦY BAN", "công đoàn ủy ban")
OTHER = "Hội Cựu chiến binh"


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _applied() -> set:
    return set(_executor().loader.applied_migrations)


def _function_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regproc(%s) IS NOT NULL", [MIGRATION.FUNCTION])
        return cursor.fetchone()[0]


def _stored() -> list:
    awards = Award.objects.order_by("pk").values_list("pk", "recipient_organisation")
    nominees = AwardNominee.objects.order_by("pk").values_list("pk", "recipient_organisation")
    return [list(awards), list(nominees)]


def test_the_migration_names_the_names_the_database_lowers_alike_and_changes_nothing():
    _executor().migrate([BEFORE])
    assert AFTER not in _applied() and BEFORE in _applied()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX award_unique_recipient_organisation_per_decision")
        cursor.execute("DROP INDEX award_nominee_unique_organisation")
    council = make_council("migration-phuong")
    decision = AwardDecision.objects.create(
        council=council,
        year=2025,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="14/QĐ-UBND",
        decision_date=dt.date(2026, 1, 20),
        issuing_authority="UBND phường",
    )
    other_decision = AwardDecision.objects.create(
        council=council,
        year=2025,
        kind=AwardKind.CERTIFICATE_OF_MERIT,
        number="15/QĐ-UBND",
        decision_date=dt.date(2026, 1, 21),
        issuing_authority="UBND phường",
    )
    dossier = AwardDossier.objects.create(
        council=council, year=2025, kind=AwardKind.HIGHER_CERTIFICATE, issuing_authority="UBND"
    )
    youth = [Award.objects.create(decision=decision, recipient_organisation=n) for n in YOUTH]
    Award.objects.create(decision=decision, recipient_organisation=OTHER)
    Award.objects.create(decision=other_decision, recipient_organisation=YOUTH[0])
    union = [AwardNominee.objects.create(dossier=dossier, recipient_organisation=n) for n in UNION]
    AwardNominee.objects.create(dossier=dossier, recipient_organisation=OTHER)
    before = _stored()

    with pytest.raises(RuntimeError) as raised:
        _executor().migrate([AFTER])

    message = str(raised.value)
    lines = [line for line in message.splitlines() if "_id=" in line]
    assert lines == [
        f"Award decision_id={decision.pk}: "
        + ", ".join(f"{a.pk} {a.recipient_organisation!r}" for a in youth),
        f"AwardNominee dossier_id={dossier.pk}: "
        + ", ".join(f"{n.pk} {n.recipient_organisation!r}" for n in union),
    ]
    assert OTHER not in message and f"decision_id={other_decision.pk}" not in message
    # Nothing changed: the rows, the migrations applied, no function made.
    assert _stored() == before
    assert AFTER not in _applied() and BEFORE in _applied()
    assert not _function_exists()

    # Once one name is left of each, the migration runs and makes its constraints.
    Award.objects.filter(pk__in=[a.pk for a in youth[1:]]).delete()
    AwardNominee.objects.filter(pk=union[1].pk).delete()
    with connection.cursor() as cursor:  # the rows' deferred foreign key checks, done now
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _executor().migrate([AFTER])
    assert AFTER in _applied() and _function_exists()
    assert MIGRATION.collisions(_executor().loader.project_state(AFTER).apps) == []
