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
    partner_id = fields.Many2one("res.partner", string="Delivered To", readonly=True,
                                 help="The delivery address the batch was sent to.")
    commercial_partner_id = fields.Many2one("res.partner", string="Customer", readonly=True,
                                            help="The customer company the delivery address "
                                                 "belongs to: the one to contact for a recall.")
    email = fields.Char(related="partner_id.email", readonly=True,
                        help="Email address of the delivery address, to contact for a recall.")
    phone = fields.Char(related="partner_id.phone", readonly=True,
                        help="Phone number of the delivery address, to contact for a recall.")
    mobile = fields.Char(related="partner_id.mobile", readonly=True,
                         help="Mobile number of the delivery address, to contact for a recall.")
    contact_address = fields.Char(related="partner_id.contact_address", string="Address",
                                  readonly=True,
                                  help="Postal address the batch was delivered to.")
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", readonly=True,
                             help="The delivered batch or serial number: the traced one or one "
                                  "made from it.")
    product_id = fields.Many2one("product.product", string="Product", readonly=True,
                                 help="The product of the delivered batch/serial.")
    uom_id = fields.Many2one("product.uom", string="Unit", readonly=True,
                             help="The product's unit of measure: quantities are in it.")
    company_id = fields.Many2one("res.company", string="Company", readonly=True,
                                 help="Company that owns the batch/serial.")
    delivered = fields.Float(readonly=True,
                             digits=dp.get_precision("Product Unit of Measure"),
                             help="Total quantity delivered to this address.")
    returned = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Total quantity this address returned.")
    quantity = fields.Float(string="Still Held", readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Delivered minus returned: what the recall must bring back.")
    first_delivery = fields.Datetime(readonly=True,
                                     help="Date of the first delivery of the batch to this "
                                          "address.")
    last_delivery = fields.Datetime(readonly=True,
                                    help="Date of the latest delivery of the batch to this "
                                         "address.")
    deliveries = fields.Integer(readonly=True,
                                help="Number of deliveries of the batch to this address.")
