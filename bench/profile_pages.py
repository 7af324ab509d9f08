"""Time and profile a few pages in the process, through django.test.Client.

    .venv/bin/python bench/profile_pages.py                 # every page, 50 GETs each
    .venv/bin/python bench/profile_pages.py --only card --profile 25
    DATABASE_URL=postgres://... .venv/bin/python bench/profile_pages.py

The database is a SQLite file under the temporary folder, made once with migrate,
seed_demo and the benchmark's logins (bench/benchmark.py USERS), or DATABASE_URL's
(an empty database made with createdb; --prepare the first time); later runs reuse it.
Each page is fetched once to warm up, then N times: milliseconds per request (wall
and CPU), the queries of one request, and with --profile the functions that cost most.
"""

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "profile-pages-password"
USERS = {
    "bench-leader": ("leader", None),
    "bench-secretariat": ("secretariat", None),
    "bench-ward": ("ward", "anh-dung"),
}
DEFAULT_DB = Path(tempfile.gettempdir()) / "councilwork-profile-pages.sqlite3"


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{DEFAULT_DB}")
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    env.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    env["DJANGO_USER_PASSWORD"] = PASSWORD
    return env


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   capture_output=True, text=True)  # fmt: skip


def prepare(env, again: bool) -> None:
    """Migrate, seed the demo and add the logins, once (or again with --prepare)."""
    if not again and (not env["DATABASE_URL"].startswith("sqlite") or DEFAULT_DB.exists()):
        return
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "seed_demo")
    for username, (role, council) in USERS.items():
        _manage(env, "adduser", username, "--role", role,
                *(["--council", council] if council else []))  # fmt: skip


def pages() -> list[tuple[str, str, str]]:
    from django.db.models import Count

    from campaigns.models import Scorecard
    from councilwork.models import Council

    roots = Council.objects.filter(parent__isnull=True).annotate(n=Count("children"))
    top = roots.order_by("-n").first().slug
    card = Scorecard.objects.filter(campaign__year=2024, subject_council__slug="anh-dung").first()
    records = f"/summary/2023/records/{{}}/?council={top}&scope=below"
    return [
        ("ping", "/ping/", "bench-leader"),
        ("card", f"/scores/{card.pk}/", "bench-ward"),
        ("sessions", records.format("sessions") + "&page=2", "bench-leader"),
        ("resolutions", records.format("resolutions"), "bench-leader"),
        ("oversight", records.format("oversight"), "bench-leader"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=50, help="GETs per page")
    parser.add_argument("--only", default="", help="comma-separated page labels")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--prepare", action="store_true", help="migrate and seed (PostgreSQL)")
    args = parser.parse_args()
    env = _env()
    prepare(env, args.prepare)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE",
                                           "DJANGO_ALLOWED_HOSTS")})  # fmt: skip
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    clients = {}
    only = set(filter(None, args.only.split(",")))
    for label, path, user in pages():
        if only and label not in only and label != "ping":
            continue
        if user not in clients:
            clients[user] = Client()
            clients[user].force_login(get_user_model().objects.get(username=user))
        client = clients[user]
        queries = []

        def counted(run, sql, *rest, queries=queries):
            queries.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(counted):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        profiler = cProfile.Profile() if args.profile and label != "ping" else None
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for _ in range(args.n):
            client.get(path)
        if profiler:
            profiler.disable()
        ms = (time.perf_counter() - started) * 1000 / args.n
        cpu_ms = (time.process_time() - cpu) * 1000 / args.n
        print(f"{label:<12} {ms:7.2f} ms/request (CPU {cpu_ms:6.2f})  {len(queries)} queries  "
              f"{len(response.content)} bytes  {path}", flush=True)  # fmt: skip
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
