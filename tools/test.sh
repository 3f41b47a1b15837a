#!/usr/bin/env bash
# Run a test suite with pytest-odoo in a fresh copy of the template database.
# Usage: test.sh [pytest arguments...]   (default: the whole suite of this repo)
source "$(dirname "$0")/common.sh"

TEST_DB="cloudoffice_test_$$"
cleanup() { "$REPO_ROOT/tools/db.sh" drop "$TEST_DB" || true; }
trap cleanup EXIT

"$REPO_ROOT/tools/db.sh" copy "$TEST_DB"
export CLOUDOFFICE_TEMPLATE_DB="$TEMPLATE_DB"
export CLOUDOFFICE_ODOO_CONF="$ODOO_CONF"
export PATH="$VENV/bin:$PATH"
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore::ImportWarning,ignore::DeprecationWarning}"
cd "$REPO_ROOT"
set +e
"$PY" -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" "$@"
status=$?
set -e
exit $status
