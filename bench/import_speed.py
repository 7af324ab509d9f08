"""import_year's speed on PostgreSQL: rows per second of a clean file, and of a bad last row.

    .venv/bin/python bench/import_speed.py                  # 30 councils, two runs each
    .venv/bin/python bench/import_speed.py --councils 100 --runs 3

A source database (bench_import_src) is migrated and given ``seed_bulk --councils N
--years 1 --seed 1`` once; the year 2025 of the first province (bulk-p01) is exported
as JSON. Each run copies a migrated empty database (bench_import_empty) to
bench_import_run and imports the file into it, timing the command in the process
(Django's start-up left out): every row is created. Then the same file with its last
row refused by the model's rules (a commitment without its text) is imported into a
fresh copy: the time until the error is reported, and nothing is written. Each run also
prints the import's CPU seconds in the process and its queries, steadier than the wall
time on a busy machine. The empty database is migrated again before the runs (a
migration added since it was made).
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

SOURCE, EMPTY, RUN = "bench_import_src", "bench_import_empty", "bench_import_run"
URL = "postgres://postgres@127.0.0.1:5432/"
TIMED = """
import time
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from sessions.models import Resolution
queries = []
started, cpu = time.perf_counter(), time.process_time()
try:
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(1) or run(sql, *args)):
        call_command("import_year", {path!r}, verbosity=0)
    outcome = "imported"
except CommandError as error:
    outcome = "refused: " + str(error).splitlines()[0][:120]
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print(f"{{seconds:.3f}}|{{cpu:.3f}}|{{len(queries)}}|{{outcome}}|{{Resolution.objects.count()}}")
"""


def psql(sql: str, database: str = "postgres") -> str:
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def prepare(councils: int, folder: Path) -> Path:
    """The source data and the empty template (made once), and the exported file."""
    if not exists(EMPTY):
        psql(f"CREATE DATABASE {EMPTY}")
    harness.manage(harness.production_env(URL + EMPTY), "migrate", "--noinput")
    env = harness.production_env(URL + SOURCE)
    if not exists(SOURCE):
        psql(f"CREATE DATABASE {SOURCE}")
        harness.manage(env, "migrate", "--noinput")
        harness.manage(env, "seed_bulk", "--councils", str(councils), "--years", "1")
    path = folder / "year.json"
    harness.manage(env, "export_year", "2025", "--council", "bulk-p01", "--output", str(path))
    return path


def with_bad_last_row(path: Path) -> Path:
    """The same file, its last sheet's last row without the text the model requires."""
    data = json.loads(path.read_text(encoding="utf-8"))
    last = [name for name, rows in data["sheets"].items() if rows][-1]
    data["sheets"][last][-1]["text"] = ""
    bad = path.with_name("bad-last-row.json")
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return bad


def timed_import(path: Path, run: str) -> tuple[float, float, int, str, int]:
    """Wall seconds, the process's CPU seconds (on a busy machine the steadier of the
    two), the queries, the outcome and the resolutions stored."""
    psql(f"DROP DATABASE IF EXISTS {run}")
    psql(f"CREATE DATABASE {run} TEMPLATE {EMPTY}")
    env = harness.production_env(URL + run)
    out = harness.manage(env, "shell", "-c", TIMED.format(path=str(path)))
    seconds, cpu, queries, outcome, stored = out.strip().splitlines()[-1].split("|")
    return float(seconds), float(cpu), int(queries), outcome, int(stored)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=30, help="seed_bulk --councils")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement")
    parser.add_argument("--database", default=RUN, help=f"the database imported into ({RUN})")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="councilwork-import-"))
    path = prepare(args.councils, folder)
    sheets = json.loads(path.read_text(encoding="utf-8"))["sheets"]
    rows = sum(len(r) for r in sheets.values())
    print(f"file: {rows:,} rows ({path})")
    print(
        f"{'file':<14} {'run':>3} {'rows':>6} {'seconds':>8} {'rows/s':>8} {'cpu s':>7} "
        f"{'queries':>8}  outcome"
    )
    for name, file in (("clean", path), ("bad last row", with_bad_last_row(path))):
        for run in range(1, args.runs + 1):
            seconds, cpu, queries, outcome, stored = timed_import(file, args.database)
            note = f"{outcome} ({stored} resolutions stored)"
            print(
                f"{name:<14} {run:>3} {rows:>6} {seconds:>8.2f} {rows / seconds:>8.0f} "
                f"{cpu:>7.2f} {queries:>8,}  {note}"
            )
    psql(f"DROP DATABASE IF EXISTS {args.database}")


if __name__ == "__main__":
    main()
