"""The shape of a cached summary, as a short fingerprint for its cache keys.

A summary is cached as the pickled ``YearSummary`` (its ``YearFigures`` inside) and as
rendered HTML. The data's versions key out every change of the records, but not a
deploy that changes what a summary holds: a new field of ``YearFigures``, a new kind
of oversight activity (a new row of figures), a new column of a council's row. So the
keys also carry ``FIGURES_SCHEMA``, derived from the code itself: every dataclass a
``YearSummary`` is made of, field by field with its type, and the names that key its
dicts of counts. Nobody has to remember to bump it for such changes.

``EDITION`` is for what the fingerprint cannot see: a figure that keeps its name and
type but counts something else. Bump it then.

The rendered parts and pages (reports.page_parts) also carry ``rendering_edition()``,
a fingerprint of the files that render them as deployed: every template, the compiled
translations, and the code of every app of the project (each ``*.py`` and template of
the installed apps that live in the project's folder, not those of Django or other
packages in the virtualenv), since a page's header menu, context processors, links and
admin links come from other apps' code too. A deploy that changes only a template, a
translation or any app's code gets new keys, so no page rendered by the old files is
served after it.

It is computed from the files themselves, once per process at its first use (a few
hundred small files, read in some milliseconds): it needs no git checkout and no
environment variable someone must remember to set, and it is the same on every node
that runs the same files, on a fresh clone as in production. The pinned requirements
(``requirements/*.txt``) are in it too, so an upgrade of Django's own templates or of
a package shipped with its pin also gets new keys. A change of what is installed
without a change of the pins is not seen: bump ``EDITION`` then.
"""

import dataclasses
import functools
import hashlib
import typing
from pathlib import Path

from campaigns.models import Classification
from councilwork.models import BodyKind, CouncilLevel
from oversight.models import ActivityKind
from sessions.models import SessionKind

from . import figures
from .types import YearSummary

EDITION = 1

# The names that become keys of YearFigures' dicts (one row of figures each).
VOCABULARIES = {
    "digital": figures.DIGITAL,
    "attendance": figures.ATTENDANCE,
    "cases": figures.CASES,
    "petitions": figures.PETITIONS,
    "work": figures.WORK,
    "activity_kinds": tuple(ActivityKind.values),
    "session_kinds": tuple(SessionKind.values),
    "body_kinds": tuple(BodyKind.values),
    "levels": tuple(CouncilLevel.values),
    "classifications": tuple(Classification.values),
}


def shape_of(root: type, vocabularies: dict | None = None, edition: int = EDITION) -> str:
    """A fingerprint of the dataclass ``root`` and of every dataclass its fields hold
    (at any depth), with ``vocabularies`` and ``edition``: 12 hex digits."""
    seen: dict[type, tuple[str, list[tuple[str, str]]]] = {}
    pending = [root]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        hints = typing.get_type_hints(cls)
        fields = [(f.name, repr(hints.get(f.name, f.type))) for f in dataclasses.fields(cls)]
        seen[cls] = (f"{cls.__module__}.{cls.__qualname__}", fields)
        for f in dataclasses.fields(cls):
            pending += _dataclasses_in(hints.get(f.name, f.type))
    text = repr((sorted(seen.values()), sorted((vocabularies or {}).items()), edition))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _dataclasses_in(hint) -> list[type]:
    """The dataclasses named by a type hint, inside list[...], X | None and the like."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return [hint]
    found = []
    for arg in typing.get_args(hint):
        found += _dataclasses_in(arg)
    return found


FIGURES_SCHEMA = shape_of(YearSummary, VOCABULARIES)


def files_fingerprint(roots, patterns) -> str:
    """12 hex digits of the names and contents of the files under ``roots`` matching
    ``patterns`` (glob patterns, searched recursively); missing roots count as empty."""
    parts = []
    for root in map(Path, roots):
        found = sorted({path for pattern in patterns for path in root.rglob(pattern)})
        for path in found:
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue  # a hidden folder: a virtualenv, a cache
            parts += [f"{root.name}/{path.relative_to(root)}".encode(), path.read_bytes()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:12]


@functools.cache
def rendering_edition() -> str:
    """What renders a page, as this process found it at its first use: the templates,
    the compiled translations, the code and templates of the project's apps and the
    pinned requirements (see the module's docstring)."""
    from django.conf import settings

    templates = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    files = files_fingerprint(
        [*templates, *settings.LOCALE_PATHS, *project_app_folders()], ["*.html", "*.mo", "*.py"]
    )
    pins = files_fingerprint([Path(settings.BASE_DIR) / "requirements"], ["*.txt"])
    return hashlib.sha256(f"{files}:{pins}".encode()).hexdigest()[:12]


def project_app_folders() -> list[Path]:
    """The folders of the installed apps that are the project's own: under BASE_DIR and
    in no hidden folder (.venv) nor site-packages."""
    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR).resolve()
    folders = []
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve()
        if not folder.is_relative_to(base):
            continue
        parts = folder.relative_to(base).parts
        if any(part.startswith(".") or part == "site-packages" for part in parts):
            continue
        folders.append(folder)
    return sorted(set(folders))
