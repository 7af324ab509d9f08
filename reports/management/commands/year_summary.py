"""Print a council's year figures, counted from the records, as JSON or a table."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork.selectors import CouncilNotFound, council_for_summary
from reports.figure_table import sections
from reports.figures import year_figures


def _rows(figures):
    """(label, value) rows of the readable table, in the order of the page's figures.

    The same table of figures as the page, the chart and the workbook; a council with
    no councils below shows no rows for them.
    """
    rows = []
    for section in sections(figures):
        rows.append((str(section.title), None))
        rows.extend(("  " + str(spec.label), figures.value(spec.key)) for spec in section.specs)
    return rows


class Command(BaseCommand):
    help = "Print a council's figures for a year, counted from its records."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--council", help="council code (slug); default: the top council")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, year, council, json: bool = False, **options):
        try:
            chosen = council_for_summary(council)
        except CouncilNotFound as error:
            raise CommandError(str(error)) from None
        figures = year_figures(council=chosen, year=year)
        if json:
            self.stdout.write(_dumps(figures.as_dict()))
            return
        self.stdout.write(
            _("Figures of %(year)s – %(council)s") % {"year": year, "council": chosen}
        )
        rows = _rows(figures)
        width = max(len(label) for label, _value in rows) + 2
        for label, value in rows:
            # Administrative reports write small counts with two digits: 04, 02.
            self.stdout.write(label if value is None else f"{label:<{width}}{value:02d}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
