"""The one registry of record models, in dependency order (parents before children).

Each app registers its record models from its ``ready()``, and apps are ready in the
order of INSTALLED_APPS (councilwork, then the record apps, then campaigns), so the
registry lists every model after the models it points to. Whatever walks all the
records uses it: the figures' cache versions, the exchange, the demo and bulk
builders, the role permissions and the tests. A new record model is registered once,
here, and every one of them learns it.

``councils`` says which councils' figures a row feeds: ORM lookups from the row to a
council (``"council"``, ``"session__council"``, ``"pk"`` for a council itself). An
empty tuple means the year's figures never read the model (evidence files, workflow
events), so writing it invalidates nothing. ``feeds`` narrows it further: a filter on
the rows that the figures read (a draft score feeds no figure until its scorecard is
approved).
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class RecordType:
    """A record model and how its rows reach the councils whose figures they feed."""

    model: type[models.Model]
    councils: tuple[str, ...] = ()
    feeds: Q | None = None


_REGISTRY: dict[type[models.Model], RecordType] = {}


def register(
    model: type[models.Model],
    *,
    councils: tuple[str, ...] = (),
    feeds: Q | None = None,
) -> None:
    """Add ``model`` to the registry (from the app's ``ready()``, parents first)."""
    _REGISTRY[model] = RecordType(model, tuple(councils), feeds)


def record_types() -> list[RecordType]:
    """Every registered record model's entry, parents before children."""
    return list(_REGISTRY.values())


def record_models() -> list[type[models.Model]]:
    """Every record model, parents before children."""
    return list(_REGISTRY)


def record_type(model: type[models.Model]) -> RecordType | None:
    return _REGISTRY.get(model)


def record_app_labels() -> tuple[str, ...]:
    """The app labels that hold record models, in dependency order."""
    return tuple(dict.fromkeys(m._meta.app_label for m in _REGISTRY))
