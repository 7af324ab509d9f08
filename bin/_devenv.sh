#!/usr/bin/env bash
# Write a development .env beside manage.py, once: bin/serve runs this so that the
# README's other commands (manage.py year_summary, ...) work in any new shell too.
# An existing .env is never touched; delete it to get this one again. .env is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -e .env ]; then
  exit 0
fi
cat > .env <<'ENV'
# Written by bin/serve for local development (see .env.example for every setting).
# Delete this file to get it written again; never use it in production.
DJANGO_DEBUG=true
ENV
echo "Wrote a development .env (DJANGO_DEBUG=true)."
