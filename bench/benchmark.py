"""Benchmark: each page against a trivial logged-in page, at 1x and at national volume.

    .venv/bin/python bench/benchmark.py                       # both databases below
    .venv/bin/python bench/benchmark.py --seconds 20 --only national
    .venv/bin/python bench/benchmark.py --only national --pages summary --search-rounds 0
    .venv/bin/python bench/benchmark.py --only 1x --database bench_small --redis-db 5

For each database it starts gunicorn (gunicorn.conf.py, production settings, DEBUG
off) on loopback, logs in as a leader, the secretariat and a ward's staff, and drives
wrk against every page. It prints requests/s, p50, p99, errors, queries per request,
and the ratios to the trivial page measured in the same run: on a shared machine
the ratios are the figures that count (the trivial page and the bare view are always
measured, whatever --pages picks). Then it times the search page one request at
a time over accent-free queries (SEARCHES) and prints its p50 and p95 (target: p95
under 300 ms at national volume). Databases (PostgreSQL):
  1x:       the Dương Kinh demo alone          (created and seeded if missing)
  national: the demo plus seed_bulk 3321 x 5    (created and seeded if missing)
"""

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

POSTGRES = "postgres://postgres@127.0.0.1:5432/"
DATABASES = {"1x": "bench1x", "national": "bulkbench"}
# The shared cache of the deployment (README, Deploy): Redis, a database number each,
# emptied before the run; without a Redis answering, the database cache.
REDIS_DB = {"1x": 11, "national": 12}
USERS = {
    "bench-leader": ("leader", None),
    "bench-secretariat": ("secretariat", None),
    "bench-ward": ("ward", "anh-dung"),
}


def ensure_database(name: str, national: bool, env: dict) -> None:
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {name}"],
            check=True,
            capture_output=True,
        )
    harness.manage(env, "migrate", "--noinput")
    harness.manage(env, "seed_demo")
    if national and not _has_bulk(env):
        print("  seeding national volume (seed_bulk --councils 3321 --years 5) ...", flush=True)
        started = time.monotonic()
        harness.manage(env, "seed_bulk", "--councils", "3321", "--years", "5", "--seed", "1")
        print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)


def _has_bulk(env: dict) -> bool:
    code = "from councilwork.models import Council; print(Council.objects.count())"
    return int(harness.manage(env, "shell", "-c", code).strip().splitlines()[-1]) > 1000


def targets(env: dict) -> tuple[list[tuple[str, str, str]], dict]:
    """(label, path, username) of every page measured, found in the database, and what
    was found (the largest tree's code and id)."""
    code = """
import json
from django.db.models import Count
from councilwork.models import Council
from campaigns.models import Scorecard
roots = Council.objects.filter(parent__isnull=True).annotate(n=Count("children"))
largest = roots.order_by("-n").first()
province = (Council.objects.filter(level="province").annotate(n=Count("children"))
            .filter(n__gte=80).order_by("n").first()) or largest
card = Scorecard.objects.filter(campaign__year=2024, subject_council__slug="anh-dung").first()
print(json.dumps({"national": largest.slug, "national_pk": largest.pk,
                  "province": province.slug, "card": card.pk}))
"""
    found = json.loads(harness.manage(env, "shell", "-c", code).strip().splitlines()[-1])
    summary = "/summary/2023/?council="
    tree = f"council_tree={found['national_pk']}"
    records = f"/summary/2023/records/{{}}/?council={found['national']}&scope=below"
    admin = "/admin/"
    pages = [
        ("trivial page (ceiling)", "/ping/", "bench-leader"),
        ("summary, district (Dương Kinh)", summary + "duong-kinh", "bench-leader"),
        (f"summary, province ({found['province']})", summary + found["province"], "bench-leader"),
        (
            f"summary, largest tree ({found['national']})",
            summary + found["national"],
            "bench-leader",
        ),
        ("ward scorecard page", f"/scores/{found['card']}/", "bench-ward"),
    ]
    for label, model in [
        ("sessions", "council_sessions/session"),
        ("resolutions", "council_sessions/resolution"),
        ("oversight", "oversight/oversightactivity"),
        ("scorecards", "campaigns/scorecard"),
        ("awards", "awards/award"),
    ]:
        pages += [
            (f"admin: {label}", f"{admin}{model}/", "bench-secretariat"),
            (f"admin: {label}, largest tree", f"{admin}{model}/?{tree}", "bench-secretariat"),
            (f"admin: {label}, search", f"{admin}{model}/?q=ngan+sach", "bench-secretariat"),
        ]
    pages += [
        (
            "drill-down: sessions below, page 2",
            records.format("sessions") + "&page=2",
            "bench-leader",
        ),
        ("drill-down: resolutions below", records.format("resolutions"), "bench-leader"),
        ("drill-down: oversight below", records.format("oversight"), "bench-leader"),
        ("search, accent-free (secretariat)", "/search/?q=du+toan+ngan+sach", "bench-secretariat"),
        ("search, accent-free (ward)", "/search/?q=ngan+sach", "bench-ward"),
    ]
    return pages, found


