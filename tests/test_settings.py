"""Settings come from the environment; a production start without a secret key fails loudly."""

import os
import subprocess
import sys

from django.conf import settings


def run_check(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="councilwork.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_missing_secret_key_stops_a_production_start():
    result = run_check(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_development_runs_without_configuration():
    assert run_check(DJANGO_DEBUG="true").returncode == 0


def test_vietnamese_defaults():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]
