#!/usr/bin/env bash
# A private PostgreSQL cluster under .local/pg, on 127.0.0.1 and a free port,
# run as an unprivileged user (initdb refuses root). Usage: pg.sh start|stop|restart|status
source "$(dirname "$0")/common.sh"

[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] \
    || die "PostgreSQL server binaries were not found: run 'make setup' (or apt-get install postgresql)."

if [ "$(id -u)" = "0" ]; then
    PG_OS_USER="postgres"
    id "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_OS_USER"
    as_pg() { runuser -u "$PG_OS_USER" -- "$@"; }
else
    PG_OS_USER="$(id -un)"
    as_pg() { "$@"; }
fi

# As root the cluster runs as "postgres", which must be able to enter every
# folder above .local/pg: a checkout under a private folder (mktemp -d makes
# them mode 700) gets search permission for that user alone (an ACL; without
# setfacl, o+x), which lets it pass through, not list.
let_pg_user_reach() {
    [ "$PG_OS_USER" = "postgres" ] || return 0
    local dir="" part parts
    mkdir -p "$PG_DIR"
    # From the root down: a folder is reachable once every one above it is.
    IFS=/ read -ra parts <<<"$(dirname "$PG_DIR")"
    for part in "${parts[@]}"; do
        [ -n "$part" ] || continue
        dir="$dir/$part"
        if ! as_pg test -x "$dir"; then
            step "letting the postgres user pass through $dir"
            if command -v setfacl >/dev/null 2>&1; then
                setfacl -m "u:$PG_OS_USER:x" "$dir"
            else
                chmod o+x "$dir"
            fi
        fi
    done
}

is_running() {
    [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

free_port() {
    "$PY" - <<'PY'
import socket
for port in range(55432, 55532):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
PY
}

init_cluster() {
    step "creating a private PostgreSQL cluster in .local/pg"
    mkdir -p "$PG_DIR"
    chown "$PG_OS_USER" "$PG_DIR"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_DIR/initdb.log" 2>&1 || die "initdb failed (see .local/pg/initdb.log)."
    cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
extra_float_digits = 0
CONF
}

start() {
    let_pg_user_reach
    if is_running; then
        return 0
    fi
    [ -f "$PG_DATA/PG_VERSION" ] || init_cluster
    local port
    port="$(pg_port)"
    if [ -z "$port" ] || ! "$PY" -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', $port))" 2>/dev/null; then
        port="$(free_port)"
        [ -n "$port" ] || die "no free TCP port in 55432-55531 for PostgreSQL: stop another server and retry."
    fi
    echo "$port" >"$PG_PORT_FILE"
    touch "$PG_LOG" && chown "$PG_OS_USER" "$PG_LOG"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $port" -w -t 60 start >/dev/null 2>&1 \
        || die "PostgreSQL did not start: fix what .local/pg/postgresql.log says (or delete .local/pg for a new cluster); its last lines: $(tail -n 3 "$PG_LOG" | tr '\n' ' ')"
    # Odoo 11 assumes PostgreSQL's old 15-digit float output.
    psql_admin -c "ALTER ROLE $DB_USER SET extra_float_digits = 0" >/dev/null
}

stop() {
    if is_running; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
        echo "PostgreSQL stopped."
    fi
}

# Same port and options (pg_ctl keeps them): connected clients must reconnect.
restart() {
    is_running || die "PostgreSQL is not running: 'tools/pg.sh start' starts it."
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -m fast -w -t 60 restart >/dev/null
}

case "${1:-status}" in
    start) start ;;
    stop) stop ;;
    restart) restart ;;
    status) if is_running; then echo "PostgreSQL running on 127.0.0.1:$(pg_port)"; else echo "PostgreSQL not running"; exit 3; fi ;;
    *) die "usage: pg.sh start|stop|restart|status" ;;
esac
