"""Apps import only the apps below them, as the table says; a new app must join the table.

The layers, lowest first:
1. councilwork: the project and the core (organisation, users and roles, access, the
   record registry, the figures' versions);
2. sessions, oversight, awards, voters: the council's records;
3. campaigns: the emulation domain;
4. reports: the year's figures and everything that shows them; search: the site search;
5. exchange (a year's records in and out) and devdata (demo and bulk data).
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

RECORDS = {"sessions", "oversight", "awards", "voters"}
ALLOWED = {
    "councilwork": set(),
    "sessions": {"councilwork"},
    "oversight": {"councilwork"},
    "awards": {"councilwork"},
    "voters": {"councilwork"},
    "campaigns": {"councilwork", *RECORDS},
    "reports": {"councilwork", *RECORDS, "campaigns"},
    "search": {"councilwork", *RECORDS, "campaigns"},
    "exchange": {"councilwork", *RECORDS, "campaigns"},
    "devdata": {"councilwork", *RECORDS, "campaigns"},
}
BASE = Path(settings.BASE_DIR)


def _imports(path: Path, package: str) -> set[str]:
    """The dotted modules ``path`` imports, relative imports resolved within ``package``."""
    found = set()
    parts = path.relative_to(BASE).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(parts[: len(parts) - node.level])
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
    return found


def _apps() -> set[str]:
    """Every top-level package of the project that is a Django app."""
    return {p.parent.name for p in BASE.glob("*/apps.py")}


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (BASE / app).rglob("*.py"):
        found |= {module.split(".")[0] for module in _imports(path, app)}
    return (found & _apps()) - {app}


def test_every_app_is_in_the_table():
    assert _apps() == set(ALLOWED), "a new app needs its row in ALLOWED"


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_apps_below_it(app):
    assert imported_apps(app) <= ALLOWED[app]


def test_the_bulk_vocabulary_does_not_borrow_the_demo():
    vocab = _imports(BASE / "devdata" / "bulk" / "vocab.py", "devdata")
    assert not any(module.startswith("devdata.demo") for module in vocab)


def test_campaign_models_import_no_view_admin_or_service():
    for path in (BASE / "campaigns" / "models").rglob("*.py"):
        modules = _imports(path, "campaigns")
        inside = {m.split(".")[1] for m in modules if m.startswith("campaigns.") and "." in m}
        assert inside <= {"models", "formatting"}, path
