from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .lot_override import OVERRIDE_GROUP
from .stock_production_lot_scan import printable_scan
from .user_format import format_number


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.multi
    def action_cloudoffice_scan(self):
        """Open the scan window of this transfer."""
        self.ensure_one()
        return {
            "name": _("Scan %s") % self.name,
            "type": "ir.actions.act_window",
            "res_model": "cloudoffice.picking.scan",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    @api.multi
    def action_cloudoffice_print_labels(self):
        """Open the label wizard for the batches/serials of this transfer."""
        self.ensure_one()
        return self.env["cloudoffice.label.print"].action_open({"default_picking_id": self.id})

    @api.multi
    def cloudoffice_apply_scan(self, text):
        """Apply one scan to this transfer and say what it did.

        Receipts: a GS1 scan fills product, batch/serial, dates and quantity
        of the matching operation line (the batch is created, with its dates,
        if new). Deliveries and internal transfers: the scanned batch/serial
        must be one reserved for this transfer; its quantity done goes up.
        Anything else raises a UserError saying what is wrong; nothing is
        half written.
        """
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(_("%s is done or cancelled: scans cannot change it.") % self.name)
        with self.env.cr.savepoint():
            if self.picking_type_code == "incoming":
                return self._cloudoffice_scan_receipt(text)
            return self._cloudoffice_scan_reserved(text)

    @api.multi
    def cloudoffice_scan_outcome(self, text):
        """One scan from the scan window: ``{"done": what it did}``, or
        ``{"error": why not}`` for a scan refused (which wrote nothing). A
        wrong scan is an everyday outcome at a scanner, not a server error."""
        try:
            return {"done": self.cloudoffice_apply_scan(text)}
        except UserError as err:
            return {"error": err.name}

    # ---------------------------------------------------------------- helpers
    def _cloudoffice_read(self, text):
        """``(scan, result, products, names)`` of a scan; GS1 or a plain name."""
        lot_model = self.env["stock.production.lot"]
        scan = (text or "").strip()
        if not scan:
            raise UserError(_("Nothing was scanned."))
        result = lot_model.cloudoffice_parse_scan(scan)
        if result is None:
            return scan, None, self.env["product.product"], [scan]
        products = lot_model.cloudoffice_scan_products(result, scan)
        names = lot_model.cloudoffice_scan_names(result, products, scan)
        return scan, result, products, names

    def _cloudoffice_quantity(self, result, product, scan):
        """Units a scan stands for: AI 30/37 when present, else one."""
        quantity = (result.quantity if result is not None else None) or 1
        if product.tracking == "serial" and quantity != 1:
            raise UserError(_(
                "Scan %(scan)s: %(product)s is tracked by serial number, but the scan says "
                "%(qty)s units (AI 30/37). A serial number is one unit.") % {
                    "scan": printable_scan(scan), "product": product.display_name,
                    "qty": format_number(product.env, quantity)})
        return quantity

    # --------------------------------------------------------------- receipts
    def _cloudoffice_scan_receipt(self, text):
        scan, result, products, _names = self._cloudoffice_read(text)
        if result is None or not products:
            raise UserError(_(
                "Scan %s is not a GS1 barcode with the product's GTIN: on receipts, scan the "
                "GS1 barcode on the goods (GTIN with batch or serial).") % printable_scan(scan))
        moves = self._cloudoffice_expected_moves(products, scan)
        product = moves[0].product_id
        name = self._cloudoffice_scan_lot_name(result, product, scan)
        quantity = self._cloudoffice_quantity(result, product, scan)
        return self._cloudoffice_receive(moves, name, quantity, self._cloudoffice_scan_dates(result),
                                         scan)

    def _cloudoffice_expected_moves(self, products, scan):
        """This receipt's open moves of ``products``, or a UserError saying they are not expected."""
        moves = self.move_lines.filtered(
            lambda m: m.product_id in products and m.state not in ("done", "cancel"))
        if not moves:
            raise UserError(_("Scan %(scan)s: %(product)s is not expected on %(picking)s.") % {
                "scan": printable_scan(scan), "product": products[0].display_name,
                "picking": self.name})
        return moves

    def _cloudoffice_scan_lot_name(self, result, product, scan):
        """The batch/serial a receipt scan carries for ``product`` (False if untracked)."""
        if product.tracking == "none":
            return False
        name = result.serial if product.tracking == "serial" else result.lot
        values = {"scan": printable_scan(scan), "product": product.display_name}
        if not name and product.tracking == "serial":
            raise UserError(_(
                "Scan %(scan)s: %(product)s is tracked by serial number but the scan has "
                "none (AI 21).") % values)
        if not name:
            raise UserError(_(
                "Scan %(scan)s: %(product)s is tracked by batch but the scan has none "
                "(AI 10).") % values)
        return name

    @staticmethod
    def _cloudoffice_scan_dates(result):
        """``{production_date, best_before, expiry}`` days a scan carries (None if absent)."""
        return {"production_date": result.production_date, "best_before": result.best_before,
                "expiry": result.expiry}

    def _cloudoffice_receive(self, moves, name, quantity, dates, scan):
        """Book ``quantity`` of batch/serial ``name`` (with its ``dates``) on ``moves``."""
        product = moves[0].product_id
        lot = self._cloudoffice_receipt_lot(product, name, dates) if name else False
        line = self._cloudoffice_receipt_line(moves, lot, scan)
        line_qty = product.uom_id._compute_quantity(quantity, line.product_uom_id)
        line.write({"lot_id": lot.id if lot else False, "lot_name": name or False,
                    "qty_done": line.qty_done + line_qty})
        return _("%(product)s%(lot)s: %(qty)s %(uom)s received") % {
            "product": product.display_name, "lot": " %s" % name if name else "",
            "qty": format_number(self.env, line.qty_done), "uom": line.product_uom_id.name}

    def _cloudoffice_receipt_lot(self, product, name, dates):
        """The batch/serial of a receipt scan, created with the scan's dates if new."""
        lot_model = self.env["stock.production.lot"]
        lot = lot_model.search([("product_id", "=", product.id), ("name", "=", name)], limit=1)
        values = {}
        if dates.get("production_date"):
            values["production_date"] = fields.Date.to_string(dates["production_date"])
        if dates.get("best_before"):
            values["best_before_day"] = fields.Date.to_string(dates["best_before"])
        if dates.get("expiry"):
            values["expiry_day"] = fields.Date.to_string(dates["expiry"])
        if lot:
            missing = {field: value for field, value in values.items() if not lot[field]}
            if missing:
                lot.write(missing)
            return lot
        return lot_model.create(dict(values, name=name, product_id=product.id,
                                     company_id=self.company_id.id))

    def _cloudoffice_receipt_line(self, moves, lot, scan):
        lines = moves.mapped("move_line_ids")
        line = lines.filtered(lambda ml: lot and (ml.lot_id == lot or ml.lot_name == lot.name))[:1]
        if line and lot.product_id.tracking == "serial" and line.qty_done:
            raise UserError(_(
                "Scan %(scan)s: serial number %(serial)s of %(product)s is already received on "
                "%(picking)s.") % {"scan": printable_scan(scan), "serial": lot.name,
                                   "product": lot.product_id.display_name, "picking": self.name})
        if not line:
            line = lines.filtered(lambda ml: not ml.lot_id and not ml.lot_name and not ml.qty_done)[:1]
        if not line:
            line = self.env["stock.move.line"].create(moves[0]._prepare_move_line_vals())
        return line

    # ------------------------------------------------------------- deliveries
    def _cloudoffice_scan_reserved(self, text):
        scan, result, products, names = self._cloudoffice_read(text)
        lines = self.move_line_ids.filtered(
            lambda ml: ml.lot_id and ml.lot_id.name in names
            and (not products or ml.product_id in products))
        if not lines:
            raise self._cloudoffice_not_reserved(scan, products, names)
        product = lines[0].product_id
        quantity = self._cloudoffice_quantity(result, product, scan)
        for line in lines:
            line_qty = product.uom_id._compute_quantity(quantity, line.product_uom_id)
            if float_compare(line.qty_done + line_qty, line.product_uom_qty,
                             precision_rounding=line.product_uom_id.rounding) <= 0:
                line.write({"qty_done": line.qty_done + line_qty})
                return _("%(product)s %(lot)s: %(done)s of %(reserved)s %(uom)s picked") % {
                    "product": product.display_name, "lot": line.lot_id.name,
                    "done": format_number(self.env, line.qty_done),
                    "reserved": format_number(self.env, line.product_uom_qty),
                    "uom": line.product_uom_id.name}
        line = lines[0]
        raise UserError(_(
            "Scan %(scan)s: %(lot)s of %(product)s is already picked in full on %(picking)s "
            "(%(done)s of %(reserved)s %(uom)s reserved).") % {
                "scan": printable_scan(scan), "lot": line.lot_id.name,
                "product": product.display_name, "picking": self.name,
                "done": sum(lines.mapped("qty_done")),
                "reserved": sum(lines.mapped("product_uom_qty")),
                "uom": line.product_uom_id.name})

    def _cloudoffice_not_reserved(self, scan, products, names):
        """The UserError for a batch/serial not reserved here, saying what is."""
        lot_model = self.env["stock.production.lot"]
        domain = [("name", "in", names)]
        if products:
            domain.append(("product_id", "in", products.ids))
        lots = lot_model.search(domain)
        if not lots:
            if products:
                others = lot_model.search([("name", "in", names),
                                           ("product_id", "not in", products.ids)], limit=1)
                if others:
                    return UserError(_(
                        "Scan %(scan)s: %(name)s belongs to %(other)s, not to %(product)s.") % {
                            "scan": printable_scan(scan), "name": others.name,
                            "other": others.product_id.display_name,
                            "product": products[0].display_name})
            return UserError(_("Scan %(scan)s: no batch or serial number %(name)s exists.") % {
                "scan": printable_scan(scan), "name": names[0]})
        lot = lots[0]
        if lot.product_id not in self.move_lines.mapped("product_id"):
            return UserError(_(
                "Scan %(scan)s: %(product)s (batch/serial %(lot)s) is not on %(picking)s.") % {
                    "scan": printable_scan(scan), "product": lot.product_id.display_name,
                    "lot": lot.name, "picking": self.name})
        reserved = self.move_line_ids.filtered(
            lambda ml: ml.product_id == lot.product_id and ml.lot_id).mapped("lot_id.name")
        values = {"scan": printable_scan(scan), "lot": lot.name,
                  "product": lot.product_id.display_name, "picking": self.name,
                  "reserved": ", ".join(sorted(set(reserved)))}
        if not reserved:
            return UserError(_(
                "Scan %(scan)s: %(lot)s of %(product)s is not reserved for %(picking)s, and "
                "no batch/serial is reserved there yet. Change the reservation on the "
                "operation's details first.") % values)
        return UserError(_(
            "Scan %(scan)s: %(lot)s of %(product)s is not reserved for %(picking)s. "
            "Reserved: %(reserved)s. Take one of those, or change the reservation on the "
            "operation's details first.") % values)

    # Expired or unreleased batches leave for a customer only with a recorded
    # approval (cloudoffice.lot.override); stock.move.line._action_done
    # enforces it on every route, this only offers the approval window first.

    @api.multi
    def button_validate(self):
        problems = self._cloudoffice_unsellable_lines()
        if problems:
            if not self.env.user.has_group(OVERRIDE_GROUP):
                raise UserError(_(
                    "These batches/serials may not be sold, so they cannot be delivered:\n"
                    "%(lines)s\nChoose other batches on the delivery, or ask a user allowed to "
                    "ship expired or unreleased batches.") % {
                        "lines": self._cloudoffice_problem_text(problems)})
            return self.env["cloudoffice.lot.override.confirm"].action_open(self, problems)
        return super().button_validate()

    def _cloudoffice_unsellable_lines(self):
        """[(move line, reason)] of batches going to customers that may not be sold
        and have no recorded approval (on the transfer or the order line)."""
        lines = self.env["stock.move.line"]
        for picking in self:
            picking_lines = picking.move_line_ids.filtered("lot_id")
            if any(picking_lines.mapped("qty_done")):
                picking_lines = picking_lines.filtered("qty_done")
            lines |= picking_lines
        return lines._cloudoffice_unapproved()

    @api.model
    def _cloudoffice_problem_text(self, problems):
        return self.env["stock.move.line"]._cloudoffice_problem_text(problems)

    # -------------------------------------------------------- phone receiving
    @api.model
    def cloudoffice_phone_receipts(self):
        """Receipts the phone's receiving page offers: expected and not done."""
        return self.search([("picking_type_code", "=", "incoming"),
                            ("state", "in", ("confirmed", "waiting", "assigned"))],
                           order="scheduled_date, id", limit=50)

    @api.model
    def cloudoffice_find_receipt(self, text):
        """The open receipt a scanned or typed reference designates (its
        name, or the purchase order it comes from), or a UserError."""
        reference = (text or "").strip()
        if not reference:
            raise UserError(_("Nothing was scanned: scan or type the receipt's reference."))
        receipts = self.search([("picking_type_code", "=", "incoming"), "|",
                                ("name", "=ilike", reference), ("origin", "=ilike", reference)])
        expected = receipts.filtered(lambda p: p.state not in ("draft", "done", "cancel"))
        if len(expected) == 1:
            return expected
        if expected:
            raise UserError(_(
                "%(reference)s matches several receipts (%(receipts)s): choose one from the "
                "list.") % {"reference": reference,
                            "receipts": ", ".join(expected.mapped("name"))})
        if receipts:
            raise UserError(_("Receipt %(reference)s is done or cancelled: nothing is expected "
                              "on it any more.") % {"reference": receipts[0].name})
        raise UserError(_(
            "No receipt %(reference)s exists: scan the reference on the receipt (for example "
            "WH/IN/00012) or type the purchase order number.") % {"reference": reference})

    @api.multi
    def cloudoffice_receipt_scan_values(self, text):
        """What a scan of the supplier's label fills in on this receipt's phone
        page, without booking anything yet: ``{product, lot, expiry,
        quantity, scan}`` (a missing part is left empty for the worker)."""
        self.ensure_one()
        scan, result, products, _names = self._cloudoffice_read(text)
        if result is None or not products:
            raise UserError(_(
                "Scan %s is not a GS1 barcode with the product's GTIN: on receipts, scan the "
                "GS1 barcode on the goods (GTIN with batch or serial).") % printable_scan(scan))
        product = self._cloudoffice_expected_moves(products, scan)[0].product_id
        lot = (result.serial if product.tracking == "serial" else result.lot) or ""
        quantity = self._cloudoffice_quantity(result, product, scan) if (
            product.tracking == "serial" or result.quantity) else None
        return {"product": product, "lot": lot if product.tracking != "none" else "",
                "expiry": result.expiry, "quantity": quantity, "scan": scan}

    @api.multi
    def cloudoffice_receipt_confirm(self, product_id, lot_name, expiry, quantity, scan=None):
        """Book what the worker confirmed on the phone page (a scan's values,
        corrected or completed) through the same steps as a receipt scan.

        ``expiry`` is a day (``YYYY-MM-DD``) or empty; ``scan`` the label
        scanned for it, whose other dates (production, best before) are kept.
        """
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(_("%s is done or cancelled: scans cannot change it.") % self.name)
        product = self.env["product.product"].browse(int(product_id or 0)).exists()
        if not product:
            raise UserError(_("Choose the product received."))
        shown = scan or product.display_name
        name = (lot_name or "").strip()
        if product.tracking != "none" and not name:
            raise UserError(_("Enter the %(kind)s of %(product)s: it is on the supplier's "
                              "label.") % {
                                  "kind": _("serial number") if product.tracking == "serial"
                                  else _("batch"), "product": product.display_name})
        try:
            quantity = float(str(quantity or "").replace(",", "."))
        except ValueError:
            quantity = 0.0
        if quantity <= 0:
            raise UserError(_("Enter the quantity of %(product)s received: a number above "
                              "zero.") % {"product": product.display_name})
        if product.tracking == "serial" and quantity != 1:
            raise UserError(_("%(product)s is tracked by serial number: a serial number is one "
                              "unit.") % {"product": product.display_name})
        dates = {"production_date": None, "best_before": None, "expiry": None}
        if scan:
            result = self.env["stock.production.lot"].cloudoffice_parse_scan(scan)
            if result is not None:
                dates = self._cloudoffice_scan_dates(result)
        # the page shows the scan's expiry for correcting: what it sends is the truth
        dates["expiry"] = None
        if expiry:
            try:
                dates["expiry"] = fields.Date.from_string(expiry)
            except ValueError:
                raise UserError(_("The expiry date %(date)s of %(product)s is not a date.") % {
                    "date": expiry, "product": product.display_name})
        with self.env.cr.savepoint():
            moves = self._cloudoffice_expected_moves(product, shown)
            return self._cloudoffice_receive(moves, name if product.tracking != "none" else False,
                                             quantity, dates, shown)

    @api.multi
    def cloudoffice_receipt_lot_of(self, product_id, lot_name):
        """The batch/serial ``lot_name`` of a product on this receipt (empty if none)."""
        self.ensure_one()
        if not lot_name or not product_id:
            return self.env["stock.production.lot"]
        return self.move_line_ids.filtered(
            lambda ml: ml.product_id.id == int(product_id) and ml.lot_id.name == lot_name.strip()
        ).mapped("lot_id")[:1]

    @api.multi
    def cloudoffice_phone_validate(self, backorder=False):
        """Finish the receipt from the phone: validate it as the form's button
        does; when less was received than expected, only with ``backorder``
        (the rest stays expected on a new receipt). Returns what was done."""
        self.ensure_one()
        if not any(self.move_line_ids.mapped("qty_done")):
            raise UserError(_("Nothing is received on %(picking)s yet: scan the goods "
                              "first.") % {"picking": self.name})
        if self._check_backorder() and not backorder:
            raise UserError(_(
                "Less was received on %(picking)s than expected: check the quantities, or "
                "finish with the rest expected on a new receipt.") % {"picking": self.name})
        action = self.button_validate()
        if isinstance(action, dict) and action.get("res_model") == "stock.backorder.confirmation":
            self.env["stock.backorder.confirmation"].browse(action["res_id"]).process()
            backorders = self.search([("backorder_id", "=", self.id)])
            return _("%(picking)s is received; the rest is expected on %(backorder)s.") % {
                "picking": self.name, "backorder": ", ".join(backorders.mapped("name"))}
        if isinstance(action, dict):
            raise UserError(_("%(picking)s needs a decision the phone cannot take: finish it "
                              "in Odoo.") % {"picking": self.name})
        return _("%(picking)s is received.") % {"picking": self.name}
