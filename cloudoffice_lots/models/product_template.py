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

    stock_without_lot_qty = fields.Float(
        string="In Stock without Batch/Serial", compute="_compute_stock_without_lot_qty",
        digits=0,
        help="Units of this batch- or serial-tracked product in your warehouses that have no "
             "batch/serial number, e.g. stock received before tracking was switched on. They "
             "cannot be delivered until an inventory adjustment gives them their numbers.")

    def _stock_by_lot_presence(self):
        """{template id: (quantity without lot, {lot id: quantity})} in internal/transit
        locations, for the templates in self that have stock."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT pp.product_tmpl_id, q.lot_id, SUM(q.quantity)
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
              JOIN product_product pp ON pp.id = q.product_id
             WHERE pp.product_tmpl_id IN %s AND l.usage IN ('internal', 'transit')
          GROUP BY pp.product_tmpl_id, q.lot_id
            HAVING SUM(q.quantity) != 0
        """, (tuple(self.ids),))
        stock = {}
        for template_id, lot_id, qty in self.env.cr.fetchall():
            without_lot, by_lot = stock.setdefault(template_id, (0.0, {}))
            if lot_id:
                by_lot[lot_id] = qty
            else:
                stock[template_id] = (without_lot + qty, by_lot)
        return stock

    @api.depends("tracking")
    def _compute_stock_without_lot_qty(self):
        tracked = self.filtered(lambda t: t.tracking != "none" and isinstance(t.id, int))
        stock = tracked._stock_by_lot_presence()
        for template in self:
            template.stock_without_lot_qty = stock.get(template.id, (0.0, {}))[0] \
                if template in tracked else 0.0

    @api.onchange("tracking")
    def onchange_tracking(self):
        """Stock's warning, or, when the tracking really changes, one that names
        the product, the quantity and what happens to it instead."""
        result = super().onchange_tracking()
        origin = self._origin
        if not origin or not isinstance(origin.id, int) or origin.tracking == self.tracking:
            return result
        message = origin._tracking_change_consequence(self.tracking)
        if message:
            return {"warning": {"title": _("Stock under the old tracking"), "message": message}}
        return result

    @api.multi
    def write(self, vals):
        changing = self.browse()
        if "tracking" in vals:
            changing = self.filtered(lambda t: t.tracking != vals["tracking"])
            changing._check_tracking_change_allowed(vals["tracking"])
            consequences = {t.id: t._tracking_change_consequence(vals["tracking"])
                            for t in changing}
        result = super().write(vals)
        for template in changing:
            if consequences[template.id]:
                template.message_post(body=consequences[template.id])
        return result

    def _tracking_labels(self):
        return dict(self._fields["tracking"]._description_selection(self.env))

    def _tracking_change_consequence(self, new_tracking):
        """What switching this product to new_tracking does to the stock it has.

        The stock stays as it was recorded: units received without numbers keep
        none until an inventory adjustment counts them with their numbers (until
        then documents that move them still ask for the numbers); numbers kept
        on the stock of a product no longer tracked are history only.
        """
        self.ensure_one()
        without_lot, by_lot = self._stock_by_lot_presence().get(self.id, (0.0, {}))
        labels = self._tracking_labels()
        values = {"product": self.display_name, "old": labels[self.tracking],
                  "new": labels[new_tracking], "uom": self.uom_id.name}
        if new_tracking != "none" and without_lot:
            return _(
                "%(product)s changes from \"%(old)s\" to \"%(new)s\" with %(qty)s %(uom)s in "
                "stock that have no batch/serial number. They stay in stock as they are; "
                "count them with an inventory adjustment to give them their numbers. Until "
                "then a delivery of those units asks for their numbers.") % dict(
                    values, qty=without_lot)
        if new_tracking == "none" and by_lot:
            return _(
                "%(product)s changes from \"%(old)s\" to \"%(new)s\" with %(qty)s %(uom)s in "
                "stock under %(count)s batch/serial numbers. The numbers stay on that stock as "
                "history; new receipts and deliveries no longer ask for them.") % dict(
                    values, qty=sum(by_lot.values()), count=len(by_lot))
        return ""

    def _check_tracking_change_allowed(self, new_tracking):
        """Refuse only what cannot be kept consistent: a product becomes tracked
        by serial while one of its batches holds several units (a serial number
        is one unit; the batch would be "in stock twice"). Everything else is
        allowed and explained (see _tracking_change_consequence)."""
        if new_tracking != "serial":
            return
        stock = self._stock_by_lot_presence()
        labels = self._tracking_labels()
        lot_model = self.env["stock.production.lot"]
        for template in self:
            by_lot = stock.get(template.id, (0.0, {}))[1]
            several = sorted((lot_model.browse(lot_id).name, qty)
                             for lot_id, qty in by_lot.items() if qty > 1)
            if several:
                raise UserError(_(
                    "%(product)s cannot change from \"%(old)s\" to \"%(new)s\": batch "
                    "%(lot)s holds %(qty)s %(uom)s in stock, and a serial number is one unit. "
                    "Count that stock with one serial number per unit first (inventory "
                    "adjustment), then change the tracking.") % {
                        "product": template.display_name, "old": labels[template.tracking],
                        "new": labels[new_tracking], "lot": several[0][0],
                        "qty": several[0][1], "uom": template.uom_id.name})

    def action_count_stock_without_lot(self):
        """An inventory adjustment of this product, ready to count it with numbers."""
        self.ensure_one()
        quant = self.env["stock.quant"].search([
            ("product_id.product_tmpl_id", "=", self.id), ("lot_id", "=", False),
            ("location_id.usage", "in", ("internal", "transit"))], limit=1)
        values = {
            "name": _("Numbers for %s") % self.display_name,
            "filter": "product",
            "product_id": (quant.product_id or self.product_variant_ids[:1]).id,
        }
        warehouse = quant.location_id.get_warehouse()
        if warehouse:
            values["location_id"] = warehouse.view_location_id.id
        inventory = self.env["stock.inventory"].create(values)
        inventory.action_start()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.inventory",
            "res_id": inventory.id,
            "view_mode": "form",
            "target": "current",
        }

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
