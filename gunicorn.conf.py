"""gunicorn settings for councilwork: `gunicorn -c gunicorn.conf.py` (see README, Deploy).

Read by gunicorn, not by Django. The GUNICORN_* variables tune it per machine.
"""

import os

wsgi_app = "councilwork.wsgi:application"
# Loopback by default: only the nginx on this machine talks to gunicorn. Several app
# servers behind one proxy bind a private address instead (GUNICORN_BIND=10.0.0.11:8000).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")


def _cores() -> int:
    # The CPUs this process may use (a container or systemd CPU limit), not the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# The usual 2 × cores + 1, capped: every thread keeps its own PostgreSQL connection
# (CONN_MAX_AGE), and 8 workers × 4 threads = 32 connections per server already leaves
# room for only a few servers under PostgreSQL's default max_connections of 100.
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * _cores() + 1, 8)))
# Threads: pages spend most of their time waiting on PostgreSQL, so a few threads per
# worker overlap those waits at little memory cost; the threaded worker also honours
# keepalive, which the sync worker ignores.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# No page should take anywhere near 30 s: a request still running then is stuck, and
# its worker is restarted. Restarts and reloads give running requests 30 s to finish.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle each worker after about a thousand requests, so a slow leak never grows; the
# jitter keeps the workers from all restarting at the same moment.
max_requests = 1000
max_requests_jitter = 100

# Logs to stdout/stderr, where systemd's journal (or the container runtime) keeps them.
# The client's address is the proxy's, so the log shows X-Forwarded-For instead.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# Only the proxy's addresses may say that the original request was HTTPS, and only
# in the one header nginx sets (the same one as Django's SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
