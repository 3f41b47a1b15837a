import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

# "L-1: 40, L-2: 60" or one number per line; a quantity after ':' or '='.
_SEPARATORS = re.compile(r"[,;\n]+")
_ENTRY = re.compile(r"^\s*(?P<number>[^:=]+?)\s*(?:[:=]\s*(?P<qty>\d+(?:[.,]\d+)?)\s*)?$")


def parse_supplier_batches(text):
    """[(number, quantity or None)] from what the user noted.

    >>> parse_supplier_batches('B-77: 40, B-78')
    [('B-77', 40.0), ('B-78', None)]
    """
    entries = []
    for chunk in _SEPARATORS.split(text or ""):
        if not chunk.strip():
            continue
        match = _ENTRY.match(chunk)
        if not match:
            raise ValueError(chunk.strip())
        qty = match.group("qty")
        entries.append((match.group("number"), float(qty.replace(",", ".")) if qty else None))
    return entries


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    cloudoffice_supplier_batches = fields.Text(
        string="Supplier's Batch/Serial Numbers",
        help="The supplier's batch or serial numbers announced for this line, separated by commas "
             "or new lines, each with an optional quantity after a colon (B-77: 40, B-78: 60). "
             "The receipt proposes them.")

    @api.constrains("cloudoffice_supplier_batches", "product_id")
    def _check_supplier_batches(self):
        for line in self.filtered("cloudoffice_supplier_batches"):
            try:
                entries = parse_supplier_batches(line.cloudoffice_supplier_batches)
            except ValueError as error:
                raise ValidationError(_(
                    "%(order)s, %(product)s: cannot read the supplier's batch number '%(entry)s'. "
                    "Write them as B-77: 40, B-78: 60.") % {
                        "order": line.order_id.name, "product": line.product_id.display_name,
                        "entry": error.args[0]})
            numbers = [number for number, _qty in entries]
            if line.product_id.tracking == "serial" and len(set(numbers)) != len(numbers):
                raise ValidationError(_("%(order)s, %(product)s: a serial number is noted twice.") % {
                    "order": line.order_id.name, "product": line.product_id.display_name})

    def _cloudoffice_supplier_batch_plan(self, quantity):
        """[(number, quantity in product unit)] to propose for ``quantity`` received.

        Numbers without a quantity share what the others leave (a serial is one unit).
        """
        self.ensure_one()
        entries = parse_supplier_batches(self.cloudoffice_supplier_batches)
        rounding = self.product_id.uom_id.rounding
        if self.product_id.tracking == "serial":
            return [(number, 1.0) for number, _qty in entries]
        to_product = self.product_uom._compute_quantity
        given = sum(to_product(qty, self.product_id.uom_id) for _number, qty in entries if qty)
        open_numbers = [number for number, qty in entries if not qty]
        share = float_round(max(quantity - given, 0.0) / len(open_numbers), precision_rounding=rounding,
                            rounding_method="DOWN") if open_numbers else 0.0
        plan, left, open_left = [], max(quantity - given, 0.0), len(open_numbers)
        for number, qty in entries:
            if qty:
                plan.append((number, to_product(qty, self.product_id.uom_id)))
            else:
                open_left -= 1
                part = share if open_left else left
                plan.append((number, part))
                left -= part
        return plan
