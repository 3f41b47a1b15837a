"""One Fortnox connection per company: credentials, tokens, what is sent, mapping.

Tokens and the client secret carry ``groups="base.group_system"``: only
system administrators read them. Jobs reach them through
:mod:`.fortnox_stores`, which reads and refreshes them in a row lock.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..client import API_URL, AUTH_URL, TOKEN_URL, WAREHOUSE_URL, FortnoxError

SECRET = "base.group_system"


class FortnoxBackend(models.Model):
    _name = "fortnox.backend"
    _description = "Fortnox Connection"

    name = fields.Char(
        required=True, default="Fortnox",
        help="A name for this connection, shown in the sync log.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id,
        help="The company whose documents this connection sends; one connection per company.")
    active = fields.Boolean(default=True, help="Untick to stop sending without disconnecting.")
    state = fields.Selection(
        [("draft", "Not connected"), ("connected", "Connected")], default="draft", readonly=True,
        help="Whether Fortnox accepted this connection.")
    client_id = fields.Char(
        string="Client ID", help="The client id of the integration registered in Fortnox's developer portal.")
    client_secret = fields.Char(
        groups=SECRET, help="The client secret of the integration; readable by system administrators only.")
    service_account = fields.Boolean(
        readonly=True,
        help="Connected as a service account (client credentials): no refresh token, "
             "a new access token is asked for every hour.")
    tenant_id = fields.Char(
        string="Tenant ID", readonly=True,
        help="Fortnox's database number of the company (DatabaseNumber), used by service accounts.")
    access_token = fields.Char(groups=SECRET, readonly=True, help="The current access token (one hour).")
    refresh_token = fields.Char(
        groups=SECRET, readonly=True, help="The refresh token: single use, replaced on every refresh.")
    token_expires_at = fields.Float(
        groups=SECRET, readonly=True, help="When the access token expires (seconds since 1970, UTC).")
    oauth_state = fields.Char(
        string="OAuth State", groups=SECRET, readonly=True, copy=False,
        help="The random value sent to Fortnox's consent page and checked on return.")
    scopes = fields.Char(
        default="companyinformation invoice supplierinvoice customer supplier article bookkeeping settings",
        help="Space-separated Fortnox scopes asked for when connecting; adding one needs a new consent.")
    warehouse_scope = fields.Char(
        help="The scope name of Fortnox Lager, added to the scopes when set (Fortnox does not document it).")
    connected_by = fields.Many2one("res.users", readonly=True, help="Who connected to Fortnox.")
    connected_at = fields.Datetime(readonly=True, help="When the connection was made.")
    granted_scopes = fields.Char(readonly=True, help="The scopes Fortnox granted.")
    fortnox_company = fields.Char(
        readonly=True,
        help="The company name Fortnox reported on the last connection test.")
    has_warehouse = fields.Boolean(
        string="Fortnox Lager Active", readonly=True,
        help="Detected from Fortnox (tenants-v4) on each connection test: whether the company "
             "uses Fortnox Lager.")
    warehouse_checked_at = fields.Datetime(readonly=True, help="When Fortnox Lager was last detected.")
    # what is sent
    send_customer_invoices = fields.Boolean(
        default=True, help="Send posted customer invoices and refunds.")
    send_supplier_invoices = fields.Boolean(default=True, help="Send posted supplier invoices.")
    send_warehouse_changes = fields.Boolean(
        default=True,
        help="Send done receipts, deliveries, returns, transfers between warehouses, scrap and inventory "
             "adjustments: to Fortnox Lager when it is active, otherwise as vouchers.")
    send_from = fields.Date(
        default=fields.Date.context_today,
        help="Documents dated before this day are not sent.")
    # mapping, with Swedish (BAS) defaults
    sales_account = fields.Integer(string="Sales Account 25 %", default=3001,
        help="BAS sales account for goods at 25 % VAT.")
    sales_account_12 = fields.Integer(string="Sales Account 12 %", default=3002,
        help="BAS sales account for goods at 12 % VAT.")
    sales_account_6 = fields.Integer(string="Sales Account 6 %", default=3003,
        help="BAS sales account for goods at 6 % VAT.")
    purchase_account = fields.Integer(default=4010, help="BAS account for purchased goods.")
    input_vat_account = fields.Integer(string="Input VAT Account", default=2641,
        help="BAS account for input VAT on purchases.")
    payable_account = fields.Integer(default=2440, help="BAS account for supplier debts.")
    stock_account = fields.Integer(
        default=1460, help="BAS account of the stock (Lager av handelsvaror), used in stock vouchers "
                           "when Fortnox Lager is not active.")
    stock_receipt_account = fields.Integer(
        default=4010,
        help="Counter account of receipts from and returns to suppliers in stock vouchers: the purchase "
             "account the supplier invoice debits, so that received goods move into stock.")
    stock_delivery_account = fields.Integer(
        default=4010,
        help="Counter account of deliveries to and returns from customers in stock vouchers: the cost of "
             "the goods sold.")
    stock_adjustment_account = fields.Integer(
        default=4990,
        help="Counter account of scrap, inventory adjustments and other stock changes in stock vouchers "
             "(BAS 4990, Förändring av lager).")
    voucher_series = fields.Char(
        default="A", help="The Fortnox voucher series stock vouchers are booked in.")
    default_unit = fields.Char(default="st", help="Fortnox unit code for Odoo's Units.")
    api_url = fields.Char(string="API URL", default=API_URL, help="Fortnox's REST API address.")
    warehouse_url = fields.Char(
        string="Warehouse API URL", default=WAREHOUSE_URL, help="Fortnox Lager's API address.")
    auth_url = fields.Char(string="Consent URL", default=AUTH_URL, help="Fortnox's consent page.")
    token_url = fields.Char(string="Token URL", default=TOKEN_URL, help="Fortnox's token endpoint.")

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "A company has one Fortnox connection."),
    ]

    @api.model
    def for_company(self, company):
        """The active connection of ``company``, or an empty recordset."""
        return self.search([("company_id", "=", company.id), ("state", "=", "connected")], limit=1)

    def sales_account_for(self, vat):
        """The BAS sales account for a VAT rate (25, 12 or 6 %)."""
        self.ensure_one()
        accounts = {12: self.sales_account_12, 6: self.sales_account_6}
        return accounts.get(int(round(vat or 0)), self.sales_account)

    def action_test_connection(self):
        """Read companyinformation, detect Fortnox Lager, and show the company name."""
        self.ensure_one()
        client = self._client()
        try:
            info = client.company_information()
            lager = client.has_warehouse()
        except FortnoxError as error:
            raise UserError(_("Fortnox could not be reached: %(error)s") % {"error": error.describe()})
        self.write({"fortnox_company": info.get("CompanyName"), "has_warehouse": lager,
                    "warehouse_checked_at": fields.Datetime.now(),
                    "tenant_id": str(info.get("DatabaseNumber") or self.tenant_id or "")})
        return True

    def action_disconnect(self):
        self.ensure_one()
        self.sudo().write({"state": "draft", "access_token": False, "refresh_token": False,
                           "token_expires_at": 0, "service_account": False})
        return True

    @api.model
    def _cron_enqueue(self):
        """For every connected company: bind and enqueue new or changed documents in date order."""
        for backend in self.search([("state", "=", "connected")]):
            invoices = self.env["account.invoice"].with_context(
                force_company=backend.company_id.id)._fortnox_changed_or_new(backend)
            bindings = invoices._fortnox_bind()
            if backend.send_warehouse_changes:
                for model in ("stock.picking", "stock.scrap", "stock.inventory"):
                    bindings |= self.env[model]._fortnox_changed_or_new(backend)._fortnox_bind()
            waiting = self.env["fortnox.binding"].search([
                ("backend_id", "=", backend.id), ("state", "=", "waiting")])
            (bindings | waiting).sorted(lambda rec: (rec.document_date or "", rec.id)).action_retry()
        return True

    @api.model
    def action_open_settings(self):
        """Settings > Fortnox: the current company's connection, made on first visit."""
        backend = self.search([("company_id", "=", self.env.user.company_id.id)], limit=1)
        if not backend:
            backend = self.create({"company_id": self.env.user.company_id.id})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": backend.id,
                "view_mode": "form", "target": "current", "name": _("Fortnox")}
