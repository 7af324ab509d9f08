"""Test settings: the real settings with test-only conveniences."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
# The tests run with DJANGO_DEBUG off, as in production, even beside the development
# .env that bin/serve writes (the settings read .env only for variables not set).
os.environ.setdefault("DJANGO_DEBUG", "false")

from councilwork.settings import *  # noqa: F403

# Fast hashing: tests create many users; production keeps the default hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests need no collectstatic manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No collectstatic in tests: WhiteNoise serves from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The live server's thread must not keep a connection that blocks dropping the test DB.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Uploaded evidence goes to a throw-away folder, never into the working tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="councilwork-test-media-"))
# The test client speaks plain HTTP; production redirects it to HTTPS.
SECURE_SSL_REDIRECT = False
