"""Connecting: the consent page, its callback, service accounts, the client."""
import base64
import logging
import os
import time

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..client import FortnoxClient, FortnoxError, OAuth, Pacer, TokenManager
from .fortnox_stores import BackendTokenStore, DbPacerStore

_logger = logging.getLogger(__name__)
CALLBACK = "/fortnox/callback"


class FortnoxBackend(models.Model):
    _inherit = "fortnox.backend"

    oauth_service = fields.Boolean(
        string="OAuth for Service Account", groups="base.group_system", readonly=True, copy=False,
        help="The consent under way is for a service account.")

    def _check_admin(self):
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only a system administrator may connect the company to Fortnox."))

    def _oauth(self):
        backend = self.sudo()
        if not backend.client_id or not backend.client_secret:
            raise UserError(_("Enter the client id and the client secret of your Fortnox integration first."))
        return OAuth(backend.client_id, backend.client_secret, auth_url=backend.auth_url,
                     token_url=backend.token_url)

    def _redirect_uri(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return base.rstrip("/") + CALLBACK

    def _scope_list(self):
        scopes = (self.scopes or "").split()
        if self.warehouse_scope:
            scopes.append(self.warehouse_scope)
        return scopes

    def action_connect(self, service=False):
        """Send the administrator to Fortnox's consent page."""
        self.ensure_one()
        self._check_admin()
        state = base64.urlsafe_b64encode(os.urandom(24)).decode().rstrip("=")
        self.sudo().write({"oauth_state": state, "oauth_service": bool(service)})
        url = self._oauth().authorize_url(self._redirect_uri(), state, self._scope_list(), service=service)
        return {"type": "ir.actions.act_url", "url": url, "target": "self"}

    def action_connect_service(self):
        """Consent once for a service account; then tokens come from client credentials."""
        return self.action_connect(service=True)

    def _finish_consent(self, code):
        """Trade the consent's code for tokens and record who connected."""
        self.ensure_one()
        self._check_admin()
        backend = self.sudo()
        tokens = self._oauth().exchange_code(code, self._redirect_uri())
        backend.write({
            "state": "connected", "access_token": tokens.access_token,
            "refresh_token": False if backend.oauth_service else tokens.refresh_token,
            "token_expires_at": tokens.expires_at, "granted_scopes": tokens.scope,
            "service_account": backend.oauth_service, "oauth_state": False,
            "connected_by": self.env.uid, "connected_at": fields.Datetime.now(),
        })
        try:
            self.action_test_connection()
        except UserError as error:  # connected all the same; the test button tells more
            _logger.info("Fortnox connected, but the first test failed: %s", error)

    def _client(self):
        """A Fortnox client for this connection (tokens and pacing shared in the database)."""
        self.ensure_one()
        if self.state != "connected":
            raise UserError(_("The company %(company)s is not connected to Fortnox.")
                            % {"company": self.company_id.name})
        manager = TokenManager(self._oauth(), BackendTokenStore(self), clock=time.time)
        key = "%s:%s" % (self.sudo().client_id, self.tenant_id or self.id)
        return FortnoxClient(manager, tenant=key, api_url=self.api_url, warehouse_url=self.warehouse_url,
                             pacer=Pacer(store=DbPacerStore(self.env.registry)),
                             retries=3, backoff=0.5)  # longer waits: the job is rescheduled


__all__ = ["FortnoxBackend", "FortnoxError"]
