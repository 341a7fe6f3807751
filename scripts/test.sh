#!/usr/bin/env bash
# One command that installs what the tests need and runs the whole suite:
# lint and architecture checks, then the tests on SQLite, then again on a real PostgreSQL
# server started on 127.0.0.1 for the run (and stopped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh test
scripts/bootstrap.sh dev
py=.venv/bin/python
export STEGVIS_ENV=test STEGVIS_VAR_DIR="$PWD/var/test"
workers=${TEST_WORKERS:-2}

echo "==> static checks"
.venv/bin/ruff check --quiet .
.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache
$py manage.py check --fail-level WARNING
$py manage.py makemigrations --check --dry-run >/dev/null || {
  echo "error: models changed without a migration (run manage.py makemigrations)" >&2; exit 1; }
scripts/check-messages.sh
STEGVIS_ENV=production DEBUG=false SECRET_KEY="$(head -c 48 /dev/urandom | base64)" \
  FIELD_ENCRYPTION_KEY="$($py -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
  ALLOWED_HOSTS=stegvis.example.org DATABASE_URL=postgres://u:p@127.0.0.1:1/x \
  $py manage.py check --deploy --fail-level WARNING

echo "==> tests on SQLite"
$py -m pytest -p no:cacheprovider -n "$workers" "$@"

echo "==> tests on PostgreSQL"
trap 'scripts/pg.sh stop' EXIT
scripts/pg.sh start
DATABASE_URL=$(scripts/pg.sh url) $py -m pytest -p no:cacheprovider -n "$workers" "$@"
