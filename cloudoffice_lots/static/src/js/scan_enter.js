odoo.define("cloudoffice_lots.scan_enter", function (require) {
    "use strict";

    var basicFields = require("web.basic_fields");
    var fieldRegistry = require("web.field_registry");

    /**
     * The scan field of a transfer's scan window: Enter applies the scan to
     * the transfer in one request (stock.picking.cloudoffice_scan_outcome),
     * without saving the window, and shows what it did or what was wrong.
     * A warehouse worker scans many codes in a row; each one costs a single
     * round trip, as a scan in Odoo's own barcode screens does.
     */
    var TransferScanField = basicFields.FieldChar.extend({
        _onKeydown: function (event) {
            if (event.which !== $.ui.keyCode.ENTER || this.mode !== "edit") {
                return this._super.apply(this, arguments);
            }
            event.preventDefault();
            event.stopPropagation();
            var code = (this.$input.val() || "").trim();
            var picking = this.record.data.picking_id;
            if (!code || !picking) {
                return;
            }
            // Cleared at once: a debounced change still pending writes "".
            this.$input.val("");
            this.isDirty = false;
            var self = this;
            this._rpc({
                model: "stock.picking",
                method: "cloudoffice_scan_outcome",
                args: [[picking.res_id], code],
            }).then(function (outcome) {
                if (outcome.error) {
                    self._notifyScan({scan: false, message: outcome.error});
                    return;
                }
                var log = [outcome.done, self.record.data.log || ""].filter(Boolean).join("\n");
                self._notifyScan({scan: false, message: false, log: log});
            });
        },
        _notifyScan: function (changes) {
            this.trigger_up("field_changed", {dataPointID: this.dataPointID, changes: changes});
            this.$input.focus();
        },
    });

    fieldRegistry.add("cloudoffice_transfer_scan", TransferScanField);

    return {TransferScanField: TransferScanField};
});
