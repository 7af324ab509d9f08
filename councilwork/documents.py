"""Uploaded office documents (a signed PDF or a .docx): the check every app can share.

The scorecards' evidence has its own, wider rules (images, legacy Office formats);
a dossier's pieces are documents only, so this check is the narrow common part:
the kind by extension, a size bound from the settings, and leading bytes that match.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


def check_document(upload) -> None:
    """Refuse, with a message for beside the field, a file that is not a PDF or .docx."""
    extension = PurePath(getattr(upload, "name", "") or "").suffix.lower()
    if extension not in SIGNATURES:
        raise ValidationError(_("Attach a PDF or a Word (.docx) document."), code="kind")
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.EVIDENCE_MAX_BYTES:
        mb = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": mb}, code="size")
    upload.seek(0)
    head = upload.read(len(SIGNATURES[extension]))
    upload.seek(0)
    if head != SIGNATURES[extension]:
        message = _("The file's content does not match its extension %(ext)s.")
        raise ValidationError(message % {"ext": extension}, code="content")
