"""What a file must be before its rows are read: this format, a version we read."""

from django.utils.translation import gettext as _

from . import FORMAT, READ_VERSIONS, ExchangeError
from .jsonfile import RawSheets
from .spec import BY_NAME
from .values import INT, CellError, parse


def check_header(meta: dict) -> None:
    """Refuse anything but this format, and any version this program does not read
    (it reads every version up to its own: a workbook of version 1 still imports)."""
    if meta.get("format") != FORMAT:
        raise ExchangeError(
            _("This is not a %(format)s file (no “format: %(format)s” in its header).")
            % {"format": FORMAT}
        )
    try:
        version = parse(INT, meta.get("version"))
    except CellError:
        version = None
    if version not in READ_VERSIONS:
        raise ExchangeError(
            _(
                "The file is version %(version)s of the format; this program reads versions "
                "%(versions)s."
            )
            % {
                "version": meta.get("version"),
                "versions": ", ".join(str(v) for v in READ_VERSIONS),
            }
        )
    return version


def ignored_parts(sheets: RawSheets) -> list[str]:
    """Warnings for the sheets and columns this version does not know (newer, additive)."""
    warnings = []
    for name, rows in sheets.items():
        if name not in BY_NAME:
            warnings.append(
                _("Sheet “%(sheet)s” is not part of the format: ignored.") % {"sheet": name}
            )
            continue
        unknown = sorted({c for _number, row in rows for c in row} - set(BY_NAME[name].columns))
        if unknown:
            warnings.append(
                _("Sheet “%(sheet)s”: columns not part of the format, ignored: %(columns)s.")
                % {"sheet": name, "columns": ", ".join(unknown)}
            )
    return warnings
