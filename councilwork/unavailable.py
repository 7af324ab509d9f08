"""While PostgreSQL or the shared cache cannot be reached, pages say so: 503, not 500.

A PostgreSQL restart or failover, or a Redis that is down, fails the requests in
flight with an OperationalError (or InterfaceError, or redis-py's ConnectionError)
from wherever they touched it: a view, the session or the user looked up by the
middleware, the session saved on the way out. Django turns any of them into its 500
handler, so the handler is where they are told apart (``handler500`` in
councilwork.urls): the user gets "temporarily unavailable, retrying" with status 503
and Retry-After, and the page reloads itself. Everything else stays a 500.

Nothing is retried here: a write that failed was rolled back whole by its transaction
(the services are atomic), and the page says it may not have been saved. Connections
recover by themselves: Django opens a new one for the next request when the old one
is unusable (CONN_HEALTH_CHECKS, see the settings).
"""

import sys

import psycopg
import redis
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# The outages, as they reach Django's handler: django.db wraps the driver's errors,
# but a few are raised outside that wrapper; redis-py's TimeoutError is its own.
OUTAGES = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    redis.ConnectionError,
    redis.TimeoutError,
)
# About as long as a PostgreSQL restart takes (docs/reliability.md).
RETRY_AFTER_SECONDS = 5


def unavailable_response() -> HttpResponse:
    """The 503 page: rendered without a request, so without a query or a session."""
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Browsers reload the page after that delay (as a GET, never re-sending a form).
    response["Refresh"] = str(RETRY_AFTER_SECONDS)
    # Never kept by a browser or a proxy: the next request must reach the app again.
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """Django's 500 handler, except that an outage answers 503 (see the module's text).

    Django calls it from inside its ``except`` block, so ``sys.exc_info()`` holds the
    exception that failed the request.
    """
    if isinstance(sys.exc_info()[1], OUTAGES):
        return unavailable_response()
    return defaults.server_error(request, template_name)
