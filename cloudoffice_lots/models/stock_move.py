from collections import OrderedDict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero


class StockMove(models.Model):
    _inherit = "stock.move"

    # Odoo's related field, shown (invisible) in our moves list: writable, the
    # web client sent it back on save and wrote the product, which an
    # Inventory User may not do.
    has_tracking = fields.Selection(readonly=True)

    @api.multi
    def action_cloudoffice_generate_serials(self):
        """Open the wizard that enters many serial/batch numbers at once."""
        self.ensure_one()
        if self.product_id.tracking == "none":
            raise UserError(_("%s is not tracked by batch or serial number.") % self.product_id.display_name)
        return {
            "name": _("Enter Batch/Serial Numbers"),
            "type": "ir.actions.act_window",
            "res_model": "cloudoffice.serial.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_id": self.id},
        }

    @api.multi
    def action_cloudoffice_number_batches(self):
        """Give each open receipt line of a batch-tracked product a new batch number."""
        open_moves = self.filtered(lambda m: m.state not in ("done", "cancel"))
        for move in open_moves.filtered(lambda m: m.product_id.tracking == "lot"):
            lines = move.move_line_ids.filtered(lambda ml: not ml.lot_id and not ml.lot_name)
            if not lines and not move.move_line_ids:
                lines = self.env["stock.move.line"].create(dict(
                    move._prepare_move_line_vals(), qty_done=move.product_uom_qty))
            for line in lines:
                line.lot_name = move.product_id.product_tmpl_id._next_lot_name()
        return True

    # Reservation restricted to chosen batches/serials.
    #
    # A move that delivers a sales order line with chosen batches reserves only
    # those (what is left of them after earlier deliveries, so backorders keep the
    # rest). A return reserves, or proposes, the batches of the move it returns. A
    # receipt from a purchase line proposes the supplier's batch numbers noted on it.

    # ------------------------------------------------------------ helpers
    def _cloudoffice_source_moves(self):
        """These moves and the moves feeding them (multi-step deliveries) that
        take goods out of stock, returns excluded."""
        moves, todo = self.browse(), self
        while todo:
            moves |= todo
            todo = todo.mapped("move_orig_ids") - moves
        return moves.filtered(lambda m: m.location_id.usage == "internal"
                              and not m.origin_returned_move_id and m.state != "cancel")

    def _cloudoffice_choice_line(self):
        """The sales order line whose chosen batches this move must deliver."""
        self.ensure_one()
        return self._cloudoffice_choice_lines()[self.id]

    def _cloudoffice_choice_lines(self):
        """{move id: the sales order line whose chosen batches it must deliver
        (empty if none)} for these moves: their chains are walked together,
        one step for all of them at a time, so that a delivery of many lines
        reads each step of its chains at once."""
        no_line = self.env["sale.order.line"]
        result = dict.fromkeys(self.ids, no_line)
        # move id -> (moves of this step, moves seen before)
        walks = {move.id: (move, self.browse()) for move in self
                 if not move.origin_returned_move_id and move.location_id.usage == "internal"}
        while walks:
            step = self.browse().union(*(todo for todo, _seen in walks.values()))
            # Read for the whole step at once; the loop below reads the cache.
            step.mapped("sale_line_id.lot_choice_ids")
            step.mapped("move_dest_ids")
            next_walks = {}
            for move_id, (todo, seen) in walks.items():
                lines = todo.mapped("sale_line_id").filtered("lot_choice_ids")
                if lines:
                    result[move_id] = lines[:1]
                    continue
                seen |= todo
                todo = todo.mapped("move_dest_ids") - seen
                if todo:
                    next_walks[move_id] = (todo, seen)
            walks = next_walks
        return result

    @staticmethod
    def _cloudoffice_used_qty(move_line):
        """Quantity (product unit) a move line took: done, or else reserved."""
        if move_line.move_id.state == "done":
            return move_line.product_uom_id._compute_quantity(move_line.qty_done, move_line.product_id.uom_id)
        return move_line.product_qty

    def _cloudoffice_lot_targets(self):
        """OrderedDict {lot: quantity (product unit)} this move still has to
        reserve per batch, or None when any batch will do."""
        self.ensure_one()
        line = self._cloudoffice_choice_line()
        if line:
            targets = OrderedDict()
            for choice in line.lot_choice_ids:
                targets[choice.lot_id] = targets.get(choice.lot_id, 0.0) + choice._product_qty()
            taken = line.move_ids._cloudoffice_source_moves().filtered(
                lambda m: m.location_id == self.location_id) | self
        elif self.origin_returned_move_id.state == "done" and self.product_id.tracking != "none":
            origin = self.origin_returned_move_id
            targets = OrderedDict()
            for ml in origin.move_line_ids.filtered("lot_id"):
                targets[ml.lot_id] = targets.get(ml.lot_id, 0.0) + self._cloudoffice_used_qty(ml)
            if not targets:
                return None
            taken = origin.returned_move_ids.filtered(lambda m: m.state != "cancel") | self
        else:
            return None
        for ml in taken.mapped("move_line_ids").filtered(lambda rec: rec.lot_id in targets):
            targets[ml.lot_id] -= self._cloudoffice_used_qty(ml)
        return targets

    def _cloudoffice_lot_location(self, lot, location, line):
        """Where to reserve ``lot``: the location chosen on ``line`` (the
        move's sales order line) if it is inside ``location``, else
        ``location`` itself."""
        chosen = line.lot_choice_ids.filtered(lambda c: c.lot_id == lot and c.location_id)[:1].location_id
        if chosen and location.parent_left <= chosen.parent_left < location.parent_right:
            return chosen
        return location

    # -------------------------------------------------------- reservation
    def _update_reserved_quantity(self, need, available_quantity, location_id, lot_id=None,
                                  package_id=None, owner_id=None, strict=True):
        targets = None if (lot_id or strict) else self._cloudoffice_lot_targets()
        if targets is None and not (lot_id or strict or package_id or owner_id) \
                and self._cloudoffice_reserves_sellable_only():
            return self._cloudoffice_reserve_fefo(need, location_id)
        if targets is None:
            return super()._update_reserved_quantity(
                need, available_quantity, location_id, lot_id=lot_id, package_id=package_id,
                owner_id=owner_id, strict=strict)
        rounding = self.product_id.uom_id.rounding
        quants = self.env["stock.quant"]
        choice_line = self._cloudoffice_choice_line()
        taken = 0.0
        for lot, rest in targets.items():
            want = min(rest, need - taken)
            if float_compare(want, 0, precision_rounding=rounding) <= 0:
                continue
            location = self._cloudoffice_lot_location(lot, location_id, choice_line)
            available = quants._get_available_quantity(
                self.product_id, location, lot_id=lot, package_id=package_id, owner_id=owner_id)
            if float_compare(available, 0, precision_rounding=rounding) <= 0:
                continue
            taken += super()._update_reserved_quantity(
                want, available, location, lot_id=lot, package_id=package_id, owner_id=owner_id,
                strict=False)
        return taken

    def _cloudoffice_reserves_sellable_only(self):
        """A move taking a tracked product out of stock for a sales order's
        delivery (the delivery itself, or the pick of a pick/pack/ship chain)
        without chosen batches reserves sellable batches only, first expiry
        first (not Odoo's first received first, which would take an expired
        batch). Other moves keep Odoo's rules."""
        if self.product_id.tracking == "none" or self.location_id.usage != "internal" \
                or self.origin_returned_move_id:
            return False
        moves, todo = self.browse(), self
        while todo:
            if any(move.sale_line_id and move.location_dest_id.usage == "customer"
                   for move in todo):
                return True
            moves |= todo
            todo = todo.mapped("move_dest_ids") - moves
        return False

    def _cloudoffice_reserve_fefo(self, need, location):
        rounding = self.product_id.uom_id.rounding
        rows = self.env["cloudoffice.lot.availability"].available_lots(self.product_id, location)
        lots, locations = self.env["stock.production.lot"], self.env["stock.location"]
        taken = 0.0
        for row in rows:
            want = need - taken
            if float_compare(want, 0, precision_rounding=rounding) <= 0:
                break
            taken += super()._update_reserved_quantity(
                want, row["available"], locations.browse(row["location_id"]),
                lot_id=lots.browse(row["lot_id"]), strict=False)
        return taken

    def _action_assign(self):
        result = super()._action_assign()
        for move in self.filtered(lambda m: m.state not in ("done", "cancel")
                                  and m.location_id.should_bypass_reservation()
                                  and m.product_id.tracking != "none"):
            if move.origin_returned_move_id:
                move._cloudoffice_propose_returned_lots()
            elif move.purchase_line_id.cloudoffice_supplier_batches:
                move._cloudoffice_propose_supplier_batches()
        return result

    def _cloudoffice_open_lines(self):
        """Move lines not yet given a batch/serial nor done."""
        return self.move_line_ids.filtered(lambda ml: not (ml.lot_id or ml.lot_name or ml.qty_done))

    def _cloudoffice_replace_open_lines(self, plan):
        """Replace the open lines by one line per (values, quantity in product unit)."""
        rounding = self.product_id.uom_id.rounding
        open_lines = self._cloudoffice_open_lines()
        budget = sum(open_lines.mapped("product_qty"))
        if float_is_zero(budget, precision_rounding=rounding) or not plan:
            return
        open_lines.unlink()
        for values, qty in plan:
            qty = min(qty, budget)
            if float_compare(qty, 0, precision_rounding=rounding) <= 0:
                continue
            vals = self._prepare_move_line_vals(quantity=qty)
            vals.update(values)
            self.env["stock.move.line"].create(vals)
            budget -= qty
        if float_compare(budget, 0, precision_rounding=rounding) > 0:
            if self.product_id.tracking == "serial":
                for _i in range(int(round(budget))):
                    self.env["stock.move.line"].create(self._prepare_move_line_vals(quantity=1))
            else:
                self.env["stock.move.line"].create(self._prepare_move_line_vals(quantity=budget))
        # Unlinking the open lines put the move back to "waiting"; the new
        # lines reserve as much again.
        self._recompute_state()

    def _cloudoffice_split_plan(self, entries):
        """[(values, qty)] with serials one unit per line."""
        if self.product_id.tracking != "serial":
            return entries
        return [(values, 1.0) for values, qty in entries for _i in range(int(round(qty)))]

    def _cloudoffice_propose_returned_lots(self):
        """A return from a customer brings back the batches/serials that went out."""
        targets = self._cloudoffice_lot_targets() or {}
        self._cloudoffice_replace_open_lines(self._cloudoffice_split_plan(
            [({"lot_id": lot.id}, qty) for lot, qty in targets.items() if qty > 0]))

    def _cloudoffice_propose_supplier_batches(self):
        """A receipt proposes the supplier's batch numbers noted on the purchase line."""
        purchase_line = self.purchase_line_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, self.product_id.uom_id)
        ml_fields = self.env["stock.move.line"]._fields
        entries = []
        for number, number_qty in purchase_line._cloudoffice_supplier_batch_plan(qty):
            values = {"lot_name": number}
            if "lot_supplier_batch" in ml_fields:
                values["lot_supplier_batch"] = number
            entries.append((values, number_qty))
        self._cloudoffice_replace_open_lines(self._cloudoffice_split_plan(entries))

    def action_open_lot_picker(self):
        """Choose the batches/serials this move takes from stock."""
        self.ensure_one()
        return self.env["cloudoffice.sale.lot.picker"].action_open({"move_id": self.id})

    def _action_done(self):
        # Odoo calls stock.move.line._action_done once per move. The batches
        # typed on receipt lines are created here for all lines at once (one
        # search, one create per new batch), so that each of those calls
        # finds them made instead of searching again.
        typed = self.mapped("move_line_ids").filtered(
            lambda ml: ml.qty_done and ml.lot_name and not ml.lot_id)
        if typed:
            typed._check_lots_before_done()  # nothing is created for refused numbers
            typed._create_lots_from_names()
        return super()._action_done()
