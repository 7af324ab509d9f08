"""Settings for councilwork, read from the environment (see .env.example).

One settings module for every deployment: the environment decides. Without any
variables set it runs on an embedded SQLite database, which is what the README's
first command uses; DATABASE_URL switches to PostgreSQL.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


class StrictEnv(environ.Env):
    """django-environ, except that a flag or a number it cannot read stops the start.

    django-environ reads any boolean it does not know as false, so DJANGO_DEBUG=ture or
    DJANGO_SESSION_COOKIE_SECURE=flase would silently start with a setting nobody chose.
    An empty value counts as unset (the default applies), as in .env.example.
    """

    TRUE = frozenset({"true", "1", "yes", "on"})
    FALSE = frozenset({"false", "0", "no", "off"})

    def bool(self, var, default=environ.Env.NOTSET):
        raw = self.str(var, default="").strip().lower()
        if not raw:
            return self._unset(var, default)
        if raw in self.TRUE:
            return True
        if raw in self.FALSE:
            return False
        raise ImproperlyConfigured(
            f"{var}={raw!r} is not a clear true or false: use true/false (or 1/0, yes/no, on/off)."
        )

    def int(self, var, default=environ.Env.NOTSET):
        raw = self.str(var, default="").strip()
        if not raw:
            return self._unset(var, default)
        try:
            return int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{var}={raw!r} is not a whole number.") from None

    def _unset(self, var, default):
        if default is self.NOTSET:
            raise ImproperlyConfigured(f"{var} must be set.")
        return default


env = StrictEnv()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# An insecure key is tolerated only while developing; a production start without
# a real key must fail loudly rather than sign sessions with a known value.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
elif not DEBUG and (
    # The thresholds of Django's security.W009, so a key that starts the app also
    # passes `check --deploy`; a short or well-known key lets anyone forge sessions.
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for DJANGO_DEBUG off: it needs at least 50 characters, "
        "at least 5 different characters, and must not start with 'django-insecure'. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# True when a proxy (nginx, see the README) that overwrites X-Forwarded-For stands in
# front of gunicorn: the failed-login records then hold the client's address from that
# header instead of the proxy's. Never set it when clients reach gunicorn directly,
# or they choose the address recorded for them.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)

# HTTPS. In production nginx ends TLS and passes plain HTTP to gunicorn, saying the
# original scheme in X-Forwarded-Proto. Trusting that header is safe only because
# the proxy always overwrites it: never let clients reach gunicorn directly.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the app servers over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# One year of HSTS, for subdomains too. `preload` only consents to the browsers'
# preload lists (nothing happens until someone submits the domain at hstspreload.org);
# it is on because `check --deploy` warns without it (security.W021). Turn it off while
# any subdomain still needs plain HTTP.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
# Cookies only over HTTPS, so a session cannot leak on a plain-HTTP request.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
# The language choice rides with the session cookie: HTTPS only where that one is,
# never sent on another site's requests, and out of reach of scripts (only the
# server reads it).
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page is ever shown in a frame, so clickjacking is refused outright.
X_FRAME_OPTIONS = "DENY"
# Sent with every HTML page (councilwork.middleware.ResponseHeadersMiddleware). Styles,
# scripts, images and fonts come only from the app's own origin, never inline: a text
# that slipped through escaping still cannot run. The summary's charts are inline SVG
# markup, which this allows; the admin's scripts are static files too.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
)
# Browser features no page uses, refused for the page and anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

INSTALLED_APPS = [
    # Our apps first so that their templates and translations take precedence.
    # In layer order: each app is ready after the apps it builds on, so the record
    # registry (councilwork.registry) lists parents before children.
    "councilwork",
    "sessions.apps.CouncilSessionsConfig",
    "oversight",
    "awards",
    "voters",
    "campaigns",
    "reports",
    "search",
    "exchange",
    "devdata",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, whose static files keep their long-lived caching.
    "councilwork.middleware.ResponseHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the session middleware: it marks the session for saving on the way out.
    "councilwork.middleware.IdleSessionMiddleware",
    "councilwork.middleware.ChosenLanguageMiddleware",
    # Before anything reads the body (CSRF reads the POST), after the language is chosen.
    "councilwork.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Needs request.user, so it comes after AuthenticationMiddleware.
    "councilwork.middleware.LeaderReadOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout flagged during the view
    # into the lockout page on the way out.
    "axes.middleware.AxesMiddleware",
]

if env.bool("DJANGO_QUERY_COUNT_HEADER", default=False):
    # Benchmarks only: every response says how many queries it ran.
    MIDDLEWARE.insert(0, "councilwork.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "councilwork.urls"
WSGI_APPLICATION = "councilwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councilwork.context_processors.role",
                "councilwork.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# PostgreSQL connections are kept between requests (one per gunicorn thread) to save
# the connect cost; the health check finds one PostgreSQL dropped (restart, failover)
# before a request uses it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache must be shared by every app process: a record change in one gunicorn
# worker invalidates the summary cached by another. The database cache needs no
# extra service (`manage.py createcachetable`); CACHE_URL=redis://... is faster.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://councilwork_cache")}
_CACHE_OPTIONS = CACHES["default"].setdefault("OPTIONS", {})
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Several nodes share one Redis (README, Deploy). Its OPTIONS go to redis-py's
    # connections, and Redis evicts by its own maxmemory policy. A Redis that hangs
    # must not hold a request until gunicorn kills the worker: give up after 2 s
    # (the page then says "temporarily unavailable", councilwork.unavailable).
    _CACHE_OPTIONS.setdefault("socket_connect_timeout", 2)
    _CACHE_OPTIONS.setdefault("socket_timeout", 2)
    # Django's RedisCache, reusing its redis-py client (councilwork.redis_cache).
    CACHES["default"]["BACKEND"] = "councilwork.redis_cache.RedisCache"
else:
    # One entry per council, year and language: room for a national tree of councils.
    _CACHE_OPTIONS.setdefault("MAX_ENTRIES", 100_000)

AUTH_USER_MODEL = "councilwork.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes' backend comes first: it refuses a locked-out username before the
# password is even checked, on our /login/ page and the admin's login alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the role loaded with the user (one query per request, not two).
    "councilwork.backends.RoleAwareBackend",
]
# Lock by username only: council offices reach the app through one shared public
# IP, so locking by address would shut out a whole office for one mistyped password.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns when the IP is not part of the lock; leaving it out is the decision above.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
if AXES_FAILURE_LIMIT < 1 or timedelta(0) >= AXES_COOLOFF_TIME:
    # Zero would lock every login at once, or a lockout that never expires.
    raise ImproperlyConfigured(
        "DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_COOLOFF_MINUTES must be positive."
    )
# A successful login forgets earlier typos, so occasional mistakes never add up.
AXES_RESET_ON_SUCCESS = True
# Tries made while locked are refused without being counted, so the lock ends one
# cool-off after it began, however often someone keeps trying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failures are counted only for usernames that exist (under their stored spelling), so
# requests with made-up names add no rows: the table holds at most a few rows per user,
# and axes deletes those older than the cool-off. The price: a locked name tells that
# it exists, which logins named after offices hardly hide anyway.
AXES_USERNAME_CALLABLE = "councilwork.lockout.known_username"
# The client's address as recorded with each attempt (see BEHIND_PROXY).
AXES_CLIENT_IP_CALLABLE = "councilwork.lockout.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Sessions end after a spell of inactivity (shared office computers): a request renews
# the expiry (councilwork.middleware.IdleSessionMiddleware, at most once a minute, so
# that reading pages writes nothing per request), and closing the browser ends the
# session too.
# With a shared Redis cache, sessions are read from it (written through to the
# database): a page view then costs no session query. The database cache would only
# move that query elsewhere, so without Redis sessions stay in the database.
if CACHES["default"]["BACKEND"] == "councilwork.redis_cache.RedisCache":
    # cached_db, whose load also reads whether the user this process remembers is
    # still current (councilwork.user_memo): a page view then runs no query of its own.
    SESSION_ENGINE = "councilwork.session_store"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Evidence files attached to scorecards: the largest accepted upload.
EVIDENCE_MAX_BYTES = env.int("DJANGO_EVIDENCE_MAX_MB", default=10) * 1024 * 1024
# An Office file (a zip package) may unpack to at most this much: 200 KB that expand
# to 200 MB is a zip bomb, not evidence.
EVIDENCE_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Django bounds the form fields (above) but streams any size of uploaded file to disk
# before a form can refuse it; a larger declared body is answered 413 before it is read
# (councilwork.middleware.RequestBodyLimitMiddleware). One evidence file plus the form
# around it; nginx's client_max_body_size matches it (README, Deploy).
REQUEST_BODY_MAX_BYTES = EVIDENCE_MAX_BYTES + 2 * 1024 * 1024

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Vietnamese by default, English on request (the language switcher).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
# Our own formats give dd/mm/yyyy in both languages (Vietnamese administrative usage).
FORMAT_MODULE_PATH = ["councilwork.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic gathers the files WhiteNoise serves; default: staticfiles/ beside manage.py.
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default="") or BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default="") or BASE_DIR / "media")
# Digital signatures: the trusted roots are the certificate files (PEM or DER) in this
# folder, by default MEDIA_ROOT/trust (where seed_demo puts its demo root). Nothing is
# fetched from the network; revocation is checked only against what a signed file
# embeds, and required only with DJANGO_SIGNATURE_REVOCATION=require (README).
TRUST_ROOTS_DIR = env.str("DJANGO_TRUST_ROOTS_DIR", default="")
SIGNATURE_REVOCATION = env.str("DJANGO_SIGNATURE_REVOCATION", default="soft-fail")
if SIGNATURE_REVOCATION not in ("soft-fail", "hard-fail", "require"):
    raise ImproperlyConfigured("DJANGO_SIGNATURE_REVOCATION: soft-fail, hard-fail or require")
# Session documents go to this alias of STORAGES (e.g. an object store added below).
DOCUMENTS_STORAGE = env.str("DJANGO_DOCUMENTS_STORAGE", default="default")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_4xx": {"()": "councilwork.log.OneLineClientErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_4xx"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's default configuration gives "django" a console handler of its own (in
    # DEBUG) that also propagates to the root's: every line would be printed twice.
    # Here "django" only passes its records up to the root's one handler.
    # (runserver's "django.server" keeps its own handler and does not propagate.)
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}
