"""Shared pieces of the benchmark and the load test: gunicorn on loopback, logins, wrk.

Everything runs on this machine: gunicorn on 127.0.0.1 with the repository's
gunicorn.conf.py and production settings (DEBUG off), PostgreSQL from DATABASE_URL,
and wrk as the load generator. Every run is bounded in time and stops by itself.
"""

import atexit
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PASSWORD = "bench-" + secrets.token_urlsafe(12)
# This run's own static folder: collectstatic --clear empties it, so two runs at once
# must not share one.
STATIC_ROOT = tempfile.mkdtemp(prefix="councilwork-bench-static-")
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)


def production_env(database_url: str, **extra) -> dict[str, str]:
    """Production settings, except that loopback traffic is plain HTTP."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SESSION_COOKIE_SECURE="false",
        DJANGO_CSRF_COOKIE_SECURE="false",
        DJANGO_STATIC_ROOT=STATIC_ROOT,
        DJANGO_QUERY_COUNT_HEADER="true",
        DJANGO_LOGIN_FAILURE_LIMIT="1000",
        DJANGO_LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    out = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    if not quiet:
        print(out.stdout, end="")
    return out.stdout


def prepare(env: dict, users: dict[str, tuple[str, str | None]]) -> None:
    """Migrate, create the cache table, collect static files, create the bench logins."""
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "compilemessages", "--ignore=.venv")
    manage(env, "collectstatic", "--noinput", "--clear")
    for username, (role, council) in users.items():
        args = ["adduser", username, "--role", role] + (["--council", council] if council else [])
        manage({**env, "DJANGO_USER_PASSWORD": PASSWORD}, *args)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with the repository's config, on a free loopback port."""

    def __init__(self, env: dict, workers: int = 2, threads: int = 4, app: str | None = None):
        self.app = app  # another WSGI application than gunicorn.conf.py's (see bare_app)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        self.log = open(Path(tempfile.gettempdir()) / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                "gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "--no-control-socket",
                *(["--chdir", str(ROOT / "bench"), self.app] if self.app else []),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start; see {self.log.name}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


class Session:
    """A logged-in browser session: cookies, CSRF, and the query count of a page."""

    def __init__(self, base_url: str, username: str):
        self.base = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.get("/login/")
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()}
        self.post("/login/", form)
        if "sessionid" not in self.cookies():
            raise RuntimeError(f"{username} could not log in")

    def cookies(self) -> dict[str, str]:
        return {c.name: c.value for c in self.jar}

    def csrf(self) -> str:
        return self.cookies()["csrftoken"]

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies().items())

    def get(self, path: str):
        request = urllib.request.Request(self.base + path)
        with self.opener.open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()

    def post(self, path: str, data: dict):
        body = urllib.parse.urlencode(data).encode()
        headers = {"Referer": self.base + path, "X-CSRFToken": self.csrf()}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        with self.opener.open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()

    def queries(self, path: str, views: int = 4) -> int:
        """Queries a warmed-up view of ``path`` runs (the X-Query-Count header): the least
        of ``views`` views after the first, since each gunicorn worker remembers the
        logins it read (councilwork.user_memo) and its first view of a user reads it."""
        self.get(path)
        counts = []
        for _view in range(views):
            status, headers, _body = self.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            counts.append(int(headers.get("X-Query-Count", "-1")))
        return min(counts)


@dataclass
class WrkResult:
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    # Responses per status code, when the script counts them (STATUS_COUNTING_LUA).
    statuses: dict[int, int] = field(default_factory=dict)


# Appended to a wrk script: counts the responses of every thread by status code and
# prints "status CODE COUNT" lines after wrk's report (wrk itself gives one non-2xx total).
STATUS_COUNTING_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do total[code] = (total[code] or 0) + count end
  end
  for code, count in pairs(total) do io.write(string.format("status %d %d\\n", code, count)) end
end
"""


def wrk(
    url: str,
    cookie: str,
    *,
    seconds: int,
    connections: int = 8,
    threads: int = 2,
    script: str | None = None,
) -> WrkResult:
    """Run wrk against ``url`` for ``seconds`` and parse its report."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (Debian package wrk)")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Cookie: {cookie}",
        # As browsers do; the app answers in plain (nginx compresses in the deployment).
        "-H",
        "Accept-Encoding: gzip, deflate, br",
    ]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return WrkResult(
        url=url,
        requests_per_second=float(_find(r"Requests/sec:\s+([\d.]+)", out)),
        p50_ms=_latency(_find(r"50%\s+([\d.]+\w+)", out)),
        p99_ms=_latency(_find(r"99%\s+([\d.]+\w+)", out)),
        requests=int(_find(r"(\d+) requests in", out)),
        non_2xx=int(_find(r"Non-2xx or 3xx responses: (\d+)", out, "0")),
        socket_errors=sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)),
        statuses={int(c): int(n) for c, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)},
    )


def _find(pattern: str, text: str, default: str | None = None) -> str:
    match = re.search(pattern, text)
    if match:
        return match.group(1)
    if default is None:
        raise RuntimeError(f"wrk output lacks {pattern!r}:\n{text}")
    return default


def _latency(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
