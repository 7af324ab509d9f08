"""The history rows of an import's saves, written per sheet in one query per model.

django-simple-history writes a record's history row on its post_save, one INSERT per
saved row. The loader's fast way (no savepoint per row) saves a row without it and
builds the same history row at once, in memory, as simple-history builds it then (the
record's tracked fields as saved, the date of the save, the user, the change reason,
created or changed); the rows are inserted together when the sheet is loaded (see
load). With SIMPLE_HISTORY_ENABLED off (simple-history's own switch, read at each save
as its post_save reads it) no history row is built or written, as row by row.

A model whose history has many-to-many fields, or any receiver of simple-history's own
pre_create_historical_record / post_create_historical_record signals, keeps the
row-by-row way, where simple-history sends both signals for each row, the history row
saved between them. They are not sent from the bulk insert: a receiver of
post_create_historical_record would then see its row only when the whole sheet is
loaded, after later rows' saves (simple-history's own bulk_history_create sends neither).
The way with a savepoint per row keeps the row-by-row way too, so a history row the
database refuses is still that row's error.
"""

from django.conf import settings
from django.utils import timezone
from simple_history.signals import post_create_historical_record, pre_create_historical_record
from simple_history.utils import get_change_reason_from_object

BATCH = 500


def batched(model) -> bool:
    """Whether the history rows of ``model`` can be written in bulk without a difference."""
    history = getattr(model, "history", None)
    if history is None or not hasattr(history.model, "tracked_fields"):
        return False
    if getattr(history.model, "_history_m2m_fields", None):
        return False
    signals = (pre_create_historical_record, post_create_historical_record)
    return not any(signal.has_listeners(history.model) for signal in signals)


def enabled() -> bool:
    """simple-history's switch, as its post_save and bulk_history_create read it."""
    return getattr(settings, "SIMPLE_HISTORY_ENABLED", True)


class Histories:
    """The history rows built for the saves of the rows loaded, waiting to be inserted."""

    def __init__(self):
        self.waiting: dict[type, list] = {}

    def save(self, record) -> None:
        """``record.save()``, its history row built now and inserted by ``write``."""
        if not enabled():
            record.save()  # simple-history's post_save writes nothing either
            return
        history_type = "+" if record._state.adding else "~"
        record.skip_history_when_saving = True  # simple-history's own switch
        try:
            record.save()
        finally:
            del record.skip_history_when_saving
        model = type(record).history.model
        self.waiting.setdefault(model, []).append(_row(model, record, history_type))

    def write(self) -> None:
        """Insert the waiting history rows, in the order of the saves."""
        for model, rows in self.waiting.items():
            # figures: history rows feed no council's figures.
            model.objects.bulk_create(rows, batch_size=BATCH)
        self.waiting.clear()

    def discard(self) -> None:
        self.waiting.clear()


def _row(model, record, history_type: str):
    """The history row simple-history's create_historical_record makes for ``record``."""
    row = model(
        history_date=getattr(record, "_history_date", timezone.now()),
        history_type=history_type,
        history_user=model.get_default_history_user(record),
        history_change_reason=get_change_reason_from_object(record),
        **{field.attname: getattr(record, field.attname) for field in model.tracked_fields},
    )
    if hasattr(model, "history_relation"):
        row.history_relation = record
    return row
