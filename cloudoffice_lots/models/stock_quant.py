from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # Stored so that stock can be grouped by expiry month (pivot, graph).
    lot_expiry_day = fields.Date(
        related="lot_id.expiry_day", store=True, readonly=True, string="Expiry Date",
        help="Expiry date of the batch/serial of this stock.")

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

    @api.model
    def _update_available_quantity(self, product_id, location_id, quantity, lot_id=None,
                                   package_id=None, owner_id=None, in_date=None):
        """No unit of a recalled batch reaches a customer, whatever the path."""
        if lot_id and quantity > 0 and location_id.usage == "customer":
            self._cloudoffice_check_not_recalled(lot_id)
        return super()._update_available_quantity(
            product_id, location_id, quantity, lot_id=lot_id, package_id=package_id,
            owner_id=owner_id, in_date=in_date)

    def _cloudoffice_check_not_recalled(self, lot):
        # The row lock orders this delivery with a recall confirmed at the same
        # moment: if the recall committed after this transaction began, the
        # lock fails with a serialization error and the request is retried,
        # then sees the recall.
        self.env.cr.execute(
            "SELECT r.name FROM stock_production_lot l "
            "LEFT JOIN cloudoffice_lot_recall r ON r.id = l.cloudoffice_recall_id "
            "AND r.state = 'confirmed' WHERE l.id = %s FOR UPDATE OF l", (lot.id,))
        row = self.env.cr.fetchone()
        if row and row[0]:
            raise UserError(_(
                "Batch %(lot)s of %(product)s is recalled (%(recall)s): it cannot be delivered "
                "to a customer.") % {"lot": lot.name, "product": lot.product_id.display_name,
                                     "recall": row[0]})
