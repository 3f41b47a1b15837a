from odoo import fields, models
from odoo.addons import decimal_precision as dp

SECTIONS = [("back", "One Step Back"), ("forward", "One Step Forward")]


class LotOneStepLine(models.TransientModel):
    """A receipt from a supplier (one step back) or a delivery to a customer
    (one step forward) of a batch or of a batch one manufacturing step away."""

    _name = "cloudoffice.lot.one.step.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "One Step Back, One Step Forward Line"
    _order = "section, depth, lot_id, date, id"

    wizard_id = fields.Many2one("cloudoffice.lot.one.step.wizard", required=True,
                                ondelete="cascade", index=True,
                                help="The report this line belongs to.")
    section = fields.Selection(SECTIONS, readonly=True,
                               help="One Step Back: who supplied the batch or its inputs. One "
                                    "Step Forward: who received the batch or what was made "
                                    "from it.")
    depth = fields.Integer(string="Level", readonly=True,
                           help="0: the batch itself; 1: an input it was made of (back) or a "
                                "batch made from it (forward).")
    via_lot_id = fields.Many2one("stock.production.lot", string="For Batch", readonly=True,
                                 help="The batch this line is one step away from: the reported "
                                      "batch itself, for inputs and outputs.")
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order",
                                    readonly=True,
                                    help="The manufacturing order linking an input or an output "
                                         "to the reported batch.")
    date = fields.Datetime(readonly=True, help="When the goods were received or delivered.")
    partner_id = fields.Many2one("res.partner", string="Supplier/Customer", readonly=True,
                                 help="Who delivered the goods to us (back) or received them "
                                      "from us (forward); empty when nobody did yet.")
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True,
                                 help="The receipt, delivery or return.")
    supplier_batch = fields.Char(string="Supplier's Batch", readonly=True,
                                 help="The batch number the supplier printed on the goods.")
    kind = fields.Char(readonly=True,
                       help="Technical kind of the movement (receipt, delivery, "
                            "customer_return).")
    quantity = fields.Float(readonly=True, digits=dp.get_precision("Product Unit of Measure"),
                            help="Quantity received or delivered, in the product's unit; a "
                                 "return from a customer is negative.")
