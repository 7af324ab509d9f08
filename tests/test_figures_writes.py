"""Writes that send no signals (QuerySet.update, bulk_create, raw SQL) say how the
figures' versions follow them: each carries a "# figures:" comment, on its line or
just above, naming who moves the versions or why none need to move."""

import re
from pathlib import Path

from django.conf import settings

from councilwork.registry import record_app_labels

APPS = (
    "councilwork",
    "sessions",
    "oversight",
    "awards",
    "voters",
    "campaigns",
    "reports",
    "exchange",
    "devdata",
)
SILENT = re.compile(r"\.update\(|bulk_create|bulk_update|\._raw_delete\(|\.raw\(|cursor\(\)")
# Reads, not writes: a health check and the admin's row estimate.
READS = {("councilwork/health.py", "cursor()"), ("councilwork/admin_tools.py", "cursor()")}


def _silent_writes():
    for app in APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            rel = str(path.relative_to(settings.BASE_DIR))
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines):
                code = line.split("#")[0]
                if "``" in code or code.lstrip().startswith(("from ", "import ")):
                    continue  # prose in a docstring, an import
                if not SILENT.search(code):
                    continue
                if re.search(
                    r"\b(dict|set|data|query|context|found|records|fields)\.update\(", code
                ):
                    continue  # a dict or set, not a QuerySet
                if any(rel == r and token in code for r, token in READS):
                    continue
                yield rel, number, lines


def test_every_silent_write_says_how_the_figures_follow():
    unexplained = [
        f"{rel}:{number + 1}"
        for rel, number, lines in _silent_writes()
        if not any("# figures:" in line for line in lines[max(0, number - 3) : number + 1])
    ]
    assert not unexplained, "silent writes without a '# figures:' note: " + ", ".join(unexplained)


def test_the_scan_sees_the_known_silent_writes():
    found = {rel for rel, _number, _lines in _silent_writes()}
    assert {"campaigns/services.py", "devdata/bulk/writer.py", "councilwork/cache.py"} <= found


def test_the_registry_covers_every_app_with_records():
    assert record_app_labels() == (
        "councilwork",
        "council_sessions",
        "oversight",
        "awards",
        "voters",
        "campaigns",
    )
