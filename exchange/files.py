"""Session documents' files beside an exchange file: a folder, one file per document.

A document's row names its file by a path relative to that folder (``file``), which
the export makes from the row's key, so it is stable and one per document. The export
writes the files there when asked (``--files DIR``); the import reads them from there,
refusing a path that leaves the folder. A file read goes through the checks of an
upload (SessionDocument.clean: kind and content), and the row's description of it
comes with it: its name, upload time and signature verdict and report. A PDF's
signature is verified again only when the row has no verdict.

Without the folder, a document already stored keeps its file and description and
only its other columns are updated; a new document cannot be created (a document
must have its file) and its row is refused.
"""

import hashlib
from pathlib import Path, PurePath

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from councilwork.files import max_bytes, safe_filename
from sessions.documents import SignatureStatus, document_storage

from . import ExchangeError

SHEET = "session_documents"
PDF = "application/pdf"


class FileProblem(Exception):
    """A row's file that cannot be used: the column to name and why."""

    def __init__(self, column: str, message: str):
        self.column, self.message = column, message
        super().__init__(message)


def file_path(row: dict) -> str:
    """The file's path in the folder, from the row's key: the session, the order and kind,
    a digest of the title (a title may be long, or hold any character) and the file name."""
    digest = hashlib.sha256(row["title"].encode()).hexdigest()[:12]
    session = f"{row['session_term_start'].isoformat()}-{row['session_number']}"
    name = safe_filename(row["original_name"] or "file")
    return f"{row['council']}/{session}/{row['order']:03d}-{row['kind']}-{digest}-{name}"


def write_file(record, folder: Path, relative: str) -> None:
    """Copy the document's stored file to ``folder``/``relative``."""
    try:
        with document_storage().open(record.file.name, "rb") as stored:
            data = stored.read()
    except OSError as error:
        raise ExchangeError(
            _("The file of the document “%(document)s” cannot be read from storage: %(error)s")
            % {"document": record, "error": error.strerror or error}
        ) from None
    target = folder / relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as error:
        raise ExchangeError(
            _("Cannot write %(file)s: %(error)s") % {"file": target, "error": error.strerror}
        ) from None


class DocumentFiles:
    """The import's side: the folder's files attached to the rows that name them."""

    def __init__(self, folder: Path | None):
        self.folder = folder.resolve() if folder is not None else None
        self.new: list = []  # records given a file here: removed from storage on a rollback

    def prepare(self, record, parsed: dict) -> None:
        """Before the record is validated: its file from the folder, when new or changed."""
        relative = parsed.get("file")
        data = self.read(relative) if self.folder is not None and relative else None
        if data is None:
            if record.pk is not None:
                return  # a stored document keeps its file and what describes it
            if relative:
                message = _(
                    "The document is not stored here and its file was not given: import "
                    "with --files and the folder that was exported with this file."
                )
            else:
                message = _(
                    "A new document needs its file: name it in this column, relative to the "
                    "--files folder."
                )
            raise FileProblem("file", message)
        if record.pk is None or not self.same(record, data):
            name = parsed.get("original_name") or PurePath(relative).name
            record.file = ContentFile(data, name=name)  # checked as an upload by clean()
            record._exchange_file = parsed
            self.new.append(record)
        elif parsed.get("original_name"):
            record.original_name = parsed["original_name"]
        if parsed.get("uploaded_at"):
            record.uploaded_at = parsed["uploaded_at"]
        if parsed.get("signature_status") is not None:
            record.signature_status = parsed["signature_status"]
            record.signature_report = parsed.get("signature_report") or {}
            # The row's verdict is kept: clean() does not verify the file again.
            record.verify_signature = _keep_verdict

    def finish(self, record) -> None:
        """After validation: what clean() set from the new file that the row describes."""
        record.__dict__.pop("verify_signature", None)
        parsed = getattr(record, "_exchange_file", None)
        if parsed is not None and parsed.get("uploaded_at"):
            record.uploaded_at = parsed["uploaded_at"]
        if record.content_type != PDF:  # only a PDF has a signature to verify
            record.signature_status, record.signature_report = SignatureStatus.NOT_CHECKED, {}

    def saved(self, record) -> None:
        record.__dict__.pop("_exchange_file", None)

    def discard(self) -> None:
        """Remove the files this import stored: its records were rolled back.

        A file is stored just before its row is written (even when the write then fails).
        """
        storage = document_storage()
        for record in self.new:
            if record.file and record.file._committed:
                storage.delete(record.file.name)
        self.new.clear()

    def read(self, relative: str) -> bytes:
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder):
            raise FileProblem(
                "file",
                _("The path “%(path)s” leaves the files folder: only files inside it are read.")
                % {"path": relative},
            )
        if not path.is_file():
            raise FileProblem(
                "file",
                _("The file “%(path)s” is not in the files folder %(folder)s.")
                % {"path": relative, "folder": self.folder},
            )
        if path.stat().st_size > max_bytes():
            message = _("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // 2**20}
            raise FileProblem("file", message)
        try:
            return path.read_bytes()
        except OSError as error:
            message = _("Cannot read %(file)s: %(error)s")
            raise FileProblem(
                "file", message % {"file": relative, "error": error.strerror}
            ) from None

    @staticmethod
    def same(record, data: bytes) -> bool:
        """Whether ``data`` is the document's stored file (a file gone from storage is not)."""
        if record.size != len(data):
            return False
        try:
            with document_storage().open(record.file.name, "rb") as stored:
                return stored.read() == data
        except OSError:
            return False


def _keep_verdict(upload=None) -> None:
    """Stands in for SessionDocument.verify_signature while the row's verdict is kept."""
