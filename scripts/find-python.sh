#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter, or fails with a clear message.
# Order: $PYTHON, python3.13/python3.12 on PATH (pyenv shims there may be broken, so each
# candidate is run and its version checked), then pyenv builds by path.
set -euo pipefail

ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.13 python3.12 python3; do
  p=$(command -v "$name" 2>/dev/null || true)
  [ -n "$p" ] && candidates+=("$p")
done
root=${PYENV_ROOT:-$HOME/.pyenv}
for p in "$root"/versions/3.1[2-9]*/bin/python3; do
  [ -x "$p" ] && candidates+=("$p")
done
for p in /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
  [ -x "$p" ] && candidates+=("$p")
done

for p in "${candidates[@]}"; do
  if ok "$p"; then echo "$p"; exit 0; fi
done
echo "error: Stegvis needs Python 3.12 or newer and none was found." >&2
echo "       Set PYTHON=/path/to/python3.12 (tried: ${candidates[*]:-nothing})." >&2
exit 1
