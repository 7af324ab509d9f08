"""Vietnamese by default, English on request; translations complete; dates dd/mm/yyyy."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
from tests.test_layering import ALLOWED  # noqa: E402  (every app, in its layer)

APPS = tuple(ALLOWED)
PO_FILE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_vietnamese_is_the_default_even_for_an_english_browser(anonymous_client):
    response = anonymous_client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.headers["Content-Language"] == "vi"
    assert "Hồ sơ thi đua HĐND" in response.content.decode()


def test_english_once_chosen(secretariat_client):
    response = secretariat_client.post(
        reverse("set_language"), {"language": "en", "next": "/admin/"}
    )
    assert response.status_code == 302
    page = secretariat_client.get(reverse("admin:index")).content.decode()
    assert "Council records" in page
    assert "Sessions and resolutions" in page


def test_vietnamese_model_names_in_the_admin_index(secretariat_client):
    page = secretariat_client.get(reverse("admin:index")).content.decode()
    for name in ("Kỳ họp", "Nghị quyết", "Cuộc giám sát", "Giao ước thi đua", "Phiếu chấm điểm"):
        assert name in page


def test_every_message_is_translated():
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalogue_holds_every_string_of_the_code(tmp_path, settings, monkeypatch):
    """makemessages over a copy of the code finds no string that the catalogue lacks."""
    source = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    for name in (*APPS, "templates"):
        shutil.copytree(source / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    (copy / "locale").mkdir()
    call_command("makemessages", locale=["vi"], verbosity=0)
    fresh = _msgids(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    assert fresh - _msgids(PO_FILE) == set()


def _msgids(path: Path) -> set[str]:
    ids, current = set(), None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = line[6:].strip('"')
        elif line.startswith('"') and current is not None:
            current += line.strip('"')
        elif line.startswith("msgstr") and current is not None:
            ids.add(current)
            current = None
    return ids - {""}
