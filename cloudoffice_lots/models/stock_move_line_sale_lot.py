"""Changing a chosen batch/serial on a delivery is possible, and logged."""
from odoo import _, api, models


class StockMoveLine(models.Model):
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
        sale_line = line.lot_id and line.move_id._cloudoffice_choice_line()
        if sale_line and line.lot_id not in sale_line.lot_choice_ids.mapped("lot_id"):
            line._cloudoffice_log_lot_change(self.env["stock.production.lot"])
        return line

    def _cloudoffice_log_lot_change(self, old_lot):
        """Say on the delivery (and its order) that a batch other than the chosen one goes."""
        sale_line = self.move_id._cloudoffice_choice_line()
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
