"""Certificates of analysis on the customer portal: on the order's page, one
download per delivered batch, for customers who ask for certificates."""
from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError
from odoo.http import request


class CoaPortal(CustomerPortal):

    @http.route(["/my/orders/<int:order_id>/coa/<int:lot_id>"], type="http", auth="public",
                website=True)
    def portal_order_coa(self, order_id, lot_id, access_token=None, **kw):
        """The certificate of analysis of batch ``lot_id`` delivered on the
        order, to whoever may see the order (its customer, or its link)."""
        try:
            order_sudo = self._order_check_access(order_id, access_token=access_token)
        except AccessError:
            return request.redirect("/my")
        lots = order_sudo._cloudoffice_portal_coa_lots()
        lot = lots.filtered(lambda candidate: candidate.id == lot_id)
        if not lot:
            return request.not_found()
        name, pdf = lot._cloudoffice_coa_pdf(order_sudo.partner_id)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", 'attachment; filename="%s"' % name)])
