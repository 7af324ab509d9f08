"""The rendering's edition moves with any app's code, not only the reports app's
(reports.schema.rendering_edition): the header's menu, the context processors and the
links of a cached page come from other apps too."""

from pathlib import Path

import pytest
from django.apps import apps

from reports import schema


def test_the_edition_reads_every_app_of_the_project_and_no_installed_package():
    folders = schema.project_app_folders()
    ours = {Path(config.path).resolve() for config in apps.get_app_configs()}
    assert Path(apps.get_app_config("councilwork").path).resolve() in folders
    assert (Path(apps.get_app_config("councilwork").path) / "context_processors.py").exists()
    assert Path(apps.get_app_config("admin").path).resolve() not in folders  # Django's
    assert all(
        ".venv" not in folder.parts and "site-packages" not in folder.parts for folder in folders
    )
    assert set(folders) <= ours and len(folders) >= 8


@pytest.fixture
def project(tmp_path, monkeypatch, settings):
    """A project of two apps, a virtualenv inside it and pinned requirements."""
    for name, code in (("menu", "LINKS = 1\n"), ("reports", "ROWS = 1\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "views.py").write_text(code)
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "base.txt").write_text("Django==5.2.1\n")
    settings.BASE_DIR = tmp_path
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": []}]
    settings.LOCALE_PATHS = []
    monkeypatch.setattr(
        schema, "project_app_folders", lambda: [tmp_path / "menu", tmp_path / "reports"]
    )

    def edition() -> str:
        schema.rendering_edition.cache_clear()
        return schema.rendering_edition()

    yield tmp_path, edition
    schema.rendering_edition.cache_clear()


def test_a_deploy_of_another_apps_code_or_pins_gets_a_new_edition(project):
    root, edition = project
    first = edition()
    assert edition() == first
    (root / ".venv" / "lib" / "site.py").write_text("ignored = True\n")  # not the project's
    (root / "menu" / ".cache").mkdir()
    (root / "menu" / ".cache" / "x.py").write_text("hidden = True\n")
    assert edition() == first
    (root / "menu" / "views.py").write_text("LINKS = 2\n")  # the header's menu, say
    menu = edition()
    (root / "requirements" / "base.txt").write_text("Django==5.2.2\n")
    pins = edition()
    (root / "reports" / "views.py").rename(root / "menu" / "rows.py")  # moved to another app
    moved = edition()
    assert len({first, menu, pins, moved}) == 4


def test_the_edition_is_read_once_per_process(project):
    root, edition = project
    first = edition()
    (root / "menu" / "views.py").write_text("LINKS = 3\n")
    assert schema.rendering_edition() == first  # as this process found it
