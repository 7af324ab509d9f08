"""Loading a file: every row found by its natural key, then created, updated or left alone.

All or nothing: the whole file is one transaction. Every cell of every sheet is read
before anything is written (see rows), and every cell that cannot be read is reported
at once, with nothing written. Then the rows are loaded; a row that points to a record
that does not exist or fails the model's validation (``full_clean()``: the same rules
and Vietnamese messages as the admin) is an error with its sheet, row and column, and
the loading goes on with the next row, so every such error is reported in one run (a
refused row writes nothing; a database error, which ends the transaction on PostgreSQL,
has the whole file loaded again with each row in a savepoint, so a file without errors
never pays for the savepoints); the rows that refer to a row with an error are not
checked (they could not find it), only counted. Any error rolls the whole file back
(ImportErrors, see errors). Rows are saved one by one, and only when something changed,
so a second import of the same file writes nothing (their history rows inserted per
sheet, see history); a sheet's stored records are read at once, and a row finds the
records it refers to without a query (see finding, known). An issued decision and its
awards, and a decided dossier and its nominees, are refused any change (see locks). A
session document's file is read from the folder given beside the file (see files); the
deputies present at a reception day or a meeting with voters are a list of names (see
lists). An empty cell of a citizen's personal data (exported only on request) leaves the
stored value as it is.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from awards.recipients import recipient_key
from campaigns.models import Score, Scorecard
from councilwork.cache import deferred
from councilwork.models import User

from .batches import Batches, way
from .checks import check_header, ignored_parts
from .errors import ImportErrors, RowError, refused_by_database
from .errors import shown as _shown
from .files import DocumentFiles, FileProblem
from .finding import Ambiguous, Finder, Retry, for_field, full_clean
from .history import Histories
from .implied import fill
from .jsonfile import RawSheets
from .known import Known
from .labels import label
from .lists import ListProblem, chosen, differs, store
from .locks import Locks
from .rows import Row, achievement_years, read_rows
from .session_locks import SessionLocks
from .spec import SHEETS, YEAR_OF, Sheet
from .uniques import Uniques
from .values import USERNAME

__all__ = ["Counts", "ImportErrors", "Report", "RowError", "load"]

HISTORY_REASON_LENGTH = 100  # the history's change-reason column


def _missing() -> str:
    return _("This column is missing: add it to the sheet.")


class _Unchecked(Exception):
    """A row that refers to a row with an error: it cannot be checked."""


class _Refused(Exception):
    """A row that fails the model's validation, in one or more columns."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # the template's example rows, left as they were


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load(
    meta: dict,
    sheets: RawSheets,
    *,
    dry_run: bool = False,
    reason: str = "",
    progress=None,
    files: Path | None = None,
) -> Report:
    """Create or update every row of ``sheets`` in one transaction; the counts per sheet.

    ``reason`` is written in the history of every row saved (e.g. the file's name);
    ``progress`` (a councilwork.progress.Progress factory: total, unit) counts the rows;
    ``files`` is the folder of the session documents' files (see files.py). Raises
    ImportErrors with every error of the file; then nothing was written.
    """
    version = check_header(meta)
    report = Report(warnings=ignored_parts(sheets))
    report.warnings.extend(fill(meta, sheets))  # the cells the file implies (see implied)
    parsed, errors = read_rows(sheets, example_rows=version < 2)
    report.warnings.extend(achievement_years(parsed["award_decisions"]))
    if errors:
        raise ImportErrors(errors, warnings=report.warnings)
    run = (parsed, reason[:HISTORY_REASON_LENGTH], files, progress, dry_run)
    try:
        loader = _load_all(*run, savepoints=False)
    except Retry:
        # A database error: on PostgreSQL it ends the transaction, so every row is
        # loaded again in a savepoint of its own, to report all the file's errors.
        loader = _load_all(*run, savepoints=True)
    if loader.errors:
        raise ImportErrors(loader.errors, unchecked=loader.unchecked, warnings=report.warnings)
    report.counts = loader.counts
    return report


def _load_all(parsed, reason, files, progress, dry_run, *, savepoints: bool) -> "_Loader":
    """Every sheet in one transaction, rolled back on an error or a dry run.

    Without ``savepoints`` (the fast way, taken first) a row's database error raises
    Retry; a row refused by the rules is noted either way, as it writes nothing.
    """
    loader = _Loader(reason, DocumentFiles(files), savepoints=savepoints)
    shown = progress(sum(map(len, parsed.values())), _("rows")) if progress else None
    try:
        with transaction.atomic(), deferred():  # the figures' bumps once, at the end
            for sheet in SHEETS:
                loader.counts[sheet.name] = loader.load_sheet(sheet, parsed[sheet.name], shown)
            if not loader.errors:
                loader.bump_versions()
            if dry_run or loader.errors:
                transaction.set_rollback(True)
        if dry_run or loader.errors:
            loader.files.discard()
    except BaseException:
        loader.files.discard()  # storage is not part of the transaction
        raise
    finally:
        if shown:
            shown.close()
    return loader


