"""The load balancer's health check: can this app server reach its database?"""

import logging

from django.db import Error as DatabaseError
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def healthz(request):
    """200 when ``SELECT 1`` succeeds on the default database, else 503.

    Probed every few seconds, so it is one query and nothing more: no login, no
    session, no template. On failure the body names only the exception's class; the
    full message (host and user names) goes to the log, not to whoever asks.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Health check: database unreachable: %s", exc)
        body, status = {"status": "error", "database": type(exc).__name__}, 503
    else:
        body, status = {"status": "ok", "database": "ok"}, 200
    response = JsonResponse(body, status=status)
    # A cached "ok" would hide an outage from the prober.
    response["Cache-Control"] = "no-store"
    return response
