"""A batch in a recall stays blocked until the recall is closed."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    cloudoffice_recall_id = fields.Many2one(
        "cloudoffice.lot.recall", string="Recall", readonly=True, copy=False, index=True,
        help="The recall that blocked this batch/serial.")

    @api.multi
    def write(self, vals):
        if "quality_block" in vals and not vals["quality_block"]:
            recalled = self.filtered(
                lambda lot: lot.cloudoffice_recall_id.state == "confirmed")
            if recalled:
                raise UserError(_(
                    "Batch %(lot)s is recalled (%(recall)s): it stays blocked until the recall "
                    "is closed.") % {"lot": recalled[0].name,
                                     "recall": recalled[0].cloudoffice_recall_id.name})
        return super().write(vals)
