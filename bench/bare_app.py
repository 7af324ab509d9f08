"""The bare view: Django with no middleware at all, answering "ok" — the benchmark's
reference for the cost of the middleware stack (the logged-in trivial page runs it all).

Served by gunicorn as ``bare_app:application`` from bench/ with the same settings.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwork.settings")

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

django.setup()
settings.MIDDLEWARE = []
settings.ROOT_URLCONF = __name__


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bare/", bare), path("healthz", healthz)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
