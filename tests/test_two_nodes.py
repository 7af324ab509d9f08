"""Two gunicorn nodes on one PostgreSQL database and one Redis, as behind nginx.

A session added through one node's admin is counted at once by the summary read
through the other, while readers load both nodes: no stale figure, no error. And when
PostgreSQL drops every connection of the nodes (as a restart does), the nodes answer
200 or 503 meanwhile, never 500, and 200 again by themselves within 5 s.

The nodes run with production settings (DEBUG off) on a database of their own, made
for this module and dropped after it, and on Redis database 14 (TWO_NODES_CACHE_URL),
which the module empties first; the suite's own cache is another database number.
Everything is on 127.0.0.1 and bounded in threads and time.
"""

import os
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection

from bench import harness
from devdata.demo.data import EVIDENCE_PDF

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="several nodes share one PostgreSQL database"
)
REDIS_URL = os.environ.get("TWO_NODES_CACHE_URL", "redis://127.0.0.1:6379/14")
USERS = {
    "nodes-secretariat": ("secretariat", None),
    "nodes-leader": ("leader", None),
    "nodes-ward": ("ward", "anh-dung"),
}
WARD, DISTRICT = "anh-dung", "duong-kinh"
# What each council's summary of 2023 shows that a new session of the ward moves.
FIGURES = {WARD: "council_sessions.total", DISTRICT: "below.commune.sessions.total"}
ADD_SESSION = "/admin/council_sessions/session/add/"
WRITES, READERS, SECONDS = 8, 4, 120


@dataclass
class Nodes:
    a: harness.Gunicorn
    b: harness.Gunicorn
    database: str
    ward_id: int
    term_id: int
    card_id: int  # the ward's 2024 scorecard, open for evidence


@dataclass
class Read:
    started: float
    council: str
    value: int


class Reader(threading.Thread):
    """Reads the two summaries in turn through one node until told to stop."""

    def __init__(self, url: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.url, self.stop = url, stop
        self.reads: list[Read] = []
        self.errors: list[str] = []

    def run(self):
        session = harness.Session(self.url, "nodes-leader")
        deadline = time.monotonic() + SECONDS
        while not self.stop.is_set() and time.monotonic() < deadline:
            for council in FIGURES:
                started = time.monotonic()
                try:
                    self.reads.append(Read(started, council, figure(session, council)))
                except (OSError, ValueError) as exc:  # urllib's errors are OSErrors
                    self.errors.append(f"{council}: {exc!r}")


def figure(session: harness.Session, council: str) -> int:
    """The figure a new ward session moves, as ``council``'s 2023 summary shows it."""
    status, _headers, body = session.get(f"/summary/2023/?council={council}")
    if status != 200:
        raise ValueError(f"status {status}")
    key = re.escape(FIGURES[council])
    found = re.search(rf'<tr data-key="{key}">.*?data-value="(\d+)"', body.decode(), re.S)
    if found is None:
        raise ValueError(f"no figure {FIGURES[council]} on the page")
    return int(found[1])


class FormFields(HTMLParser):
    """The values a browser would post back from the page's main admin form."""

    def __init__(self):
        super().__init__()
        self.data, self._select = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox", "file"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def add_session(session: harness.Session, nodes: Nodes, number: int) -> None:
    """Add a 2023 session of the ward through the admin's add form, as a browser does."""
    _status, _headers, page = session.get(ADD_SESSION)
    parser = FormFields()
    parser.feed(page.decode())
    day = "15/09/2023"
    data = {**parser.data, "council": nodes.ward_id, "term": nodes.term_id, "number": number}
    data.update(kind="regular", start_date=day, end_date=day, _save="1")
    _status, _headers, page = session.post(ADD_SESSION, data)
    if b'<li class="success">' not in page:
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page.decode(), re.S)
        raise AssertionError(f"the admin refused session {number}: {errors}")


def admin_connection() -> psycopg.Connection:
    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )


