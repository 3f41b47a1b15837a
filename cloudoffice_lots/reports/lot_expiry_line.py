from odoo import fields, models
from odoo.addons import decimal_precision as dp

BUCKETS = [
    ("expired", "Expired"),
    ("soon", "Expiring Soon"),
    ("later", "Later"),
    ("none", "No Expiry Date"),
]


class LotExpiryLine(models.TransientModel):
    """A batch/serial with its expiry: in stock in a location, or held by a
    customer it was delivered to."""

    _name = "cloudoffice.lot.expiry.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "Batch Expiry Line"
    _order = "life_date, lot_id, kind, location_id, partner_id"

    wizard_id = fields.Many2one("cloudoffice.lot.expiry.wizard", required=True,
                                ondelete="cascade", index=True)
    kind = fields.Selection([("stock", "In Stock"), ("customer", "At Customer")], string="Where",
                            readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True,
                                 help="Delivery address the batch went to.")
    picking_id = fields.Many2one("stock.picking", string="Last Delivery", readonly=True)
    delivery_date = fields.Datetime(string="Delivered On", readonly=True)
    quantity = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="In stock, or delivered minus returned for a customer.")
    life_date = fields.Datetime(string="Expiry Date", readonly=True)
    use_date = fields.Datetime(string="Best Before", readonly=True)
    removal_date = fields.Datetime(readonly=True)
    alert_date = fields.Datetime(readonly=True)
    days_left = fields.Integer(readonly=True, group_operator="min",
                               help="Days until the expiry date; negative once expired.")
    bucket = fields.Selection(BUCKETS, string="Expiry", readonly=True)
    alert_reached = fields.Boolean(readonly=True,
                                   help="The batch's alert date has passed.")
