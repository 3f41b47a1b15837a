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


class LotStatementLine(models.TransientModel):
    """One movement of a batch/serial in a stock statement, with the running
    balance; the first line of each batch is its opening balance."""

    _name = "cloudoffice.lot.statement.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "Batch Statement Line"
    _order = "lot_id, sequence, date, move_line_id"

    wizard_id = fields.Many2one("cloudoffice.lot.statement.wizard", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=1, help="Opening balance first.")
    move_line_id = fields.Many2one("stock.move.line", string="Move Line", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(MOVE_KINDS, string="Type", readonly=True,
                            help="What the movement was, from its document and locations.")
    reference = fields.Char(readonly=True)
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True)
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order", readonly=True)
    inventory_id = fields.Many2one("stock.inventory", string="Inventory Adjustment", readonly=True)
    scrap_id = fields.Many2one("stock.scrap", string="Scrap Order", readonly=True)
    location_id = fields.Many2one(string="From")
    location_dest_id = fields.Many2one("stock.location", string="To", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="From Warehouse", readonly=True)
    warehouse_dest_id = fields.Many2one("stock.warehouse", string="To Warehouse", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True,
                                 help="Supplier of a receipt, customer of a delivery.")
    quantity = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Quantity moved, in the product's unit.")
    qty_in = fields.Float(string="In", readonly=True,
                          digits=dp.get_precision("Product Unit of Measure"))
    qty_out = fields.Float(string="Out", readonly=True,
                           digits=dp.get_precision("Product Unit of Measure"))
    balance = fields.Float(readonly=True, group_operator=False,
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Stock of the batch after this movement.")
