from odoo import _, api, fields, models


class PickingScan(models.TransientModel):
    """Scan goods into a receipt, or check them out of a delivery.

    Each scan (a scanner's Enter, or typing and Enter) is applied to the
    transfer at once, in its own savepoint: a wrong scan changes nothing and
    says why; the log lists what the scans did.
    """

    _name = "cloudoffice.picking.scan"
    _description = "Scan Goods on a Transfer"

    picking_id = fields.Many2one("stock.picking", string="Transfer", required=True,
                                 readonly=True, ondelete="cascade",
                                 help="The transfer whose lines the scans fill in.")
    picking_type_code = fields.Selection(related="picking_id.picking_type_code", readonly=True,
                                         help="Receipt, delivery or internal transfer: decides "
                                              "what a scan fills in.")
    scan = fields.Char(help="Scan the GS1 barcode of the goods (GTIN, batch/serial, dates, "
                            "quantity) or, on deliveries, the batch/serial number; then Enter.")
    message = fields.Char(readonly=True, help="What was wrong with the last scan.")
    log = fields.Text(readonly=True, help="What the scans did, the latest first.")

    @api.multi
    def action_apply(self):
        """Apply the scan typed to the transfer when the Apply button is
        pressed, log what it did or say what was wrong, and show the window
        again for the next scan. (A scanner's Enter applies the scan in one
        request without saving the window: static/src/js/scan_enter.js.)"""
        self.ensure_one()
        scan = (self.scan or "").strip()
        if scan:
            outcome = self.picking_id.cloudoffice_scan_outcome(scan)
            if "error" in outcome:
                self.write({"scan": False, "message": outcome["error"]})
            else:
                self.write({"scan": False, "message": False, "log": "\n".join(
                    line for line in (outcome["done"], self.log or "") if line)})
        return {
            "name": _("Scan %(picking)s") % {"picking": self.picking_id.name},
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
