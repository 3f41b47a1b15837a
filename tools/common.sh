# Shared settings for the scripts in tools/. Sourced, not run.
# Everything generated lives under .local/ (git-ignored) and .venv/.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
VENV="$REPO_ROOT/.venv"
PY="$VENV/bin/python"
PG_DIR="$LOCAL_DIR/pg"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgresql.log"
PG_PORT_FILE="$PG_DIR/port"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
DB_USER="odoo"
ODOO_CONF="$LOCAL_DIR/odoo.conf"
ODOO_PORT="${ODOO_PORT:-8069}"
DEMO_DB="${DEMO_DB:-cloudoffice_demo}"
TEMPLATE_DB="${TEMPLATE_DB:-cloudoffice_template}"
ADDONS="cloudoffice_lots,cloudoffice_fortnox,cloudoffice_lots_stock_barcodes"
mkdir -p "$LOCAL_DIR"

# One plain sentence on stderr, then stop: what went wrong and what to do.
die() {
    echo "" >&2
    echo "error: $*" >&2
    exit 1
}

step() { echo "==> $*"; }

pg_port() { cat "$PG_PORT_FILE" 2>/dev/null || true; }

psql_admin() {
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$(pg_port)" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 "$@"
}
