"""What an import may not change: an issued decision and its awards, a decided dossier
and its nominees.

An issued decision is never edited (the admin refuses it too): a correction is a new
decision that amends it. Its dossier is history as well, since the decision holds
the dossier's result. "Issued" and "decided" mean so before the import: a file may
create a decision already issued, with its awards, or issue a draft decision it
updates, as the service does when it issues one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.dossiers import DossierStatus


def _issued(decision) -> bool:
    return decision.issued_at is not None


def _decided(dossier) -> bool:
    return dossier.status == DossierStatus.DECIDED


def _decision_refused(decision) -> str:
    return _(
        "Decision %(number)s was issued on %(issued)s and cannot be changed: a correction "
        "is a new decision that amends it."
    ) % {
        "number": decision.number,
        "issued": timezone.localtime(decision.issued_at).strftime("%d/%m/%Y %H:%M"),
    }


def _award_refused(decision) -> str:
    return _(
        "Decision %(number)s is issued: its awards cannot be changed, and none can be added."
    ) % {"number": decision.number}


def _dossier_refused(dossier) -> str:
    return _(
        "The dossier %(dossier)s is decided: the decision issued from it holds its result, "
        "so it cannot be changed."
    ) % {"dossier": dossier}


def _nominee_refused(dossier) -> str:
    return _(
        "The dossier %(dossier)s is decided: its nominees and their ballots cannot be "
        "changed, and none can be added."
    ) % {"dossier": dossier}


@dataclass(frozen=True)
class Lock:
    """A sheet's records closed by a state: their own (``parent`` None) or their parent's."""

    parent: str | None
    closed: Callable[[models.Model], bool]
    refused: Callable[[models.Model], str]


LOCKS = {
    "award_dossiers": Lock(None, _decided, _dossier_refused),
    "award_nominees": Lock("dossier", _decided, _nominee_refused),
    "award_decisions": Lock(None, _issued, _decision_refused),
    "awards": Lock("decision", _issued, _award_refused),
}


class Locks:
    """Which records were closed before the import, as the loader meets them."""

    def __init__(self):
        # Records this import created, or found open: their rows may change them.
        self.opened: set[tuple[type, int]] = set()

    def closing(self, sheet_name: str, record, targets: dict):
        """The closed record (the row's own or its parent) that forbids changing the row.

        Called before the row's values are assigned, so ``record`` is as stored.
        """
        lock = LOCKS.get(sheet_name)
        if lock is None:
            return None
        if lock.parent is None:
            if record.pk is not None and lock.closed(record):
                return record
            return None
        parent = targets.get(lock.parent)
        if parent is None or (type(parent), parent.pk) in self.opened:
            return None
        return parent if lock.closed(parent) else None

    def saved(self, sheet_name: str, record, closed) -> None:
        """Remember a record of a closing sheet that was open before the import."""
        lock = LOCKS.get(sheet_name)
        if lock is not None and lock.parent is None and closed is None:
            self.opened.add((type(record), record.pk))

    def refusal(self, sheet_name: str, closed) -> str:
        return LOCKS[sheet_name].refused(closed)

    def parent(self, sheet_name: str) -> str | None:
        lock = LOCKS.get(sheet_name)
        return lock.parent if lock else None
