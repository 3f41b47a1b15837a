"""Batches and serial numbers: what a batch is made of and where it came from.

The other concerns of ``stock.production.lot`` live in files of their own:
dates (``stock_production_lot_dates.py``), release for sale
(``stock_production_lot_release.py``), barcodes (``stock_production_lot_barcode.py``)
and scanning (``stock_production_lot_scan.py``).
"""
from odoo import api, fields, models


class StockProductionLot(models.Model):
    _name = "stock.production.lot"
    _inherit = ["stock.production.lot", "mail.activity.mixin"]

    company_id = fields.Many2one(
        "res.company", string="Company", index=True,
        default=lambda self: self.env.user.company_id,
        help="Company owning this batch/serial; users of other companies do not see it.")
    tracking = fields.Selection(related="product_id.tracking", readonly=True)
    production_date = fields.Date(
        track_visibility="onchange",
        help="Day the batch was made. With the product's shelf-life days it gives the "
             "expiry, best-before, removal and alert dates.")
    supplier_batch = fields.Char(
        string="Supplier's Batch Number", index=True,
        help="The batch or serial number the supplier or manufacturer printed on the goods, "
             "when it differs from ours.")
    origin_picking_id = fields.Many2one(
        "stock.picking", string="Received With", compute="_compute_origin",
        help="The receipt that first brought this batch/serial into stock.")
    origin_production_id = fields.Many2one(
        "mrp.production", string="Made By", compute="_compute_origin",
        help="The manufacturing order that made this batch/serial.")
    origin_partner_id = fields.Many2one(
        "res.partner", string="Supplier", compute="_compute_origin",
        help="Who sold us this batch/serial.")
    origin_date = fields.Datetime(
        string="Bought/Made On", compute="_compute_origin",
        help="When this batch/serial was received or produced.")
    internal_quant_ids = fields.One2many(
        "stock.quant", compute="_compute_internal_quant_ids", string="Stock per Location",
        help="Where the batch/serial is in stock now, and how much is reserved.")
    attribute_value_ids = fields.One2many(
        "cloudoffice.lot.attribute.value", "lot_id", string="Batch Data", copy=True,
        help="Extra data recorded for this batch, as defined on the product category.")
    test_ids = fields.One2many(
        "cloudoffice.lot.test", "lot_id", string="Test Results", copy=False,
        help="Tests of this batch against the product's specifications.")
    certificate_ids = fields.One2many(
        "cloudoffice.lot.certificate", "lot_id", string="Certificates", copy=False,
        help="Certificates of analysis, conformity, origin... with their files.")
    certificate_count = fields.Integer(compute="_compute_certificate_count",
                                       help="Number of certificates attached to this batch/serial; "
                                            "click to see them.")
    has_expired_certificate = fields.Boolean(
        compute="_compute_certificate_count", string="Expired Certificate",
        help="At least one certificate of this batch is no longer valid.")

    @api.depends("quant_ids.quantity", "quant_ids.location_id")
    def _compute_internal_quant_ids(self):
        for lot in self:
            lot.internal_quant_ids = lot.quant_ids.filtered(
                lambda q: q.location_id.usage in ("internal", "transit"))

    @api.depends("certificate_ids.valid_until")
    def _compute_certificate_count(self):
        for lot in self:
            lot.certificate_count = len(lot.certificate_ids)
            lot.has_expired_certificate = any(lot.certificate_ids.mapped("is_expired"))


    def _compute_origin(self):
        origins = self._cloudoffice_origins()
        for lot in self:
            picking_id, production_id, partner_id, date = origins.get(lot.id, (False,) * 4)
            lot.origin_picking_id = picking_id
            lot.origin_production_id = production_id
            lot.origin_partner_id = partner_id
            lot.origin_date = date

    def _cloudoffice_origins(self):
        """lot id -> (receipt, manufacturing order, supplier, date) of its first
        done move into stock from a supplier or a production location."""
        lot_ids = tuple(i for i in self.ids if isinstance(i, int))
        if not lot_ids:
            return {}
        self.env.cr.execute("""
            SELECT DISTINCT ON (ml.lot_id)
                   ml.lot_id, ml.picking_id, m.production_id,
                   COALESCE(p.partner_id, m.partner_id), ml.date
              FROM stock_move_line ml
              JOIN stock_location src ON src.id = ml.location_id
              JOIN stock_move m ON m.id = ml.move_id
         LEFT JOIN stock_picking p ON p.id = ml.picking_id
             WHERE ml.lot_id IN %s AND ml.state = 'done'
               AND src.usage IN ('supplier', 'production')
          ORDER BY ml.lot_id, ml.date, ml.id
        """, (lot_ids,))
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def default_get(self, fields_list):
        """A new batch/serial of a product takes its number from the product's numbering."""
        values = super().default_get(fields_list)
        product_id = values.get("product_id") or self.env.context.get("default_product_id")
        if "name" in fields_list and product_id and not self.env.context.get("default_name"):
            template = self.env["product.product"].browse(product_id).product_tmpl_id
            if template.lot_sequence_id or template.categ_id.lot_sequence_id:
                values["name"] = template._next_lot_name()
        return values

    @api.model
    def create(self, vals):
        # No tracking message for the initial values: in Odoo 11 it is posted
        # as a reply to the "created" message, whose notification empties the
        # whole record cache, taking the values of records not saved yet (a
        # form's onchange, a dialog such as OCA's new-lot wizard) with it. The
        # chatter still logs the creation and every later change.
        lot = super(StockProductionLot, self.with_context(mail_notrack=True)).create(vals)
        lot = lot.with_env(self.env)
        lot._cloudoffice_add_tests_from_specs()
        lot._cloudoffice_add_attribute_lines()
        return lot

    # ----------------------------------------------------- tests, attributes
    def _cloudoffice_add_tests_from_specs(self):
        """Create a pending test line per specification of the product and its category."""
        for lot in self:
            template = lot.product_id.product_tmpl_id
            specs = (template.lot_test_spec_ids | template.categ_id.lot_test_spec_ids).filtered("active")
            present = lot.test_ids.mapped("spec_id")
            for spec in (specs - present).sorted("sequence"):
                self.env["cloudoffice.lot.test"].create(dict(spec._test_values(), lot_id=lot.id))

    def _cloudoffice_add_attribute_lines(self):
        for lot in self:
            attributes = lot.product_id.categ_id.lot_attribute_ids.filtered("active")
            missing = attributes - lot.attribute_value_ids.mapped("attribute_id")
            for attribute in missing.sorted("sequence"):
                self.env["cloudoffice.lot.attribute.value"].create(
                    {"lot_id": lot.id, "attribute_id": attribute.id})

    @api.multi
    def action_add_missing_tests(self):
        self._cloudoffice_add_tests_from_specs()
        self._cloudoffice_add_attribute_lines()
        return True

