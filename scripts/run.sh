#!/usr/bin/env bash
# One command from a fresh clone to a running Stegvis on its embedded default:
# SQLite in var/, the background worker, the demo region loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh run
scripts/bootstrap.sh base
py=.venv/bin/python
export STEGVIS_ENV=${STEGVIS_ENV:-demo}
host=${HOST:-127.0.0.1}
port=${PORT:-8000}

echo "==> preparing the database (var/stegvis.sqlite3)"
$py manage.py migrate --noinput -v0
if ! $py manage.py shell -c 'from stegvis.organisations.models import Region; import sys; sys.exit(0 if Region.objects.exists() else 1)'; then
  echo "==> loading the demo region (Fyrbodal's 14 municipalities and Randers)"
  $py manage.py seed_demo --employees "${DEMO_EMPLOYEES:-3000}"
fi

$py manage.py db_worker --queue-name '*' --no-reload >var/worker.log 2>&1 &
worker=$!
# What cron does in production (docs/operations.md): reminders, offers that ran out, plan
# activities following their registrations, committee reminders, this month's gap snapshot;
# every 5 minutes.
( while true; do
    $py manage.py courses_tick >>var/tick.log 2>&1 || true
    $py manage.py development_tick >>var/tick.log 2>&1 || true
    $py manage.py strategy_tick >>var/tick.log 2>&1 || true
    $py manage.py gaps_snapshot >>var/tick.log 2>&1 || true
    sleep 300
  done ) &
ticker=$!
trap 'kill $worker $ticker 2>/dev/null || true' EXIT INT TERM

$py manage.py demo_logins
echo
echo "Stegvis is running: open http://$host:$port/   (stop with Ctrl+C; worker log: var/worker.log)"
$py manage.py runserver "$host:$port" --noreload