class _Loader(Finder):
    """Loads sheets in dependency order, remembering the records that rows refer to."""

    def __init__(self, reason: str, files: DocumentFiles, *, savepoints: bool = True):
        self.reason = reason
        self.savepoints = savepoints
        self.counts: dict[str, Counts] = {}
        self.known = Known()  # the stored records the rows name (fast way only)
        self.histories = Histories()  # the saves' history rows (fast way only)
        self.uniques = None if savepoints else Uniques()  # see uniques
        self.batches = Batches(self.histories)  # new records inserted together
        self.ways: dict[tuple, str] = {}  # per sheet and model: how a row is saved
        self.files = files
        self.found: dict[tuple[str, tuple], models.Model] = {}
        self.users: dict[str, User | None] = {}
        self.new_scorecards: set[int] = set()
        self.rescored: set[int] = set()
        self.locks = Locks()
        self.session_locks = SessionLocks()
        self.errors: list[RowError] = []
        self.unchecked = 0  # rows referring to a row with an error
        self.failed_keys: dict[str, set[tuple]] = {}
        self.row_lookup = self.row_record = None  # the row being loaded: its key, record

    def load_sheet(self, sheet: Sheet, rows: list[Row], shown=None) -> Counts:
        """Load the sheet's rows, already read (see rows); a row's error is noted, not raised."""
        counts, seen = Counts(), {}
        if not self.savepoints:
            self.prefetch(sheet, rows)
        for row in rows:
            if shown:
                shown.advance()
            if row.example:
                counts.skipped += 1
                continue
            try:
                if self.savepoints:
                    with transaction.atomic():  # a savepoint: a refused row leaves no trace
                        outcome = self.load_row(sheet, row.number, row.values, seen)
                else:  # a refused row wrote nothing; a database error raises Retry
                    outcome = self.load_row(sheet, row.number, row.values, seen)
            except _Unchecked:
                self.unchecked += 1
                self.failed(sheet, row)
                continue
            except (RowError, _Refused) as error:
                for each in error.errors if isinstance(error, _Refused) else [error]:
                    typed = row.raw.get(each.column)
                    self.errors.append(
                        RowError(each.sheet, each.row, each.column, each.message, typed)
                    )
                self.failed(sheet, row)
                continue
            except DatabaseError as error:  # a value the database cannot store or compare
                if not self.savepoints:
                    raise Retry from error
                message = refused_by_database(sheet.name, error)
                self.errors.append(RowError(sheet.name, row.number, sheet.key_label, message))
                self.failed(sheet, row)
                continue
            setattr(counts, outcome, getattr(counts, outcome) + 1)
            self.remember(sheet, row)
            if self.uniques is not None:  # its values are the database's now
                self.uniques.loaded(self.row_record)
        self.batches.flush()  # the next sheets refer to these records by primary key
        if self.errors:
            self.histories.discard()  # the file is rolled back
        try:
            self.histories.write()
        except DatabaseError as error:
            raise Retry from error
        return counts

    def failed(self, sheet: Sheet, row: Row) -> None:
        """Remember a row with an error: the rows that refer to it are then not checked."""
        key = tuple(row.values.get(column) for column in sheet.key_columns)
        self.failed_keys.setdefault(sheet.name, set()).add(key)
        if self.row_lookup is not None:
            self.known.forget(sheet, self.row_lookup)

    def load_row(self, sheet: Sheet, number: int, parsed: dict, seen: dict) -> str:
        self.row_lookup = self.row_record = None
        targets = self.resolve_refs(sheet, number, parsed)
        lookup = self.key_lookup(sheet, number, parsed, targets)
        identity = tuple((k, getattr(v, "pk", v)) for k, v in lookup.items())
        if identity in seen:
            message = _(
                "This row repeats the key of row %(row)s: delete one of the two rows, or "
                "correct its key."
            ) % {"row": seen[identity]}
            raise RowError(sheet.name, number, sheet.key_label, message)
        seen[identity] = number
        record = self.existing(sheet, number, lookup) or sheet.model()
        self.row_lookup, self.row_record = lookup, record
        before = _snapshot(record) if record.pk else None
        closed = self.locks.closing(sheet.name, record, targets)
        self.assign(sheet, record, parsed, targets)
        if sheet.handled:
            try:
                self.files.prepare(record, parsed)
            except FileProblem as error:
                raise RowError(sheet.name, number, error.column, error.message) from None
        if closed is not None and (before is None or _snapshot(record) != before):
            column = _changed_column(sheet, record, before, self.locks.parent(sheet.name))
            raise RowError(sheet.name, number, column, self.locks.refusal(sheet.name, closed))
        self.session_locks.take(sheet.name, record)
        try:
            full_clean(record, found=targets, uniques=self.uniques)
        except ValidationError as error:
            raise _Refused(
                [
                    RowError(sheet.name, number, sheet.column_for(name), " ".join(messages))
                    for name, messages in error.message_dict.items()
                ]
            ) from None
        try:
            lists = chosen(sheet, record, parsed)  # the deputies present (see lists)
        except ListProblem as error:
            raise RowError(sheet.name, number, error.column, error.message) from None
        if sheet.handled:
            self.files.finish(record)
        if before is not None and _snapshot(record) == before:
            self.locks.saved(sheet.name, record, closed)
            if differs(record, lists):
                store(record, lists)
                return "updated"
            return "unchanged"
        self.note_workflow(record, created=before is None)
        record._change_reason = self.reason  # read by django-simple-history
        if (sheet.name, type(record)) not in self.ways:  # Model.history: built per access
            self.ways[sheet.name, type(record)] = way(sheet, type(record), self.savepoints)
        saving = self.ways[sheet.name, type(record)]
        if saving == "batch" and before is None:  # inserted with the batch (see batches)
            self.batches.add(record)
        elif saving == "save":
            record.save()
        else:  # its history row is inserted with the sheet's (see history)
            self.histories.save(record)
        store(record, lists)
        self.files.saved(record)
        self.locks.saved(sheet.name, record, closed)
        if before is None and isinstance(record, Scorecard):
            self.new_scorecards.add(record.pk)
        return "created" if before is None else "updated"

    def resolve_refs(self, sheet: Sheet, number: int, parsed: dict) -> dict:
        """Per foreign key whose columns are all in the row, the record its key names."""
        targets = {}
        for ref in sheet.refs:
            missing = [c for c in ref.columns if c not in parsed]
            if missing:
                if ref.field in sheet.key:
                    raise RowError(sheet.name, number, missing[0], _missing())
                continue
            own = sheet.own_columns(ref)
            if all(parsed[c] is None for c in own):
                targets[ref.field] = None
                continue
            values = tuple(parsed[c] for c in ref.columns)
            try:
                target = self.find(ref.target, values)
            except Ambiguous as error:
                raise RowError(sheet.name, number, ", ".join(own), str(error)) from None
            if target is None:
                if values in self.failed_keys.get(ref.sheet, ()):
                    raise _Unchecked  # the row it refers to has an error, already reported
                shown = ", ".join(
                    f"{label(sheet.name, c)} {_shown(parsed[c])}"
                    for c in ref.columns
                    if parsed[c] is not None
                )
                message = _(
                    "No record of “%(sheet)s” has this key (%(key)s); it must exist already "
                    "or come earlier in the file."
                ) % {"sheet": ref.sheet, "key": shown}
                raise RowError(sheet.name, number, ", ".join(own), message)
            targets[ref.field] = target
        return targets

    def key_lookup(self, sheet: Sheet, number: int, parsed: dict, targets: dict) -> dict:
        """The row's natural key as an ORM lookup (references already resolved)."""
        lookup = {}
        for part in sheet.key:
            if sheet.ref_for(part):
                lookup[part] = targets[part]
                continue
            column = part.removesuffix(YEAR_OF)
            if column not in parsed:
                raise RowError(sheet.name, number, column, _missing())
            value = for_field(sheet.model._meta.get_field(column), parsed[column])
            lookup[part] = value.year if part.endswith(YEAR_OF) and value else value
        return recipient_key(lookup)  # an organisation by its name as stored (spaces one)

    def assign(self, sheet: Sheet, record, parsed: dict, targets: dict) -> None:
        for column in sheet.fields:
            if column not in parsed or column in sheet.handled or column in sheet.lists:
                continue
            if column in sheet.personal and parsed[column] is None:
                continue  # personal data left out of the file: the stored value stays
            model_field = sheet.model._meta.get_field(column)
            if sheet.kind(column) == USERNAME:
                setattr(record, column, self.user(parsed[column]))
            else:
                setattr(record, model_field.attname, for_field(model_field, parsed[column]))
        for name, target in targets.items():
            setattr(record, name, target)

    def user(self, username: str | None):
        """A login by username; one that does not exist here is left empty, not created."""
        if username and username not in self.users:
            self.users[username] = User.objects.filter(username=username).first()
        return self.users.get(username) if username else None

    def note_workflow(self, record, *, created: bool) -> None:
        """A changed scorecard gets a new version, so a form opened before the import is refused."""
        if isinstance(record, Scorecard) and not created:
            record.version += 1
        elif isinstance(record, Score) and record.scorecard_id not in self.new_scorecards:
            self.rescored.add(record.scorecard_id)

    def bump_versions(self) -> None:
        for scorecard in Scorecard.objects.filter(pk__in=self.rescored):
            scorecard.version += 1
            scorecard.full_clean()
            scorecard._change_reason = self.reason
            scorecard.save(update_fields=["version"])


def _changed_column(sheet: Sheet, record, before: dict | None, parent: str | None) -> str:
    """Where a refused change is shown: a new row's parent, or the first changed column."""
    if before is None:
        return sheet.column_for(parent) if parent else sheet.key_label
    after = _snapshot(record)
    for model_field in record._meta.concrete_fields:
        if (
            model_field.attname in after
            and after[model_field.attname] != before[model_field.attname]
        ):
            return sheet.column_for(model_field.name)
    return sheet.key_label


def _snapshot(record) -> dict:
    """The record's own values (not a generated column: the database's, read again)."""
    fields = record._meta.concrete_fields
    return {f.attname: getattr(record, f.attname) for f in fields if not f.generated}