def first_view_after_change(env: dict, session, path: str, council_pk: int, rounds=3) -> list:
    """Milliseconds of the first view of ``path`` after each of ``rounds`` changes of the
    council's figures (its version bumped, as any record write does)."""
    bump = (
        "from django.db import transaction\n"
        "from councilwork.cache import bump_councils\n"
        f"with transaction.atomic(): bump_councils({{{council_pk}}})"
    )
    times = []
    for _round in range(rounds):
        harness.manage(env, "shell", "-c", bump)
        started = time.perf_counter()
        status, _headers, _body = session.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    return times


def bare_view(env: dict, args) -> dict:
    """The same gunicorn serving Django with no middleware at all (bench/bare_app.py)."""
    with harness.Gunicorn(
        env, workers=args.workers, threads=args.threads, app="bare_app:application"
    ) as server:
        result = harness.wrk(
            server.url + "/bare/", "", seconds=args.seconds, connections=args.connections
        )
    print(
        f"  {'bare view (no middleware)':<45} {result.requests_per_second:8.1f} req/s", flush=True
    )
    return {"label": "bare view (no middleware)", "path": "/bare/", "queries": 0, **vars(result)}


# Accent-free queries typed as users type them: common words (thousands of matches,
# the capped count), a name, a resolution number, a rare word and one that finds nothing.
SEARCHES = [
    "ngan sach",
    "du toan ngan sach",
    "nghi quyet ngan sach",
    "duong kinh",
    "49/NQ",
    "giam sat dat dai",
    "khong co ket qua nao",
]


def search_latency(session, rounds: int) -> dict:
    """p50 and p95 of the search page over SEARCHES, one request at a time (one user)."""
    times = []
    for _round in range(rounds):
        for query in SEARCHES:
            path = "/search/?" + urllib.parse.urlencode({"q": query})
            started = time.perf_counter()
            status, _headers, _body = session.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
    times.sort()
    return {
        "requests": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
        "max_ms": times[-1],
    }


def cache_url(number: int) -> str | None:
    """Redis at 127.0.0.1:6379, database ``number`` (emptied), if it answers."""
    answered = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-n", str(number), "flushdb"],
        capture_output=True,
        text=True,
    )
    return f"redis://127.0.0.1:6379/{number}" if answered.stdout.strip() == "OK" else None


def picked(pages: list[tuple[str, str, str]], pattern: str | None) -> list[tuple[str, str, str]]:
    """The trivial page and the pages whose label matches ``pattern`` (all without one)."""
    if not pattern:
        return pages
    chosen = re.compile(pattern, re.IGNORECASE)
    return [pages[0]] + [page for page in pages[1:] if chosen.search(page[0])]


