"""Reading a file's rows before anything is written: every cell's error, at once.

Every cell of every sheet is read as its column's type, and a choice as its code
(labels and synonyms accepted, see synonyms); a cell that cannot be read is an error
of its row, and the reading goes on, so a file's every such mistake is reported in one
run. The template's example rows are recognised here, and an example's value left in
a row of the person's own (see examples). Nothing here queries the database.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sessions.models import Resolution

from .errors import RowError, shown
from .examples import is_example, leaked
from .implied import WRITTEN_NUMBER
from .jsonfile import RawSheets
from .labels import label
from .sheet import Sheet
from .spec import SHEETS
from .values import CellError, checked_choice, parse


@dataclass(frozen=True)
class Row:
    """A row read: its number in the file, its cells as typed and as values."""

    number: int
    raw: dict
    values: dict
    example: bool = False  # the template's example, left as it was: skipped


def read_rows(
    sheets: RawSheets, *, example_rows: bool = False
) -> tuple[dict[str, list[Row]], list[RowError]]:
    """Per sheet (in dependency order) the rows read without error; every cell's error.

    ``example_rows``: the file's template held an example row (version 1), skipped when
    left as it was. From version 2 the template holds none, so a row that is the example
    was copied from the guide: refused, as any example value left in a row is.
    """
    read, errors = {}, []
    for sheet in SHEETS:
        read[sheet.name] = []
        for number, raw in sheets.get(sheet.name, []):
            values, problems = parse_row(sheet, number, raw)
            if not problems:
                example = example_rows and is_example(sheet.name, values)
                leak = None if example else leaked(sheet.name, values)
                if leak:
                    typed = raw.get(leak.column)
                    problems = [RowError(sheet.name, number, leak.column, leak.message, typed)]
                else:
                    read[sheet.name].append(Row(number, raw, values, example))
            errors.extend(problems)
    return read, errors


def parse_row(sheet: Sheet, number: int, raw: dict) -> tuple[dict, list[RowError]]:
    """The row's known columns as typed values (choices as codes), and its cells' errors."""
    values, errors = {}, []
    for column in sheet.columns:
        if column not in raw:
            continue  # an absent column leaves the field as it is
        field = sheet.field_of(column)
        try:
            value = parse(sheet.kind(column), raw[column])
            if isinstance(value, str):
                value = checked_choice(field, value, label(sheet.name, column))
        except CellError as error:
            message = _number_with_symbol(sheet, column, field, raw[column]) or str(error)
            errors.append(RowError(sheet.name, number, column, message, raw[column]))
            continue
        values[column] = value
    return values, errors


def _number_with_symbol(sheet: Sheet, column: str, field, typed) -> str | None:
    """Where a resolution's number and symbol typed in one cell ("01/NQ-HĐND") go."""
    if not (field.model is Resolution and field.name == "number" and isinstance(typed, str)):
        return None
    match = WRITTEN_NUMBER.match(typed.strip())  # "01/NQ-HĐND", "Số 01/NQ-HĐND"
    if not match or match["symbol"] is None:
        return None
    parts = {
        "value": typed.strip(),
        "number": match["digits"],
        "symbol": match["symbol"],
        "number_column": label(sheet.name, column),
        "symbol_column": label("resolutions", "symbol"),
    }
    if sheet.name == "resolutions":
        return (
            _(
                "Number “%(value)s”: write the number in the column “%(number_column)s” "
                "(%(number)s) and the symbol in the column “%(symbol_column)s” (%(symbol)s)."
            )
            % parts
        )
    return (
        _(
            "Number “%(value)s”: write only the number (%(number)s) in this column; the "
            "symbol (%(symbol)s) goes in the column “%(symbol_column)s” of the sheet "
            "“resolutions”."
        )
        % parts
    )


def achievement_years(rows: list[Row]) -> list[str]:
    """Warnings for award decisions whose achievement year is neither the decision's year
    nor the year before (a decision of March 2024 rewards 2023, or 2024)."""
    warnings = []
    for row in rows:
        year, decided = row.values.get("year"), row.values.get("decision_date")
        if row.example or year is None or decided is None:
            continue
        if year in (decided.year - 1, decided.year):
            continue
        warnings.append(
            _(
                "Sheet “%(sheet)s”, row %(row)s: the achievement year %(year)s is neither the "
                "decision's year (%(decision_year)s) nor the year before; check the column "
                "“%(column)s” (the year of the achievement, not of the decision of %(date)s)."
            )
            % {
                "sheet": "award_decisions",
                "row": row.number,
                "year": year,
                "decision_year": decided.year,
                "column": label("award_decisions", "year"),
                "date": shown(decided),
            }
        )
    return warnings
