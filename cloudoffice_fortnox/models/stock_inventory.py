"""Inventory adjustments (gains and losses) as warehouse changes sent to Fortnox."""
from odoo import api, models


class StockInventory(models.Model):
    _name = "stock.inventory"
    _inherit = ["stock.inventory", "fortnox.stock.document"]

    def _fortnox_moves(self):
        return self.move_ids.filtered(lambda move: move.state == "done")

    def _fortnox_reference(self):
        # Inventory names are free text: the id keeps the reference unique.
        return "%s [%d]" % (self.name, self.id)

    def _fortnox_date(self):
        return self.date[:10]

    @api.model
    def _fortnox_done_domain(self, backend):
        return [("company_id", "=", backend.company_id.id), ("state", "=", "done"),
                ("date", ">=", backend.send_from or "1900-01-01")]
