"""Session documents for the oracle trees, and the plain count of the year's digital figures.

Each sitting of a tree gets (by its place in the tree's list) one of six mixes of
documents: sent days before it opened, sent at 23:30 the evening before or at 00:30 on
the opening day (Vietnam time: the UTC date is the day before), sent after it opened,
never sent; signed resolutions whose check was valid, modified, untrusted or invalid.
Each document is validated and saved as the admin does, and kept in the sitting's plain
list ``documents``; the count below reads those lists only.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from devdata.demo.data import EVIDENCE_PDF
from sessions.models import SessionDocument

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_OPENING = ("invitation", "draft_resolution")  # what a deputy needs beforehand
FAILED = ("modified", "untrusted", "invalid")


@dataclass
class Doc:
    kind: str
    sent_on: dt.date | None  # the Vietnamese calendar day it was sent, None if never
    status: str  # the signature check's verdict, "" when never checked
    resolution: int | None = None  # the index of its resolution in the sitting's list


def _at(day: dt.date, days_before: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day - dt.timedelta(days=days_before), dt.time(hour, minute), VIETNAM)


def _mix(i: int, start: dt.date) -> list[tuple[str, dt.datetime | None, str, int | None]]:
    """(kind, sent at, verdict, resolution index) of the documents of mix ``i % 6``."""
    early, evening, after_midnight = _at(start, 2, 9), _at(start, 1, 23, 30), _at(start, 0, 0, 30)
    return [
        # Paperless: both kinds sent before the opening day; a valid signed resolution.
        [("invitation", early, "", None), ("draft_resolution", evening, "", None),
         ("resolution", early, "valid", 0)],
        # Not paperless: a draft sent at 00:30 on the opening day.
        [("invitation", early, "", None), ("draft_resolution", after_midnight, "", None),
         ("resolution", None, "valid", 0)],
        # Not paperless: the draft never sent; minutes whose check found a change.
        [("invitation", early, "", None), ("draft_resolution", None, "", None),
         ("minutes", _at(start, -3, 10), "modified", None)],
        [],  # no documents at all
        # Not paperless: a second draft sent after the opening; an untrusted signature.
        [("invitation", early, "", None), ("draft_resolution", early, "", None),
         ("draft_resolution", _at(start, -1, 8), "", None), ("resolution", early, "untrusted", 0)],
        # Not paperless: only a report; one resolution signed twice, once invalid.
        [("report", early, "", None), ("resolution", early, "valid", 0),
         ("resolution", early, "invalid", 0)],
    ][i % 6]  # fmt: skip


def add_documents(built):
    """Give every sitting of ``built`` (tree, years) its mix of documents; returns ``built``."""
    tree, _years = built
    for i, sitting in enumerate(tree.sittings):
        resolutions = list(sitting.obj.resolutions.order_by("number"))
        for kind, sent_at, status, index in _mix(i, sitting.start):
            if index is not None and not resolutions:
                continue
            document = SessionDocument(
                session=sitting.obj,
                kind=kind,
                title=f"Tài liệu “{kind}” & <{i}>",
                resolution=resolutions[index] if index is not None else None,
                sent_at=sent_at,
                file=SimpleUploadedFile(f"{kind}.pdf", EVIDENCE_PDF),
            )
            document.full_clean()
            document.save()
            # The verdict as a verification would store it (tests/test_signatures.py
            # checks the verification itself on real signed files).
            SessionDocument.objects.filter(pk=document.pk).update(signature_status=status)
            sent_on = sent_at.astimezone(VIETNAM).date() if sent_at else None
            sitting.documents.append(Doc(kind, sent_on, status, index))
    return built


def _paperless(sitting) -> bool:
    needed = [d for d in sitting.documents if d.kind in BEFORE_OPENING]
    on_time = [d for d in needed if d.sent_on is not None and d.sent_on < sitting.start]
    return {d.kind for d in on_time} == set(BEFORE_OPENING) and len(on_time) == len(needed)


def digital(tree, keys: set, year: int) -> dict[str, int]:
    """The year's digital figures of the councils ``keys``, from the plain lists."""
    mine = [s for s in tree.sittings if s.council in keys]
    opened = [s for s in mine if s.start.year == year]
    documents = [d for s in opened for d in s.documents]
    signed = {
        (id(s), d.resolution)
        for s in mine
        for d in s.documents
        if d.status == "valid" and s.resolutions[d.resolution].year == year
    }
    return {
        "paperless_sessions": sum(_paperless(s) for s in opened),
        "documents_sent": sum(d.sent_on is not None for d in documents),
        "resolutions_signed": len(signed),
        "resolutions": sum(day.year == year for s in mine for day in s.resolutions),
        "signatures_failed": sum(d.status in FAILED for d in documents),
    }
