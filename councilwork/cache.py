"""Versions for cached reads of a council tree: any change to a record bumps them.

A cached page about a council is stored under a key holding that council's version.
Every record write bumps the version of its council and of every council above it,
so the next read misses and recomputes: a cached figure is never stale. The cache
must be shared by all app processes (the database cache by default, see settings).
The bump happens in the writer's transaction: rolled back with it, if it fails.
"""

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from .models import Council

PREFIX = "councilwork:tree-version"


def _key(council_id: int) -> str:
    return f"{PREFIX}:{council_id}"


def tree_version(council_id: int) -> int:
    """The current version of a council's tree (one cache read)."""
    return cache.get_or_set(_key(council_id), 1)


def bump(council_id: int | None) -> None:
    """Invalidate cached reads of ``council_id`` and of the councils above it."""
    seen = set()
    while council_id is not None and council_id not in seen:
        seen.add(council_id)
        try:
            cache.incr(_key(council_id))
        except ValueError:  # not cached yet: any later value differs from a missing one
            cache.set(_key(council_id), 2)
        council_id = (
            Council.objects.filter(pk=council_id).values_list("parent_id", flat=True).first()
        )


def bump_all() -> None:
    """For changes whose councils cannot be told (e.g. a person's name): clear all."""
    cache.clear()


def invalidate_on_change(model, council_of) -> None:
    """Bump the tree of ``council_of(instance)`` whenever a ``model`` row is saved or deleted.

    ``council_of`` returns the council id the record belongs to, or None to clear all.
    Connected from each app's ``ready()``: the signal carries no business rule, only
    the cache's bookkeeping.
    """

    def changed(sender, instance, **kwargs):
        try:
            council_id = council_of(instance)
        except ObjectDoesNotExist:  # a parent already gone in a cascade: clear all
            council_id = None
        if council_id is None:
            bump_all()
        else:
            bump(council_id)

    uid = f"councilwork-cache-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
