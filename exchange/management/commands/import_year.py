"""Load an exchange file (JSON or .xlsx) into the database: all rows, or none.

Each row is found by its natural key and created, updated or left as it is. Every
error of the file is printed at once, each with its sheet, row and column, and then
nothing is written. With --dry-run, what would be created, updated and left unchanged
is printed per sheet. See docs/data-format.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork.progress import Progress
from exchange import ExchangeError
from exchange.jsonfile import read_json
from exchange.load import ImportErrors, load
from exchange.xlsx import read_xlsx

ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


class Command(BaseCommand):
    help = "Import a councilwork-year file (JSON or .xlsx): create or update every row, or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row, then write nothing"
        )
        parser.add_argument(
            "--files",
            metavar="DIR",
            help="the folder of the session documents' files, as export_year --files wrote it",
        )

    def handle(self, *args, file, dry_run, files, **options):
        if files and not Path(files).is_dir():
            raise CommandError(_("%(folder)s is not a folder.") % {"folder": files})
        try:
            content = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        try:
            meta, sheets = read_file(file, content)
            reason = _("Imported from %(file)s") % {"file": Path(file).name}
            report = load(
                meta,
                sheets,
                dry_run=dry_run,
                reason=reason,
                progress=lambda total, unit: Progress(
                    self.stderr, total, unit, verbosity=options["verbosity"]
                ),
                files=Path(files) if files else None,
            )
        except ExchangeError as error:
            for warning in error.warnings if isinstance(error, ImportErrors) else ():
                self.stderr.write(self.style.WARNING(warning))
            raise CommandError(str(error)) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if dry_run:
            self.dry_run(report)
            return
        # Only the sheets where something was written.
        changed = {name: c for name, c in report.counts.items() if c.created or c.updated}
        for name, counts in changed.items():
            line = _("%(sheet)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            self.stdout.write(line % {"sheet": name, **vars(counts)})
        skipped = sum(counts.skipped for counts in report.counts.values())
        if skipped:
            self.stdout.write(_("%(skipped)s example rows skipped.") % {"skipped": skipped})
        if not changed:
            rows = sum(counts.unchanged for counts in report.counts.values())
            if rows:
                nothing = _("Nothing to import: the file's %(rows)s rows are already stored.")
            else:
                nothing = _("Nothing to import: the file holds no rows.")
            self.stdout.write(self.style.WARNING(nothing % {"rows": rows}))
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported.")))

    def dry_run(self, report) -> None:
        """Every sheet with rows: what would be created, updated and left unchanged."""
        line = _(
            "%(sheet)s: %(created)s would be created, %(updated)s would be updated, "
            "%(unchanged)s unchanged"
        )
        skipped = _(" (%(skipped)s example rows skipped)")
        for name, counts in report.counts.items():
            if counts.created or counts.updated or counts.unchanged or counts.skipped:
                text = line % {"sheet": name, **vars(counts)}
                self.stdout.write(text + (skipped % vars(counts) if counts.skipped else ""))
        if not any(any(vars(counts).values()) for counts in report.counts.values()):
            self.stdout.write(_("The file holds no rows."))
        self.stdout.write(self.style.SUCCESS(_("Checked; nothing was written (--dry-run).")))


def read_file(name: str, content: bytes):
    """The header and raw rows, by content first (a zip is .xlsx, "{" is JSON), then name."""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:4]
    if head.startswith(ZIP_MAGIC) or (not head and name.lower().endswith(".xlsx")):
        return read_xlsx(content)
    if head.startswith(b"{") or name.lower().endswith(".json"):
        return read_json(content)
    raise ExchangeError(_("The file is neither JSON nor an .xlsx workbook."))
