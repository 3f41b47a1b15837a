"""Scrapped goods as warehouse changes sent to Fortnox."""
from odoo import api, models


class StockScrap(models.Model):
    _name = "stock.scrap"
    _inherit = ["stock.scrap", "fortnox.stock.document"]

    def _fortnox_moves(self):
        return self.move_id.filtered(lambda move: move.state == "done")

    def _fortnox_date(self):
        return (self.move_id.date or self.date_expected)[:10]

    def _fortnox_company(self):
        return self.location_id.company_id or self.env.user.company_id

    @api.model
    def _fortnox_done_domain(self, backend):
        return [("location_id.company_id", "=", backend.company_id.id), ("state", "=", "done"),
                ("date_expected", ">=", backend.send_from or "1900-01-01")]
