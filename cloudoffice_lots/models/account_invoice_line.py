"""Each invoice line shows its own batches/serials (with expiry), not one block."""
from odoo import _, api, fields, models
from odoo.tools import float_compare


class AccountInvoiceLine(models.Model):
    _inherit = "account.invoice.line"

    lot_ids = fields.Many2many(
        "stock.production.lot", "cloudoffice_invoice_line_lot_rel", "invoice_line_id", "lot_id",
        string="Batches/Serials", compute="_compute_lots", store=True,
        help="The batches/serials this line invoices: those delivered for its sales order "
             "lines, else those chosen on the order.")
    lot_text = fields.Text(
        string="Batch/Serial Numbers", compute="_compute_lots", store=True,
        help="Printed under the line on the invoice.")

    @api.depends("sale_line_ids", "quantity")
    def _compute_lots(self):
        for line in self:
            allocated = line._cloudoffice_lot_allocation()
            line.lot_ids = [(6, 0, [lot.id for lot, _qty in allocated])]
            line.lot_text = line._cloudoffice_lot_text(allocated)

    def _cloudoffice_lot_allocation(self):
        """[(lot, quantity in the invoice line's unit)] for this line.

        Delivered batches are shared out in delivery order over the invoice
        lines of the same order line, so a second invoice shows the batches of
        the second delivery.
        """
        self.ensure_one()
        result = []
        uom = self.uom_id or self.product_id.uom_id
        for sale_line in self.sale_line_ids.filtered(lambda rec: rec.product_id.tracking != "none"):
            lots = sale_line._cloudoffice_delivered_lots() or [
                (choice.lot_id, choice.quantity) for choice in sale_line.lot_choice_ids]
            earlier = sale_line.invoice_lines.filtered(
                lambda rec: rec != self and isinstance(rec.id, int) and isinstance(self.id, int)
                and rec.id < self.id and rec.invoice_id.state != "cancel"
                and rec.invoice_id.type == self.invoice_id.type)
            skip = sum(rec.uom_id._compute_quantity(rec.quantity, sale_line.product_uom) for rec in earlier)
            want = uom._compute_quantity(self.quantity, sale_line.product_uom) if uom else self.quantity
            rounding = sale_line.product_uom.rounding
            for lot, qty in lots:
                used = min(skip, qty)
                skip -= used
                take = min(qty - used, want)
                if float_compare(take, 0, precision_rounding=rounding) > 0:
                    result.append((lot, sale_line.product_uom._compute_quantity(take, uom)))
                    want -= take
        return result

    def _cloudoffice_lot_text(self, allocated):
        serials = [lot.name for lot, _qty in allocated if lot.product_id.tracking == "serial"]
        rows = ["%s: %s %s" % (lot._cloudoffice_label(), qty, (self.uom_id or lot.product_id.uom_id).name)
                for lot, qty in allocated if lot.product_id.tracking != "serial"]
        if serials:
            rows.append(_("Serial numbers: %s") % ", ".join(serials))
        return "\n".join(rows) or False
