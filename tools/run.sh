#!/usr/bin/env bash
# Serve Odoo on the demo database in the background; `make stop` stops it.
# PROD=1 serves it as in production (see README, "In production"): prefork
# workers, a cron worker, the long-polling process on its own port, memory and
# time limits; PROXY=1 adds proxy mode (only behind a reverse proxy).
source "$(dirname "$0")/common.sh"
ODOO_PID_FILE="$LOCAL_DIR/odoo.pid"
ODOO_LOG="$LOCAL_DIR/odoo.log"
PROD="${PROD:-0}"
WORKERS="${WORKERS:-3}"
LONGPOLLING_PORT="${LONGPOLLING_PORT:-$((ODOO_PORT + 3))}"

# The options of a production node; the tests' two-node cluster uses the same.
prod_options() {
    local site
    site="$("$PY" -c 'import os, odoo; print(os.path.dirname(odoo.__file__))')"
    # -d: the cron worker runs the jobs of this database only (without it, of
    # every database on the server); prefork loads it before forking workers.
    echo "--database=$DEMO_DB --workers=$WORKERS --max-cron-threads=1 --longpolling-port=$LONGPOLLING_PORT"
    # Per worker: recycled after the request once above 2 GiB of address space,
    # refused memory above 2.5 GiB (Odoo's defaults; wkhtmltopdf inherits the
    # hard limit and aborts with std::bad_alloc at 1.5 GiB); 120 s of CPU,
    # 240 s of real time per request.
    echo "--limit-memory-soft=$((2048 * 1024 * 1024)) --limit-memory-hard=$((2560 * 1024 * 1024))"
    echo "--limit-time-cpu=120 --limit-time-real=240 --limit-request=8192"
    [ "${PROXY:-0}" = "1" ] && echo "--proxy-mode"
    # OCA queue_job's runner, when its add-on is installed in the virtualenv.
    [ -d "$site/addons/queue_job" ] && echo "--load=web,queue_job"
    return 0
}

odoo_running() {
    [ -f "$ODOO_PID_FILE" ] && kill -0 "$(cat "$ODOO_PID_FILE")" 2>/dev/null
}

port_taken() {
    ! "$PY" -c "import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $ODOO_PORT))" 2>/dev/null
}

start() {
    if odoo_running; then
        echo "Odoo is already running (pid $(cat "$ODOO_PID_FILE")); 'make stop' stops it."
    else
        port_taken && die "port $ODOO_PORT is already in use: stop what uses it, or run 'make run ODOO_PORT=8070'."
        local options=()
        if [ "$PROD" = "1" ]; then
            ODOO_PORT="$LONGPOLLING_PORT" port_taken \
                && die "long-polling port $LONGPOLLING_PORT is already in use: run 'make run PROD=1 LONGPOLLING_PORT=<free port>'."
            read -ra options <<<"$(prod_options | tr '\n' ' ')"
        fi
        # No -d (preloading races with the first request); the filter selects the database.
        # queue_job's runner (--load) listens on every database listed: --db-template keeps
        # it off the template, which `make test` copies.
        "$REPO_ROOT/tools/odoo-bin" --db-filter="^$DEMO_DB\$" --http-port="$ODOO_PORT" \
            --load=web,queue_job --db-template="$TEMPLATE_DB" \
            --logfile="$ODOO_LOG" "${options[@]}" >/dev/null 2>&1 &
        echo $! >"$ODOO_PID_FILE"
        "$PY" - "$ODOO_PORT" "$DEMO_DB" "$(cat "$ODOO_PID_FILE")" <<'PY' \
            || die "Odoo did not start; the end of .local/odoo.log says why: $(tail -n 3 "$ODOO_LOG" | tr '\n' ' ' | cut -c1-400)"
import os, socket, sys, time, urllib.request
port, db, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
deadline = time.time() + 180
while True:  # wait for the port, then one request that loads the registry
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit(1)
        time.sleep(0.3)
urllib.request.urlopen("http://127.0.0.1:%d/web/login?db=%s" % (port, db), timeout=180)
PY
    fi
    echo ""
    echo "Odoo is running: http://127.0.0.1:$ODOO_PORT/web?db=$DEMO_DB"
    if [ "$PROD" = "1" ]; then
        echo "Production mode: $WORKERS HTTP workers, 1 cron worker, long-polling on port $LONGPOLLING_PORT."
    fi
    echo "Log in as admin / admin, or as warehouse, seller, quality or accountant (password = login). Log: .local/odoo.log. Stop: make stop"
}

stop() {
    if odoo_running; then
        kill "$(cat "$ODOO_PID_FILE")"
        for _ in $(seq 1 30); do odoo_running || break; sleep 0.5; done
        odoo_running && kill -9 "$(cat "$ODOO_PID_FILE")"
        echo "Odoo stopped."
    fi
    rm -f "$ODOO_PID_FILE"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: run.sh start|stop" ;;
esac
