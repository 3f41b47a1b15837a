#!/usr/bin/env bash
# Export each add-on's translatable strings to i18n/<addon>.pot and merge
# them into i18n/sv.po (new strings arrive untranslated, old ones are kept).
# Usage: tools/i18n.sh   (needs the template database: make test or make run)
source "$(dirname "$0")/common.sh"
export PATH="$VENV/bin:$PATH"
db="cloudoffice_i18n_$$"
trap '"$REPO_ROOT/tools/db.sh" drop "$db"' EXIT
"$REPO_ROOT/tools/db.sh" copy "$db"
for addon in cloudoffice_lots cloudoffice_fortnox cloudoffice_lots_stock_barcodes; do
    mkdir -p "$REPO_ROOT/$addon/i18n"
    pot="$REPO_ROOT/$addon/i18n/$addon.pot"
    # Odoo 11 exports .po, .csv or .tgz only: a .po without language is the template.
    "$REPO_ROOT/tools/odoo-bin" -d "$db" --i18n-export="$LOCAL_DIR/$addon.po" --modules="$addon" \
        --stop-after-init --no-http --log-level=warn >/dev/null
    mv "$LOCAL_DIR/$addon.po" "$pot"
    po="$REPO_ROOT/$addon/i18n/sv.po"
    if [ -f "$po" ]; then
        msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$pot"
    else
        msginit --no-translator --locale=sv_SE.UTF-8 --input="$pot" --output-file="$po" >/dev/null 2>&1 \
            || cp "$pot" "$po"
    fi
    echo "$addon: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
