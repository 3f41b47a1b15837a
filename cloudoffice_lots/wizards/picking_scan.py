from odoo import _, api, fields, models
from odoo.exceptions import UserError


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

    @api.onchange("scan")
    def _onchange_scan(self):
        if not (self.scan or "").strip():
            return
        scan, self.scan = self.scan, False
        picking, log = self.picking_id, self.log
        try:
            # Applied to the real transfer right away: a scan station has no Save button.
            done = picking.cloudoffice_apply_scan(scan)
        except UserError as err:
            self.message = err.name
            return
        finally:
            # Writing the transfer invalidates the cache, which is all this
            # unsaved window has: put its values back.
            self.picking_id, self.log = picking, log
        self.message = False
        self.log = "\n".join(line for line in (done, self.log or "") if line)

    @api.multi
    def action_apply(self):
        """Apply a typed scan (for keyboards and scanners that send no Enter)."""
        self.ensure_one()
        if (self.scan or "").strip():
            done = self.picking_id.cloudoffice_apply_scan(self.scan)
            self.write({"scan": False, "message": False,
                        "log": "\n".join(line for line in (done, self.log or "") if line)})
        return {
            "name": _("Scan %s") % self.picking_id.name,
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
