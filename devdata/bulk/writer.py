"""Bulk inserts that write their audit history too, timed per model.

The project's rule: bulk operations either write history too or are not used. Every
record model keeps django-simple-history's ``history``, so inserts go through
``bulk_create_with_history`` (its rows and one "+" history row each, in one
transaction). The objects come back with their primary keys, which the children then
point to.
"""

import time
from collections import defaultdict
from dataclasses import dataclass

from django.db import connections, router
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

BATCH_SIZE = 5000  # rows per INSERT (SQLite's backend lowers it to its parameter limit)
CHANGE_REASON = "seed_bulk"


def history_model(model):
    """The model's historical model (every record model keeps history)."""
    return get_history_manager_for_model(model).model


@dataclass
class Tally:
    rows: int = 0
    history: int = 0
    seconds: float = 0.0


class BulkWriter:
    """Inserts lists of unsaved instances and keeps, per model, rows, history and time."""

    def __init__(self, batch_size: int = BATCH_SIZE):
        self.batch_size = batch_size
        self.now = timezone.now()  # one audit timestamp for the whole run
        self.tallies: dict[str, Tally] = defaultdict(Tally)  # inserts, by model label
        self.deletions: dict[str, Tally] = defaultdict(Tally)

    def rows(self) -> int:
        """Rows written so far, history rows included."""
        return sum(tally.rows + tally.history for tally in self.tallies.values())

    def insert(self, model, objs: list) -> list:
        if not objs:
            return objs
        connection = connections[router.db_for_write(model)]
        if not connection.features.can_return_rows_from_bulk_insert:
            # Without returned ids every child would need a look-up by natural key, and
            # simple-history's fallback matches every row on all its fields: too slow.
            raise RuntimeError(
                f"{connection.vendor} does not return ids from bulk inserts "
                "(PostgreSQL or SQLite ≥ 3.35 does)."
            )
        started = time.perf_counter()
        # figures: bulk inserts send no signals; seed_bulk moves the bulk councils'
        # figures versions once the tree is written.
        saved = bulk_create_with_history(
            objs,
            model,
            batch_size=self.batch_size,
            default_change_reason=CHANGE_REASON,
            default_date=self.now,
        )
        self.tallies[model._meta.label].history += len(saved)
        if saved[0].pk is None or saved[-1].pk is None:
            raise RuntimeError(f"No ids came back from the bulk insert of {model._meta.label}.")
        tally = self.tallies[model._meta.label]
        tally.rows += len(saved)
        tally.seconds += time.perf_counter() - started
        return saved

    def delete(self, model, queryset, reason: str) -> int:
        """Delete ``queryset``'s rows with one "-" history row each, in bulk.

        ``QuerySet.delete()`` would load every row, send a signal per row and write
        each history row with its own INSERT. Here: ids and tracked values are read
        in chunks, the history rows inserted in bulk, the rows deleted by id. Nothing
        cascades, so callers delete children first (the foreign keys still check it).
        """
        started, deleted = time.perf_counter(), 0
        historical = history_model(model)
        fields = [f.attname for f in historical.tracked_fields]
        rows = queryset.order_by("pk").values_list(*fields)
        chunk: list = []
        for row in rows.iterator(chunk_size=self.batch_size):
            chunk.append(row)
            if len(chunk) == self.batch_size:
                deleted += self._delete_chunk(model, historical, fields, chunk, reason)
                chunk = []
        if chunk:
            deleted += self._delete_chunk(model, historical, fields, chunk, reason)
        tally = self.deletions[model._meta.label]
        tally.rows += deleted
        tally.history += deleted
        tally.seconds += time.perf_counter() - started
        return deleted

    def _delete_chunk(self, model, historical, fields, chunk, reason) -> int:
        pk_index = fields.index(model._meta.pk.attname)
        # figures: history rows are no record the figures read.
        historical.objects.bulk_create(
            [
                historical(
                    history_date=self.now,
                    history_type="-",
                    history_change_reason=reason,
                    **dict(zip(fields, row, strict=True)),
                )
                for row in chunk
            ],
            batch_size=self.batch_size,
        )
        ids = [row[pk_index] for row in chunk]
        # A plain DELETE ... WHERE id IN (...): no cascade collection, no per-row signals.
        # figures: the bulk tree has no council above it; its councils' versions go too.
        return model._default_manager.filter(pk__in=ids)._raw_delete(model._default_manager.db)
