from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # Odoo's field, with the help text users asked for.
    tracking = fields.Selection(help=(
        "By Lots: every receipt, delivery, transfer, manufacturing order and inventory "
        "of this product asks for its batch numbers (food, medicines, paints, chemicals).\n"
        "By Unique Serial Number: each unit has its own serial number and moves alone "
        "(phones, computers, machines, cars).\n"
        "No Tracking: quantities only."))
    lot_sequence_id = fields.Many2one(
        "ir.sequence", string="Batch/Serial Numbering",
        help="Numbers new batches/serials of this product when a receipt or a "
             "manufacturing order needs one. Empty: the category's numbering, then the "
             "company-wide default.")
    lot_test_spec_ids = fields.One2many(
        "cloudoffice.lot.test.spec", "product_tmpl_id", string="Batch Test Specifications",
        help="Tests every batch of this product goes through before it is released.")
    hazard_pictogram_ids = fields.Many2many(
        "cloudoffice.hazard.pictogram", string="Hazard Pictograms",
        help="GHS pictograms printed on this product's batch labels when the label layout "
             "shows warning signs.")
    allergen_note = fields.Char(
        string="Allergens", translate=True,
        help="Allergens printed on this product's batch labels, e.g. 'milk, hazelnuts'.")

    @api.model
    def _tracking_from_category(self, vals):
        """New products take their category's tracking unless one is given."""
        if "tracking" in vals:
            return vals
        categ_id = vals.get("categ_id") or self.default_get(["categ_id"]).get("categ_id")
        category = self.env["product.category"].browse(categ_id)
        if category.default_tracking:
            vals = dict(vals, tracking=category.default_tracking)
        return vals

    @api.model
    def create(self, vals):
        return super().create(self._tracking_from_category(vals))

    @api.onchange("categ_id")
    def _onchange_categ_id_tracking(self):
        if self.categ_id.default_tracking and not self.qty_available:
            self.tracking = self.categ_id.default_tracking

    @api.multi
    def write(self, vals):
        if "tracking" in vals:
            self.filtered(lambda t: t.tracking != vals["tracking"])._check_tracking_change_allowed(
                vals["tracking"])
        return super().write(vals)

    def _check_tracking_change_allowed(self, new_tracking):
        """Refuse to change the tracking of a product that has stock.

        Stock recorded under the old mode would not satisfy the new one (units
        without batch, or a batch holding several "serial" units); the user
        empties or counts the stock first, then changes the mode.
        """
        if not self:
            return
        self.env.cr.execute("""
            SELECT pp.product_tmpl_id, SUM(q.quantity)
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
              JOIN product_product pp ON pp.id = q.product_id
             WHERE pp.product_tmpl_id IN %s AND l.usage IN ('internal', 'transit')
          GROUP BY pp.product_tmpl_id
            HAVING SUM(q.quantity) != 0
        """, (tuple(self.ids),))
        in_stock = dict(self.env.cr.fetchall())
        labels = dict(self._fields["tracking"]._description_selection(self.env))
        for template in self.filtered(lambda t: t.id in in_stock):
            raise UserError(_(
                "You cannot change the tracking of %(product)s from \"%(old)s\" to \"%(new)s\": "
                "%(qty)s %(uom)s are in stock under the current tracking. Deliver, move or "
                "count that stock to zero first, then change the tracking and receive it again "
                "with its batch or serial numbers.") % {
                    "product": template.display_name,
                    "old": labels[template.tracking],
                    "new": labels[new_tracking],
                    "qty": in_stock[template.id],
                    "uom": template.uom_id.name,
                })

    def _get_lot_sequence(self):
        self.ensure_one()
        return (self.lot_sequence_id or self.categ_id.lot_sequence_id
                or self.env.ref("stock.sequence_production_lots", raise_if_not_found=False))

    def _next_lot_name(self):
        """The next batch/serial number from the product's (or category's) numbering."""
        sequence = self._get_lot_sequence()
        if sequence:
            return sequence.next_by_id()
        return self.env["ir.sequence"].next_by_code("stock.lot.serial")
