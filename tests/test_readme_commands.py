"""The README's commands work word for word in a new shell after its first command.

`bash bin/serve` writes a development .env (bin/_devenv.sh); after that, the commands
the README shows must run without any variable set by hand. They run here in a copy of
the project, whose .env is the one bin/serve writes and whose database is a copy of the
test database (the demo), so nothing of the working tree is touched.
"""

import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.db import connection

BASE = Path(settings.BASE_DIR)
PREFIX = ".venv/bin/python manage.py "
# Run for real: the commands that only read. The others (export, import, deploy steps)
# are checked for their name and arguments, which costs no process of its own.
READ_ONLY = ("year_summary",)
# Left out of the copy: the environment, data and output of the working tree.
NOT_COPIED = {".git", ".venv", ".cache", ".env", "db.sqlite3", "media", "staticfiles"}
NOT_COPIED |= {"test-artifacts", "node_modules"}


def readme_commands() -> list[str]:
    """Every command line of the README's ```sh blocks, comments removed."""
    text = (BASE / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            command = line.split("  #")[0].split(" # ")[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def manage_commands() -> list[str]:
    return [line for line in readme_commands() if line.startswith(PREFIX)]


def test_the_readme_shows_its_commands():
    assert readme_commands()[0] == "bash bin/serve"
    names = {shlex.split(line)[2] for line in manage_commands()}
    assert {"year_summary", "export_year", "import_year", "migrate"} <= names


def test_every_manage_command_exists_and_takes_its_arguments():
    known = get_commands()
    for line in manage_commands():
        name, *args = shlex.split(line)[2:]
        assert name in known, line
        parser = load_command_class(known[name], name).create_parser("manage.py", name)
        parser.parse_args(args)  # a wrong option stops here with SystemExit


def test_every_script_the_readme_runs_exists():
    for line in readme_commands():
        words = shlex.split(line)
        if words[0] in ("bash", ".venv/bin/python") and len(words) > 1:
            script = words[1]
            if script.endswith((".py", "serve", "test")):
                assert (BASE / script).is_file(), line


def test_the_readme_says_how_to_serve_elsewhere():
    text = (BASE / "README.md").read_text(encoding="utf-8")
    assert "ADDRESS=" in text
    assert '"${ADDRESS:-127.0.0.1:8000}"' in (BASE / "bin" / "serve").read_text()
    assert "bin/_devenv.sh" in (BASE / "bin" / "serve").read_text()


@pytest.fixture
def fresh_copy(tmp_path, django_db_blocker):
    """A copy of the project as bin/serve leaves it: a development .env and the demo."""
    copy = tmp_path / "councilwork"
    shutil.copytree(
        BASE,
        copy,
        ignore=lambda folder, names: NOT_COPIED & set(names) if folder == str(BASE) else set(),
        symlinks=True,
    )
    (copy / ".venv").symlink_to(BASE / ".venv")
    subprocess.run(["bash", "bin/_devenv.sh"], cwd=copy, check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            # The README's default database is db.sqlite3 beside manage.py.
            target = sqlite3.connect(copy / "db.sqlite3")
            connection.connection.backup(target)
            target.close()
        else:
            # The README: set DATABASE_URL before the first command to use PostgreSQL.
            params = connection.settings_dict
            login = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
            env["DATABASE_URL"] = (
                f"postgres://{login}@{params['HOST'] or '127.0.0.1'}:"
                f"{params['PORT'] or 5432}/{params['NAME']}"
            )
    return copy, env


def run(line: str, copy: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", line], cwd=copy, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_the_readme_commands_run_in_a_new_shell(fresh_copy):
    copy, env = fresh_copy
    assert (copy / ".env").read_text().count("DJANGO_DEBUG=true") == 1
    ran = []
    for line in manage_commands():
        if shlex.split(line)[2] not in READ_ONLY:
            continue
        result = run(line, copy, env)
        assert result.returncode == 0, (line, result.stderr[-2000:])
        ran.append((line, result.stdout))
    outputs = dict(ran)
    figures = json.loads(outputs[next(line for line in outputs if "--json" in line)])
    assert figures["year"] == 2023
    assert figures["council_sessions"]["total"] == 4
    table = outputs[next(line for line in outputs if "--council anh-dung" in line)]
    assert "Anh Dũng" in table
    assert len(ran) == 2
    # The .env written by bin/serve is the only thing that made development mode.
    bare = {k: v for k, v in env.items() if k != "DJANGO_DEBUG"}
    (copy / ".env").unlink()
    refused = run(manage_commands()[0], copy, bare)
    assert refused.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in refused.stderr
