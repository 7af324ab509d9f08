"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from .middleware import request_role


def role(request) -> dict:
    """The user's role, looked up only if a template asks for it (once per request)."""
    return {"role": SimpleLazyObject(lambda: str(request_role(request) or ""))}
