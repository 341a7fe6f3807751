#!/usr/bin/env bash
# Creates .venv with the pinned Python packages and vendors the front-end files from npm.
# Usage: scripts/bootstrap.sh base|dev
set -euo pipefail
cd "$(dirname "$0")/.."
set_name=${1:-base}
export UV_PYTHON_DOWNLOADS=never

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
  python=$(scripts/find-python.sh)
  echo "==> creating .venv with $python"
  rm -rf .venv
  "$python" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
fi
echo "==> installing Python packages (requirements/$set_name.lock)"
if [ "$set_name" = dev ]; then
  # The test set is exact: what the lock file says, nothing more.
  .venv/bin/uv pip sync --quiet --python .venv/bin/python --require-hashes requirements/dev.lock
else
  # The run set only adds, so `make run` after `make test` keeps the test tools.
  .venv/bin/uv pip install --quiet --python .venv/bin/python --require-hashes -r requirements/base.lock
fi

scripts/vendor-static.sh
