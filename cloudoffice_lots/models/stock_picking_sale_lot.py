"""Expired or unreleased batches leave for a customer only with a recorded override."""
from odoo import _, api, models
from odoo.exceptions import UserError

OVERRIDE_GROUP = "cloudoffice_lots.group_sell_unsellable_lots"


# Kept apart from the batch-record extension of the same model: this file
# holds the selling side only.
class StockPicking(models.Model):  # pylint: disable=consider-merging-classes-inherited
    _inherit = "stock.picking"

    @api.multi
    def button_validate(self):
        problems = self._cloudoffice_unsellable_lines()
        if problems and not self.env.context.get("cloudoffice_lot_override_confirmed"):
            if not self.env.user.has_group(OVERRIDE_GROUP):
                raise UserError(_(
                    "These batches/serials may not be sold, so they cannot be delivered:\n%s\n"
                    "Choose other batches on the delivery, or ask a user allowed to ship expired "
                    "or unreleased batches.") % self._cloudoffice_problem_text(problems))
            return self.env["cloudoffice.lot.override.confirm"].action_open(self, problems)
        return super().button_validate()

    def _cloudoffice_unsellable_lines(self):
        """[(move line, reason)] of batches going to customers that may not be sold,
        leaving out those whose sale was already confirmed on the order."""
        problems = []
        for picking in self:
            lines = picking.move_line_ids.filtered(
                lambda rec: rec.lot_id and rec.location_dest_id.usage == "customer")
            if any(lines.mapped("qty_done")):
                lines = lines.filtered("qty_done")
            for line in lines:
                sale_line = line.move_id._cloudoffice_choice_line()
                if sale_line.lot_choice_ids.filtered(
                        lambda c, lot=line.lot_id: c.lot_id == lot and c.override_user_id):
                    continue
                reason = line.lot_id._cloudoffice_unsellable_reason()
                if reason:
                    problems.append((line, reason))
        return problems

    @staticmethod
    def _cloudoffice_problem_text(problems):
        return "\n".join(_("- %(picking)s: %(product)s, batch/serial %(lot)s: %(reason)s") % {
            "picking": line.picking_id.name, "product": line.product_id.display_name,
            "lot": line.lot_id.name, "reason": reason} for line, reason in problems)
