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

    @api.multi
    def _cloudoffice_portal_coa_lots(self):
        """Batches delivered on this order whose certificate of analysis the
        customer may download from the portal: those with test results, when
        the customer asks for certificates."""
        self.ensure_one()
        order = self.sudo()
        if not order.partner_id.commercial_partner_id.cloudoffice_wants_coa:
            return self.env["stock.production.lot"]
        lots = self.env["stock.production.lot"].sudo()
        for line in order.order_line:
            for lot, _qty in line._cloudoffice_delivered_lots():
                lots |= lot
        return lots.filtered("test_ids")
