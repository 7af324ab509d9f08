"""Load and fault test: logged-in users mixing pages, optionally restarting PostgreSQL.

    .venv/bin/python bench/load.py --seconds 30                      # steady load
    .venv/bin/python bench/load.py --seconds 40 --restart-at 15      # restart mid-load

gunicorn (gunicorn.conf.py, DEBUG off) serves the demo on a PostgreSQL database of
its own (bench_load). wrk mixes the leader's summary page, the ward's scorecard page
and the secretariat's admin changelists, each with its own session, while a writer
saves the ward's scorecard over HTTP every 0.2 s. With --restart-at, PostgreSQL is
restarted that many seconds in; gunicorn is not. Afterwards the script reports
throughput, p50/p99, the responses by status (503 "temporarily unavailable" apart from
500 and any other error; a redirect to the login page counts as an error) and socket
errors, how long after PostgreSQL accepted connections again the pages answered 200,
and checks every saved scorecard: each write is whole (all its points or none).
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness
from benchmark import ensure_database

DATABASE = "bench_load"
USERS = {
    "load-leader": ("leader", None),
    "load-secretariat": ("secretariat", None),
    "load-ward": ("ward", "anh-dung"),
}


def mixed_script(requests: list[tuple[str, str]]) -> str:
    """A wrk Lua script cycling through (path, cookie) pairs."""
    entries = ",\n".join(f"  {{path={json.dumps(p)}, cookie={json.dumps(c)}}}" for p, c in requests)
    lua = f"""local requests = {{
{entries}
}}
local i = 0
request = function()
  i = i % #requests + 1
  return wrk.format("GET", requests[i].path, {{["Cookie"] = requests[i].cookie}})
end
{harness.STATUS_COUNTING_LUA}"""
    path = Path(tempfile.gettempdir()) / "councilwork-load.lua"
    path.write_text(lua, encoding="utf-8")
    return str(path)


class Writer(threading.Thread):
    """Saves the ward's scorecard again and again; remembers which saves succeeded."""

    def __init__(self, session: harness.Session, card: int, criteria: list[int], stop):
        super().__init__(daemon=True)
        self.session, self.card, self.criteria, self.stop = session, card, criteria, stop
        self.saved, self.failed, self.statuses = [], 0, {}

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            points = str(n % 10)
            try:
                _status, _headers, body = self.session.get(f"/scores/{self.card}/")
                version = body.decode().split('name="version" value="')[1].split('"')[0]
                form = {"version": version, "save": "1"}
                form.update({f"points_{c}": points for c in self.criteria})
                _status, _headers, page = self.session.post(f"/scores/{self.card}/", form)
                # A save redirects to the page with a success message; a refused one
                # (another save was first) shows the form again with an error.
                if b'<li class="success">' in page:
                    self.saved.append(points)
                else:
                    self.failed += 1
            except urllib.error.HTTPError as exc:
                self.failed += 1
                self.statuses[exc.code] = self.statuses.get(exc.code, 0) + 1
            except (urllib.error.URLError, OSError, IndexError):
                self.failed += 1
            time.sleep(0.2)


class Probe(threading.Thread):
    """Asks a logged-in page every 0.1 s; records each answer's time and status.

    The status is None when no HTTP answer came (refused or dropped connection); a 503
    without a Retry-After header is recorded as -503.
    """

    def __init__(self, session: harness.Session, stop):
        super().__init__(daemon=True)
        self.session, self.stop, self.answers = session, stop, []

    @property
    def failures(self) -> list[float]:
        return [at for at, status in self.answers if status != 200]

    def run(self):
        while not self.stop.is_set():
            asked = time.monotonic()
            try:
                status, _headers, _body = self.session.get("/ping/")
            except urllib.error.HTTPError as exc:
                status = exc.code
                if status == 503 and not exc.headers.get("Retry-After"):
                    status = -503
            except (urllib.error.URLError, OSError):
                status = None
            self.answers.append((asked, status))
            time.sleep(0.1)

    def back_after(self, since: float) -> float | None:
        """Seconds from ``since`` to the first 200 after the last failure since then."""
        failed = [at for at in self.failures if at >= since]
        after = [
            at for at, status in self.answers if status == 200 and at > max(failed, default=since)
        ]
        return round(after[0] - since, 2) if after else None


