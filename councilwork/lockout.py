"""What django-axes records of a failed login: which user, from which address.

Both are named in the settings (AXES_USERNAME_CALLABLE, AXES_CLIENT_IP_CALLABLE) and
called by axes several times per login request.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model


def known_username(request, credentials: dict | None = None) -> str | None:
    """The stored username of the login being tried, or None for a name no user has.

    axes creates no record for None, so made-up names cannot fill its table, and
    every spelling the database takes for one user counts against that one user.
    One query per request: the answer is kept on the request.
    """
    user_model = get_user_model()
    field = user_model.USERNAME_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        typed = request.POST.get(field) if request is not None else None
    if not isinstance(typed, str) or not typed:
        return None
    memo = {} if request is None else request.__dict__.setdefault("_councilwork_usernames", {})
    if typed not in memo:
        memo[typed] = _stored_username(user_model, field, typed)
    return memo[typed]


def _stored_username(user_model, field: str, typed: str) -> str | None:
    # A name longer than the column or holding NUL (which PostgreSQL refuses in a
    # query) belongs to nobody; no need to ask the database.
    if len(typed) > user_model._meta.get_field(field).max_length or "\x00" in typed:
        return None
    found = user_model._default_manager.filter(**{field: typed}).values_list(field, flat=True)
    return found.first()


def client_ip(request) -> str | None:
    """The client's address: the proxy's last X-Forwarded-For entry when BEHIND_PROXY.

    The last entry is the one the nearest proxy wrote (ours overwrites the header),
    so a client cannot choose it; a missing or malformed one falls back to the peer.
    """
    peer = request.META.get("REMOTE_ADDR")
    if not settings.BEHIND_PROXY:
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return peer
