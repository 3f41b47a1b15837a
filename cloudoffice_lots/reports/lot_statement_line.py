from odoo import fields, models
from odoo.addons import decimal_precision as dp


class LotStatementLine(models.TransientModel):
    """One movement of a batch/serial in a stock statement, with the running
    balance; the first line of each batch is its opening balance."""

    _name = "cloudoffice.lot.statement.line"
    _inherit = "cloudoffice.lot.movement.line"
    _description = "Batch Statement Line"
    _order = "lot_id, sequence, date, move_line_id"

    wizard_id = fields.Many2one("cloudoffice.lot.statement.wizard", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=1, help="Opening balance first.")
    move_line_id = fields.Many2one(help="The stock move line this movement comes from; empty on "
                                        "the opening balance.")
    inventory_id = fields.Many2one("stock.inventory", string="Inventory Adjustment", readonly=True,
                                   help="The inventory adjustment that corrected the batch's "
                                        "quantity.")
    scrap_id = fields.Many2one("stock.scrap", string="Scrap Order", readonly=True,
                               help="The scrap order that removed the batch from stock.")
    warehouse_id = fields.Many2one("stock.warehouse", string="From Warehouse", readonly=True,
                                   help="Warehouse of the source location; empty when it is "
                                        "outside any warehouse (supplier, customer...).")
    warehouse_dest_id = fields.Many2one("stock.warehouse", string="To Warehouse", readonly=True,
                                        help="Warehouse of the destination location; empty when it "
                                             "is outside any warehouse (supplier, customer...).")
    qty_in = fields.Float(string="In", readonly=True,
                          digits=dp.get_precision("Product Unit of Measure"),
                          help="Quantity that came into the stock counted (the chosen warehouses "
                               "or locations), in the product's unit.")
    qty_out = fields.Float(string="Out", readonly=True,
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Quantity that left the stock counted (the chosen warehouses or "
                                "locations), in the product's unit.")
    balance = fields.Float(readonly=True, group_operator=False,
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Stock of the batch after this movement.")
