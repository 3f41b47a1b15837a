from odoo import fields, models


class LotTraceLine(models.TransientModel):
    """A movement in the trace of a batch/serial: downstream a delivery,
    consumption or scrap of the batch or of a batch made from it; upstream
    a receipt or production of the batch or of one of its components."""

    _name = "cloudoffice.lot.trace.line"
    _inherit = "cloudoffice.lot.movement.line"
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
