from collections import OrderedDict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    lot_choice_ids = fields.One2many(
        "cloudoffice.sale.line.lot", "sale_line_id", string="Chosen Batches/Serials", copy=False,
        help="The batches/serials to deliver for this line. Empty: the warehouse picks them "
             "(first expiry first).")
    lot_tracking = fields.Selection(related="product_id.tracking", readonly=True,
                                    string="Tracked By")
    lot_choice_summary = fields.Char(
        string="Batches/Serials", compute="_compute_lot_choice_summary",
        help="The chosen batches/serials with their quantities.")
    cloudoffice_recall_id = fields.Many2one(
        "cloudoffice.lot.recall", string="Recall", readonly=True, copy=False,
        help="A recall took batches out of this line's chosen batches: choose others.")

    @api.depends("lot_choice_ids.lot_id", "lot_choice_ids.quantity")
    def _compute_lot_choice_summary(self):
        for line in self:
            if line.product_id.tracking == "serial":
                line.lot_choice_summary = ", ".join(line.lot_choice_ids.mapped("lot_id.name"))
            else:
                line.lot_choice_summary = ", ".join(
                    "%s: %s" % (choice.lot_id.name, choice.quantity) for choice in line.lot_choice_ids)

    @api.constrains("product_uom_qty", "product_uom", "lot_choice_ids")
    def _check_lot_choice_total(self):
        for line in self.filtered("lot_choice_ids"):
            line._cloudoffice_check_chosen_total()

    # ------------------------------------------------------------ checks
    def _cloudoffice_chosen_text(self):
        return ", ".join("%s: %s" % (choice.lot_id.name, choice.quantity) for choice in self.lot_choice_ids)

    def _cloudoffice_check_chosen_total(self, ordered=None):
        """The chosen batches hold exactly the ordered quantity (``ordered``: line's unit)."""
        self.ensure_one()
        ordered = self.product_uom_qty if ordered is None else ordered
        chosen = sum(self.lot_choice_ids.mapped("quantity"))
        if float_compare(chosen, ordered, precision_rounding=self.product_uom.rounding) != 0:
            raise ValidationError(_(
                "%(order)s, %(product)s: the line asks for %(ordered)s %(uom)s but the chosen "
                "batches/serials hold %(chosen)s %(uom)s (%(detail)s). Choose batches for exactly "
                "the ordered quantity, or change the quantity.") % {
                    "order": self.order_id.name, "product": self.product_id.display_name,
                    "ordered": ordered, "uom": self.product_uom.name,
                    "chosen": float_round(chosen, precision_rounding=self.product_uom.rounding),
                    "detail": self._cloudoffice_chosen_text()})

    def _cloudoffice_check_sellable(self):
        """Chosen batches are sellable, or their override is recorded."""
        for line in self:
            for choice in line.lot_choice_ids.filtered(lambda c: not c._is_overridden()):
                reason = choice.lot_id._cloudoffice_unsellable_reason()
                if reason:
                    raise UserError(_(
                        "%(order)s: batch/serial %(lot)s of %(product)s cannot be sold "
                        "(%(reason)s). Choose another batch.") % {
                            "order": line.order_id.name, "lot": choice.lot_id.name,
                            "product": line.product_id.display_name, "reason": reason})

    def _cloudoffice_stock_location(self):
        self.ensure_one()
        return self.order_id.warehouse_id.lot_stock_id

    def _cloudoffice_check_available(self):
        """Lock the chosen batches' stock, then check that it holds what is chosen.

        Raises a UserError naming the batch and the quantities when another
        order took them first.
        """
        choices = self.mapped("lot_choice_ids")
        if not choices:
            return
        availability = self.env["cloudoffice.lot.availability"]
        availability.lock_lots(choices.mapped("lot_id"))
        needed = OrderedDict()
        for choice in choices:
            key = (choice.sale_line_id._cloudoffice_stock_location(), choice.lot_id)
            needed[key] = needed.get(key, 0.0) + choice._product_qty()
        available_now = availability.available_per_location_lot(needed)
        for (location, lot), qty in needed.items():
            available = available_now[(location.id, lot.id)]
            rounding = lot.product_id.uom_id.rounding
            if float_compare(qty, available, precision_rounding=rounding) > 0:
                orders = choices.filtered(lambda c, lot=lot: c.lot_id == lot).mapped("order_id.name")
                raise UserError(_(
                    "Batch/serial %(lot)s of %(product)s: %(qty)s %(uom)s are chosen on "
                    "%(orders)s but only %(available)s %(uom)s are available in %(location)s "
                    "(on hand minus reserved). Another order may just have taken them: choose "
                    "again.") % {
                        "lot": lot.name, "product": lot.product_id.display_name,
                        "qty": float_round(qty, precision_rounding=rounding),
                        "uom": lot.product_id.uom_id.name, "orders": ", ".join(orders),
                        "available": float_round(max(available, 0.0), precision_rounding=rounding),
                        "location": location.display_name})

    # ------------------------------------------------------- reservation
    def _cloudoffice_reserve_chosen_lots(self):
        """Reserve the chosen batches on the deliveries, all of them or fail."""
        moves = self.mapped("move_ids")._cloudoffice_source_moves().filtered(
            lambda m: m.state in ("confirmed", "partially_available", "assigned"))
        moves._action_assign()
        for move in moves:
            missing = {lot: qty for lot, qty in move._cloudoffice_lot_targets().items()
                       if float_compare(qty, 0, precision_rounding=move.product_id.uom_id.rounding) > 0}
            if missing:
                lot, qty = next(iter(missing.items()))
                raise UserError(_(
                    "%(picking)s: %(qty)s %(uom)s of batch/serial %(lot)s of %(product)s could not "
                    "be reserved in %(location)s.") % {
                        "picking": move.picking_id.name or move.reference, "qty": qty,
                        "uom": move.product_id.uom_id.name, "lot": lot.name,
                        "product": move.product_id.display_name,
                        "location": move.location_id.display_name})

    def _cloudoffice_rereserve(self):
        """After the choices of confirmed lines changed: reserve the new ones instead."""
        moves = self.mapped("move_ids")._cloudoffice_source_moves().filtered(
            lambda m: m.state in ("confirmed", "partially_available", "assigned"))
        moves._do_unreserve()
        self._cloudoffice_check_available()
        self._cloudoffice_reserve_chosen_lots()

    # ---------------------------------------------------------- delivered
    def _cloudoffice_delivered_lots(self):
        """[(lot, quantity in the line's unit)] delivered to the customer, net of
        returns, in delivery order."""
        self.ensure_one()
        quantities = OrderedDict()
        moves = self.move_ids.filtered(lambda m: m.state == "done").sorted(lambda m: (m.date, m.id))
        for move in moves:
            sign = 1 if move.location_dest_id.usage == "customer" else -1
            if sign < 0 and not move.to_refund:
                continue
            for ml in move.move_line_ids.filtered("lot_id"):
                qty = ml.product_uom_id._compute_quantity(ml.qty_done, self.product_uom)
                quantities[ml.lot_id] = quantities.get(ml.lot_id, 0.0) + sign * qty
        rounding = self.product_uom.rounding
        return [(lot, qty) for lot, qty in quantities.items()
                if float_compare(qty, 0, precision_rounding=rounding) > 0]

    # ------------------------------------------------------------ actions
    @api.multi
    def action_open_lot_picker(self):
        """Open the batch/serial picker for this line."""
        self.ensure_one()
        if self.product_id.tracking == "none":
            raise UserError(_("%s is not tracked by batch or serial number.") % self.product_id.display_name)
        if self.order_id.state in ("done", "cancel"):
            raise UserError(_("%s is locked or cancelled: its batches can no longer change.")
                            % self.order_id.name)
        return self.env["cloudoffice.sale.lot.picker"].action_open({"sale_line_id": self.id})