def run(database: str, national: bool, args) -> list[dict]:
    name = "national" if national else "1x"
    cache = cache_url(args.redis_db if args.redis_db is not None else REDIS_DB[name])
    env = harness.production_env(POSTGRES + database, **({"CACHE_URL": cache} if cache else {}))
    print(f"  cache: {cache or 'database'}", flush=True)
    print(f"== {database}", flush=True)
    ensure_database(database, national, env)
    harness.prepare(env, USERS)
    rows = []
    pages, found = targets(env)
    pages = picked(pages, args.pages)
    with harness.Gunicorn(env, workers=args.workers, threads=args.threads) as server:
        sessions = {user: harness.Session(server.url, user) for user in USERS}
        # Every worker started, connected and holding each login before the first
        # measurement: a cold start would otherwise land in the trivial page's p99.
        for session in sessions.values():
            harness.wrk(server.url + "/ping/", session.cookie_header(), seconds=2)
        for label, path, user in pages:
            session = sessions[user]
            queries = session.queries(path)
            result = harness.wrk(
                server.url + path,
                session.cookie_header(),
                seconds=args.seconds,
                connections=args.connections,
            )
            rows.append({"label": label, "path": path, "queries": queries, **vars(result)})
            print(
                f"  {label:<45} {result.requests_per_second:8.1f} req/s  "
                f"p50 {result.p50_ms:7.1f} ms  p99 {result.p99_ms:7.1f} ms  "
                f"errors {result.non_2xx + result.socket_errors}  queries {queries}",
                flush=True,
            )
        largest = "/summary/2023/?council=" + found["national"]
        if any(path == largest for _label, path, _user in pages):
            times = first_view_after_change(
                env, sessions["bench-leader"], largest, found["national_pk"]
            )
            rows.append({"label": "first view after a change", "first_view": True, "times": times})
            print(f"  first view of {largest} after a change: {times}", flush=True)
        for user in ("bench-secretariat", "bench-ward") if args.search_rounds else ():
            latency = search_latency(sessions[user], args.search_rounds)
            rows.append({"label": f"search latency ({user})", "search": True, **latency})
            print(
                f"  search latency ({user}): {latency['requests']} requests, "
                f"p50 {latency['p50_ms']:.1f} ms  p95 {latency['p95_ms']:.1f} ms  "
                f"max {latency['max_ms']:.1f} ms",
                flush=True,
            )
    rows.insert(1, bare_view(env, args))
    return rows


def report(name: str, rows: list[dict]) -> str:
    ceiling = rows[0]
    lines = [
        f"### {name}",
        "",
        "| page | req/s | p50 ms | p99 ms | errors | queries | req/s ÷ trivial | p99 ÷ trivial |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row.get("search") or row.get("first_view"):
            continue
        lines.append(
            f"| {row['label']} | {row['requests_per_second']:.1f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['non_2xx'] + row['socket_errors']} | {row['queries']} | "
            f"{row['requests_per_second'] / ceiling['requests_per_second']:.2f} | "
            f"{row['p99_ms'] / ceiling['p99_ms']:.2f} |"
        )
    bare = next(row for row in rows if row["label"].startswith("bare view"))
    lines += [
        "",
        f"Trivial logged-in page ÷ bare view: "
        f"{ceiling['requests_per_second'] / bare['requests_per_second']:.2f} (target ≥ 0.5).",
    ]
    for row in rows:
        if row.get("first_view"):
            shown = ", ".join(f"{t:.0f}" for t in row["times"])
            lines.append(
                f"First view of the largest tree's summary after a change: {shown} ms "
                "(target: under 1 s)."
            )
    searches = [row for row in rows if row.get("search")]
    if searches:
        lines += [
            "",
            f"Search, one request at a time over {len(SEARCHES)} accent-free queries"
            " (target: p95 under 300 ms):",
            "",
            "| login | requests | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for row in searches:
            lines.append(
                f"| {row['label']} | {row['requests']} | {row['p50_ms']:.1f} | "
                f"{row['p95_ms']:.1f} | {row['max_ms']:.1f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--search-rounds", type=int, default=15, help="rounds of SEARCHES")
    parser.add_argument("--only", choices=sorted(DATABASES), action="append")
    parser.add_argument(
        "--pages", help="measure only the pages whose label matches this regular expression"
    )
    parser.add_argument(
        "--database", help="the PostgreSQL database to use instead (with one --only)"
    )
    parser.add_argument(
        "--redis-db",
        type=int,
        help="the Redis database number to empty and use (default 11 for 1x, 12 for national);"
        " two benchmarks at once need different numbers",
    )
    parser.add_argument("--output", help="also write the markdown tables to this file")
    args = parser.parse_args()
    if args.database and len(args.only or ()) != 1:
        parser.error("--database needs exactly one --only")
    tables = []
    for name, database in DATABASES.items():
        if args.only and name not in args.only:
            continue
        database = args.database or database
        tables.append(report(name, run(database, name == "national", args)))
    text = "\n".join(tables)
    print("\n" + text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
