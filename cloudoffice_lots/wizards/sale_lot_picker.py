"""The batch/serial picker: available batches with their dates and release,
proposed first-expiry-first, chosen with quantities, typed or scanned.

Opened from a sales order line (the choices are kept on the line and
reserved on confirmation) or from a move of a delivery, internal transfer or
purchase return (the move is reserved on the chosen batches at once).
"""
from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

from ..gs1 import GS1Error
from ..gs1 import parse as gs1_parse
from ..models.lot_override import OVERRIDE_GROUP

UOM_DIGITS = dp.get_precision("Product Unit of Measure")
#: rows shown at first; the search finds the others
PICKER_ROWS = 40


class SaleLotPicker(models.TransientModel):
    _name = "cloudoffice.sale.lot.picker"
    _description = "Choose batches/serials"

    sale_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True,
                                   help="The sales order line the batches are chosen for; empty "
                                        "when choosing on a transfer.")
    move_id = fields.Many2one("stock.move", string="Move", readonly=True,
                              help="The stock move the batches are chosen for; empty when choosing "
                                   "on a sales order line.")
    product_id = fields.Many2one("product.product", string="Product", readonly=True, required=True,
                                 help="The product whose batches/serials are chosen.")
    tracking = fields.Selection(related="product_id.tracking", readonly=True)
    location_id = fields.Many2one("stock.location", string="Look In", readonly=True, required=True,
                                  help="Batches are looked for in this location and those inside it.")
    uom_id = fields.Many2one("product.uom", string="Unit", readonly=True, required=True,
                             help="Unit of the ordered, chosen and available quantities: the order "
                                  "line's or move's unit.")
    ordered_qty = fields.Float(
        string="Ordered", digits=UOM_DIGITS,
        help="Quantity of the order line. Changing it here changes the order line.")
    chosen_qty = fields.Float(string="Chosen", compute="_compute_chosen_qty",
                              digits=UOM_DIGITS,
                              help="Total of the quantities chosen below; it should match the "
                                   "ordered quantity.")
    search_text = fields.Char(string="Search", help="Part of a batch/serial number.")
    scan = fields.Char(help="Scan or type a batch/serial number (GS1 codes are read) "
                                           "to choose it: a serial is chosen, a batch gets one more unit.")
    show_unsellable = fields.Boolean(
        string="Show Expired/Unreleased",
        help="Also list batches that may not be sold (only for users allowed to sell them).")
    can_override = fields.Boolean(compute="_compute_can_override",
                                  help="Whether you may sell batches that are expired or not "
                                       "released (given by your access rights).")
    override_confirmed = fields.Boolean(
        string="I confirm selling expired/unreleased batches",
        help="Needed when a chosen batch may not be sold; recorded in the order's history.")
    override_reason = fields.Char(string="Reason", help="Why they may be sold anyway.")
    line_ids = fields.One2many("cloudoffice.sale.lot.picker.line", "picker_id", string="Batches/Serials",
                               help="Batches/serials in stock, first expiry first: enter the "
                                    "quantity to take from each.")
    proposed = fields.Boolean(
        string="Proposal Shown",
        help="The quantities are the automatic first-expiry-first proposal: the first scan "
             "replaces them by what is scanned.")
    notice = fields.Text(compute="_compute_notice",
                         help="Why no batch/serial is offered, and what you can do.")

    @api.depends("line_ids.quantity")
    def _compute_chosen_qty(self):
        for picker in self:
            picker.chosen_qty = sum(picker.line_ids.mapped("quantity"))

    @api.depends("line_ids.available", "line_ids.unsellable_reason")
    def _compute_notice(self):
        for picker in self:
            picker.notice = picker._empty_notice()

    def _empty_notice(self):
        """A word on an empty choice: nothing in stock, all reserved, or only
        batches that may not be sold (then listed greyed, with the reason)."""
        rounding = self.uom_id.rounding or 0.001
        offered = self.line_ids.filtered(
            lambda rec: not rec.unsellable_reason
            and float_compare(rec.available, 0, precision_rounding=rounding) > 0)
        if offered or self.search_text:
            return False
        values = {"product": self.product_id.display_name, "location": self.location_id.display_name}
        unsellable = self.line_ids.filtered("unsellable_reason")
        if unsellable:
            notes = [_("No batch of %(product)s in %(location)s may be sold now: the batches in "
                       "stock are listed greyed below, each with the reason.") % values]
            if self.can_override:
                notes.append(_("You may sell them anyway: enter the quantities, tick the confirmation "
                               "and give a reason."))
            else:
                notes.append(_("Ask the quality team to release a batch, or cancel: the line then "
                               "has no chosen batch and the delivery waits for a sellable one."))
            return "\n".join(notes)
        if self.line_ids:
            return _("All %(product)s in %(location)s is reserved for other orders. Cancel, or "
                     "ask the warehouse to free a batch.") % values
        return _("There is no %(product)s in stock in %(location)s. Cancel: the line then has "
                 "no chosen batch and the delivery waits for the goods to come in.") % values

    def _compute_can_override(self):
        allowed = self.env.user.has_group(OVERRIDE_GROUP)
        for picker in self:
            picker.can_override = allowed

    # -------------------------------------------------------------- open
    @api.model
    def action_open(self, values):
        """Create the picker for a sale line or a move and return its window action."""
        picker = self.create(self._defaults_for(values))
        picker._load_rows(propose=True)
        return picker._reopen()

    @api.model
    def _defaults_for(self, values):
        if values.get("sale_line_id"):
            line = self.env["sale.order.line"].browse(values["sale_line_id"])
            return dict(values, product_id=line.product_id.id, uom_id=line.product_uom.id,
                        location_id=line._cloudoffice_stock_location().id,
                        ordered_qty=line.product_uom_qty)
        move = self.env["stock.move"].browse(values["move_id"])
        return dict(values, product_id=move.product_id.id, uom_id=move.product_uom.id,
                    location_id=move.location_id.id, ordered_qty=move.product_uom_qty)

    def _reopen(self):
        return {
            "name": _("Batches/Serials of %s") % self.product_id.display_name,
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "context": self.env.context,
        }

    # -------------------------------------------------------------- rows
    def _sellable_only(self):
        """Sales list sellable batches only; transfers and returns list them all."""
        return bool(self.sale_line_id) and not (self.show_unsellable and self.can_override)

    def _own_reserved(self):
        """{(lot id, location id): quantity} reserved by what this picker edits."""
        if self.sale_line_id:
            moves = self.sale_line_id.move_ids._cloudoffice_source_moves()
        else:
            moves = self.move_id
        own = {}
        for ml in moves.filtered(lambda m: m.state != "done").mapped("move_line_ids").filtered("lot_id"):
            key = (ml.lot_id.id, ml.location_id.id)
            own[key] = own.get(key, 0.0) + ml.product_qty
        return own

    def _current_choices(self):
        """{(lot id, location id): quantity in the picker's unit} chosen before."""
        if self.sale_line_id:
            return {(c.lot_id.id, c.location_id.id): c.quantity for c in self.sale_line_id.lot_choice_ids}
        to_uom = self.product_id.uom_id._compute_quantity
        chosen = {}
        for ml in self.move_id.move_line_ids.filtered("lot_id"):
            key = (ml.lot_id.id, ml.location_id.id)
            chosen[key] = chosen.get(key, 0.0) + to_uom(ml.product_qty, self.uom_id)
        return chosen

    def _customer_limits(self):
        """The customer's own test limits for this product (see
        cloudoffice.customer.test.limit._cloudoffice_for); none off a sale."""
        return self.env["cloudoffice.customer.test.limit"]._cloudoffice_for(
            self.sale_line_id.order_id.partner_id, self.product_id)

    def _row_values(self, row, own, limits=None):
        available = row["available"] + own.get((row["lot_id"], row["location_id"]), 0.0)
        reason = ""
        if self.sale_line_id:
            life_date = row["life_date"]
            if life_date and not isinstance(life_date, str):
                life_date = fields.Datetime.to_string(life_date)
            reason = self.env["stock.production.lot"]._cloudoffice_reason_for(life_date, row["release_state"])
            limits = self._customer_limits() if limits is None else limits
            if not reason and limits:
                # good by our specifications, not by the customer's own limits
                reason = self.env["stock.production.lot"].browse(row["lot_id"])._cloudoffice_limit_problem(
                    self.sale_line_id.order_id.partner_id, limits)
        return {
            "picker_id": self.id, "lot_id": row["lot_id"], "location_id": row["location_id"],
            "available": self.product_id.uom_id._compute_quantity(available, self.uom_id),
            "on_hand": row["on_hand"], "reserved": row["reserved"],
            # False, not "": the view greys and locks rows whose reason is set.
            "unsellable_reason": reason or False,
        }

    def _load_rows(self, propose=False, name=None):
        """(Re)build the rows: what was chosen, then the first available batches
        (FEFO, FIFO) or those matching ``name``; keep quantities already entered."""
        availability = self.env["cloudoffice.lot.availability"]
        kept = {(rec.lot_id.id, rec.location_id.id): rec.quantity for rec in self.line_ids if rec.quantity}
        chosen = kept or self._current_choices()
        own = self._own_reserved()
        rows = []
        if chosen:
            lots = self.env["stock.production.lot"].browse({lot_id for lot_id, _loc in chosen})
            rows += availability.available_lots(self.product_id, self.location_id, sellable_only=False,
                                                lots=lots, include_empty=True)
        offered = availability.available_lots(self.product_id, self.location_id,
                                              sellable_only=self._sellable_only(), name=name,
                                              limit=PICKER_ROWS)
        rows += offered
        if not offered and self._sellable_only():
            # Nothing may be sold: show what is in stock, greyed with the
            # reason, rather than an empty list.
            rows += availability.available_lots(self.product_id, self.location_id,
                                                sellable_only=False, name=name, limit=PICKER_ROWS)
        self.line_ids.unlink()
        seen, values_list = set(), []
        limits = self._customer_limits()
        for row in rows:
            key = (row["lot_id"], row["location_id"])
            if key in seen:
                continue
            seen.add(key)
            values = self._row_values(row, own, limits)
            values["sequence"] = len(seen)
            values["quantity"] = chosen.get(key) or chosen.get((row["lot_id"], False), 0.0)
            values_list.append(values)
        if propose and not chosen:
            self._propose_fefo(values_list)
            self.proposed = any(values.get("quantity") for values in values_list)
        line_model = self.env["cloudoffice.sale.lot.picker.line"]
        for values in values_list:
            line_model.create(values)

    def _propose_fefo(self, rows):
        """Fill the ordered quantity from the first rows (first expiry first);
        ``rows`` are picker line values, or picker lines."""
        rounding = self.uom_id.rounding
        left = self.ordered_qty
        for row in rows:
            if float_compare(left, 0, precision_rounding=rounding) <= 0:
                break
            if row["unsellable_reason"]:
                continue
            qty = 1.0 if self.tracking == "serial" else min(row["available"], left)
            if float_compare(row["available"], qty, precision_rounding=rounding) < 0:
                continue
            row["quantity"] = qty
            left -= qty

    # ----------------------------------------------------------- buttons
    @api.multi
    def action_search(self):
        self.ensure_one()
        self._load_rows(name=(self.search_text or "").strip() or None)
        return self._reopen()

    @api.multi
    def action_propose(self):
        """Forget the quantities entered and propose first expiry first again."""
        self.ensure_one()
        self.line_ids.write({"quantity": 0.0})
        self._load_rows()
        self._propose_fefo(self.line_ids.sorted("sequence"))
        self.proposed = True
        return self._reopen()

    @api.multi
    def action_clear(self):
        """Choose nothing: every quantity back to zero, to scan or type anew."""
        self.ensure_one()
        self.line_ids.write({"quantity": 0.0})
        self.proposed = False
        return self._reopen()

    @api.onchange("scan")
    def _onchange_scan(self):
        if not self.scan:
            return None
        code, self.scan = self.scan, False
        message = self._cloudoffice_scan(code)
        return {"warning": {"title": _("Scan"), "message": message}} if message else None

    def _cloudoffice_scan(self, code):
        """Choose the batch/serial ``code`` names; return a message when it cannot be."""
        name = code.strip()
        try:
            result = gs1_parse(name, strict=False)
        except GS1Error:
            result = None
        if result is not None:
            name = result.get("21") or result.get("10") or name
        line = self.line_ids.filtered(lambda rec: (rec.lot_id.name or "").lower() == name.lower())[:1]
        if not line:
            lot = self.env["stock.production.lot"].search(
                [("product_id", "=", self.product_id.id), ("name", "=ilike", name)], limit=1)
            rows = lot and self.env["cloudoffice.lot.availability"].available_lots(
                self.product_id, self.location_id, sellable_only=self._sellable_only(), lots=lot, limit=1)
            if not rows:
                return _("%(code)s: no available batch/serial of %(product)s with this number "
                         "in %(location)s.") % {
                    "code": name, "product": self.product_id.display_name,
                    "location": self.location_id.display_name}
            line = self.line_ids.new(self._row_values(rows[0], self._own_reserved()))
            self.line_ids |= line
        if self.proposed:
            # Scanning says "these ones": the first scan replaces the
            # automatic proposal instead of adding to it.
            for other in self.line_ids:
                other.quantity = 0.0
            self.proposed = False
        if self.tracking == "serial":
            line.quantity = 1.0
        else:
            line.quantity = min(line.quantity + 1.0, line.available)
        return None

    # ----------------------------------------------------------- confirm
    def _chosen_lines(self):
        rounding = self.uom_id.rounding
        return self.line_ids.filtered(
            lambda rec: float_compare(rec.quantity, 0, precision_rounding=rounding) > 0)

    def _check_chosen(self):
        rounding = self.uom_id.rounding
        for line in self._chosen_lines():
            if float_compare(line.quantity, line.available, precision_rounding=rounding) > 0:
                raise UserError(_(
                    "Batch/serial %(lot)s of %(product)s in %(location)s: %(qty)s %(uom)s chosen but "
                    "only %(available)s %(uom)s available.") % {
                        "lot": line.lot_id.name, "product": self.product_id.display_name,
                        "location": line.location_id.display_name, "qty": line.quantity,
                        "uom": self.uom_id.name,
                        "available": float_round(line.available, precision_rounding=rounding)})
            if self.tracking == "serial" and float_compare(line.quantity, 1.0, precision_rounding=rounding):
                raise UserError(_("Serial number %(lot)s of %(product)s is one unit, not %(qty)s.") % {
                    "lot": line.lot_id.name, "product": self.product_id.display_name, "qty": line.quantity})
        target = self.ordered_qty if self.sale_line_id else self.move_id.product_uom_qty
        chosen = sum(self._chosen_lines().mapped("quantity"))
        if self.sale_line_id and float_compare(chosen, target, precision_rounding=rounding) != 0:
            raise UserError(_(
                "%(product)s: %(target)s %(uom)s ordered but %(chosen)s %(uom)s chosen. Choose "
                "batches/serials for exactly the ordered quantity, or change it.") % {
                    "product": self.product_id.display_name, "target": target, "chosen": chosen,
                    "uom": self.uom_id.name})
        if float_compare(chosen, target, precision_rounding=rounding) > 0:
            raise UserError(_("%(product)s: %(chosen)s %(uom)s chosen for a move of %(target)s %(uom)s.") % {
                "product": self.product_id.display_name, "chosen": chosen, "target": target,
                "uom": self.uom_id.name})

    def _check_override(self):
        """Unsellable batches need the group and an explicit, explained confirmation."""
        blocked = self._chosen_lines().filtered("unsellable_reason")
        if not blocked:
            return blocked
        text = "\n".join("%s: %s" % (rec.lot_id.name, rec.unsellable_reason) for rec in blocked)
        if not self.can_override:
            raise UserError(_("These batches/serials may not be sold:\n%s") % text)
        if not self.override_confirmed or not (self.override_reason or "").strip():
            raise UserError(_(
                "These batches/serials may not be sold:\n%s\nTick the confirmation and give a "
                "reason to sell them anyway.") % text)
        return blocked

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self._check_chosen()
        if self.sale_line_id:
            self._apply_to_sale_line(self._check_override())
        else:
            self._apply_to_move()
        return {"type": "ir.actions.act_window_close"}

    def _apply_to_sale_line(self, overridden):
        line = self.sale_line_id
        overrides = {rec.lot_id.id: rec for rec in overridden}
        previous = line._cloudoffice_chosen_text()
        commands = [(5, 0, 0)] + [(0, 0, {
            "sequence": index, "lot_id": row.lot_id.id, "location_id": row.location_id.id,
            "quantity": row.quantity,
        }) for index, row in enumerate(self._chosen_lines())]
        values = {"lot_choice_ids": commands}
        # The approval is a record made by (and naming) the current user.
        for lot_id, row in overrides.items():
            self.env["cloudoffice.lot.override"].create({
                "lot_id": lot_id, "sale_line_id": line.id, "reason": self.override_reason,
                "problem": row.unsellable_reason})
        if float_compare(self.ordered_qty, line.product_uom_qty, precision_rounding=self.uom_id.rounding):
            values["product_uom_qty"] = self.ordered_qty
        line.write(values)
        order = line.order_id
        if overridden:
            order.message_post(body=_(
                "%(user)s confirmed selling %(product)s from batches/serials that may not be sold: "
                "%(lots)s. Reason: %(reason)s") % {
                    "user": self.env.user.name, "product": line.product_id.display_name,
                    "lots": ", ".join("%s (%s)" % (rec.lot_id.name, rec.unsellable_reason)
                                      for rec in overridden),
                    "reason": self.override_reason})
        if order.state == "sale":
            line._cloudoffice_rereserve()
            order.message_post(body=_("%(product)s: batches/serials changed from %(old)s to %(new)s.") % {
                "product": line.product_id.display_name, "old": previous or _("none"),
                "new": line._cloudoffice_chosen_text()})

    def _apply_to_move(self):
        move = self.move_id
        if move.state in ("done", "cancel") or move.location_id.should_bypass_reservation():
            raise UserError(_("%s: batches can only be chosen on moves that take goods from stock "
                              "and are not done.") % (move.picking_id.name or move.reference))
        move._do_unreserve()
        quants = self.env["stock.quant"]
        self.env["cloudoffice.lot.availability"].lock_lots(self._chosen_lines().mapped("lot_id"))
        for row in self._chosen_lines():
            qty = self.uom_id._compute_quantity(row.quantity, self.product_id.uom_id)
            available = quants._get_available_quantity(self.product_id, row.location_id, lot_id=row.lot_id)
            if float_compare(qty, available, precision_rounding=self.product_id.uom_id.rounding) > 0:
                raise UserError(_("Batch/serial %(lot)s of %(product)s: %(qty)s chosen, %(available)s "
                                  "available in %(location)s.") % {
                                      "lot": row.lot_id.name, "product": self.product_id.display_name,
                                      "qty": qty, "available": available,
                                      "location": row.location_id.display_name})
            move._update_reserved_quantity(qty, available, row.location_id, lot_id=row.lot_id, strict=False)
        move._recompute_state()
        if move.picking_id:
            lots = ", ".join("%s: %s" % (rec.lot_id.name, rec.quantity) for rec in self._chosen_lines())
            message = _("%(product)s: batches/serials chosen by %(user)s: %(lots)s") % {
                "product": self.product_id.display_name, "user": self.env.user.name, "lots": lots}
            move.picking_id.message_post(body=message)


