"""Rules for evidence files: which kinds, how big, and what their bytes must look like.

The extension alone proves nothing, so the first bytes must match it too; files are
always served back as downloads with a fixed content type, never rendered inline.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ZIP = (b"PK\x03\x04",)  # .docx, .xlsx, .pptx, .odt, .ods are zip containers
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy .doc, .xls, .ppt
# extension -> (content type served, accepted leading bytes)
KINDS = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".ppt": ("application/vnd.ms-powerpoint", OLE),
}


def max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_upload(upload) -> str:
    """Validate an uploaded file; return the content type it will be served with."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in KINDS:
        raise ValidationError(
            _("Only PDF, images (PNG, JPEG) and Office documents can be attached."),
            code="kind",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)},
            code="size",
        )
    content_type, signatures = KINDS[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("The file's content does not match its extension %(ext)s.") % {"ext": extension},
            code="content",
        )
    return content_type
