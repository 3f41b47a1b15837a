"""Transfers (receipts, deliveries, returns, transfers between warehouses) as
warehouse changes sent to Fortnox."""
from odoo import api, models


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "fortnox.stock.document"]

    def _fortnox_moves(self):
        return self.move_lines.filtered(lambda move: move.state == "done")

    def _fortnox_date(self):
        return (self.date_done or self.date)[:10]

    @api.model
    def _fortnox_done_domain(self, backend):
        return [("company_id", "=", backend.company_id.id), ("state", "=", "done"),
                ("date_done", ">=", backend.send_from or "1900-01-01")]
