"""The import checks votes and roll calls under their session's lock, as the ward vote
page and the admin do (exchange.session_locks): while another writer holds a session's
lock, an import of that session's votes waits for it instead of checking the roll call
against rows that writer is changing."""

import threading

import pytest
from django.core.management import CommandError
from django.db import connection, transaction

from sessions.models import Session
from tests.test_exchange_work import SLUG, build, export, import_file

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite locks the whole database, not a row"
)


def held(pk: int, ready: threading.Event, release: threading.Event) -> None:
    """Another writer: a vote page saving under the session's lock, until released."""
    try:
        with transaction.atomic():
            list(Session.objects.select_for_update().filter(pk=pk).values("pk"))
            ready.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_an_import_of_a_session_s_votes_waits_for_its_lock(tmp_path):
    build()
    path = export(tmp_path / "lam-viec.json")
    voted = Session.objects.get(council__slug=SLUG, number=2)  # the roll call's session
    ready, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=held, args=(voted.pk, ready, release))
    writer.start()
    try:
        assert ready.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        with pytest.raises(CommandError, match="lock timeout"):
            import_file(path)  # an unchanged file: it only checks, and must wait to
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        release.set()
        writer.join(30)
    import_file(path)  # the lock released: the same file imports
