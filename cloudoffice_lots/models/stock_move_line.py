import datetime
from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .user_format import format_number

# Fields whose change makes Odoo move a reserved line's reservation to other quants.
_RESERVATION_KEYS = ("location_id", "location_dest_id", "lot_id", "package_id",
                     "result_package_id", "owner_id")
# Fields whose change on a done line makes Odoo move the stock again.
_DONE_LINE_TRIGGERS = {"lot_id", "qty_done", "location_id", "location_dest_id", "product_id",
                       "product_uom_id", "package_id", "result_package_id", "owner_id"}


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # Entered on receipt lines, given to the batch/serial created from lot_name.
    lot_production_date = fields.Date(
        string="Production Date",
        help="Production date of the new batch; with the product's shelf life it fills the "
             "expiry and best-before dates.")
    lot_life_date = fields.Date(string="Expiry Date", help="Expiry date of the new batch/serial.")
    lot_use_date = fields.Date(string="Best Before", help="Best-before date of the new batch/serial.")
    lot_supplier_batch = fields.Char(string="Supplier's Batch",
                                     help="The supplier's own batch number printed on the goods.")
    tracking = fields.Selection(related="product_id.tracking", readonly=True)

    @api.onchange("lot_production_date")
    def _onchange_lot_production_date(self):
        template = self.product_id.product_tmpl_id
        if self.lot_production_date and template:
            start = fields.Date.from_string(self.lot_production_date)
            for field, days in (("lot_life_date", template.life_time),
                                ("lot_use_date", template.use_time)):
                if days:
                    self[field] = fields.Date.to_string(start + datetime.timedelta(days=days))

    def _lot_values_from_line(self):
        """Values of the batch/serial a receipt line creates from its lot_name."""
        values = {"name": self.lot_name.strip(), "product_id": self.product_id.id}
        if self.lot_production_date:
            values["production_date"] = self.lot_production_date
        for line_field, lot_field in (("lot_life_date", "expiry_day"),
                                      ("lot_use_date", "best_before_day")):
            if self[line_field]:
                values[lot_field] = self[line_field]
        if self.lot_supplier_batch:
            values["supplier_batch"] = self.lot_supplier_batch
        if self.move_id.company_id:
            values["company_id"] = self.move_id.company_id.id
        return values

    def _create_lots_from_names(self):
        """Create (or, for batches received again, reuse) the lots typed on receipt lines.

        Odoo creates them in _action_done without dates and fails on a batch
        number it already knows; here the dates typed on the line go with it.
        """
        lot_model = self.env["stock.production.lot"]
        to_create = self.filtered(lambda ml: ml.lot_name and not ml.lot_id
                                  and ml.product_id.tracking != "none")
        if not to_create:
            return
        # The batches already known, for all lines in one search; then one
        # write per batch, whatever the number of lines it is on.
        known = {}
        for lot in lot_model.search([("product_id", "in", to_create.mapped("product_id").ids),
                                     ("name", "in", [name.strip() for name in to_create.mapped("lot_name")])],
                                    order="id desc"):
            known[(lot.product_id.id, lot.name)] = lot
        lines_per_lot = {}
        for line in to_create:
            key = (line.product_id.id, line.lot_name.strip())
            if key not in known:
                known[key] = lot_model.create(line._lot_values_from_line())
            lines_per_lot.setdefault(known[key], self.browse())
            lines_per_lot[known[key]] |= line
        for lot, lines in lines_per_lot.items():
            lines.write({"lot_id": lot.id})

    def _document_label(self):
        return (self.picking_id.name or self.move_id.inventory_id.name
                or self.move_id.reference or self.move_id.name or "")

    def _lots_opted_out(self):
        """An operation type with neither "create" nor "use existing" lots is
        Odoo's explicit way to move tracked goods without numbers there (e.g. a
        consignment flow); that choice of the administrator is respected.
        Moves without an operation type are not exempt: scrapping tracked goods
        needs their numbers; for counts see _counted_without_lot_allowed."""
        picking_type = self.move_id.picking_type_id
        return bool(picking_type) and not picking_type.use_create_lots \
            and not picking_type.use_existing_lots

    def _counted_without_lot_allowed(self):
        """Inventory adjustments may move tracked stock without a number in two
        cases: stock that has no number is counted down (it cannot get one by
        leaving), and the company lets counts add stock without numbers.
        A count moves between stock and the inventory adjustment location
        only: a move merely linked to a count (a delivery with an inventory
        written on it) is no count."""
        inventory = self.move_id.inventory_id
        if not inventory:
            return False
        if self.location_id.usage in ("internal", "transit") \
                and self.location_dest_id.usage == "inventory":
            return True
        return self.location_id.usage == "inventory" \
            and self.location_dest_id.usage in ("internal", "transit") \
            and (inventory.company_id or self.move_id.company_id).inventory_count_without_lot

    def _check_lots_before_done(self):
        """Every tracked quantity has its batch/serial; serials move one by one, once.

        Before "done" a number typed on the line (lot_name) counts, as it
        becomes the batch; on a line already done only the batch itself does.
        """
        lines = self.filtered(lambda ml: ml.product_id.tracking != "none" and float_compare(
            ml.qty_done, 0, precision_rounding=ml.product_uom_id.rounding) > 0)
        for line in lines.filtered(lambda ml: not ml._lots_opted_out()):
            typed = (line.lot_name or "").strip() if line.state != "done" else ""
            if not line.lot_id and not typed and not line._counted_without_lot_allowed():
                values = {
                    "product": line.product_id.display_name, "document": line._document_label(),
                    "qty": format_number(self.env, line.qty_done), "uom": line.product_uom_id.name,
                    "source": line.location_id.display_name,
                    "destination": line.location_dest_id.display_name}
                if line.tracking == "serial":
                    raise UserError(_(
                        "%(product)s on %(document)s needs a serial number: %(qty)s %(uom)s "
                        "from %(source)s to %(destination)s have none. Enter it on the "
                        "operation line before validating.") % values)
                raise UserError(_(
                    "%(product)s on %(document)s needs a batch number: %(qty)s %(uom)s from "
                    "%(source)s to %(destination)s have none. Enter it on the operation line "
                    "before validating.") % values)
        # Lines left without a number (allowed above) carry no serial to check.
        serial_lines = lines.filtered(lambda ml: ml.tracking == "serial"
                                      and (ml.lot_id or (ml.lot_name or "").strip()))
        for line in serial_lines:
            qty = line.product_uom_id._compute_quantity(line.qty_done, line.product_id.uom_id)
            if float_compare(qty, 1.0, precision_rounding=line.product_id.uom_id.rounding) != 0:
                # ValidationError as Odoo's own quant constraint: the data is wrong.
                raise ValidationError(_(
                    "Serial number %(serial)s of %(product)s on %(document)s is moved with "
                    "quantity %(qty)s: a serial number is one unit, use one line per serial.") % {
                        "serial": line.lot_id.name or line.lot_name,
                        "product": line.product_id.display_name,
                        "document": line._document_label(),
                        "qty": format_number(self.env, line.qty_done)})
        names = Counter((ml.product_id.id, (ml.lot_id.name or ml.lot_name or "").strip())
                        for ml in serial_lines)
        duplicates = sorted(name for (_product, name), count in names.items() if count > 1)
        if duplicates:
            raise UserError(_("The same serial number is entered more than once: %s. Each unit "
                              "needs its own serial number.") % ", ".join(duplicates))

    def _check_serials_not_in_stock_yet(self):
        """Serials entering stock (receipts, production) must not be there already."""
        entering = self.filtered(lambda ml: ml.lot_id and ml.product_id.tracking == "serial"
                                 and ml.location_id.usage not in ("internal", "transit")
                                 and ml.location_dest_id.usage in ("internal", "transit"))
        if entering:
            entering._check_serials_in_stock_once(limit=0, leaving=False)

    def _check_serials_in_stock_once(self, limit=1, leaving=True):
        """After the move: no serial is in stock twice (e.g. received twice),
        and, with ``leaving``, none left a location it was not in (e.g.
        delivered twice), which would leave it below zero there."""
        serial_lines = self.filtered(lambda ml: ml.tracking == "serial" and ml.lot_id)
        if not serial_lines:
            return
        self.env.cr.execute("""
            SELECT q.lot_id, q.location_id, SUM(q.quantity)
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
             WHERE q.lot_id IN %s AND l.usage IN ('internal', 'transit')
          GROUP BY q.lot_id, q.location_id
        """, (tuple(serial_lines.mapped("lot_id").ids),))
        sources = {(ml.lot_id.id, ml.location_id.id) for ml in serial_lines} if leaving else set()
        totals, below_zero = {}, []
        for lot_id, location_id, quantity in self.env.cr.fetchall():
            totals[lot_id] = totals.get(lot_id, 0.0) + quantity
            if quantity < 0 and (lot_id, location_id) in sources:
                below_zero.append((lot_id, location_id))
        lot_model = self.env["stock.production.lot"]
        twice = sorted(lot_id for lot_id, total in totals.items() if total > limit)
        if twice:
            lot = lot_model.browse(twice[0])
            raise UserError(_(
                "Serial number %(serial)s of %(product)s is already in stock: it would be "
                "there twice. Check the serial numbers entered.") % {
                    "serial": lot.name, "product": lot.product_id.display_name})
        if below_zero:
            lot_id, location_id = sorted(below_zero)[0]
            lot = lot_model.browse(lot_id)
            raise UserError(_(
                "Serial number %(serial)s of %(product)s is not in stock at %(location)s, so "
                "it cannot leave from there: it would be moved or delivered twice. Check the "
                "serial numbers entered.") % {
                    "serial": lot.name, "product": lot.product_id.display_name,
                    "location": self.env["stock.location"].browse(location_id).display_name})

    def _cloudoffice_check_done_lines(self, approval=True):
        """The rules of _action_done, for lines created done or changed once
        done: Odoo moves the stock right in create and write then, without
        passing _action_done (a line added to a done transfer, a batch, serial
        or quantity corrected on one)."""
        done = self.exists().filtered(lambda ml: ml.state == "done")
        if not done:
            return
        done._check_lots_before_done()
        done._check_serials_in_stock_once()
        if approval:
            done._cloudoffice_check_approved()

    @api.multi
    def _action_done(self):
        self._check_lots_before_done()
        self._create_lots_from_names()
        self._check_serials_not_in_stock_yet()
        self._cloudoffice_check_approved()
        # Sales deliveries never take a batch below zero (Odoo alone would
        # leave a negative quant): what each batch ships from each location.
        shipped = {}
        for ml in self.filtered(lambda ml: ml.lot_id and ml.move_id.sale_line_id
                                and ml.location_id.usage == "internal"
                                and ml.location_dest_id.usage == "customer"):
            key = (ml.lot_id.id, ml.location_id.id)
            shipped[key] = shipped.get(key, 0.0) + ml.product_uom_id._compute_quantity(
                ml.qty_done, ml.product_id.uom_id)
        result = super()._action_done()
        self.exists()._check_serials_in_stock_once()
        if shipped:
            self._cloudoffice_check_not_negative(shipped)
        return result

    # Batches that may not be sold leave for a customer, or go into a
    # production, only with a recorded approval (cloudoffice.lot.override).
    # Checked here because every route to "done" passes here: validating,
    # immediate transfers, backorders, action_done called directly, production.

    def _cloudoffice_needs_approval(self):
        """Lines whose batch goes to a customer or is consumed in a production."""
        return self.filtered(lambda ml: ml.lot_id and ml.location_dest_id.usage in (
            "customer", "production") and ml.location_id.usage != "production")

    @api.multi
    def _cloudoffice_unapproved(self):
        """[(move line, reason)] of batches that may not be sold, going where
        they need an approval, without one."""
        reasons = {}
        coa_reasons = {}
        problems = []
        for line in self._cloudoffice_needs_approval():
            lot = line.lot_id
            if lot.id not in reasons:
                reasons[lot.id] = lot._cloudoffice_unsellable_reason()
            reason = reasons[lot.id] or line._cloudoffice_coa_reason(coa_reasons)
            if reason:
                problems.append((line, reason))
        if not problems:
            return problems
        lines = self.browse([line.id for line, _reason in problems])
        approved = self.env["cloudoffice.lot.override"]._cloudoffice_approved_pairs(lines)
        return [(line, reason) for line, reason in problems
                if (line.lot_id.id, line.id) not in approved]

    def _cloudoffice_coa_customer(self):
        """The customer this line delivers to when it asks for certificates of
        analysis (the order's customer or the delivery's), else an empty record."""
        if self.location_dest_id.usage != "customer":
            return self.env["res.partner"]
        partners = self.move_id.sale_line_id.order_id.partner_id \
            | self.picking_id.partner_id | self.move_id.partner_id
        return partners.mapped("commercial_partner_id").filtered("cloudoffice_wants_coa")[:1]

    def _cloudoffice_coa_reason(self, cache):
        """Why this batch may not go to its customer who asks for certificates
        of analysis, or ''; ``cache`` holds answers per (batch, customer)."""
        customer = self._cloudoffice_coa_customer()
        if not customer:
            return ""
        key = (self.lot_id.id, customer.id)
        if key not in cache:
            problem = self.lot_id._cloudoffice_coa_problem(customer)
            cache[key] = problem and _(
                "customer %(customer)s receives a certificate of analysis with every batch, "
                "but %(problem)s") % {"customer": customer.display_name, "problem": problem}
        return cache[key]

    def _cloudoffice_check_approved(self):
        lines = self.filtered(lambda ml: float_compare(
            ml.qty_done, 0, precision_rounding=ml.product_uom_id.rounding) > 0)
        problems = lines._cloudoffice_unapproved()
        if problems:
            raise UserError(_(
                "These batches/serials may not be sold or used, and nobody approved it:\n"
                "%(lines)s\nChoose other batches, or ask a user allowed to ship expired or "
                "unreleased batches to approve them on the document.") % {
                    "lines": self._cloudoffice_problem_text(problems)})

    @api.model
    def _cloudoffice_problem_text(self, problems):
        """One line per (move line, reason), for messages."""
        texts = []
        for line, reason in problems:
            texts.append(_("- %(document)s: %(product)s, batch/serial %(lot)s: %(reason)s") % {
                "document": line._document_label(), "product": line.product_id.display_name,
                "lot": line.lot_id.name, "reason": reason})
        return "\n".join(texts)

    # Selling: changing a chosen batch/serial on a delivery is possible, and logged.

    @api.multi
    def write(self, vals):
        if "product_uom_qty" in vals and not self.env.context.get("bypass_reservation_update") \
                and any(key in vals for key in _RESERVATION_KEYS):
            # Odoo 11 applies a new reserved quantity to the line's old quants,
            # then moves the old quantity to the new ones: the difference would
            # stay reserved on the old batch with no line, and the new batch
            # would hold less than the line says. Move first, then change the
            # quantity where the line now is.
            moved = dict(vals)
            quantity = moved.pop("product_uom_qty")
            self.write(moved)
            return self.write({"product_uom_qty": quantity})
        # Changed on a line already done, these move the stock at once (Odoo's
        # write): the rules of "done" are checked again on what results.
        moving = _DONE_LINE_TRIGGERS & set(vals)
        done_before = self.filtered(lambda ml: ml.state == "done") if moving else self.browse()
        before = {line.id: line.lot_id for line in self} if "lot_id" in vals else {}
        result = super().write(vals)
        for line in self.filtered(lambda ml: ml.id in before):
            if line.lot_id != before[line.id]:
                line._cloudoffice_log_lot_change(before[line.id])
        if moving:
            (done_before | self.filtered(lambda ml: ml.state == "done"))._cloudoffice_check_done_lines(
                approval=bool({"lot_id", "location_id", "location_dest_id"} & moving))
        return result

    @api.model
    def create(self, vals):
        line = super().create(vals)
        # A line added to a done transfer is done at once (Odoo moves its stock in create).
        line._cloudoffice_check_done_lines()
        # Lines created on a picking without a move (Odoo makes the move later) have no choice yet.
        sale_line = line.lot_id and line.move_id and line.move_id._cloudoffice_choice_line()
        if sale_line and line.lot_id not in sale_line.lot_choice_ids.mapped("lot_id"):
            line._cloudoffice_log_lot_change(self.env["stock.production.lot"])
        return line

    def _cloudoffice_log_lot_change(self, old_lot):
        """Say on the delivery (and its order) that a batch other than the chosen one goes."""
        sale_line = self.move_id and self.move_id._cloudoffice_choice_line()
        if not sale_line or not self.picking_id:
            return
        chosen = sale_line.lot_choice_ids.mapped("lot_id")
        if self.lot_id in chosen and (not old_lot or old_lot in chosen):
            return
        values = {"product": self.product_id.display_name, "new": self.lot_id.name,
                  "old": old_lot.name, "user": self.env.user.name,
                  "order": sale_line.order_id.name, "chosen": ", ".join(chosen.mapped("name"))}
        if not self.lot_id:
            message = _("%(product)s: batch/serial %(old)s removed by %(user)s. Chosen on "
                        "%(order)s: %(chosen)s.") % values
        elif not old_lot:
            message = _("%(product)s: batch/serial %(new)s set by %(user)s. Chosen on "
                        "%(order)s: %(chosen)s.") % values
        else:
            message = _("%(product)s: batch/serial %(new)s instead of %(old)s, changed by "
                        "%(user)s. Chosen on %(order)s: %(chosen)s.") % values
        self.picking_id.message_post(body=message)
        sale_line.order_id.message_post(body=_("%(picking)s: %(message)s") % {
            "picking": self.picking_id.name, "message": message})

    def _cloudoffice_check_not_negative(self, moved):
        lot_ids = tuple({lot_id for lot_id, _location in moved})
        self.env.cr.execute("""
            SELECT lot_id, location_id, SUM(quantity)
              FROM stock_quant
             WHERE lot_id IN %s AND location_id IN %s
          GROUP BY lot_id, location_id
            HAVING SUM(quantity) < 0
        """, (lot_ids, tuple({location for _lot, location in moved})))
        for lot_id, location_id, quantity in self.env.cr.fetchall():
            if (lot_id, location_id) not in moved:
                continue
            lot = self.env["stock.production.lot"].browse(lot_id)
            shipped = moved[(lot_id, location_id)]
            raise UserError(_(
                "Batch/serial %(lot)s of %(product)s: %(shipped)s %(uom)s would leave %(location)s "
                "where only %(on_hand)s %(uom)s are in stock. Check the batch/serial on the "
                "operation lines.") % {
                    "lot": lot.name, "product": lot.product_id.display_name, "shipped": shipped,
                    "uom": lot.product_id.uom_id.name,
                    "location": self.env["stock.location"].browse(location_id).display_name,
                    "on_hand": max(quantity + shipped, 0.0)})
