# Shared setup for bin/serve and bin/test; sourced, not run.
# Usage: source bin/_setup.sh base|dev
# Creates .venv with Python 3.11, installs the pinned, hash-checked requirements
# (again only when the requirements file changed) and compiles the translations.
set -euo pipefail

requirements="requirements/${1:-base}.txt"
python_bin="${PYTHON:-python3.11}"

if ! command -v "$python_bin" >/dev/null 2>&1; then
  echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi

stamp=".venv/.installed-$(basename "$requirements" .txt)"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
    -r "$requirements"
  echo "$wanted" > "$stamp"
fi

if ! command -v msgfmt >/dev/null 2>&1; then
  echo "GNU gettext (msgfmt) is needed to compile the translations: apt-get install gettext" >&2
  exit 1
fi
DJANGO_DEBUG=true .venv/bin/python manage.py compilemessages --ignore=.venv -v0
