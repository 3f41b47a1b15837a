"""Fortnox's consent page sends the administrator back here with code and state."""
import logging

import werkzeug
from odoo import _, http
from odoo.http import request

from ..client import FortnoxError

_logger = logging.getLogger(__name__)


class FortnoxController(http.Controller):
    @http.route("/fortnox/callback", type="http", auth="user")
    def callback(self, code=None, state=None, error=None, error_description=None, **_kw):
        if not request.env.user.has_group("base.group_system"):
            return request.make_response(_("Only a system administrator may connect to Fortnox."), status=403)
        backends = request.env["fortnox.backend"].sudo().search([("oauth_state", "!=", False)])
        backend = backends.filtered(lambda rec: state and rec.oauth_state == state)
        if not backend:
            return request.make_response(
                _("This answer from Fortnox does not match a connection started here; start again "
                  "from Settings > Fortnox."), status=400)
        if error or not code:
            return request.make_response(
                _("Fortnox did not give access: %(reason)s") % {"reason": error_description or error},
                status=400)
        try:
            backend.sudo(request.env.uid)._finish_consent(code)
        except FortnoxError as exc:
            _logger.warning("Fortnox consent failed: %s", exc.describe())
            return request.make_response(
                _("Fortnox refused the connection: %(error)s") % {"error": exc.describe()}, status=400)
        return werkzeug.utils.redirect("/web#id=%d&model=fortnox.backend&view_type=form" % backend.id)
