"""Build a large synthetic tree of councils with realistic yearly records, for performance work."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from councilwork.cache import bump_councils
from councilwork.progress import Progress
from devdata.bulk import plan
from devdata.bulk.build import seed_bulk
from devdata.bulk.remove import bulk_councils, users_bound_to_bulk


def _bounded(low: int, high: int):
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value

    parse.__name__ = f"integer from {low} to {high}"
    return parse


class Command(BaseCommand):
    help = (
        "Build a province tree of N synthetic ward/commune councils (codes bulk-…) with "
        "realistic yearly sessions, resolutions, oversight, campaigns, scorecards, awards "
        "and pledges; the same seed gives the same data. For performance measurements."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--councils",
            type=_bounded(1, 20000),
            default=100,
            help="Number of ward/commune councils, spread over up to 34 provinces (default 100).",
        )
        parser.add_argument(
            "--years",
            type=_bounded(1, 20),
            default=2,
            help=f"Number of full years of records, ending with {plan.END_YEAR} (default 2).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the generator (default 1)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the bulk data of an earlier run first (councils coded bulk-…).",
        )

    def handle(self, *args, councils, years, seed, replace, **options):
        existing = bulk_councils().count()
        if existing and not replace:
            raise CommandError(
                _(
                    "The database already holds bulk data (%(count)s councils with codes "
                    "starting “bulk-”). Run the command again with --replace to delete it first."
                )
                % {"count": existing}
            )
        users = users_bound_to_bulk() if replace else []
        if users:
            raise CommandError(
                _("The bulk data cannot be replaced: logins belong to its councils: %(users)s.")
                % {"users": ", ".join(users)}
            )
        started = time.perf_counter()
        verbose = options["verbosity"] >= 1
        try:
            writer = seed_bulk(
                councils=councils,
                years=years,
                seed=seed,
                replace=replace,
                out=self.stdout.write if verbose else lambda line: None,
                progress=lambda total, unit: Progress(
                    self.stdout, total, unit, verbosity=options["verbosity"]
                ),
            )
        except IntegrityError as error:
            raise CommandError(
                _("The bulk data could not be written or replaced: %(error)s") % {"error": error}
            ) from error
        # Bulk writes send no signals: move the figures' versions of every bulk council
        # (and so of the councils above them) explicitly.
        bump_councils(list(bulk_councils().values_list("pk", flat=True)))
        if verbose:
            self._report(writer, time.perf_counter() - started)

    def _report(self, writer, seconds: float) -> None:
        self.stdout.write(f"{'model':<36}{'rows':>10}{'history':>10}{'seconds':>9}{'rows/s':>10}")
        for label, tally in writer.tallies.items():
            rate = (tally.rows + tally.history) / tally.seconds if tally.seconds else 0
            self.stdout.write(
                f"{label:<36}{tally.rows:>10,}{tally.history:>10,}{tally.seconds:>9.1f}{rate:>10,.0f}"
            )
        total = writer.rows()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {total:,} rows (history included) in {seconds:.1f} s "
                f"({total / seconds:,.0f} rows/s)."
            )
        )
