from odoo import fields, models
from odoo.addons import decimal_precision as dp

MOVE_KINDS = [
    ("opening", "Opening Balance"),
    ("receipt", "Receipt"),
    ("delivery", "Delivery"),
    ("production", "Manufactured"),
    ("consumption", "Used in Manufacturing"),
    ("internal", "Internal Transfer"),
    ("inventory", "Inventory Adjustment"),
    ("scrap", "Scrap"),
    ("customer_return", "Customer Return"),
    ("supplier_return", "Return to Supplier"),
    ("other", "Other"),
]


class LotMovementLine(models.AbstractModel):
    """A movement of a batch/serial as the statement and the trace list it:
    its move line, document, locations, partner and quantity."""

    _name = "cloudoffice.lot.movement.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "Batch Movement Line"

    move_line_id = fields.Many2one("stock.move.line", string="Move Line", readonly=True,
                                   help="The stock move line of the movement.")
    date = fields.Datetime(readonly=True, help="When the movement was done.")
    kind = fields.Selection(MOVE_KINDS, string="Type", readonly=True,
                            help="What the movement was, from its document and locations.")
    reference = fields.Char(readonly=True,
                            help="Reference of the document that moved the stock, e.g. the "
                                 "transfer number.")
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True,
                                 help="The receipt, delivery or internal transfer that moved the "
                                      "batch.")
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order", readonly=True,
                                    help="The manufacturing order that made or used the batch.")
    location_id = fields.Many2one(string="From", help="Location the batch was taken from.")
    location_dest_id = fields.Many2one("stock.location", string="To", readonly=True,
                                       help="Location the batch was put in.")
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True,
                                 help="Supplier of a receipt, customer of a delivery.")
    quantity = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Quantity moved, in the product's unit.")
