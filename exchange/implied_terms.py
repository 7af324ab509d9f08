"""The term a row implies: the council's term that covers the row's own date.

A session's term covers its start date; a resolution's, a document's, a roll of
attendance's or a vote's session is the council's session of that number nearest the
row's date (the same term's numbers are years apart), from the file or the database;
a deputy's term covers the day the seat began, or is the council's only term in the
file's year; a membership's covers its start. The terms are the file's (its "terms"
sheet) and the database's, read once for all the file's councils.
"""

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from councilwork.models import Term
from sessions.models import Session

from .jsonfile import RawSheets
from .labels import label
from .sheet import Sheet
from .spec import BY_NAME
from .values import INT, CellError, is_empty, parse

NEAREST = dt.timedelta(days=366)  # a session's rows are dated within a year of its opening
# Sheets citing a session: (term column, session number column, the row's dates, best first).
SESSION_ROWS = {
    "resolutions": ("session_term_start", "session_number", ("adopted_on",)),
    "session_documents": (
        "session_term_start",
        "session_number",
        ("resolution_adopted_on", "issued_on", "sent_at"),
    ),
    "attendance": ("term_start", "session_number", ("sitting_day",)),
    "votes": ("term_start", "session_number", ("voted_on", "resolution_adopted_on")),
    "voter_meetings": ("session_term_start", "session_number", ("date",)),
}
# Where a row's term start is, and the council beside it.
TERM_COLUMNS = {
    "sessions": ("term_start", "council"),
    "deputies": ("term_start", "council"),
    "memberships": ("term_start", "council"),
    "roll_call_votes": ("term_start", "council"),
    "scorecards": ("subject_deputy_term_start", "subject_deputy_council"),
    "scores": ("subject_deputy_term_start", "subject_deputy_council"),
    **{name: (columns[0], "council") for name, columns in SESSION_ROWS.items()},
}


def empty(row: dict, column: str) -> bool:
    """Whether the cell is absent or empty (only such a cell is ever filled)."""
    return column not in row or is_empty(row[column])


def value(sheet: Sheet, row: dict, column: str):
    """The cell read as its column's type; None when empty or unreadable (the parser says)."""
    try:
        return parse(sheet.kind(column), row.get(column))
    except (CellError, TypeError):
        return None


def day_of(sheet: Sheet, row: dict, column: str) -> dt.date | None:
    read = value(sheet, row, column)
    return read.date() if isinstance(read, dt.datetime) else read


def fill_terms(meta: dict, sheets: RawSheets) -> list[str]:
    """Fill every empty term start the row's council and dates imply; warnings."""
    wanting = _wanting(sheets)
    if not wanting:
        return []  # nothing left out: no query
    councils = {council for council, _row in wanting}
    filler = _Filler(meta, sheets, _Terms(sheets, councils))
    return filler.run()


def _wanting(sheets: RawSheets) -> list[tuple[str, dict]]:
    """The rows whose term start is left out, with the council beside it."""
    wanting = []
    for name, (term_column, council_column) in TERM_COLUMNS.items():
        sheet = BY_NAME[name]
        for _number, row in sheets.get(name, []):
            council = value(sheet, row, council_column)
            if council and empty(row, term_column):
                wanting.append((council, row))
    return wanting


class _Terms:
    """The terms of the file's councils: the file's, then the database's (one query)."""

    def __init__(self, sheets: RawSheets, councils: set[str]):
        self.by_council: dict[str, dict[dt.date, dt.date | None]] = defaultdict(dict)
        stored = Term.objects.filter(council__slug__in=councils).values_list(
            "council__slug", "start_date", "end_date"
        )
        for council, start, end in stored:
            self.by_council[council][start] = end
        sheet = BY_NAME["terms"]
        for _number, row in sheets.get("terms", []):
            council, start = value(sheet, row, "council"), value(sheet, row, "start_date")
            if council in councils and start:
                self.by_council[council][start] = value(sheet, row, "end_date")

    def covering(self, council: str, day: dt.date) -> list[dt.date]:
        return [
            start
            for start, end in self.by_council[council].items()
            if start <= day and (end is None or day <= end)
        ]

    def in_year(self, council: str, year: int | None) -> list[dt.date]:
        """The terms that overlap ``year`` (all the council's terms without a year)."""
        return [
            start
            for start, end in self.by_council[council].items()
            if year is None or (start.year <= year and (end is None or end.year >= year))
        ]