class SaleLotPickerLine(models.TransientModel):
    _name = "cloudoffice.sale.lot.picker.line"
    _description = "Batch/serial offered in the picker"
    _order = "sequence, id"

    picker_id = fields.Many2one("cloudoffice.sale.lot.picker", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True, readonly=True,
                             help="The batch or serial number in stock.")
    location_id = fields.Many2one("stock.location", string="Location", readonly=True,
                                  help="The stock location holding this batch.")
    warehouse_id = fields.Many2one("stock.warehouse", compute="_compute_warehouse", string="Warehouse",
                                   help="The warehouse of the location.")
    available = fields.Float(readonly=True,
                             digits=UOM_DIGITS,
                             help="On hand minus reserved (for others), in the picker's unit.")
    on_hand = fields.Float(readonly=True, digits=UOM_DIGITS,
                           help="On hand in this location, in the product's unit.")
    reserved = fields.Float(readonly=True, digits=UOM_DIGITS,
                            help="Reserved in this location, in the product's unit.")
    # Days, not product_expiry's Datetimes: a day shown through a time zone
    # far from UTC would move to the day before or after.
    expiry_day = fields.Date(related="lot_id.expiry_day", readonly=True, string="Expiry",
                             help="Last day the goods may be used.")
    best_before_day = fields.Date(related="lot_id.best_before_day", readonly=True, string="Best Before",
                                  help="Day from which the goods start to deteriorate.")
    release_label = fields.Char(compute="_compute_release_label", string="Release",
                                help="Whether the batch is released for sale, awaiting tests, "
                                     "failed or blocked.")
    unsellable_reason = fields.Char(string="Not Sellable", readonly=True,
                                    help="Why this batch may not be sold (empty: it may).")
    quantity = fields.Float(digits=UOM_DIGITS,
                            help="Quantity to take from this batch; 1 to choose a serial.")

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if float_compare(line.quantity, 0, precision_digits=6) < 0:
                raise ValidationError(_(
                    "Batch/serial %(lot)s: the quantity to take cannot be negative (%(qty)s). Enter "
                    "0 to take none.") % {"lot": line.lot_id.name, "qty": line.quantity})

    @api.onchange("quantity")
    def _onchange_quantity(self):
        if float_compare(self.quantity, 0, precision_digits=6) >= 0:
            return None
        message = _("Batch/serial %(lot)s: the quantity to take cannot be negative (%(qty)s). It "
                    "is set back to 0.") % {"lot": self.lot_id.name, "qty": self.quantity}
        self.quantity = 0.0
        return {"warning": {"title": _("Negative quantity"), "message": message}}

    @api.depends("location_id")
    def _compute_warehouse(self):
        for line in self:
            line.warehouse_id = line.location_id.get_warehouse()

    @api.depends("lot_id")
    def _compute_release_label(self):
        lots = self.env["stock.production.lot"]
        for line in self:
            if not lots._cloudoffice_has_release_state():
                line.release_label = _("Released")
                continue
            states = dict(line.lot_id._fields["release_state"]._description_selection(self.env))
            line.release_label = states.get(line.lot_id.release_state, "")
