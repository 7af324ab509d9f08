"""Verify the digital signatures of a PDF (Nghị định 23/2025/NĐ-CP) with pyHanko.

Trust roots are the operator's: PEM (or DER) certificate files in the folder named by
``TRUST_ROOTS_DIR`` (DJANGO_TRUST_ROOTS_DIR; for Vietnam the national root CA for
public digital signatures and the government's specialised CA). Nothing is fetched
from the network: no CRL, no OCSP, no missing intermediate. Revocation is therefore
not checked unless ``SIGNATURE_REVOCATION`` is "require", which makes a signature
without embedded revocation data fail ("soft-fail", the default, uses only what the
file embeds and accepts its absence).

One report per file, a plain dict (stored with a document as JSON, printed by
``manage.py verify_signature``): for the last signature, and ``signatures`` for all.
"""

import io
import logging
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The verdict, worst first: the first that applies is the file's.
UNSIGNED, INVALID, MODIFIED, UNTRUSTED, VALID = (
    "unsigned",
    "invalid",
    "modified",
    "untrusted",
    "valid",
)
# A PDF whose structure pyHanko cannot read: not verified (no verdict, not a failure).
UNREADABLE = ""
VERDICTS = {
    VALID: _("Valid signature, file intact"),
    MODIFIED: _("The file was modified after signing"),
    UNTRUSTED: _("The certificate's source of trust could not be established"),
    INVALID: _("The signature is not valid"),
    UNSIGNED: _("The file is not signed"),
}


def trust_folder() -> Path:
    """The folder of trusted roots: TRUST_ROOTS_DIR, else MEDIA_ROOT/trust (the demo's)."""
    configured = getattr(settings, "TRUST_ROOTS_DIR", "")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "trust"


def trust_roots(folder: str | Path | None = None) -> list:
    """The trusted root certificates: every .pem, .crt, .cer or .der file in ``folder``."""
    from pyhanko.keys import load_certs_from_pemder

    folder = Path(folder) if folder else trust_folder()
    if not folder.is_dir():
        return []
    paths = sorted(
        p for p in folder.iterdir() if p.suffix.lower() in (".pem", ".crt", ".cer", ".der")
    )
    return list(load_certs_from_pemder([str(p) for p in paths])) if paths else []


def _name(certificate) -> tuple[str, str]:
    """The signer's common name and organisation from a certificate's subject."""
    subject = certificate.subject.native
    return subject.get("common_name", ""), subject.get("organization_name", "")


def _one(embedded, context) -> dict:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel

    status = validate_pdf_signature(embedded, context)
    signer, organisation = _name(status.signing_cert)
    timestamp = status.timestamp_validity
    coverage = status.coverage
    level = status.modification_level
    modified = coverage != SignatureCoverageLevel.ENTIRE_FILE and level not in (
        ModificationLevel.NONE,
    )
    signed_at = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    report = {
        "field": embedded.field_name,
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "signer": signer,
        "organisation": organisation,
        "signed_at": signed_at.isoformat() if signed_at else None,
        "timestamp_trusted": bool(timestamp is not None and timestamp.trusted),
        "coverage": coverage.name.lower() if coverage else "unclear",
        "modified_after_signing": modified,
        "modification_level": level.name.lower() if level else None,
        "changes_after_signing": _changes(status, embedded),
        "revocation_checked": settings_revocation() in ("hard-fail", "require"),
    }
    report["verdict"] = _verdict(report)
    return report


def _changes(status, embedded) -> str:
    """What the diff analysis says changed after the signature (empty when nothing)."""
    from pyhanko.sign.diff_analysis import SuspiciousModification

    result = status.diff_result
    if isinstance(result, SuspiciousModification):
        return str(result)
    if result is not None and getattr(result, "changed_form_fields", None):
        return ", ".join(sorted(result.changed_form_fields))
    return ""


def _verdict(report: dict) -> str:
    if not (report["intact"] and report["valid"]):
        return MODIFIED if not report["intact"] else INVALID
    if report["modified_after_signing"]:
        return MODIFIED
    if not report["trusted"]:
        return UNTRUSTED
    return VALID


def settings_revocation() -> str:
    return getattr(settings, "SIGNATURE_REVOCATION", "soft-fail")


def verify_pdf(data: bytes, *, roots: list | None = None) -> dict:
    """The verification report of a PDF's signatures (the last one decides the verdict)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    roots = trust_roots() if roots is None else roots
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # a file pyHanko cannot read: no verdict either way
        logger.info("PDF could not be read for signatures: %s", error)
        return {"verdict": UNREADABLE, "error": str(error), **_empty()}
    if not embedded:
        return {"verdict": UNSIGNED, **_empty()}
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode=settings_revocation()
    )
    reports = []
    for signature in embedded:
        try:
            reports.append(_one(signature, context))
        except Exception as error:  # a signature pyHanko cannot even parse
            logger.info("Signature could not be validated: %s", error)
            reports.append({"verdict": INVALID, "error": str(error), **_empty()})
    return {**reports[-1], "signatures": reports}


def _empty() -> dict:
    return {
        "intact": False,
        "valid": False,
        "trusted": False,
        "signer": "",
        "organisation": "",
        "signed_at": None,
        "timestamp_trusted": False,
        "coverage": None,
        "modified_after_signing": False,
    }


def verdict_text(report: dict) -> str:
    """The report's verdict in words."""
    return str(VERDICTS.get(report.get("verdict", ""), ""))
