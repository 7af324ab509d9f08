"""Logged-in users remembered by each app process between requests, while no login changed.

Every logged-in request needs its user and their role (councilwork.backends), one query.
With the shared Redis cache the session is read from it, and the session store
(councilwork.session_store) reads the users' *generation* in the same round trip: a
random token given a new value whenever a user, their groups, their permissions, a
group or a group's permissions are saved or deleted (at once, and again when the
transaction commits, so a request that read the old row between the two cannot keep
it), and after every migrate. A process that read a user under the current
generation serves a copy of that user again without a query. So a changed role, a
deactivated login or a new password takes effect from the next request on every node,
as before; entries also expire after MEMO_SECONDS, and at most MEMO_SIZE are kept.

The generation is also the reader's edition in pages cached per reader (their admin
links follow their permissions: reports.page_cache.reader_frame).

A change made around the ORM's signals (raw SQL, ``QuerySet.update()`` or ``bulk_*``
on users, groups or their permissions) does not renew the generation: run
``manage.py forget_logins`` after it (councilwork/management/commands/forget_logins.py).

Redis refusing a write (out of memory, a read-only replica) never fails a request or
a save: a generation that cannot be started is unknown (the request reads its user),
and a renewal that fails is logged and empties this process's memo. The other
processes then keep the users they remember until their entries expire (MEMO_SECONDS)
or a renewal succeeds: the residual risk of a failed renewal is a change of a login
taking up to a minute to show on them. Run ``forget_logins`` once Redis takes writes
again to make it immediate.

Without Redis (the database cache) nothing is remembered: the session store is not
used, the generation is unknown, and every request reads its user as before.
"""

import copy
import logging
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "councilwork:users:generation"
SESSION_ENGINE = "councilwork.session_store"
MEMO_SECONDS = 60
MEMO_SIZE = 2048

# The generation read with this request's session (None: unknown, remember nothing).
# Cleared when each request starts, so a thread never carries one over to the next.
_generation: ContextVar[str | None] = ContextVar("users_generation", default=None)


def generation_read(value: str | None) -> None:
    """Called by the session store with the generation it read (None when absent)."""
    if value is None:
        # Redis was emptied or evicted the key: start a new generation (nothing read
        # under the old one can match it), unless another request just did.
        token = uuid.uuid4().hex
        try:
            value = token if cache.add(GENERATION_KEY, token, None) else None
        except Exception:  # Redis refuses writes: unknown, the user is read as without it
            logger.warning("users' generation not started", exc_info=True)
            value = None
    _generation.set(value)


def current_generation() -> str | None:
    return _generation.get()


def forget_request(**_kwargs) -> None:
    """request_started: this request has read no generation yet."""
    _generation.set(None)


def bump() -> None:
    """Give the users' generation a new value: every remembered user is read again.

    Never raises: when the cache refuses the write, this process forgets every user it
    remembers and the failure is logged (the module's docstring tells the residual risk).
    """
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.error("users' generation not renewed: logins may show stale", exc_info=True)
        MEMO.clear()


# Saves that change nothing a request reads of its user: Django's login writes the
# time of the last login (user_logged_in → update_last_login), which must not make every
# node read every user again, nor rebuild every reader's stored pages, at each login.
UNREAD_FIELDS = frozenset({"last_login"})


def bump_on_change(sender=None, using=None, update_fields=None, **_kwargs) -> None:
    """post_save, post_delete and m2m_changed of users and groups, post_migrate."""
    if update_fields and frozenset(update_fields) <= UNREAD_FIELDS:
        return
    bump()
    transaction.on_commit(bump, using=using)


class Memo:
    """At most ``size`` users of one process, each under the generation it was read in."""

    def __init__(self, size: int = MEMO_SIZE, seconds: float = MEMO_SECONDS):
        self.size = size
        self.seconds = seconds
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, user_id, generation: str):
        with self._lock:
            entry = self._entries.get(user_id)
            if entry is None:
                return None
            read_in, read_at, user = entry
            if read_in != generation or time.monotonic() - read_at > self.seconds:
                del self._entries[user_id]
                return None
            self._entries.move_to_end(user_id)
        # Each request gets its own copy: what a view caches on its user (permissions,
        # related rows) stays with that request.
        return copy.copy(user)

    def put(self, user_id, generation: str, user) -> None:
        kept = copy.copy(user)
        with self._lock:
            self._entries[user_id] = (generation, time.monotonic(), kept)
            self._entries.move_to_end(user_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


MEMO = Memo()


def enabled() -> bool:
    """Users are remembered only where sessions are read from Redis (settings.py)."""
    from django.conf import settings

    return settings.SESSION_ENGINE == SESSION_ENGINE


def connect() -> None:
    """Connect the signals that change the generation (from CouncilworkConfig.ready)."""
    if not enabled():
        return
    from django.contrib.auth.models import Group
    from django.core.signals import request_started
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    from .models import User

    request_started.connect(forget_request, dispatch_uid="users-generation-forget")
    for model in (User, Group):
        post_save.connect(bump_on_change, sender=model, dispatch_uid=f"users-gen-{model}")
        post_delete.connect(bump_on_change, sender=model, dispatch_uid=f"users-gen-del-{model}")
    m2m_changed.connect(bump_on_change, sender=User.groups.through, dispatch_uid="users-gen-m2m")
    for name, through in (
        ("user-perms", User.user_permissions.through),
        ("group-perms", Group.permissions.through),
    ):
        m2m_changed.connect(bump_on_change, sender=through, dispatch_uid=f"users-gen-{name}")
    post_migrate.connect(bump_on_change, dispatch_uid="users-gen-migrate")