def restart_postgres() -> float:
    """Restart the PostgreSQL cluster; return when it accepts connections again."""
    version = subprocess.run(
        ["ls", "/etc/postgresql"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def first_healthy(url: str, since: float, limit: float = 60) -> float:
    while time.monotonic() - since < limit:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - since
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    return float("inf")


def check_writes(env: dict, card: int) -> dict:
    code = f"""
import json
from campaigns.models import Score, Scorecard
card = Scorecard.objects.get(pk={card})
points = sorted({{str(s.self_points) for s in Score.objects.filter(scorecard=card)}})
print(json.dumps({{"distinct_points": points, "events": card.events.count(),
                  "history": card.history.count()}}))
"""
    return json.loads(harness.manage(env, "shell", "-c", code).strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--restart-at", type=float, help="restart PostgreSQL after N seconds")
    args = parser.parse_args()

    env = harness.production_env(f"postgres://postgres@127.0.0.1:5432/{DATABASE}")
    ensure_database(DATABASE, False, env)
    harness.prepare(env, USERS)
    code = (
        "from campaigns.models import Scorecard as S; c = S.objects.get(campaign__year=2024, "
        "subject_council__slug='anh-dung'); print(c.pk, *c.campaign.criteria.filter("
        "applies_to='council').values_list('pk', flat=True))"
    )
    card, *criteria = map(int, harness.manage(env, "shell", "-c", code).splitlines()[-1].split())
    with harness.Gunicorn(env) as server:
        leader = harness.Session(server.url, "load-leader")
        ward = harness.Session(server.url, "load-ward")
        secretariat = harness.Session(server.url, "load-secretariat")
        script = mixed_script(
            [
                ("/summary/2023/", leader.cookie_header()),
                (f"/scores/{card}/", ward.cookie_header()),
                ("/admin/council_sessions/session/", secretariat.cookie_header()),
                ("/summary/2023/?council=hai-thanh", leader.cookie_header()),
                ("/admin/council_sessions/resolution/", secretariat.cookie_header()),
            ]
        )
        stop = threading.Event()
        writer = Writer(harness.Session(server.url, "load-ward"), card, criteria, stop)
        writer.start()
        probe = Probe(harness.Session(server.url, "load-leader"), stop)
        probe.start()
        fault_report: dict = {}
        if args.restart_at is not None:

            def fault():
                time.sleep(args.restart_at)
                began = time.monotonic()
                fault_report["began"] = began
                fault_report["restart_took_s"] = restart_postgres()
                fault_report["postgres_back"] = time.monotonic()
                fault_report["recovered_after_s"] = first_healthy(server.url, began)

            threading.Thread(target=fault, daemon=True).start()
        result = harness.wrk(
            server.url + "/", "", seconds=args.seconds, connections=args.connections, script=script
        )
        stop.set()
        writer.join(timeout=10)
        probe.join(timeout=5)
        recovery = fault_report.get("recovered_after_s")
        began = fault_report.get("began")
        if began is not None and probe.failures:
            fault_report["failing_from_s"] = round(probe.failures[0] - began, 2)
            fault_report["failing_until_s"] = round(probe.failures[-1] - began, 2)
        still_up = first_healthy(server.url, time.monotonic(), limit=5) < 5
    writes = check_writes(env, card)
    back = fault_report.get("postgres_back")
    probe_statuses = Counter("none" if s is None else str(s) for _at, s in probe.answers)
    summary = {
        "seconds": args.seconds,
        "requests": result.requests,
        "requests_per_second": round(result.requests_per_second, 1),
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "non_2xx_or_3xx": result.non_2xx,
        "responses_by_status": {str(code): n for code, n in sorted(result.statuses.items())},
        "unavailable_503": result.statuses.get(503, 0),
        "server_errors_500_and_other_5xx": sum(
            n for code, n in result.statuses.items() if code >= 500 and code != 503
        ),
        "socket_errors": result.socket_errors,
        "postgres_restart": args.restart_at,
        "healthy_again_after_s": None if recovery is None else round(recovery, 2),
        "postgres_restart_took_s": round(fault_report.get("restart_took_s", 0), 2) or None,
        "pages_200_again_after_postgres_back_s": None if back is None else probe.back_after(back),
        "probe_failures": len(probe.failures),
        "probe_by_status": dict(sorted(probe_statuses.items())),
        "probe_failing_window_s": [
            fault_report.get("failing_from_s"),
            fault_report.get("failing_until_s"),
        ],
        "gunicorn_never_restarted_and_up": still_up,
        "writes_ok": len(writer.saved),
        "writes_refused_or_failed": writer.failed,
        "writes_failed_by_status": {str(c): n for c, n in sorted(writer.statuses.items())},
        "scores_all_from_one_write": len(writes["distinct_points"]) == 1,
        "scorecard_history_rows": writes["history"],
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
