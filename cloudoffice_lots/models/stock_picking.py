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
        moves = self.move_lines.filtered(
            lambda m: m.product_id in products and m.state not in ("done", "cancel"))
        if not moves:
            raise UserError(_("Scan %(scan)s: %(product)s is not expected on %(picking)s.") % {
                "scan": printable_scan(scan), "product": products[0].display_name,
                "picking": self.name})
        move = moves[0]
        product = move.product_id
        if product.tracking == "none":
            name = False
        else:
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
        quantity = self._cloudoffice_quantity(result, product, scan)
        lot = self._cloudoffice_receipt_lot(product, name, result) if name else False
        line = self._cloudoffice_receipt_line(moves, lot, scan)
        line_qty = product.uom_id._compute_quantity(quantity, line.product_uom_id)
        line.write({"lot_id": lot.id if lot else False, "lot_name": name or False,
                    "qty_done": line.qty_done + line_qty})
        return _("%(product)s%(lot)s: %(qty)s %(uom)s received") % {
            "product": product.display_name, "lot": " %s" % name if name else "",
            "qty": format_number(self.env, line.qty_done), "uom": line.product_uom_id.name}

    def _cloudoffice_receipt_lot(self, product, name, result):
        """The batch/serial of a receipt scan, created with the scan's dates if new."""
        lot_model = self.env["stock.production.lot"]
        lot = lot_model.search([("product_id", "=", product.id), ("name", "=", name)], limit=1)
        dates = {}
        if result.production_date:
            dates["production_date"] = fields.Date.to_string(result.production_date)
        if result.best_before:
            dates["best_before_day"] = fields.Date.to_string(result.best_before)
        if result.expiry:
            dates["expiry_day"] = fields.Date.to_string(result.expiry)
        if lot:
            missing = {field: value for field, value in dates.items() if not lot[field]}
            if missing:
                lot.write(missing)
            return lot
        return lot_model.create(dict(dates, name=name, product_id=product.id,
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
