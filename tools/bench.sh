#!/usr/bin/env bash
# Benchmark database: a copy of the template, kept while the template is the
# same (the generated dataset is expensive), then `python -m bench`.
source "$(dirname "$0")/common.sh"
BENCH_DB="${BENCH_DB:-cloudoffice_bench}"
template_sha="$(psql_admin -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$TEMPLATE_DB'")"
bench_sha="$(psql_admin -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$BENCH_DB'")"
if [ -z "$bench_sha" ] || [ "$bench_sha" != "$template_sha" ]; then
    step "creating the benchmark database $BENCH_DB"
    "$REPO_ROOT/tools/db.sh" drop "$BENCH_DB"
    psql_admin -c "CREATE DATABASE \"$BENCH_DB\" TEMPLATE \"$TEMPLATE_DB\"" >/dev/null
    psql_admin -c "COMMENT ON DATABASE \"$BENCH_DB\" IS '$template_sha'" >/dev/null
fi
# lessc (in the virtualenv) compiles the report stylesheets Odoo's PDFs use.
export PATH="$VENV/bin:$PATH"
export BENCH_DB PYTHONWARNINGS="ignore::ImportWarning,ignore::DeprecationWarning"
cd "$REPO_ROOT"
exec "$PY" -m bench "$@"
