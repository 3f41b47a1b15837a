from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def _action_confirm(self):
        """Confirming reserves exactly the chosen batches/serials, or nothing at all."""
        lines = self.mapped("order_line").filtered("lot_choice_ids")
        for line in lines:
            line._cloudoffice_check_chosen_total()
        lines._cloudoffice_check_sellable()
        lines._cloudoffice_check_available()
        result = super()._action_confirm()
        lines._cloudoffice_reserve_chosen_lots()
        return result
