"""A session's documents (tài liệu kỳ họp): invitation and agenda, reports, submissions,
draft resolutions, explanations, minutes and signed resolutions, with their files.

Files go through Django's storage API: the storage named by the ``DOCUMENTS_STORAGE``
setting (an alias of STORAGES, "default" unless a deployment says otherwise). They are
never served by URL from the storage, only through the download view, to those who may
see them. A replaced file stays in storage; the document's history keeps its name.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councilwork.files import check_upload, safe_filename
from councilwork.models import RecordModel

from .models import Resolution, Session

# PDF, Word and Excel only: what a council sends its deputies.
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".xlsx")


class DocumentKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation and agenda")
    REPORT = "report", _("Report")
    SUBMISSION = "submission", _("Submission (tờ trình)")
    DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
    EXPLANATION = "explanation", _("Standing committee's explanation")
    MINUTES = "minutes", _("Minutes (biên bản)")
    RESOLUTION = "resolution", _("Signed resolution")


# The paperless rule reads these kinds: what a deputy needs before the session opens.
PAPERLESS_KINDS = (DocumentKind.INVITATION, DocumentKind.DRAFT_RESOLUTION)


class SignatureStatus(models.TextChoices):
    """The verdict of the last signature verification (empty: never verified, not a PDF)."""

    NOT_CHECKED = "", _("Not verified")
    UNSIGNED = "unsigned", _("The file is not signed")
    VALID = "valid", _("Valid signature, file intact")
    MODIFIED = "modified", _("The file was modified after signing")
    UNTRUSTED = "untrusted", _("The certificate's source of trust could not be established")
    INVALID = "invalid", _("The signature is not valid")


# The verdicts that count as "a signature that failed" in the figures.
FAILED_SIGNATURES = (SignatureStatus.MODIFIED, SignatureStatus.UNTRUSTED, SignatureStatus.INVALID)


def document_storage():
    """The storage of session documents (DOCUMENTS_STORAGE, an alias in STORAGES)."""
    return storages[getattr(settings, "DOCUMENTS_STORAGE", "default")]


def document_path(document: "SessionDocument", filename: str) -> str:
    """By council, year and session, behind a random prefix (unguessable, never reused)."""
    session = document.session
    return (
        f"documents/{session.council_id}/{session.start_date.year}/{session.pk}/"
        f"{uuid.uuid4().hex}-{safe_filename(filename)}"
    )


def _sent_before_opening():
    return Q(sent_at__isnull=False, sent_at__date__lt=OuterRef("start_date"))


def paperless_q() -> Q:
    """The paperless rule as a filter on sessions (see SessionDocumentQuerySet).

    A session is paperless by its records when it has at least one invitation and
    agenda and at least one draft resolution, and every document of those two kinds
    was sent to the deputies electronically before the day the session opened (in
    the council's time zone). A document not yet sent, or sent on the opening day or
    later, breaks the rule.
    """
    docs = SessionDocument.objects.filter(session=OuterRef("pk"))
    has = {
        kind: Exists(docs.filter(kind=kind).filter(_sent_before_opening()))
        for kind in PAPERLESS_KINDS
    }
    late = Exists(docs.filter(kind__in=PAPERLESS_KINDS).exclude(_sent_before_opening()))
    return Q(has[DocumentKind.INVITATION]) & Q(has[DocumentKind.DRAFT_RESOLUTION]) & ~Q(late)


class SessionDocumentQuerySet(models.QuerySet):
    def sent(self):
        """Documents sent to the deputies (the only ones ward staff see)."""
        return self.filter(sent_at__isnull=False)


class SessionDocument(RecordModel):
    """A document of a session, with its file, its sending and its signature check."""

    constraint_fields = {"document_not_empty": "file"}

    # PROTECT: a session's papers are part of its record.
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="documents", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(
        _("document number"), max_length=50, blank=True, help_text=_("e.g. 38/NQ-HĐND")
    )
    issued_on = models.DateField(_("document date"), null=True, blank=True)
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("resolution"),
        help_text=_("For a signed resolution: the resolution it is."),
    )
    file = models.FileField(
        _("file"), upload_to=document_path, storage=document_storage, max_length=300
    )
    original_name = models.CharField(_("file name"), max_length=200, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    sent_at = models.DateTimeField(
        _("sent to the deputies"),
        null=True,
        blank=True,
        help_text=_("When it was sent electronically; empty while not sent."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    signature_status = models.CharField(
        _("signature"),
        max_length=20,
        blank=True,
        choices=SignatureStatus.choices,
        default=SignatureStatus.NOT_CHECKED,
        editable=False,
    )
    signature_report = models.JSONField(
        _("signature verification report"), default=dict, blank=True, editable=False
    )

    objects = SessionDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("session document")
        verbose_name_plural = _("session documents")
        ordering = ["session", "order", "pk"]
        indexes = [models.Index(fields=["session", "order"], name="document_session_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0),
                name="document_not_empty",
                violation_error_message=_("The file is empty."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}" if self.number else self.title

    @property
    def signature_verdict(self) -> str:
        """The verdict of the last signature check, in words (empty when never checked)."""
        return str(self.get_signature_status_display()) if self.signature_status else ""

    def new_upload(self):
        """The file just uploaded (not yet in storage), or None."""
        if self.file and not self.file._committed:
            return self.file.file
        return None

    def verify_signature(self, upload=None) -> None:
        """Verify a PDF's signatures (the new upload, else the stored file) into the report.

        Another kind of file has no signature to verify: no verdict, an empty report.
        """
        from councilwork.signatures import verify_pdf

        if self.content_type != "application/pdf":
            self.signature_status, self.signature_report = SignatureStatus.NOT_CHECKED, {}
            return
        if upload is None:
            with self.file.open("rb") as stored:
                data = stored.read()
        else:
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
        report = verify_pdf(data)
        report["verified_at"] = timezone.now().isoformat()
        self.signature_status = report["verdict"]
        self.signature_report = report

    def validate_constraints(self, exclude=None):
        # A refused upload is reported beside the file; its size has nothing to add.
        if getattr(self, "_upload_refused", False):
            exclude = set(exclude or ()) | {"size"}
        super().validate_constraints(exclude)

    def clean(self) -> None:
        self._upload_refused = False
        upload = self.new_upload()
        if upload is not None:
            try:
                content_type = check_upload(
                    upload,
                    extensions=DOCUMENT_EXTENSIONS,
                    kind_message=_("Only PDF, Word (DOCX) and Excel (XLSX) files can be attached."),
                )
            except ValidationError as error:
                self._upload_refused = True
                raise ValidationError({"file": error.error_list}) from None
            self.original_name = safe_filename(upload.name)
            self.content_type = content_type
            self.size = upload.size
            self.uploaded_at = timezone.now()
            self.verify_signature(upload)
        session = self.related("session")
        resolution = self.related("resolution")
        if resolution is not None and session is not None and resolution.session_id != session.pk:
            raise ValidationError(
                {"resolution": _("The resolution must be one adopted at this session.")}
            )
