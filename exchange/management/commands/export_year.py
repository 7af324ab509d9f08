"""Write one year of a council tree to a versioned exchange file (JSON or .xlsx).

The format is documented in docs/data-format.md; ``--template`` writes the empty
workbook a secretariat fills by hand from its old spreadsheets.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork.progress import Progress
from councilwork.selectors import CouncilNotFound, council_for_summary
from exchange import ExchangeError
from exchange.export import export_year
from exchange.jsonfile import write_json
from exchange.xlsx import write_template, write_xlsx

FORMATS = ("json", "xlsx")


class Command(BaseCommand):
    help = (
        "Export every record of a council and its child councils for YEAR "
        "(organisation included) as JSON or .xlsx, or write the empty .xlsx template."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, nargs="?")
        parser.add_argument("--council", help="council code (slug); default: the top council")
        parser.add_argument(
            "--format", dest="file_format", choices=FORMATS, help="default: from the file extension"
        )
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--template", action="store_true", help="write the empty .xlsx template instead"
        )
        parser.add_argument(
            "--files",
            metavar="DIR",
            help="also write the session documents' files to this folder (see the file column)",
        )
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            dest="personal_data",
            help="include the citizens' names, addresses and contacts (left empty by default)",
        )

    def handle(
        self, *args, year, council, file_format, output, template, files, personal_data, **options
    ):
        path = Path(output)
        chosen_format = file_format or ("xlsx" if path.suffix.lower() == ".xlsx" else "json")
        if template:
            if chosen_format != "xlsx":
                raise CommandError(_("The template is a workbook: use --format xlsx."))
            _write(path, write_template())
            self.stdout.write(
                self.style.SUCCESS(_("Template written to %(path)s.") % {"path": path})
            )
            return
        if year is None:
            raise CommandError(_("Give the YEAR to export (or --template)."))
        try:
            chosen = council_for_summary(council)
            document = export_year(
                chosen,
                year,
                progress=lambda total, unit: Progress(
                    self.stderr, total, unit, verbosity=options["verbosity"]
                ),
                files=Path(files) if files else None,
                personal_data=personal_data,
            )
        except (CouncilNotFound, ExchangeError) as error:
            raise CommandError(str(error)) from None
        if chosen_format == "xlsx":
            _write(path, write_xlsx(document))
        else:
            _write(path, write_json(document).encode("utf-8"))
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(rows)s rows of %(year)s – %(council)s to %(path)s.")
                % {"rows": document.row_count, "year": year, "council": chosen, "path": path}
            )
        )


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as error:
        message = _("Cannot write %(file)s: %(error)s") % {"file": path, "error": error.strerror}
        raise CommandError(message) from None
