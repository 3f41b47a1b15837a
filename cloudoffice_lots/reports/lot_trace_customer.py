from odoo import fields, models
from odoo.addons import decimal_precision as dp


class LotTraceCustomer(models.TransientModel):
    """A customer who received a traced batch (or a batch made from it):
    the list a recall starts from."""

    _name = "cloudoffice.lot.trace.customer"
    _description = "Customer Affected by a Batch"
    _order = "commercial_partner_id, partner_id, lot_id"

    wizard_id = fields.Many2one("cloudoffice.lot.trace.wizard", required=True,
                                ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Delivered To", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    email = fields.Char(related="partner_id.email", readonly=True)
    phone = fields.Char(related="partner_id.phone", readonly=True)
    mobile = fields.Char(related="partner_id.mobile", readonly=True)
    contact_address = fields.Char(related="partner_id.contact_address", string="Address",
                                  readonly=True)
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    uom_id = fields.Many2one("product.uom", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    delivered = fields.Float(readonly=True,
                             digits=dp.get_precision("Product Unit of Measure"))
    returned = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"))
    quantity = fields.Float(string="Still Held", readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Delivered minus returned: what the recall must bring back.")
    first_delivery = fields.Datetime(readonly=True)
    last_delivery = fields.Datetime(readonly=True)
    deliveries = fields.Integer(readonly=True)
