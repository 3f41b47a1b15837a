#!/usr/bin/env bash
# Databases: write the Odoo config, build the template database (both add-ons
# and demo data installed; rebuilt only when add-on code or data changes),
# and copy it. Usage: db.sh config|template|demo|copy NAME|drop NAME|fingerprint
source "$(dirname "$0")/common.sh"

odoo_bin() { "$REPO_ROOT/tools/odoo-bin" "$@"; }

write_config() {
    local site admin_pass_file="$LOCAL_DIR/admin_passwd"
    site="$("$PY" -c 'import os, odoo; print(os.path.dirname(odoo.__file__))')"
    [ -f "$admin_pass_file" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(18))' >"$admin_pass_file"
    cat >"$ODOO_CONF" <<CONF
[options]
db_host = 127.0.0.1
db_port = $(pg_port)
db_user = $DB_USER
db_password = False
addons_path = $site/addons,$REPO_ROOT
data_dir = $LOCAL_DIR/data
admin_passwd = $(cat "$admin_pass_file")
http_interface = 127.0.0.1
http_port = $ODOO_PORT
longpolling_port = 0
workers = 0
max_cron_threads = 1
limit_time_real = 600
without_demo = False
log_level = info

[queue_job]
# Two jobs at once, at most one of them long work of cloudoffice_lots, so
# that labels and exports never hold up the Fortnox jobs.
channels = root:2,root.cloudoffice_lots:1
CONF
}

# A hash of everything that changes what installing the add-ons writes to the
# database: manifests, models, data, views, security, translations, the pinned
# requirements and the compatibility layer. Tests, docs and the screenshots in
# static/description do not count.
fingerprint() {
    (cd "$REPO_ROOT" && git ls-files -co --exclude-standard \
        cloudoffice_lots cloudoffice_fortnox cloudoffice_lots_stock_barcodes compat/odoo11_compat requirements \
        | grep -v -E '(^|/)(tests|readme|static/description)/|\.(md|rst)$' | sort \
        | xargs -r sha1sum | sha1sum | cut -d' ' -f1)
}

db_exists() {
    [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

db_comment() {
    psql_admin -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$1'"
}

drop_db() {
    db_exists "$1" || return 0
    psql_admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$1'" >/dev/null
    psql_admin -c "DROP DATABASE \"$1\"" >/dev/null
    rm -rf "$LOCAL_DIR/data/filestore/$1"
}

copy_db() {  # copy_db SOURCE TARGET: database and filestore
    drop_db "$2"
    psql_admin -c "CREATE DATABASE \"$2\" TEMPLATE \"$1\"" >/dev/null
    if [ -d "$LOCAL_DIR/data/filestore/$1" ]; then
        mkdir -p "$LOCAL_DIR/data/filestore"
        cp -a "$LOCAL_DIR/data/filestore/$1" "$LOCAL_DIR/data/filestore/$2"
    fi
}

build_template() {
    local wanted building="${TEMPLATE_DB}_building" log="$LOCAL_DIR/template-install.log"
    wanted="$(fingerprint)"
    if db_exists "$TEMPLATE_DB" && [ "$(db_comment "$TEMPLATE_DB")" = "$wanted" ]; then
        return 0
    fi
    step "building the template database (both add-ons, demo data; about 2 minutes)"
    drop_db "$building"
    rm -f "$log"
    if ! odoo_bin -d "$building" -i "$ADDONS" --stop-after-init --no-http \
            --log-handler=:WARNING --logfile="$log" >/dev/null 2>&1 \
       || grep -q -E ' (ERROR|CRITICAL) ' "$log"; then
        drop_db "$building"
        die "installing the add-ons failed; .local/template-install.log says why: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" | cut -c1-300)"
    fi
    rm -f "$LOCAL_DIR"/template-install-*.log
    cp "$log" "$LOCAL_DIR/template-install-$wanted.log"
    drop_db "$TEMPLATE_DB"
    psql_admin -c "ALTER DATABASE \"$building\" RENAME TO \"$TEMPLATE_DB\"" >/dev/null
    rm -rf "$LOCAL_DIR/data/filestore/$TEMPLATE_DB"
    [ -d "$LOCAL_DIR/data/filestore/$building" ] && mv "$LOCAL_DIR/data/filestore/$building" "$LOCAL_DIR/data/filestore/$TEMPLATE_DB"
    psql_admin -c "COMMENT ON DATABASE \"$TEMPLATE_DB\" IS '$wanted'" >/dev/null
}

# The demo database is a copy of the template; it is kept (with what users did
# in it) until the add-ons change, then rebuilt.
ensure_demo() {
    build_template
    local wanted
    wanted="$(db_comment "$TEMPLATE_DB")"
    if db_exists "$DEMO_DB" && [ "$(db_comment "$DEMO_DB")" = "$wanted" ]; then
        return 0
    fi
    step "creating the demo database $DEMO_DB"
    copy_db "$TEMPLATE_DB" "$DEMO_DB"
    psql_admin -c "COMMENT ON DATABASE \"$DEMO_DB\" IS '$wanted'" >/dev/null
}

case "${1:-}" in
    config) write_config ;;
    template) build_template ;;
    demo) ensure_demo ;;
    copy) copy_db "$TEMPLATE_DB" "$2" ;;
    drop) drop_db "$2" ;;
    fingerprint) fingerprint ;;
    *) die "usage: db.sh config|template|demo|copy NAME|drop NAME|fingerprint" ;;
esac
