"""New records of a sheet inserted together, a few queries per batch instead of one per row.

In the loader's fast way (no savepoint per row) a new record that passed every rule is
kept until the batch is full or the sheet is loaded, then inserted with ``bulk_create``.
What ``save()`` does for it is done for each record as save() does it: Django's pre_save
before the insert and post_save after it (the figures' bookkeeping, any receiver), its
history row built as simple-history builds it and inserted with the sheet's (see
history). Only a model that save() would not do more for is batched: no save() of its
own, no parent model, its history batched; and only a sheet whose rows need no record's
primary key while it is loaded (no reference to its own sheet, no list of people, no
file, no lock, not a scorecard) and whose rules read no other row of its own sheet's
model (READS_ITS_OWN_ROWS). A database error raises Retry: the file is loaded again
with a savepoint per row, each row saved by itself, so every error is reported by row.
"""

from django.db import DatabaseError, connections, models, router
from django.db.models.signals import post_save, pre_save

from campaigns.models import Scorecard

from . import history
from .finding import Retry
from .locks import LOCKS
from .sheet import Sheet

BATCH = 500

# Sheets whose model's clean() reads other stored rows of its own model: a term's
# overlap with its council's other terms, a roll call's rows against its vote's numbers.
# A row waiting for its batch is not stored yet, so the next row's check would not see
# it: each of their rows is saved before the next is checked. A test reads the clean()
# of every batched model for such a read (tests/test_import_batch_rules.py).
READS_ITS_OWN_ROWS = frozenset({"terms", "roll_call_votes"})


def way(sheet: Sheet, model, savepoints: bool) -> str:
    """How the loader saves a row's record of ``model``: "save" (one by one: a savepoint
    per row, or a history simple-history must write), "history" (its history row written
    with the sheet's, see history) or "batch" (a new record inserted with its batch)."""
    if savepoints or not history.batched(model):
        return "save"
    return "batch" if batchable(sheet, model) else "history"


def batchable(sheet: Sheet, model) -> bool:
    """Whether the new records of ``sheet`` (of ``model``) may wait for a bulk insert."""
    if sheet.handled or sheet.lists or sheet.name in LOCKS or issubclass(model, Scorecard):
        return False
    if any(ref.sheet == sheet.name for ref in sheet.refs) or sheet.name in READS_ITS_OWN_ROWS:
        return False
    if model.save is not models.Model.save or model._meta.parents:
        return False
    using = router.db_for_write(model)
    return history.batched(model) and connections[using].features.can_return_rows_from_bulk_insert


class Batches:
    """The new records waiting to be inserted, in the order of their rows."""

    def __init__(self, histories: history.Histories):
        self.histories = histories
        self.waiting: list = []

    def add(self, record) -> None:
        """``record.save()`` of a new record, its insert left to ``flush``."""
        _signal(pre_save, record)
        self.waiting.append(record)
        if len(self.waiting) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Insert the waiting records (one query per model and BATCH), then what their
        save() does after the insert."""
        records, self.waiting = self.waiting, []
        by_model: dict[type, list] = {}
        for record in records:
            by_model.setdefault(type(record), []).append(record)
        try:
            for model, group in by_model.items():
                # figures: each record's post_save is sent below, as save() sends it.
                model.objects.bulk_create(group, batch_size=BATCH)
        except DatabaseError as error:
            raise Retry from error
        keep = history.enabled()
        for record in records:
            _signal(post_save, record, created=True)
            if keep:
                model = vars(type(record))["history"].model
                self.histories.waiting.setdefault(model, []).append(
                    history._row(model, record, "+")
                )


def _signal(signal, record, **kwargs) -> None:
    """The signal save() sends, simple-history's own receiver told to write nothing
    (its history row is built here, as history.Histories builds it)."""
    record.skip_history_when_saving = True
    try:
        signal.send(
            sender=type(record),
            instance=record,
            raw=False,
            using=router.db_for_write(type(record), instance=record),
            update_fields=None,
            **kwargs,
        )
    finally:
        del record.skip_history_when_saving
