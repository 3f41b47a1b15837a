"""The batches/serials of a journal item, for the texts of the SIE export."""
from collections import OrderedDict

from odoo import models
from odoo.tools import float_compare


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _cloudoffice_lot_quantities(self):
        """[(lot, quantity in the product's unit)] this journal item books.

        A stock valuation entry books its stock move's batches; an invoice's
        product line those of the invoice line it comes from (customer
        invoices: :meth:`account.invoice.line._cloudoffice_lot_allocation`;
        supplier invoices: what the purchase line received). The journal item
        does not point to its invoice line, so it is matched by product,
        account and quantity; lines of one product merged into one journal
        item (journal option "Group Invoice Lines") give their batches
        together. Read as superuser: an accountant may export entries without
        having rights on the warehouse documents behind them.
        """
        self.ensure_one()
        product = self.product_id
        if not product or product.tracking == "none":
            return []
        sudo_line = self.sudo()
        totals = OrderedDict()
        if sudo_line.move_id.stock_move_id:
            for move_line in sudo_line.move_id.stock_move_id.move_line_ids.filtered("lot_id"):
                qty = move_line.product_uom_id._compute_quantity(move_line.qty_done, product.uom_id)
                totals[move_line.lot_id] = totals.get(move_line.lot_id, 0.0) + qty
        elif sudo_line.invoice_id:
            candidates = sudo_line.invoice_id.invoice_line_ids.filtered(
                lambda line: line.product_id == product and line.account_id == sudo_line.account_id)
            same_qty = candidates.filtered(lambda line: line.quantity == sudo_line.quantity)
            for inv_line in (same_qty[:1] or candidates):
                if inv_line.purchase_line_id:
                    allocated = _received_lots(inv_line)
                else:
                    allocated = inv_line._cloudoffice_lot_allocation()
                uom = inv_line.uom_id or product.uom_id
                for lot, qty in allocated:
                    totals[lot] = totals.get(lot, 0.0) + uom._compute_quantity(qty, product.uom_id)
        rounding = product.uom_id.rounding
        return [(lot, qty) for lot, qty in totals.items()
                if float_compare(qty, 0, precision_rounding=rounding) > 0]


def _received_lots(inv_line):
    """[(lot, quantity in the invoice line's unit)] a supplier invoice line
    pays for: what its purchase line received (net of returns), shared out in
    receipt order over the purchase line's invoice lines, as
    ``_cloudoffice_lot_allocation`` does for customer invoices."""
    purchase_line = inv_line.purchase_line_id
    unit = purchase_line.product_uom
    received = OrderedDict()
    moves = purchase_line.move_ids.filtered(lambda m: m.state == "done").sorted(lambda m: (m.date, m.id))
    for move in moves:
        sign = -1 if move.location_dest_id.usage == "supplier" else 1
        for move_line in move.move_line_ids.filtered("lot_id"):
            qty = move_line.product_uom_id._compute_quantity(move_line.qty_done, unit)
            received[move_line.lot_id] = received.get(move_line.lot_id, 0.0) + sign * qty
    earlier = purchase_line.invoice_lines.filtered(
        lambda rec: rec.id < inv_line.id and rec.invoice_id.state != "cancel"
        and rec.invoice_id.type == inv_line.invoice_id.type)
    skip = sum(rec.uom_id._compute_quantity(rec.quantity, unit) for rec in earlier)
    want = (inv_line.uom_id or unit)._compute_quantity(inv_line.quantity, unit)
    result = []
    for lot, qty in received.items():
        used = min(skip, max(qty, 0.0))
        skip -= used
        take = min(qty - used, want)
        if float_compare(take, 0, precision_rounding=unit.rounding) > 0:
            result.append((lot, unit._compute_quantity(take, inv_line.uom_id or unit)))
            want -= take
    return result
