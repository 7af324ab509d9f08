"""Small views of the platform itself."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe


@login_required
@require_safe
def ping(request):
    """A logged-in page that does nothing of its own: the benchmarks' ceiling.

    It runs the whole middleware stack (session, user, CSRF, history, axes) and no
    query of its own, so other pages are measured against it on the same machine.
    """
    return HttpResponse("ok", content_type="text/plain")
