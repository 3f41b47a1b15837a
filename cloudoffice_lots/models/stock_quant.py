from odoo import fields, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # Stored so that stock can be grouped by expiry month (pivot, graph).
    lot_expiry_day = fields.Date(
        related="lot_id.expiry_day", store=True, readonly=True, string="Expiry Date",
        help="Expiry date of the batch/serial of this stock.")
