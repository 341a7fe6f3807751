#!/usr/bin/env bash
# Copies pinned front-end files from npm packages into stegvis/static/vendor/.
# Nothing is fetched from a CDN at run time; the versions are pinned in package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to vendor the front-end files (apt-get install npm)" >&2
  exit 1
fi
stamp=node_modules/.stegvis-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "==> installing front-end packages (npm ci)"
  npm ci --silent --no-audit --no-fund
  touch "$stamp"
fi
dest=stegvis/static/vendor
mkdir -p "$dest"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
