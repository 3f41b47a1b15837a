from odoo import api, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model
    def _gather(self, product_id, location_id, lot_id=None, package_id=None, owner_id=None,
                strict=False):
        """Stock of a batch in a recall under way is never available: no
        reservation (any move, any route) takes it. Asked for by batch, or
        strictly (the quants a done move updates), it is there as ever."""
        quants = super()._gather(product_id, location_id, lot_id=lot_id, package_id=package_id,
                                 owner_id=owner_id, strict=strict)
        if lot_id or strict or product_id.tracking == "none":
            return quants
        # Read as superuser: whoever reserves (a seller confirming an order)
        # need not see recalls to be kept from their batches.
        recalled = set(quants.sudo().filtered(
            lambda quant: quant.lot_id.cloudoffice_recall_id.state == "confirmed").ids)
        return quants.filtered(lambda quant: quant.id not in recalled) if recalled else quants
