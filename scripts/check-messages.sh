#!/usr/bin/env bash
# The committed message catalogues (.mo) must be compiled from the committed .po files,
# and every message must be translated in Swedish and Danish.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for po in stegvis/locale/*/LC_MESSAGES/django.po; do
  lang=$(echo "$po" | cut -d/ -f3)
  [ "$lang" = en ] && continue
  stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1)
  case "$stats" in
    *untranslated*|*fuzzy*) echo "error: $po: $stats" >&2; status=1 ;;
  esac
  tmp=$(mktemp)
  msgfmt --check -o "$tmp" "$po"
  if ! cmp -s "$tmp" "${po%.po}.mo"; then
    echo "error: ${po%.po}.mo is not compiled from $po (run: make messages)" >&2
    status=1
  fi
  rm -f "$tmp"
done
exit $status
