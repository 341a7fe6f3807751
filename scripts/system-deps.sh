#!/usr/bin/env bash
# Installs the Debian packages Stegvis needs, only those missing.
# Usage: scripts/system-deps.sh run|test
#   run:  npm (to vendor htmx) — Python comes from scripts/find-python.sh
#   test: also chromium (browser tests), gettext (message catalogues), a PostgreSQL server,
#         fonts-noto-core (readable page screenshots)
set -euo pipefail
want=(npm)
if [ "${1:-run}" = test ]; then
  want+=(chromium gettext fonts-noto-core)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
fi
missing=()
for package in "${want[@]}"; do
  case "$package" in
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    chromium) [ -x /usr/bin/chromium ] && continue ;;
    gettext) command -v msgfmt >/dev/null 2>&1 && continue ;;
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
