"""Changing a chosen batch/serial on a delivery is possible, and logged."""
from odoo import _, api, models
from odoo.exceptions import UserError


# Kept apart from the batch-record extension of the same model: this file
# holds the selling side only.
class StockMoveLine(models.Model):  # pylint: disable=consider-merging-classes-inherited
    _inherit = "stock.move.line"

    @api.multi
    def write(self, vals):
        if "lot_id" not in vals:
            return super().write(vals)
        before = {line.id: line.lot_id for line in self}
        result = super().write(vals)
        for line in self:
            if line.lot_id != before[line.id]:
                line._cloudoffice_log_lot_change(before[line.id])
        return result

    @api.model
    def create(self, vals):
        line = super().create(vals)
        # Lines created on a picking without a move (Odoo makes the move later) have no choice yet.
        sale_line = line.lot_id and line.move_id and line.move_id._cloudoffice_choice_line()
        if sale_line and line.lot_id not in sale_line.lot_choice_ids.mapped("lot_id"):
            line._cloudoffice_log_lot_change(self.env["stock.production.lot"])
        return line

    def _cloudoffice_log_lot_change(self, old_lot):
        """Say on the delivery (and its order) that a batch other than the chosen one goes."""
        sale_line = self.move_id and self.move_id._cloudoffice_choice_line()
        if not sale_line or not self.picking_id:
            return
        chosen = sale_line.lot_choice_ids.mapped("lot_id")
        if self.lot_id in chosen and (not old_lot or old_lot in chosen):
            return
        message = _(
            "%(product)s: batch/serial %(new)s instead of %(old)s, changed by %(user)s. Chosen on "
            "%(order)s: %(chosen)s.") % {
                "product": self.product_id.display_name, "new": self.lot_id.name or _("none"),
                "old": old_lot.name or _("none"), "user": self.env.user.name,
                "order": sale_line.order_id.name, "chosen": ", ".join(chosen.mapped("name"))}
        self.picking_id.message_post(body=message)
        sale_line.order_id.message_post(body=_("%(picking)s: %(message)s") % {
            "picking": self.picking_id.name, "message": message})

    def _action_done(self):
        """Sales deliveries never take a batch below zero (Odoo alone would
        leave a negative quant)."""
        outgoing = self.filtered(lambda ml: ml.lot_id and ml.move_id.sale_line_id
                                 and ml.location_id.usage == "internal"
                                 and ml.location_dest_id.usage == "customer")
        moved = {}
        for ml in outgoing:
            key = (ml.lot_id.id, ml.location_id.id)
            moved[key] = moved.get(key, 0.0) + ml.product_uom_id._compute_quantity(
                ml.qty_done, ml.product_id.uom_id)
        result = super()._action_done()
        if moved:
            self._cloudoffice_check_not_negative(moved)
        return result

    def _cloudoffice_check_not_negative(self, moved):
        lot_ids = tuple({lot_id for lot_id, _location in moved})
        self.env.cr.execute("""
            SELECT lot_id, location_id, SUM(quantity)
              FROM stock_quant
             WHERE lot_id IN %s AND location_id IN %s
          GROUP BY lot_id, location_id
            HAVING SUM(quantity) < 0
        """, (lot_ids, tuple({location for _lot, location in moved})))
        for lot_id, location_id, quantity in self.env.cr.fetchall():
            if (lot_id, location_id) not in moved:
                continue
            lot = self.env["stock.production.lot"].browse(lot_id)
            shipped = moved[(lot_id, location_id)]
            raise UserError(_(
                "Batch/serial %(lot)s of %(product)s: %(shipped)s %(uom)s would leave %(location)s "
                "where only %(on_hand)s %(uom)s are in stock. Check the batch/serial on the "
                "operation lines.") % {
                    "lot": lot.name, "product": lot.product_id.display_name, "shipped": shipped,
                    "uom": lot.product_id.uom_id.name,
                    "location": self.env["stock.location"].browse(location_id).display_name,
                    "on_hand": max(quantity + shipped, 0.0)})
