"""Print a council's year figures, counted from the records, as JSON or a table."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork.selectors import CouncilNotFound, council_for_summary
from reports.figures import year_figures


def _rows(figures):
    """(label, value) rows of the readable table, in the order of the year-end report."""
    s, o = figures.council_sessions, figures.council_oversight
    ws, wo = figures.ward_sessions, figures.ward_oversight
    a, p = figures.awards, figures.pledges_next_year
    return [
        (_("Council sessions"), s["total"]),
        ("  " + _("regular"), s["regular"]),
        ("  " + _("thematic"), s["thematic"]),
        (_("Council resolutions"), figures.council_resolutions),
        (_("Council oversight and surveys"), o["total"]),
        ("  " + _("thematic oversight"), o["thematic"]),
        ("  " + _("regular oversight"), o["regular"]),
        ("  " + _("surveys"), o["survey"]),
        ("  " + _("interpellation sessions"), o["interpellation"]),
        (_("Ward council sessions"), ws["total"]),
        ("  " + _("regular"), ws["regular"]),
        ("  " + _("thematic"), ws["thematic"]),
        (_("Ward council resolutions"), figures.ward_resolutions),
        (_("Ward council oversight and surveys"), wo["total"]),
        ("  " + _("thematic oversight"), wo["thematic"]),
        ("  " + _("regular oversight"), wo["regular"]),
        ("  " + _("surveys"), wo["survey"]),
        ("  " + _("interpellation sessions"), wo["interpellation"]),
        (_("Awards to collectives"), a["collective"]),
        (_("Awards to individuals"), a["individual"]),
        (_("Pledges signed for %(year)s") % {"year": figures.year + 1}, p["total"]),
        ("  " + _("by committees"), p["committee"]),
        ("  " + _("by deputy groups"), p["deputy_group"]),
        ("  " + _("by standing committees"), p["standing_committee"]),
    ]


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
            self.stdout.write(f"{label:<{width}}{value:02d}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
