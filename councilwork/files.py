"""Rules for uploaded files: which kinds, how big, and what their bytes must look like.

Shared by every upload (scorecard evidence, session documents); each caller says which
extensions it accepts.

The extension alone proves nothing, so the first bytes must match it too, and more:
a PDF must end as a PDF does (a cross-reference that its ``startxref`` points at, then
``%%EOF``); an Office document must be a sound zip package of the declared kind whose
parts unpack to a bounded size (a small file must not expand to gigabytes in the
reader's office suite). Files are always served back as downloads with a fixed
content type, never rendered inline.
"""

import re
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

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


# A PDF ends with "startxref", the offset of its cross-reference, and "%%EOF".
PDF_TAIL = 4096
PDF_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s*%%EOF")
PDF_XREF = re.compile(rb"\s*(xref|\d{1,10}\s+\d{1,5}\s+obj)")  # a table or an xref stream
# The part of a package that says what it is: Office Open XML by its folders, ODF by
# its "mimetype" part, which holds the content type.
OOXML_FOLDER = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ODF = (".odt", ".ods")
MAX_PARTS = 10_000
CHUNK = 64 * 1024


def max_bytes() -> int:
    """The largest upload (DJANGO_EVIDENCE_MAX_MB in the settings)."""
    return settings.EVIDENCE_MAX_BYTES


def max_unpacked_bytes() -> int:
    """The most an Office package may unpack to (a bound against zip bombs)."""
    return settings.EVIDENCE_MAX_UNPACKED_BYTES


def check_upload(upload, *, extensions: Iterable[str] | None = None, kind_message=None) -> str:
    """Validate an uploaded file; return the content type it will be served with.

    ``extensions`` narrows the accepted kinds (default: every kind in KINDS), and
    ``kind_message`` is then the message for any other kind.
    """
    extension = PurePath(upload.name or "").suffix.lower()
    allowed = KINDS if extensions is None else set(extensions) & set(KINDS)
    if extension not in allowed:
        raise ValidationError(
            kind_message or _("Only PDF, images (PNG, JPEG) and Office documents can be attached."),
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
    if extension == ".pdf" and not _is_whole_pdf(upload):
        raise ValidationError(
            _("The file is not a readable PDF document: it is damaged or incomplete."),
            code="content",
        )
    if extension in OOXML_FOLDER or extension in ODF:
        _check_package(upload, extension, content_type)
    return content_type


def _read(upload, offset: int, size: int) -> bytes:
    upload.seek(offset)
    data = upload.read(size)
    upload.seek(0)
    return data


def _is_whole_pdf(upload) -> bool:
    """Whether the PDF's last ``startxref`` points at a cross-reference inside the file."""
    tail = _read(upload, max(0, upload.size - PDF_TAIL), PDF_TAIL)
    found = list(PDF_STARTXREF.finditer(tail))
    if not found:
        return False
    offset = int(found[-1].group(1))
    return 0 < offset < upload.size and bool(PDF_XREF.match(_read(upload, offset, 64)))


def _check_package(upload, extension: str, content_type: str) -> None:
    """Refuse a package that is damaged, of another kind, or that unpacks too big."""
    damaged = ValidationError(
        _("The file is not a valid %(ext)s document: it is damaged or of another kind.")
        % {"ext": extension},
        code="content",
    )
    too_big = ValidationError(
        _("The file unpacks to more than %(mb)s MB, which no evidence document needs.")
        % {"mb": max_unpacked_bytes() // (1024 * 1024)},
        code="unpacked",
    )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > max_unpacked_bytes():
                raise too_big
            names = {p.filename for p in parts}
            if extension in OOXML_FOLDER:
                folder = OOXML_FOLDER[extension]
                kind_ok = "[Content_Types].xml" in names and any(
                    name.startswith(folder) for name in names
                )
            else:
                mimetype = next((p for p in parts if p.filename == "mimetype"), None)
                kind_ok = (
                    mimetype is not None
                    and mimetype.file_size <= len(content_type)
                    and package.read(mimetype) == content_type.encode()
                )
            if not kind_ok:
                raise damaged
            _unpack_all(package, parts, too_big)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise damaged from None
    except (NotImplementedError, RuntimeError):  # an unknown compression, a password
        raise damaged from None
    finally:
        upload.seek(0)


def _unpack_all(package: zipfile.ZipFile, parts, too_big: ValidationError) -> None:
    """Read every part through: its checksum must hold and the total stay bounded.

    The sizes in the package's directory are its own word; what comes out is counted.
    """
    total = 0
    for part in parts:
        with package.open(part) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > max_unpacked_bytes():
                    raise too_big


# File systems limit a name to 255 bytes, and a Vietnamese letter takes 2 to 3 bytes
# in UTF-8 (more with combining marks): names are cut by bytes, not characters.
MAX_NAME_BYTES = 120


def safe_filename(name: str) -> str:
    """The user's file name reduced to safe characters, keeping its extension."""
    # A name typed with combining accents (macOS, some keyboards) would lose them below:
    # the marks are not word characters; composed, "ê" is one letter and stays.
    base = unicodedata.normalize("NFC", PurePath(name).name)
    try:
        safe = get_valid_filename(base)[-MAX_NAME_BYTES:]
    except SuspiciousFileOperation:  # nothing usable is left of the name
        return "file"
    if safe.startswith("."):  # nothing before the extension: ".pdf" reads as a hidden file
        safe = "file" + safe
    while len(safe.encode()) > MAX_NAME_BYTES:
        safe = safe[1:]
    return "file" if safe.startswith(".") else safe
