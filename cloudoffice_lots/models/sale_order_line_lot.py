from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import AccessError, ValidationError


class SaleOrderLineLot(models.Model):
    """A batch/serial chosen on a sales order line, with the quantity to take from it.

    Confirming the order reserves exactly these on the delivery; backorders
    keep what is left of them.
    """
    _name = "cloudoffice.sale.line.lot"
    _description = "Batch/serial chosen on a sales order line"
    _order = "sale_line_id, sequence, id"

    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, ondelete="cascade", index=True,
        help="The sales order line this batch/serial is chosen for.")
    sequence = fields.Integer(default=10, help="Order in which the batches are taken.")
    order_id = fields.Many2one(related="sale_line_id.order_id", store=True, readonly=True,
                               help="The sales order of the line.")
    company_id = fields.Many2one(related="sale_line_id.order_id.company_id", store=True, readonly=True,
                                 help="Company of the sales order.")
    product_id = fields.Many2one(related="sale_line_id.product_id", readonly=True,
                                 help="The product ordered on the line.")
    lot_id = fields.Many2one(
        "stock.production.lot", string="Batch/Serial", required=True, ondelete="restrict", index=True,
        help="The batch or serial number to deliver.")
    location_id = fields.Many2one(
        "stock.location", string="Location",
        help="Where to take it from; empty: anywhere in the warehouse's stock.")
    quantity = fields.Float(
        digits=dp.get_precision("Product Unit of Measure"), required=True, default=1.0,
        help="Quantity taken from this batch, in the order line's unit of measure.")
    product_uom_id = fields.Many2one(related="sale_line_id.product_uom", readonly=True,
                                     help="Unit of measure of the order line, in which the "
                                          "quantity is given.")
    expiry_day = fields.Date(related="lot_id.expiry_day", readonly=True, string="Expiry",
                             help="Last day the goods may be used.")
    best_before_day = fields.Date(related="lot_id.best_before_day", readonly=True, string="Best Before",
                                  help="Day from which the goods start to deteriorate.")
    # Read from the recorded approval, never written by a client.
    override_id = fields.Many2one(
        "cloudoffice.lot.override", string="Approval", compute="_compute_override",
        help="The recorded approval to sell this batch on this order line although it is "
             "expired or not released.")
    override_user_id = fields.Many2one(
        "res.users", string="Override By", related="override_id.user_id", readonly=True,
        help="Who confirmed selling this batch although it is expired or not released.")
    override_reason = fields.Char(related="override_id.reason", readonly=True,
                                  help="Why it may be sold anyway, as the user wrote it.")

    _sql_constraints = [
        ("line_lot_location_unique", "unique(sale_line_id, lot_id, location_id)",
         "A batch/serial is chosen only once per order line and location."),
    ]

    @api.depends("sale_line_id", "lot_id")
    def _compute_override(self):
        approvals = self.env["cloudoffice.lot.override"].sudo().search([
            ("sale_line_id", "in", self.mapped("sale_line_id").ids),
            ("lot_id", "in", self.mapped("lot_id").ids)], order="approved_date, id")
        latest = {(rec.sale_line_id.id, rec.lot_id.id): rec for rec in approvals}
        for choice in self:
            approval = latest.get((choice.sale_line_id.id, choice.lot_id.id))
            choice.override_id = approval.id if approval else False

    @api.model
    def create(self, vals):
        self._cloudoffice_refuse_approval_fields(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._cloudoffice_refuse_approval_fields(vals)
        return super().write(vals)

    @api.model
    def _cloudoffice_refuse_approval_fields(self, vals):
        """Who approved is read from the approval record; no client sets it."""
        given = sorted(set(vals) & {"override_id", "override_user_id", "override_reason"})
        if given:
            raise AccessError(_(
                "%(fields)s of a chosen batch cannot be set: an approval is recorded by the "
                "approving user in the batch picker.") % {"fields": ", ".join(given)})

    @api.constrains("lot_id", "quantity", "sale_line_id")
    def _check_lot(self):
        for choice in self:
            line = choice.sale_line_id
            if choice.lot_id.product_id != line.product_id:
                raise ValidationError(_(
                    "Batch/serial %(lot)s is of %(lot_product)s, not of %(product)s ordered on "
                    "%(order)s.") % {"lot": choice.lot_id.name,
                                     "lot_product": choice.lot_id.product_id.display_name,
                                     "product": line.product_id.display_name,
                                     "order": line.order_id.name})
            if choice.quantity <= 0:
                raise ValidationError(_(
                    "Batch/serial %(lot)s of %(product)s: the chosen quantity must be positive, "
                    "not %(qty)s.") % {"lot": choice.lot_id.name,
                                        "product": line.product_id.display_name,
                                        "qty": choice.quantity})
            if line.product_id.tracking == "serial":
                qty = choice._product_qty()
                if abs(qty - 1.0) > 1e-6:
                    raise ValidationError(_(
                        "Serial number %(lot)s of %(product)s is one unit; %(qty)s %(uom)s were "
                        "chosen.") % {"lot": choice.lot_id.name, "product": line.product_id.display_name,
                                      "qty": choice.quantity, "uom": line.product_uom.name})

    def _product_qty(self):
        """The chosen quantity in the product's own unit (the unit of stock)."""
        self.ensure_one()
        line = self.sale_line_id
        return line.product_uom._compute_quantity(self.quantity, line.product_id.uom_id)

    def _is_overridden(self):
        return bool(self.override_user_id)
