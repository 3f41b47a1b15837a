from odoo import fields, models
from odoo.addons import decimal_precision as dp

from .lot_statement_line import MOVE_KINDS


class LotTraceLine(models.TransientModel):
    """A movement in the trace of a batch/serial: downstream a delivery,
    consumption or scrap of the batch or of a batch made from it; upstream
    a receipt or production of the batch or of one of its components."""

    _name = "cloudoffice.lot.trace.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "Batch Traceability Line"
    _order = "direction, depth, date, move_line_id"

    wizard_id = fields.Many2one("cloudoffice.lot.trace.wizard", required=True,
                                ondelete="cascade", index=True)
    direction = fields.Selection([("downstream", "Downstream"), ("upstream", "Upstream")],
                                 readonly=True,
                                 help="Downstream: where the batch went (deliveries, batches "
                                      "made from it). Upstream: where it came from (receipts, "
                                      "components).")
    depth = fields.Integer(string="Level", readonly=True, group_operator=False,
                           help="0: the batch itself; 1: made from it (downstream) or one of "
                                "its components (upstream); and so on.")
    parent_lot_id = fields.Many2one("stock.production.lot", string="Through Batch", readonly=True,
                                    help="The batch this one was reached from.")
    move_line_id = fields.Many2one("stock.move.line", string="Move Line", readonly=True,
                                   help="The stock move line of the movement.")
    date = fields.Datetime(readonly=True, help="When the movement was done.")
    kind = fields.Selection(MOVE_KINDS, string="Type", readonly=True,
                            help="What the movement was, from its document and locations.")
    reference = fields.Char(readonly=True,
                            help="Reference of the document that moved the stock, e.g. the "
                                 "transfer number.")
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True,
                                 help="The receipt, delivery or internal transfer of the movement.")
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order", readonly=True,
                                    help="The manufacturing order that made or used the batch.")
    location_id = fields.Many2one("stock.location", string="From", readonly=True,
                                  help="Location the batch was taken from.")
    location_dest_id = fields.Many2one("stock.location", string="To", readonly=True,
                                       help="Location the batch was put in.")
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True,
                                 help="Supplier of a receipt, customer of a delivery.")
    quantity = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Quantity moved, in the product's unit.")
