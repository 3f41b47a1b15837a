"""Web routes: a batch's barcode image, the scan page for phones, and the
resolver answering GS1 Digital Link QR codes printed with this server's
address."""
from urllib.parse import quote

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request
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
    def scan_page(self, code=None, **_kwargs):
        """Phone-friendly scan page: the camera (browser barcode detection) or
        typed input; a scan shows the batch/serial it designates. A batch the
        user may not read is answered like a missing one."""
        values = {"code": code or "", "lot": None, "error": None}
        if code and code.strip():
            try:
                values.update(request.env["stock.production.lot"].cloudoffice_scan_page_values(code))
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
