"""Finding a batch/serial from whatever a scanner sends."""
from odoo import _, api, models
from odoo.exceptions import UserError

from .. import gs1
from .gs1_messages import gs1_user_error
from .user_format import UserFormat


def printable_scan(text):
    """A scan as it can be shown in a message: separators made visible, cut short."""
    shown = (text or "").strip().replace("\x1d", "<GS>").replace("\xf1", "<FNC1>")
    return shown if len(shown) <= 80 else shown[:77] + "..."


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def cloudoffice_parse_scan(self, text):
        """The :class:`..gs1.GS1Result` of a scan, or None for a plain batch/serial name.

        GS1 in any form is read: element strings with GS separators and
        symbology identifiers (``]d2``, ``]C1``, ``]Q3``), the human readable
        ``(01)...(10)...`` form and Digital Link URLs. A scan that looks like
        GS1 but is damaged raises a UserError saying which part is wrong.
        """
        try:
            return gs1.parse(text, strict=False)
        except gs1.GS1Error as err:
            raise gs1_user_error(self, err, printable_scan(text))

    @api.model
    def cloudoffice_scan_products(self, result, scan):
        """Products a GS1 scan's GTIN designates (empty when it carries none)."""
        products = self.env["product.product"]
        if not result.gtin:
            return products
        products = products.cloudoffice_search_gtin(result.gtin)
        if not products:
            raise UserError(_(
                "Scan %(scan)s: the GTIN %(gtin)s (AI 01) matches no product. Enter it in the "
                "Barcode field of the product it belongs to.") % {
                    "scan": printable_scan(scan), "gtin": result.gtin})
        return products

    @api.model
    def cloudoffice_scan_names(self, result, products, scan):
        """Batch/serial names a GS1 scan carries, the likeliest first."""
        names = [result.serial, result.lot]
        if products and all(p.tracking == "lot" for p in products):
            names.reverse()
        names = [name for name in names if name]
        if not names:
            if result.sscc and not result.gtin:
                raise UserError(_(
                    "Scan %s is a shipping container code (SSCC, AI 00), not a batch or serial "
                    "number: scan the label of the goods inside.") % printable_scan(scan))
            if products:
                raise UserError(_(
                    "Scan %(scan)s has no batch (AI 10) or serial number (AI 21) for "
                    "%(product)s: scan the barcode that carries the batch or serial.") % {
                        "scan": printable_scan(scan),
                        "product": ", ".join(products.mapped("display_name"))})
            raise UserError(_(
                "Scan %(scan)s has no batch (AI 10) or serial number (AI 21): scan the "
                "barcode that carries the batch or serial.") % {"scan": printable_scan(scan)})
        return names

    @api.model
    def cloudoffice_find_by_scan(self, text):
        """The batch/serial a scan designates, or a UserError saying what is wrong.

        ``text`` is whatever a scanner typed: any GS1 form (see
        :meth:`cloudoffice_parse_scan`), or a plain batch/serial name (then
        also tried as the supplier's batch number).
        """
        scan = (text or "").strip()
        if not scan:
            raise UserError(_("Nothing was scanned: scan or type a batch or serial number."))
        result = self.cloudoffice_parse_scan(scan)
        if result is None:
            return self._cloudoffice_find_by_name(scan)
        products = self.cloudoffice_scan_products(result, scan)
        names = self.cloudoffice_scan_names(result, products, scan)
        domain = [("product_id", "in", products.ids)] if products else []
        for name in names:
            lots = self.search(domain + [("name", "=", name)])
            if len(lots) == 1:
                return lots
            if len(lots) > 1:
                raise self._cloudoffice_ambiguous(name, lots)
        if products:
            others = self.search([("name", "in", names), ("product_id", "not in", products.ids)])
            if others:
                values = {"scan": printable_scan(scan), "name": others[0].name,
                          "other": others[0].product_id.display_name,
                          "product": products[0].display_name, "gtin": result.gtin}
                if others[0].product_id.tracking == "serial":
                    raise UserError(_(
                        "Scan %(scan)s: serial number %(name)s belongs to %(other)s, not to "
                        "%(product)s (GTIN %(gtin)s).") % values)
                raise UserError(_(
                    "Scan %(scan)s: batch %(name)s belongs to %(other)s, not to %(product)s "
                    "(GTIN %(gtin)s).") % values)
            raise UserError(_(
                "Scan %(scan)s: %(product)s has no batch or serial number %(name)s.") % {
                    "scan": printable_scan(scan), "product": products[0].display_name,
                    "name": names[0]})
        raise UserError(_("Scan %(scan)s: no batch or serial number %(name)s exists.") % {
            "scan": printable_scan(scan), "name": names[0]})

    def _cloudoffice_find_by_name(self, name):
        lots = self.search([("name", "=", name)])
        if not lots:
            lots = self.search([("supplier_batch", "=", name)])
        if len(lots) == 1:
            return lots
        if lots:
            raise self._cloudoffice_ambiguous(name, lots)
        if gs1.is_valid_gtin(name):
            products = self.env["product.product"].cloudoffice_search_gtin(name)
            if products:
                raise UserError(_(
                    "%(code)s is the barcode of the product %(product)s, not of a batch or "
                    "serial: scan the barcode that carries the batch or serial number.") % {
                        "code": name, "product": products[0].display_name})
        raise UserError(_(
            "No batch or serial number %s exists. Check the scan, or scan the GS1 barcode "
            "with the product's GTIN.") % printable_scan(name))

    def _cloudoffice_ambiguous(self, name, lots):
        return UserError(_(
            "%(name)s is a batch/serial number of several products (%(products)s): scan the "
            "GS1 barcode, which carries the product's GTIN too.") % {
                "name": name, "products": ", ".join(lots.mapped("product_id.display_name"))})

    @api.model
    def cloudoffice_scan_page_values(self, text):
        """What the phone scan page shows for a scan (raises UserError for a bad scan)."""
        lot = self.cloudoffice_find_by_scan(text)
        moves = self.env["stock.move.line"].search(
            [("lot_id", "=", lot.id), ("state", "=", "done")], order="date desc, id desc",
            limit=50)
        fmt = UserFormat(self.env)
        return {
            "lot": lot,
            "fmt": fmt,
            "dates": {key: fmt.day(value) for key, value in lot._cloudoffice_dates().items()},
            "quants": lot.internal_quant_ids,
            "tests": lot.test_ids,
            "certificates": lot.certificate_ids,
            "move_lines": moves,
            "links": [
                (_("Open in Odoo"), "/web#id=%d&model=stock.production.lot&view_type=form"
                 % lot.id),
                (_("Up/Down Traceability"), "/web#action=stock.action_stock_report&active_id=%d"
                 % lot.id),
                (_("Lot Barcode Report (PDF)"), "/report/pdf/stock.report_lot_barcode/%d" % lot.id),
            ],
        }