def database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{urllib.parse.quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def require_redis() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not answering at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not answering at {REDIS_URL}")


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    require_redis()
    name = f"{settings.DATABASES['default']['NAME']}_nodes"
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    folder = tmp_path_factory.mktemp("nodes")
    env = harness.production_env(
        database_url(name),
        CACHE_URL=REDIS_URL,
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_QUERY_COUNT_HEADER="false",
    )
    try:
        harness.manage(env, "migrate", "--noinput")
        harness.manage(env, "seed_demo")
        # Each node collects its own static files; the media folder is one for both.
        static = {node: {**env, "DJANGO_STATIC_ROOT": str(folder / node)} for node in "ab"}
        for node_env in static.values():
            harness.manage(node_env, "collectstatic", "--noinput")
        for username, (role, council) in USERS.items():
            login_env = {**env, "DJANGO_USER_PASSWORD": harness.PASSWORD}
            where = ["--council", council] if council else []
            harness.manage(login_env, "adduser", username, "--role", role, *where)
        code = (
            f"from councilwork.models import Council; c = Council.objects.get(slug={WARD!r}); "
            "print(c.pk, c.terms.get().pk, c.scorecards.get(campaign__year=2024).pk)"
        )
        ids = map(int, harness.manage(env, "shell", "-c", code).split()[-3:])
        with harness.Gunicorn(static["a"]) as a, harness.Gunicorn(static["b"]) as b:
            yield Nodes(a, b, name, *ids)
    finally:
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_write_through_one_node_is_read_at_once_through_the_other(nodes):
    writer = harness.Session(nodes.a.url, "nodes-secretariat")
    checker = harness.Session(nodes.b.url, "nodes-leader")
    base = {council: figure(checker, council) for council in FIGURES}
    stop = threading.Event()
    readers = [Reader(node.url, stop) for node in (nodes.a, nodes.b) * (READERS // 2)]
    for reader in readers:
        reader.start()
    written, mismatches = [], []
    try:
        for n in range(1, WRITES + 1):
            add_session(writer, nodes, number=100 + n)
            written.append(time.monotonic())  # committed before the answer came back
            for council in FIGURES:
                seen = figure(checker, council)
                if seen != base[council] + n:
                    mismatches.append((n, council, seen, base[council] + n))
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=70)

    def expected(read: Read) -> int:
        # A read that started after a write's answer must count it.
        return base[read.council] + sum(1 for done in written if done < read.started)

    reads = [read for reader in readers for read in reader.reads]
    stale = [read for read in reads if read.value < expected(read)]
    assert [error for reader in readers for error in reader.errors] == []
    assert mismatches == []
    assert stale == []
    assert len(written) == WRITES
    assert len(reads) >= 2 * WRITES  # the readers loaded both nodes during the writes
    assert all(read.value <= base[read.council] + WRITES for read in reads)


def status_of(session: harness.Session, path: str) -> int:
    try:
        return session.get(path)[0]
    except urllib.error.HTTPError as exc:
        return exc.code


def test_dropped_database_connections_answer_503_then_recover(nodes):
    sessions = {node.url: harness.Session(node.url, "nodes-leader") for node in (nodes.a, nodes.b)}
    answers: list[tuple[str, float, int]] = []
    stop = threading.Event()

    def read(url: str, session: harness.Session) -> None:
        deadline = time.monotonic() + 30
        while not stop.is_set() and time.monotonic() < deadline:
            for path in (f"/summary/2023/?council={WARD}", "/ping/"):
                answers.append((url, time.monotonic(), status_of(session, path)))

    threads = [threading.Thread(target=read, args=pair, daemon=True) for pair in sessions.items()]
    for thread in threads:
        thread.start()
    time.sleep(2)
    with admin_connection() as admin:
        dropped = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            [nodes.database],
        ).fetchone()[0]
    killed_at = time.monotonic()
    time.sleep(6)
    stop.set()
    for thread in threads:
        thread.join(timeout=70)

    assert dropped > 0  # the nodes held connections, and PostgreSQL closed them
    assert {status for _url, _at, status in answers} <= {200, 503}
    for url in sessions:
        after = [(at, status) for u, at, status in answers if u == url and at > killed_at]
        first_ok = next(at for at, status in after if status == 200)
        assert first_ok - killed_at < 5
        assert after[-1][1] == 200


def post_file(session: harness.Session, url: str, name: str, content: bytes) -> bytes:
    """Post one file as a browser's upload form does (multipart); the page it leads to."""
    boundary = secrets.token_hex(16)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="criterion"\r\n\r\n\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "X-CSRFToken": session.csrf(),
    }
    request = urllib.request.Request(url, data=body, headers=headers)
    with session.opener.open(request, timeout=60) as response:
        return response.read()


def test_a_login_a_file_and_the_static_files_of_one_node_serve_on_the_other(nodes):
    # Cookies do not tell ports apart: this browser's session cookie goes to both nodes.
    ward = harness.Session(nodes.a.url, "nodes-ward")
    page = post_file(
        ward, f"{nodes.a.url}/scores/{nodes.card_id}/evidence/", "bb.pdf", EVIDENCE_PDF
    )
    links = re.findall(rf'href="(/scores/{nodes.card_id}/evidence/\d+/)"', page.decode())
    assert links, "the upload through node A is not listed"

    def through_b(path: str) -> bytes:
        with ward.opener.open(nodes.b.url + path, timeout=60) as response:
            assert response.url == nodes.b.url + path  # not redirected to the login page
            return response.read()

    assert through_b("/ping/") == b"ok"  # logged in on A, logged in on B
    assert through_b(links[-1]) == EVIDENCE_PDF  # stored by A, served by B
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', page.decode())[1]
    assert through_b(stylesheet) == ward.get(stylesheet)[2]  # B's own collectstatic has A's name


def test_a_login_deactivated_elsewhere_is_out_on_both_nodes_at_once(nodes):
    """Each node's processes remember the users they read (councilwork.user_memo); a
    change made by a third process (here manage.py) must still end the session on every
    node from the very next request, whichever worker serves it."""
    env = {**nodes.a.env, "DJANGO_USER_PASSWORD": harness.PASSWORD}
    harness.manage(env, "adduser", "nodes-memo", "--role", "leader")
    sessions = [harness.Session(node.url, "nodes-memo") for node in (nodes.a, nodes.b)]
    for session in sessions:
        for _view in range(8):  # every worker of the node has read and remembered it
            assert session.get("/ping/")[2] == b"ok"
    code = (
        "from councilwork.models import User; u = User.objects.get(username='nodes-memo'); "
        "u.is_active = False; u.save()"
    )
    harness.manage(nodes.a.env, "shell", "-c", code)
    for session in sessions:
        for _view in range(8):  # redirected to the login page, on every worker
            status, _headers, body = session.get("/ping/")
            assert status == 200 and body != b"ok" and b'name="password"' in body
