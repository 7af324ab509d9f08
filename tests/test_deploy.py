"""Production readiness: `check --deploy`, the secret key guard, /healthz and gunicorn."""

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.urls import reverse

STRONG_KEY = "k3Yv9-pQ2wZr7_Lm4xTn8bHs1JcFd6GeA0uRiWoEyBt5NqMkVlCzXaPgShDj"
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "hdnd.example.vn",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://hdnd.example.vn",
}


def production_env(**overrides) -> dict[str, str]:
    """The environment of a production start: nothing inherited from the developer's shell."""
    inherited = ("DJANGO_", "GUNICORN_", "DATABASE_URL", "CACHE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="councilwork.settings")
    env.update(overrides)
    return env


def manage(*args, **overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "DJANGO_SECRET_KEY must be set"),
        ("changeme", "DJANGO_SECRET_KEY is too weak"),
        ("django-insecure-" + STRONG_KEY, "DJANGO_SECRET_KEY is too weak"),
        ("ab" * 40, "DJANGO_SECRET_KEY is too weak"),
    ],
)
def test_a_missing_or_weak_key_stops_a_production_start(key, message):
    result = manage("check", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0
    assert message in result.stderr
    if "weak" in message:
        assert "secrets.token_urlsafe(50)" in result.stderr


def test_env_example_documents_every_variable():
    base = Path(settings.BASE_DIR)
    read = re.compile(r'(?:env\.\w+|os\.environ\.get)\(\s*"([A-Z_]+)"')
    names = set()
    for source in ("councilwork/settings.py", "gunicorn.conf.py"):
        names |= set(read.findall((base / source).read_text()))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (base / ".env.example").read_text(), re.M))
    assert "DJANGO_SECRET_KEY" in names
    assert names - documented == set()


# --- /healthz -----------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_ok_with_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


def test_healthz_reports_503_when_the_database_is_down(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(client, settings):
    # Probes come over plain HTTP; every other page is redirected.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 301


# --- gunicorn -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
        return r.status, r.headers, r.read()


def wait_until_up(url, server, log: Path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            return fetch(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within 30 s:\n{log.read_text()}")


def test_gunicorn_serves_healthz_and_hashed_compressed_static_files(tmp_path):
    port = free_port()
    env = {
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        result = manage(*command, **env)
        assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/app.css"]
    assert hashed != "css/app.css"

    log = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with log.open("w") as out:
        server = subprocess.Popen(
            # No control socket: it would share a path with any other gunicorn of this user.
            [str(gunicorn), "-c", "gunicorn.conf.py", "--no-control-socket"],
            cwd=settings.BASE_DIR,
            env=production_env(**env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        status, headers, body = wait_until_up(f"{base}/healthz", server, log)
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok"}

        status, headers, body = fetch(f"{base}/static/{hashed}", **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]
        assert "max-age=315360000" in headers["Cache-Control"]
        assert gzip.decompress(body) == (tmp_path / "static" / hashed).read_bytes()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
