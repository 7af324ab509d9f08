"""Time the admin changelists in-process, with their queries and the slowest plans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<copy> \\
        .venv/bin/python bench/profile_admin.py --user bench-secretariat -n 10 [--explain 2]

Production settings (DEBUG off, as bench/harness.production_env), a secretariat login
through django.test.Client.force_login, each changelist (default, the largest
council tree, the search "ngan sach") requested N times after one warm-up: it prints
the median and best milliseconds of server time and the page's query count, and with
--explain the EXPLAIN ANALYZE of the slowest queries of the page. It only reads:
point it at a copy of the national database (the login must exist there).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import harness  # noqa: E402

MODELS = [
    ("sessions", "council_sessions/session"),
    ("resolutions", "council_sessions/resolution"),
    ("oversight", "oversight/oversightactivity"),
    ("scorecards", "campaigns/scorecard"),
    ("awards", "awards/award"),
    ("award decisions", "awards/awarddecision"),
]


STATIC_ROOT = Path(tempfile.gettempdir()) / "councilwork-profile-admin-static"


def setup() -> None:
    env = harness.production_env(
        os.environ["DATABASE_URL"],
        DJANGO_STATIC_ROOT=str(STATIC_ROOT),
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    env.pop("DJANGO_QUERY_COUNT_HEADER", None)
    os.environ.clear()
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwork.settings")
    import django
    from django.core.management import call_command

    django.setup()
    if not (STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)


def largest_tree() -> int:
    from django.db.models import Count, Q

    from councilwork.models import Council

    below = Count("children__children", distinct=True) + Count("children", distinct=True)
    return (
        Council.objects.filter(Q(parent__isnull=True))
        .annotate(n=below)
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def timed(client, url: str, n: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: templates, caches
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return times, captured.captured_queries


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="bench-secretariat")
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--explain", type=int, default=0, help="plans of the N slowest queries")
    parser.add_argument("--only", default="", help="labels containing this text")
    args = parser.parse_args()
    setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    tree = largest_tree()
    pages = [("trivial page", "/ping/")]
    for label, model in MODELS:
        pages += [
            (f"{label}", f"/admin/{model}/"),
            (f"{label}, tree {tree}", f"/admin/{model}/?council_tree={tree}"),
            (f"{label}, search", f"/admin/{model}/?q=ngan+sach"),
        ]
    print(f"{'page':40} {'p50 ms':>8} {'min ms':>8} {'queries':>8} {'db ms':>8}")
    for label, url in pages:
        if args.only and args.only not in label:
            continue
        times, queries = timed(client, url, args.n)
        db_ms = sum(float(q["time"]) for q in queries) * 1000
        print(
            f"{label:40} {statistics.median(times):8.1f} {min(times):8.1f}"
            f" {len(queries):8d} {db_ms:8.1f}"
        )
        for query in sorted(queries, key=lambda q: -float(q["time"]))[: args.explain]:
            print(f"  -- {float(query['time']) * 1000:.1f} ms: {query['sql'][:400]}")
            print("    " + explain(query["sql"]).replace("\n", "\n    "))


if __name__ == "__main__":
    main()