class _Filler:
    def __init__(self, meta: dict, sheets: RawSheets, terms: _Terms):
        self.sheets, self.terms, self.warnings = sheets, terms, []
        try:
            self.year = parse(INT, meta.get("year"))
        except (CellError, TypeError):
            self.year = None
        self._sessions: dict | None = None

    def run(self) -> list[str]:
        self.fill_sessions()
        self.fill_seats()
        for name in SESSION_ROWS:
            self.fill_session_rows(name)
        self.fill_roll_calls()
        for name in ("scorecards", "scores"):
            self.fill_subjects(name)
        return self.warnings

    def rows(self, name: str):
        """The rows of ``name`` whose term is left out: (number, row, council)."""
        term_column, council_column = TERM_COLUMNS[name]
        sheet = BY_NAME[name]
        for number, row in self.sheets.get(name, []):
            council = value(sheet, row, council_column)
            if council and empty(row, term_column):
                yield number, row, council

    def covering(self, name: str, number: int, council: str, day: dt.date) -> dt.date | None:
        starts = self.terms.covering(council, day)
        if len(starts) == 1:
            return starts[0]
        message = _(
            "Sheet “%(sheet)s”, row %(row)s: no term of council “%(council)s” covers "
            "%(date)s; type the term's start date in column “%(column)s”."
        )
        if starts:
            message = _(
                "Sheet “%(sheet)s”, row %(row)s: several terms of council “%(council)s” "
                "cover %(date)s; type the term's start date in column “%(column)s”."
            )
        self.warnings.append(
            message
            % {
                "sheet": name,
                "row": number,
                "council": council,
                "date": day.strftime("%d/%m/%Y"),
                "column": label(name, TERM_COLUMNS[name][0]),
            }
        )
        return None

    def fill_sessions(self) -> None:
        sheet = BY_NAME["sessions"]
        for number, row, council in self.rows("sessions"):
            day = day_of(sheet, row, "start_date")
            if day:
                start = self.covering("sessions", number, council, day)
                if start:
                    row["term_start"] = start

    def fill_seats(self) -> None:
        """Deputies by the start of the seat or the year; memberships by their start."""
        deputies = BY_NAME["deputies"]
        for number, row, council in self.rows("deputies"):
            day = day_of(deputies, row, "started_on")
            if day:
                start = self.covering("deputies", number, council, day)
            else:
                starts = self.terms.in_year(council, self.year)
                start = starts[0] if len(starts) == 1 else None
            if start:
                row["term_start"] = start
        seats = defaultdict(set)  # (person, council) → their terms in the file
        for _number, row in self.sheets.get("deputies", []):
            start = value(deputies, row, "term_start")
            if start:
                seats[(value(deputies, row, "person"), value(deputies, row, "council"))].add(start)
        memberships = BY_NAME["memberships"]
        for number, row, council in self.rows("memberships"):
            day = day_of(memberships, row, "start_date")
            known = seats.get((value(memberships, row, "person"), council), set())
            if day:
                start = self.covering("memberships", number, council, day)
            else:
                start = next(iter(known)) if len(known) == 1 else None
            if start:
                row["term_start"] = start

    def sessions(self) -> dict[tuple[str, int], list[tuple[dt.date, dt.date]]]:
        """Per (council, number), the sessions' (opening day, term start): file, then database."""
        if self._sessions is None:
            found = defaultdict(dict)
            sheet = BY_NAME["sessions"]
            for _number, row in self.sheets.get("sessions", []):
                key = (value(sheet, row, "council"), value(sheet, row, "number"))
                day, start = value(sheet, row, "start_date"), value(sheet, row, "term_start")
                if all(key) and day and start:
                    found[key][start] = day
            wanted = {
                (council, value(BY_NAME[name], row, SESSION_ROWS[name][1]))
                for name in SESSION_ROWS
                for _number, row, council in self.rows(name)
            }
            numbers = {number for _council, number in wanted if isinstance(number, int)}
            councils = {council for council, _number in wanted}
            stored = Session.objects.filter(
                council__slug__in=councils, number__in=numbers
            ).values_list("council__slug", "number", "term__start_date", "start_date")
            for council, number, start, day in stored:
                found[(council, number)].setdefault(start, day)
            self._sessions = {
                key: [(day, start) for start, day in terms.items()] for key, terms in found.items()
            }
        return self._sessions

    def session_term(self, council: str, number, day: dt.date) -> dt.date | None:
        """The term of the council's session ``number`` that opened nearest ``day``."""
        near = [
            (abs(opened - day), start)
            for opened, start in self.sessions().get((council, number), [])
            if abs(opened - day) <= NEAREST
        ]
        return min(near)[1] if near else None

    def fill_session_rows(self, name: str) -> None:
        term_column, number_column, dates = SESSION_ROWS[name]
        sheet = BY_NAME[name]
        for number, row, council in list(self.rows(name)):
            session = value(sheet, row, number_column)
            days = [day for day in (day_of(sheet, row, c) for c in dates) if day]
            if session is None or not days:
                continue
            start = self.session_term(council, session, days[0])
            if start is None:
                start = self.covering(name, number, council, days[0])
            if start:
                row[term_column] = start

    def fill_roll_calls(self) -> None:
        """A deputy's vote: the term of the vote it belongs to, in the file, else its date."""
        votes, sheet = BY_NAME["votes"], BY_NAME["roll_call_votes"]
        key_columns = ("council", "session_number", "resolution_adopted_on", "resolution_number")

        def key(of: Sheet, row: dict) -> tuple:
            return (*(value(of, row, c) for c in key_columns), value(of, row, "subject") or "")

        known = defaultdict(set)
        for _number, row in self.sheets.get("votes", []):
            start = value(votes, row, "term_start")
            if start:
                known[key(votes, row)].add(start)
        for number, row, council in list(self.rows("roll_call_votes")):
            starts = known.get(key(sheet, row), set())
            day = day_of(sheet, row, "resolution_adopted_on")
            session = value(sheet, row, "session_number")
            if len(starts) == 1:
                row["term_start"] = next(iter(starts))
            elif day and session is not None:
                start = self.session_term(council, session, day)
                start = start or self.covering("roll_call_votes", number, council, day)
                if start:
                    row["term_start"] = start

    def fill_subjects(self, name: str) -> None:
        """A deputy scored: the council's only term in the campaign's year."""
        sheet = BY_NAME[name]
        for _number, row, council in self.rows(name):
            if empty(row, "subject_deputy"):
                continue
            starts = self.terms.in_year(council, value(sheet, row, "year"))
            if len(starts) == 1:
                row["subject_deputy_term_start"] = starts[0]
