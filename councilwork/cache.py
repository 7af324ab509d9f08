"""Versions for cached reads of a council's figures: any change to what they read moves them.

A cached page about a council is stored under a key holding the versions of that
council and of the councils above it (``figures_key``). The versions are rows of
``FiguresVersion`` in the database, set to a fresh random value by an UPDATE inside
the writer's transaction: they commit or roll back with the data, two writers never
land on the same value (the row lock orders them), a rolled-back value is never seen
again, and no cache timeout, eviction or flush can bring an old page back (cached
entries may vanish at any time; the keys they were stored under are never reused).
Works with every cache backend the settings allow.

Which writes move which versions comes from the record registry
(``councilwork.registry``): each registered model names the lookups from a row to the
councils whose figures it feeds. A write moves the version of each such council
before the change (pre_save, pre_delete: the old council, when a record moves) and
after it (post_save), and of every council above them; each council once per
transaction however many rows it writes (again only if the transaction read the
versions in between, as a request that writes and then reads would).

A bulk write may defer the after-save bumps to its end (``deferred``): the councils of
every row it saved, read then in a few queries, move once.

Code that writes with ``QuerySet.update``, ``bulk_create`` or raw SQL sends no
signals: it calls ``bump_councils`` itself (a test searches the code for such writes).
"""

import logging
import secrets
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_delete, pre_save

from .models import Council, FiguresVersion
from .registry import RecordType, record_type

try:  # the shared cache's own errors (Redis out of memory, a read-only replica)
    from redis.exceptions import RedisError as _Refused
except ImportError:  # pragma: no cover - redis-py is pinned; a cache without it
    _Refused = OSError

logger = logging.getLogger(__name__)

_STATE = "_councilwork_bumped"
_DEFERRED = "_councilwork_deferred"  # the saves whose after-save bump waits (see deferred)
CHUNK = 500  # saved rows whose councils one query reads


def figures_versions(council: Council) -> tuple[tuple[int, int | None], ...]:
    """(council id, version) of ``council`` and of the councils above it (1 query).

    A council's summary also shows what the councils above decided about it (its rank
    in their campaign, their awards to it), so its cached pages are keyed by theirs too.
    A version is None where a council has none yet (a row removed behind the app's back).
    """
    row = _read_with(council)
    if row is None:
        fields = [f"{level}{name}" for level, name in _VERSION_FIELDS]
        row = Council.objects.filter(pk=council.pk).values_list(*fields).first()
        row = row or (council.pk, None)
    # What is read now may be cached: a later write in this same transaction must
    # move the versions again, even for councils it already moved.
    _bumped(DEFAULT_DB_ALIAS).clear()
    pairs = zip(row[::2], row[1::2], strict=False)
    return tuple((pk, version) for pk, version in pairs if pk is not None)


_VERSION_FIELDS = [
    (level, name)
    for level in ("", "parent__", "parent__parent__")
    for name in ("id", "figures_version__version")
]
_ANNOTATIONS = [f"_cw_versions_{number}" for number in range(len(_VERSION_FIELDS))]


def with_versions(councils):
    """The ``councils`` QuerySet with what figures_versions reads (the ids and versions
    of each council and of the councils above it): figures_versions of a council read
    this way costs no query of its own, once (a second call reads the database again,
    as a view that writes and then reads would need)."""
    fields = {
        name: F(f"{level}{field}")
        for name, (level, field) in zip(_ANNOTATIONS, _VERSION_FIELDS, strict=True)
    }
    return councils.annotate(**fields)


def _read_with(council: Council) -> tuple | None:
    """The ids and versions annotated by with_versions, taken off the council; else None."""
    if not hasattr(council, _ANNOTATIONS[0]):
        return None
    return tuple(council.__dict__.pop(name) for name in _ANNOTATIONS)


def figures_key(council: Council) -> str | None:
    """A cache-key fragment that changes whenever ``council``'s figures may have (1 query).

    None when a version is missing: such a read must not be cached, since a version made
    anew could repeat one that an older cached page was stored under.
    """
    versions = figures_versions(council)
    if any(version is None for _pk, version in versions):
        return None
    return "-".join(f"{pk}.{version}" for pk, version in versions)


def _bumped(using: str) -> dict:
    """Councils already bumped in the current transaction of ``using``, with their marker.

    A marker is an on-commit callback registered when the council was bumped; Django
    drops it when the transaction (or the savepoint it was made in) commits or rolls
    back, so a council whose marker is gone must be bumped again.
    """
    connection = connections[using]
    state = getattr(connection, _STATE, None)
    if state is None:
        state = {}
        setattr(connection, _STATE, state)
    live = {id(entry[1]) for entry in connection.run_on_commit}
    for council_id in [pk for pk, marker in state.items() if id(marker) not in live]:
        del state[council_id]
    return state


