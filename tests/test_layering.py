"""Apps import only apps below them: councilwork < sessions, oversight, awards < campaigns."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ALLOWED = {
    "councilwork": set(),
    "sessions": {"councilwork"},
    "oversight": {"councilwork"},
    "awards": {"councilwork"},
    "campaigns": {"councilwork", "sessions", "oversight", "awards"},
}


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & set(ALLOWED)
    return found - {app}


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_apps_below_it(app):
    assert imported_apps(app) <= ALLOWED[app]
