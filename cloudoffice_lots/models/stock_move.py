from odoo import _, api, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.multi
    def action_cloudoffice_generate_serials(self):
        """Open the wizard that enters many serial/batch numbers at once."""
        self.ensure_one()
        if self.product_id.tracking == "none":
            raise UserError(_("%s is not tracked by batch or serial number.") % self.product_id.display_name)
        return {
            "name": _("Enter Batch/Serial Numbers"),
            "type": "ir.actions.act_window",
            "res_model": "cloudoffice.serial.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_id": self.id},
        }

    @api.multi
    def action_cloudoffice_number_batches(self):
        """Give each open receipt line of a batch-tracked product a new batch number."""
        open_moves = self.filtered(lambda m: m.state not in ("done", "cancel"))
        for move in open_moves.filtered(lambda m: m.product_id.tracking == "lot"):
            lines = move.move_line_ids.filtered(lambda ml: not ml.lot_id and not ml.lot_name)
            if not lines and not move.move_line_ids:
                lines = self.env["stock.move.line"].create(dict(
                    move._prepare_move_line_vals(), qty_done=move.product_uom_qty))
            for line in lines:
                line.lot_name = move.product_id.product_tmpl_id._next_lot_name()
        return True
