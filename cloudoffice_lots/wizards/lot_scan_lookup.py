from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LotScanLookup(models.TransientModel):
    """Scan a batch/serial (USB/keyboard-wedge scanner or typed) and see it at once.

    The scan field reacts when the scanner ends with Enter (the browser's
    change event), looks the scan up and shows the batch; the field is then
    emptied for the next scan.
    """

    _name = "cloudoffice.lot.scan.lookup"
    _description = "Look Up a Batch/Serial by Scanning"

    scan = fields.Char(help="Scan the batch's barcode (GS1 DataMatrix, GS1-128, Digital Link "
                            "QR code) or type its batch/serial number, then Enter.")
    last_scan = fields.Char(readonly=True, help="What was scanned last.")
    message = fields.Char(readonly=True, help="What was wrong with the last scan.")
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", readonly=True,
                             help="The batch or serial number found by the last scan; open it for "
                                  "everything about it.")
    product_id = fields.Many2one(related="lot_id.product_id", readonly=True,
                                 help="The product of the batch/serial found.")
    default_code = fields.Char(related="lot_id.product_id.default_code", readonly=True,
                               string="Article Number",
                               help="The product's internal reference.")
    production_date = fields.Date(related="lot_id.production_date", readonly=True)
    use_date = fields.Date(related="lot_id.best_before_day", readonly=True, string="Best Before")
    life_date = fields.Date(related="lot_id.expiry_day", readonly=True, string="Expiry Date")
    release_state = fields.Selection(related="lot_id.release_state", readonly=True)
    product_qty = fields.Float(related="lot_id.product_qty", readonly=True, string="On Hand",
                               help="Quantity of the batch in stock (internal and transit "
                                    "locations), in the product's unit.")
    quant_ids = fields.Many2many("stock.quant", compute="_compute_lot_details",
                                 string="Stock per Location",
                                 help="Where the batch is in stock now, and how much is reserved.")
    test_ids = fields.Many2many("cloudoffice.lot.test", compute="_compute_lot_details",
                                string="Tests",
                                help="The batch's test results against the product's "
                                     "specifications.")
    certificate_ids = fields.Many2many("cloudoffice.lot.certificate",
                                       compute="_compute_lot_details", string="Certificates",
                                       help="The batch's certificates (analysis, conformity, "
                                            "origin...).")
    move_line_ids = fields.Many2many("stock.move.line", compute="_compute_lot_details",
                                     string="Movements",
                                     help="The latest done movements of the batch (up to 80), "
                                          "newest first.")

    @api.depends("lot_id")
    def _compute_lot_details(self):
        for wizard in self:
            lot = wizard.lot_id
            wizard.quant_ids = lot.internal_quant_ids
            wizard.test_ids = lot.test_ids
            wizard.certificate_ids = lot.certificate_ids
            wizard.move_line_ids = self.env["stock.move.line"].search(
                [("lot_id", "=", lot.id), ("state", "=", "done")], order="date desc, id desc",
                limit=80) if lot else False

    @api.multi
    def name_get(self):
        # shown in the breadcrumb when a batch is opened from here
        name = _("Scan a Batch/Serial")
        return [(wizard.id, name) for wizard in self]

    @api.onchange("scan")
    def _onchange_scan(self):
        if not (self.scan or "").strip():
            return
        scan, self.scan, self.last_scan = self.scan, False, self.scan.strip()
        try:
            self.lot_id = self.env["stock.production.lot"].cloudoffice_find_by_scan(scan)
            self.message = False
        except UserError as err:
            self.lot_id = False
            self.message = err.name

    @api.multi
    def action_open_lot(self):
        self.ensure_one()
        if not self.lot_id:
            raise UserError(_("Scan a batch or serial number first."))
        form = self.env.ref("stock.view_production_lot_form")
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.production.lot",
            "res_id": self.lot_id.id,
            "view_mode": "form",
            # the full batch form, not the short one used in operations
            "views": [(form.id, "form")],
            "target": "current",
        }

    @api.multi
    def action_print_labels(self):
        self.ensure_one()
        if not self.lot_id:
            raise UserError(_("Scan a batch or serial number first."))
        return self.lot_id.action_cloudoffice_print_labels()

    @api.multi
    def action_traceability(self):
        self.ensure_one()
        if not self.lot_id:
            raise UserError(_("Scan a batch or serial number first."))
        # What the web client needs of Odoo's client action, not all of it.
        action = self.env.ref("stock.action_stock_report").read(["name", "type", "tag", "target"])[0]
        action["context"] = {"active_id": self.lot_id.id, "model": "stock.production.lot"}
        return action
