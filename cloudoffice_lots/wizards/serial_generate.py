import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

#: Above this many numbers at once, the user confirms they really meant it.
CONFIRM_ABOVE = 1000
#: Never more than this in one go (a typo in a range must not hang the server).
HARD_LIMIT = 100000


def serial_range(first, count):
    """``count`` numbers counting up from ``first``, keeping its prefix and padding.

    >>> serial_range('PHX-0098', 3)
    ['PHX-0098', 'PHX-0099', 'PHX-0100']
    """
    match = re.match(r"^(.*?)(\d+)(\D*)$", first.strip())
    if not match:
        raise ValueError(first)
    prefix, digits, suffix = match.groups()
    start = int(digits)
    return ["%s%0*d%s" % (prefix, len(digits), start + i, suffix) for i in range(count)]


def split_pasted(text):
    """Serial numbers pasted one per line, or separated by commas, semicolons or tabs."""
    return [part.strip() for part in re.split(r"[\n\r,;\t]+", text or "") if part.strip()]


class SerialGenerate(models.TransientModel):
    """Enter many batch/serial numbers on a receipt line at once."""

    _name = "cloudoffice.serial.generate"
    _description = "Enter Batch/Serial Numbers"

    move_id = fields.Many2one("stock.move", required=True, readonly=True,
                              help="The receipt line (stock move) the numbers are added to.")
    product_id = fields.Many2one(related="move_id.product_id", readonly=True,
                                 help="The product received: each serial number gets one unit, "
                                      "batches share the line's quantity.")
    tracking = fields.Selection(related="move_id.product_id.tracking", readonly=True)
    mode = fields.Selection([
        ("range", "A range (first number and count)"),
        ("list", "A list (pasted or typed)"),
        ("sequence", "From the product's numbering"),
    ], default="range", required=True,
        help="How the numbers are given: a range counting up from a first number, a list "
             "typed or pasted, or the next numbers of the product's numbering.")
    first_number = fields.Char(help="e.g. SN-2026-00001: the digits at the end count up.")
    count = fields.Integer(default=1, help="How many serial numbers.")
    number_list = fields.Text(string="Numbers", help="One per line, or separated by commas.")
    production_date = fields.Date(
        help="Production date of the new batches/serials; with the product's shelf life it fills "
             "in their expiry and best-before dates.")
    life_date = fields.Date(string="Expiry Date",
                            help="Expiry date of the new batches/serials, when known from the "
                                 "goods; empty: computed from the production date.")
    confirm_many = fields.Boolean(
        string="Yes, create them all",
        help="Needed above %d numbers at once, so a typo cannot create thousands." % CONFIRM_ABOVE)

    def _names(self):
        if self.mode == "list":
            return split_pasted(self.number_list)
        if self.count <= 0:
            raise UserError(_("Enter how many serial numbers to create for %s.")
                            % self.product_id.display_name)
        if self.count > HARD_LIMIT:
            raise UserError(_("%(count)s serial numbers at once is more than the %(limit)s allowed "
                              "for one receipt line.") % {"count": self.count, "limit": HARD_LIMIT})
        if self.mode == "sequence":
            template = self.product_id.product_tmpl_id
            return [template._next_lot_name() for _i in range(self.count)]
        if not (self.first_number or "").strip():
            raise UserError(_("Enter the first serial number of the range."))
        try:
            return serial_range(self.first_number, self.count)
        except ValueError:
            raise UserError(_("The first number %s must end with digits to count up from.")
                            % self.first_number)

    def _check_names(self, names):
        product = self.product_id
        if not names:
            raise UserError(_("No serial numbers were entered for %s.") % product.display_name)
        if len(names) > CONFIRM_ABOVE and not self.confirm_many:
            raise UserError(_("You are about to create %(count)s serial numbers for %(product)s. "
                              "Tick \"Yes, create them all\" if that is what you want.") % {
                                  "count": len(names), "product": product.display_name})
        seen, repeated = set(), []
        for name in names:
            if name in seen:
                repeated.append(name)
            seen.add(name)
        if repeated:
            raise UserError(_("These numbers are entered twice for %(product)s: %(names)s.") % {
                "product": product.display_name, "names": ", ".join(sorted(set(repeated))[:20])})
        if self.tracking == "serial":
            self.env.cr.execute(
                "SELECT name FROM stock_production_lot WHERE product_id = %s AND name IN %s "
                "ORDER BY name LIMIT 20", (product.id, tuple(names)))
            existing = [row[0] for row in self.env.cr.fetchall()]
            if existing:
                raise UserError(_("%(product)s already has serial numbers %(names)s.") % {
                    "product": product.display_name, "names": ", ".join(existing)})
            expected = self.move_id.product_uom._compute_quantity(
                self.move_id.product_uom_qty, product.uom_id)
            if len(names) > expected:
                raise UserError(_("%(count)s serial numbers for %(product)s, but the line expects "
                                  "%(expected)g units.") % {
                    "count": len(names), "product": product.display_name, "expected": expected})

    @api.multi
    def action_apply(self):
        self.ensure_one()
        move = self.move_id
        if move.state in ("done", "cancel"):
            raise UserError(_("%s is already done or cancelled.") % move.reference)
        names = self._names()
        self._check_names(names)
        qty = 1.0 if self.tracking == "serial" else move.product_uom_qty / len(names)
        # Lines without a number yet are placeholders from the reservation.
        move.move_line_ids.filtered(lambda ml: not ml.lot_id and not ml.lot_name).unlink()
        base = move._prepare_move_line_vals()
        base.pop("product_uom_qty", None)
        values = [dict(base, lot_name=name, qty_done=qty, product_uom_id=move.product_id.uom_id.id
                       if self.tracking == "serial" else move.product_uom.id,
                       lot_production_date=self.production_date, lot_life_date=self.life_date)
                  for name in names]
        for chunk_start in range(0, len(values), 500):
            for vals in values[chunk_start:chunk_start + 500]:
                self.env["stock.move.line"].create(vals)
        return {"type": "ir.actions.act_window_close"}
