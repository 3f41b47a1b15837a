"""Web routes: a batch's barcode image, the scan page for phones, and the
resolver answering GS1 Digital Link QR codes printed with this server's
address."""
from urllib.parse import quote

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request
from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.utils import redirect

from .. import gs1

SCAN_PAGE = "/cloudoffice_lots/scan"


class CloudofficeLotsController(http.Controller):

    @http.route("/cloudoffice_lots/lot/<int:lot_id>/barcode.png", type="http", auth="user")
    def lot_barcode(self, lot_id, kind=None, **_kwargs):
        """PNG of a batch/serial's barcode; ``kind`` as on label layouts
        (default: GS1 DataMatrix when the product has a GTIN)."""
        lot = request.env["stock.production.lot"].browse(lot_id).exists()
        if not lot:
            raise NotFound()
        try:
            lot.check_access_rights("read")
            lot.check_access_rule("read")
        except AccessError:
            raise NotFound()
        kind = kind or lot.cloudoffice_default_barcode_kind()
        if kind not in gs1.RENDER_KINDS:
            raise BadRequest()
        try:
            png = gs1.render_png(kind, lot.cloudoffice_barcode_data(kind))
        except UserError as err:
            return request.make_response(err.name, [("Content-Type", "text/plain; charset=utf-8")],
                                         status=422)
        except gs1.GS1Error as err:
            return request.make_response(str(err), [("Content-Type", "text/plain; charset=utf-8")],
                                         status=422)
        return request.make_response(png, [
            ("Content-Type", "image/png"), ("Content-Length", str(len(png))),
            ("Cache-Control", "private, max-age=60")])

    @http.route(SCAN_PAGE, type="http", auth="user")
    def scan_page(self, code=None, action=None, **kwargs):
        """Phone-friendly scan page: the camera (browser barcode detection) or
        typed input; a scan shows the batch/serial it designates, and its
        labels can be sent to a label printer (``action=print``, POST). A
        batch the user may not read is answered like a missing one."""
        values = {"code": code or "", "lot": None, "error": None, "print_message": None,
                  "print_error": None}
        if code and code.strip():
            try:
                values.update(request.env["stock.production.lot"].cloudoffice_scan_page_values(code))
                values.update(self._phone_print_values())
                if action == "print" and request.httprequest.method == "POST":
                    values["print_message"], values["print_error"] = self._print_lot_labels(
                        values["lot"], kwargs)
                # rendered here, so that a record rule met while rendering is caught too
                return request.render("cloudoffice_lots.scan_page", values, lazy=False)
            except UserError as err:
                values.update(lot=None, error=err.name)
            except AccessError:
                values.update(lot=None, error=_(
                    "No batch or serial number %(code)s was found, or you may not see it.") % {
                        "code": code.strip()[:80]})
        return request.render("cloudoffice_lots.scan_page", values)

    @http.route("/cloudoffice_lots/dl/<path:path>", type="http", auth="public")
    def digital_link(self, path, **_kwargs):
        """GS1 Digital Link QR codes printed with this server's address.

        Employees land on the scan page with everything about the batch;
        anyone else (a customer scanning the pack) gets the public page: what
        the batch's company lets be public, never more (see
        ``stock.production.lot.cloudoffice_public_values``).
        """
        url = request.httprequest.url
        if request.session.uid and request.env.user.has_group("base.group_user"):
            return redirect("%s?code=%s" % (SCAN_PAGE, quote(url, safe="")), 303)
        values = request.env["stock.production.lot"].cloudoffice_public_values(url)
        page = {"batch": values,
                "login_url": "/web/login?redirect=%s" % quote(request.httprequest.full_path.rstrip("?"))}
        # the same answer for a batch that does not exist and one that is not public
        return request.render("cloudoffice_lots.public_batch_page", page,
                              status=200 if values else 404)

    @http.route("/cloudoffice_lots/phone", type="http", auth="user")
    def phone_home(self, **_kwargs):
        """The phone start page (the installed web app opens here)."""
        return request.render("cloudoffice_lots.phone_home", {})

    # ------------------------------------------------------ phone receiving
    @http.route("/cloudoffice_lots/phone/receive", type="http", auth="user")
    def phone_receipts(self, ref=None, **kwargs):
        """Pick the expected receipt from a list, or scan its reference."""
        pickings = request.env["stock.picking"]
        values = {"receipts": pickings.cloudoffice_phone_receipts(), "error": None,
                  "ref": ref or "", "detector_query": self._phone_detector_query(kwargs)}
        if ref and ref.strip():
            try:
                receipt = pickings.cloudoffice_find_receipt(ref)
            except UserError as err:
                values["error"] = err.name
            else:
                return redirect("/cloudoffice_lots/phone/receive/%d%s"
                                % (receipt.id, values["detector_query"]), 303)
        return request.render("cloudoffice_lots.phone_receipts", values)

    @http.route("/cloudoffice_lots/phone/receive/<int:picking_id>", type="http", auth="user",
                methods=["GET", "POST"])
    def phone_receipt(self, picking_id, code=None, action=None, **kwargs):
        """One receipt: scan a supplier's label, correct, confirm, print, finish."""
        picking = self._phone_receipt(picking_id)
        values = {"picking": picking, "form": None, "error": None, "message": None, "lot": None,
                  "detector_query": self._phone_detector_query(kwargs)}
        values.update(self._phone_print_values(picking.picking_type_id.warehouse_id))
        try:
            if action == "print" and request.httprequest.method == "POST":
                lot_id = kwargs.get("lot_id") or ""
                values["lot"] = picking.move_line_ids.mapped("lot_id").filtered(
                    lambda rec: str(rec.id) == lot_id)
                if not values["lot"]:
                    raise NotFound()
                values["message"], values["error"] = self._print_lot_labels(values["lot"], kwargs)
            elif action == "confirm":
                values["form"] = self._phone_receipt_form(picking, kwargs)
                values["message"] = picking.cloudoffice_receipt_confirm(
                    kwargs.get("product_id"), kwargs.get("lot"), kwargs.get("expiry"),
                    kwargs.get("quantity"), kwargs.get("scan"))
                values["form"] = None
                values["lot"] = picking.cloudoffice_receipt_lot_of(
                    kwargs.get("product_id"), kwargs.get("lot"))
            elif action == "validate":
                values["message"] = picking.cloudoffice_phone_validate(
                    backorder=bool(kwargs.get("backorder")))
            elif code and code.strip():
                scanned = picking.cloudoffice_receipt_scan_values(code)
                values["form"] = dict(scanned, product_id=scanned["product"].id,
                                      expiry=scanned["expiry"] and scanned["expiry"].isoformat())
        except UserError as err:
            values["error"] = err.name
        return request.render("cloudoffice_lots.phone_receipt", values)

    @http.route("/cloudoffice_lots/phone/receive/<int:picking_id>/labels/<int:lot_id>",
                type="http", auth="user")
    def phone_receipt_labels(self, picking_id, lot_id, **_kwargs):
        """Our labels for a batch just received, as a file to download."""
        picking = self._phone_receipt(picking_id)
        lot = picking.move_line_ids.mapped("lot_id").filtered(lambda rec: rec.id == lot_id)
        if not lot:
            raise NotFound()
        # the first layout (a sheet), not the printer's: a file to open on the phone
        layout = request.env["cloudoffice.label.layout"].search([], limit=1)
        wizard = request.env["cloudoffice.label.print"].create(
            {"lot_ids": [(6, 0, lot.ids)], "layout_id": layout.id})
        content, file_name = wizard.layout_id.render_labels(wizard._items())
        if isinstance(content, str):
            content = content.encode("utf-8")
        kind = "application/pdf" if file_name.endswith(".pdf") else "application/octet-stream"
        return request.make_response(content, [
            ("Content-Type", kind), ("Content-Length", str(len(content))),
            ("Content-Disposition", content_disposition(file_name))])

    @staticmethod
    def _phone_print_values(warehouse=None):
        """The printers a phone page offers, the proposed one first chosen."""
        printers = request.env["cloudoffice.label.printer"]
        return {"printers": printers.search([]),
                "printer": printers.cloudoffice_default_printer(warehouse)}

    @staticmethod
    def _print_lot_labels(lot, params):
        """Send ``lot``'s labels to the printer chosen on a phone page.
        Returns (what went out, None) or (None, why not); a job that failed
        is kept in Print Jobs."""
        printer_id = params.get("printer_id") or ""
        printer = request.env["cloudoffice.label.printer"].search(
            [("id", "=", int(printer_id))] if printer_id.isdigit() else [("id", "=", 0)])
        copies = (params.get("copies") or "1").strip()
        try:
            if not printer:
                raise UserError(_("Choose the printer to send the labels to."))
            if not copies.isdigit() or not 1 <= int(copies) <= 999:
                raise UserError(_("The number of labels must be a whole number from 1 to "
                                  "999, not %(copies)s.") % {"copies": copies[:20]})
            job = printer.cloudoffice_print_items([{"lot": lot, "copies": int(copies)}],
                                                  origin=lot.name)
        except UserError as err:
            return None, err.name
        if job.state == "done":
            return job.cloudoffice_message(), None
        return None, job.cloudoffice_message()

    @staticmethod
    def _phone_receipt(picking_id):
        picking = request.env["stock.picking"].browse(picking_id).exists()
        if not picking:
            raise NotFound()
        try:
            picking.check_access_rights("read")
            picking.check_access_rule("read")
        except AccessError:
            raise NotFound()
        if picking.picking_type_code != "incoming":
            raise NotFound()
        return picking

    @staticmethod
    def _phone_receipt_form(picking, params):
        """The confirm form as sent, shown again when it needs correcting."""
        product = request.env["product.product"].browse(
            int(params.get("product_id") or 0)).exists()
        return {"product_id": product.id, "product": product, "lot": params.get("lot") or "",
                "expiry": params.get("expiry") or "", "quantity": params.get("quantity") or "",
                "scan": params.get("scan") or ""}

    @staticmethod
    def _phone_detector_query(params):
        return "?detector=polyfill" if params.get("detector") == "polyfill" else ""
