"""Request-wide rules: the language of the UI, the leaders' read-only access, the
largest request body and the headers every response carries."""

import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied

from .roles import Role
from .services import user_role

# Methods that only read (RFC 9110 "safe"); everything else is a write.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Posts that change no record: signing in and out, and choosing the UI language.
# admin:login and admin:logout are the admin's own doors in and out.
# A leader's own session, language and password are not records: those writes pass.
WRITE_EXEMPT_URL_NAMES = (
    "login",
    "logout",
    "set_language",
    "admin:login",
    "admin:logout",
    "admin:password_change",
)


class IdleSessionMiddleware:
    """Renews a logged-in session's expiry, at most once every SESSION_RENEW_SECONDS.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request; here
    a page read writes nothing unless the last renewal is a minute old, so an idle
    session still ends SESSION_COOKIE_AGE after the last request (give or take that
    minute) and the database sees one write a minute per active user, not one a page.
    """

    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        if session.is_empty() or session.modified:
            return response  # nothing to keep alive, or saved anyway
        now = int(time.time())
        if now - session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
            session[self.KEY] = now
        return response


class ChosenLanguageMiddleware:
    """Activate the language from the language cookie, else settings.LANGUAGE_CODE.

    Unlike django.middleware.locale.LocaleMiddleware this ignores the browser's
    Accept-Language: council offices often run English-configured browsers, and
    their users still expect the Vietnamese UI until they pick English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class ResponseHeadersMiddleware:
    """Keep every response out of caches; give HTML pages their content policies.

    Pages and downloads hold one council's records for one login, so no browser or
    proxy cache may keep a copy (a shared office computer, the back button after
    logging out). Static files never reach this middleware: WhiteNoise serves them,
    cacheable, before it. A response that already says ``no-store`` keeps its own
    header (the admin's never_cache, /healthz). Costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policies = {
            "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        if response.get("Content-Type", "").startswith("text/html") and not (
            # Django's own debug pages (DEBUG only) style themselves inline.
            settings.DEBUG and response.status_code in (404, 500)
        ):
            for name, value in self.policies.items():
                response.headers.setdefault(name, value)
        return response


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose declared body exceeds REQUEST_BODY_MAX_BYTES.

    Django streams an uploaded file of any size to a temporary file before the form
    can refuse it; this looks only at Content-Length, so nothing of such a body is
    read. (A body without Content-Length is read as empty by Django's WSGI handler.)
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_bytes = settings.REQUEST_BODY_MAX_BYTES

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty, too
        if length > self.max_bytes:
            message = _("The request is too large: a file may be at most %(size)s MB.")
            size = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
            return HttpResponse(
                message % {"size": size}, status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


def request_role(request) -> Role | None:
    """The role of request.user: none for anonymous users (no query), else user_role's,
    which is looked up once and remembered on the request's user object."""
    user = request.user
    return user_role(user) if user.is_authenticated else None


class LeaderReadOnlyMiddleware:
    """Refuse (403) every write a leader sends, whatever view would handle it.

    Leaders hold only view permissions, but a permission check lives in each view
    and a new view can forget it; this one check covers every page, present and
    future. Reads cost nothing: the role is looked up only for a write. Superusers
    are never blocked (they repair data), and signing in or out and switching the
    language stay open because they change no record.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS and self._is_blocked(request):
            # The site's own 403 page, saying why and the way back.
            refusal = PermissionDenied(_("Leaders may read the records but not change them."))
            return permission_denied(request, refusal)
        return self.get_response(request)

    def _is_blocked(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return False
        if request.path in _exempt_paths():
            return False
        return request_role(request) == Role.LEADER


def _exempt_paths() -> set[str]:
    # Reversed on each write rather than at import: the URLconf is not loaded yet
    # when middleware is built, and tests may swap it. reverse() includes the
    # script prefix, hence the comparison with request.path (not path_info).
    # A name missing from the URLconf has no path to exempt.
    paths = set()
    for name in WRITE_EXEMPT_URL_NAMES:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return paths


class QueryCountHeaderMiddleware:
    """Report the number of database queries of each response in ``X-Query-Count``.

    Only for benchmarks (DJANGO_QUERY_COUNT_HEADER=true): the load tests read it to
    show that a page's query count does not grow with the data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connections

        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count[0])
        return response
