#!/usr/bin/env bash
# make load: locust (in its own virtualenv: it needs newer Flask/Werkzeug than
# Odoo 11's pins) against two prefork nodes on 127.0.0.1; see load/__main__.py.
source "$(dirname "$0")/common.sh"
LOCUST_VENV="$LOCAL_DIR/locust-venv"
stamp="$LOCUST_VENV/.requirements.sha"
wanted="$(sha1sum "$REPO_ROOT/load/requirements.txt" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    step "installing locust in .local/locust-venv"
    [ -x "$LOCUST_VENV/bin/python" ] || python3 -m venv "$LOCUST_VENV"
    "$LOCUST_VENV/bin/pip" install -q --disable-pip-version-check -r "$REPO_ROOT/load/requirements.txt" \
        >"$LOCAL_DIR/locust-pip.log" 2>&1 || die "pip could not install locust (see .local/locust-pip.log)."
    echo "$wanted" >"$stamp"
fi
export PATH="$VENV/bin:$PATH"
export PYTHONWARNINGS="ignore::ImportWarning,ignore::DeprecationWarning"
cd "$REPO_ROOT"
exec "$PY" -m load "$@"
