#!/usr/bin/env bash
# Installs the Debian packages Stegvis needs, only those missing.
# Usage: scripts/system-deps.sh run|test
#   run:  npm (to vendor htmx) — Python comes from scripts/find-python.sh; for PDF reports
#         (WeasyPrint) pango and fonts-noto-core (fonts that have å ä ö æ ø)
#   test: also chromium (browser tests), gettext (message catalogues), a PostgreSQL server,
#         poppler-utils (pdftotext reads the PDF reports back)
set -euo pipefail
want=(npm libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core)
if [ "${1:-run}" = test ]; then
  want+=(chromium gettext poppler-utils)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
fi
missing=()
for package in "${want[@]}"; do
  case "$package" in
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    chromium) [ -x /usr/bin/chromium ] && continue ;;
    gettext) command -v msgfmt >/dev/null 2>&1 && continue ;;
    poppler-utils) command -v pdftotext >/dev/null 2>&1 && continue ;;
    *) dpkg -s "$package" >/dev/null 2>&1 && continue ;;
  esac
  missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "==> installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
