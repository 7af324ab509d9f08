"""Verify a signed PDF outside the app, with the code that verifies uploads."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork.signatures import trust_folder, verdict_text, verify_pdf


class Command(BaseCommand):
    help = (
        "Verify the digital signatures of FILE.pdf against the trusted roots "
        "(DJANGO_TRUST_ROOTS_DIR); nothing is fetched from the network."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PDF to verify")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, file, json: bool = False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        report = verify_pdf(path.read_bytes())
        if json:
            self.stdout.write(_dumps(report))
            return
        unreadable = _("The file is not a readable PDF document: it is damaged or incomplete.")
        self.stdout.write(verdict_text(report) or unreadable)
        rows = [
            (_("Intact since signing"), report["intact"]),
            (_("Cryptographically valid"), report["valid"]),
            (_("Chains to a trusted root"), report["trusted"]),
            (_("Signer"), report["signer"]),
            (_("Organisation"), report["organisation"]),
            (_("Signed at"), report["signed_at"] or "–"),
            (_("Backed by a trusted timestamp"), report["timestamp_trusted"]),
            (_("Coverage"), report["coverage"] or "–"),
            (_("Modified after signing"), report["modified_after_signing"]),
        ]
        for label, value in rows:
            if isinstance(value, bool):
                value = _("yes") if value else _("no")
            self.stdout.write(f"  {label}: {value}")
        if report.get("changes_after_signing"):
            self.stdout.write(f"  {_('Changes after signing')}: {report['changes_after_signing']}")
        self.stdout.write(f"  {_('Trusted roots from')}: {trust_folder()}")


def _dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)