def bump_councils(council_ids, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the figures' versions of ``council_ids`` and of every council above them.

    Inside a transaction each council moves once; in autocommit mode every call moves.
    Costs two or three queries when something is left to bump, none otherwise.
    """
    state = _bumped(using)
    wanted = {pk for pk in council_ids if pk is not None} - set(state)
    if not wanted:
        return
    chain = Council.objects.using(using).filter(pk__in=wanted)
    for pk, parent, grandparent in chain.values_list("pk", "parent_id", "parent__parent_id"):
        wanted |= {pk, parent, grandparent}
    wanted -= {None, *state}
    if not wanted:
        return
    with transaction.atomic(using=using):
        # figures: these are the versions themselves.
        FiguresVersion.objects.using(using).bulk_create(
            [FiguresVersion(council_id=pk) for pk in wanted], ignore_conflicts=True
        )
        # A fresh random value rather than +1: a transaction that rolls back may have
        # cached a page under its own new value, which must never come back.
        # figures: this is the move itself.
        FiguresVersion.objects.using(using).filter(council_id__in=wanted).update(
            version=secrets.randbits(62)
        )
        for pk in wanted:
            marker = _Marker()
            transaction.on_commit(marker, using=using)
            state[pk] = marker


class _Marker:
    """An on-commit callback that does nothing: its presence tells a live transaction."""

    def __call__(self) -> None:
        pass


def councils_of(entry: RecordType, pk, *, using: str) -> set[int]:
    """The councils whose figures row ``pk`` feeds, as the database holds it now (1 query)."""
    return _councils(entry, [pk], using)


# One receiver for every model: it looks the sender up in the registry, so the models
# registered by apps that become ready later are covered too. Before a change the
# database holds the old state (the old council of a record that moves, the rows a
# cascade will delete); after it, the new one.


def _entry(sender) -> RecordType | None:
    entry = record_type(sender)
    return entry if entry is not None and entry.councils else None


def _before_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    entry = _entry(sender)
    if entry and not instance._state.adding and instance.pk is not None:
        bump_councils(councils_of(entry, instance.pk, using=using), using=using)


def _after_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    entry = _entry(sender)
    if entry:
        waiting = getattr(connections[using], _DEFERRED, None)
        if waiting is not None:
            waiting.setdefault(entry.model, (entry, set()))[1].add(instance.pk)
            return
        bump_councils(councils_of(entry, instance.pk, using=using), using=using)


@contextmanager
def deferred(using: str = DEFAULT_DB_ALIAS):
    """Inside a transaction: the after-save bumps of the saves made in the block, made
    once when it ends, for the councils the saved rows feed then (a few queries in all
    instead of one per saved row). A bulk write, e.g. an import.

    The before-save and before-delete bumps are not deferred (the old council is the
    database's before the change); a row saved, then moved again, had its intermediate
    council moved by the second save's before-save bump. A row saved in a savepoint that
    rolled back is no longer there: nothing to read. On an error, or in a transaction
    marked to be rolled back, nothing is bumped.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("deferred() is for a transaction's writes")
    outer = getattr(connection, _DEFERRED, None)
    waiting: dict[type, tuple[RecordType, set]] = {}
    setattr(connection, _DEFERRED, waiting)
    try:
        yield
    finally:
        setattr(connection, _DEFERRED, outer)
    if connection.needs_rollback:
        return  # the transaction is to be rolled back: nothing it wrote stays
    for model, (entry, pks) in waiting.items():
        if outer is not None:
            merged = outer.setdefault(model, (entry, set()))[1]
            merged |= pks  # the outer block bumps them
            continue
        ordered = sorted(pks)
        for start in range(0, len(ordered), CHUNK):
            bump_councils(_councils(entry, ordered[start : start + CHUNK], using), using=using)


def _councils(entry: RecordType, pks: list, using: str) -> set[int]:
    """The councils whose figures rows ``pks`` feed, as the database holds them (1 query)."""
    rows = entry.model._base_manager.using(using).filter(pk__in=pks)
    if entry.feeds is not None:
        rows = rows.filter(entry.feeds)
    found = {pk for row in rows.values_list(*entry.councils) for pk in row}
    found.discard(None)
    return found


def _before_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    entry = _entry(sender)
    if entry:
        bump_councils(councils_of(entry, instance.pk, using=using), using=using)


def connect() -> None:
    """Connect the version bumps (from councilwork's ready(); idempotent)."""
    pre_save.connect(_before_save, weak=False, dispatch_uid="councilwork-figures-pre-save")
    post_save.connect(_after_save, weak=False, dispatch_uid="councilwork-figures-post-save")
    pre_delete.connect(_before_delete, weak=False, dispatch_uid="councilwork-figures-pre-delete")


def keep(key: str, value, timeout) -> None:
    """Store a computed value for the next views, if the cache takes it.

    Everything cached about the records is stored under keys that hold their versions
    (above), read from the database: a value the cache refuses to store costs the next
    view a recomputation, never a wrong answer, so a cache refusing writes (Redis out
    of memory, a read-only replica) is logged and fails no request.
    """
    try:
        cache.set(key, value, timeout=timeout)
    except _Refused:
        logger.warning("cache refused to store %s", key.split(":", 1)[0], exc_info=True)
