"""Fixtures for the connector's Odoo tests: the fake Fortnox, a connection to
it, goods in batches and serials, an accountant, and invoices sold, delivered
and posted the way users do."""
import datetime
from urllib.parse import parse_qs, urlsplit

import requests
from odoo import fields
from odoo.addons.queue_job.job import Job
from odoo.tests.common import SavepointCase

from .fake_fortnox import FakeFortnox


def days_from_now(days):
    return fields.Datetime.to_string(datetime.datetime.now() + datetime.timedelta(days=days))


def approve_consent(fake, url):
    """Pass the fake consent page; return the callback's (code, state)."""
    page = requests.get(url, timeout=5)
    assert page.status_code == 200 and "Godkänn" in page.text, page.text
    form = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    answer = requests.post(fake.url + "/oauth-v1/auth/approve", data=form, allow_redirects=False, timeout=5)
    back = parse_qs(urlsplit(answer.headers["Location"]).query)
    return back["code"][0], back["state"][0]


def connect_backend(env, fake, service=False):
    """As the administrator: fill in the integration and pass the consent page."""
    backend = env["fortnox.backend"].search([("company_id", "=", env.user.company_id.id)])
    values = {"client_id": fake.client_id, "client_secret": fake.client_secret,
              "api_url": fake.api_url, "warehouse_url": fake.warehouse_url,
              "auth_url": fake.auth_url, "token_url": fake.token_url, "send_from": "2000-01-01"}
    if backend:
        backend.write(values)
    else:
        backend = env["fortnox.backend"].create(dict(values, company_id=env.user.company_id.id))
    action = backend.action_connect(service=service)
    code, state = approve_consent(fake, action["url"])
    assert state == backend.sudo().oauth_state
    backend._finish_consent(code)
    return backend


class FortnoxCase(SavepointCase):
    fake_options = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeFortnox(**cls.fake_options).start()
        env = cls.env
        cls.backend = connect_backend(env, cls.fake)
        cls.warehouse = env.ref("stock.warehouse0")
        cls.stock = cls.warehouse.lot_stock_id
        cls.customer = env["res.partner"].create({
            "name": "Deli Norr AB", "customer": True, "ref": "K-1001", "city": "Luleå", "zip": "97231"})
        cls.honey = env["product.product"].create({
            "name": "Forest Honey 350 g", "type": "product", "tracking": "lot", "default_code": "FH-350",
            "invoice_policy": "delivery", "list_price": 59.0})
        cls.phone = env["product.product"].create({
            "name": "Aurora Phone 5", "type": "product", "tracking": "serial", "default_code": "AP5",
            "invoice_policy": "delivery", "list_price": 4990.0})
        cls.lot = cls.make_lot(cls.honey, "L-2301", qty=40, life_days=120)
        cls.serials = env["stock.production.lot"]
        for index in range(1, 31):
            cls.serials |= cls.make_lot(cls.phone, "AP5-SERIAL-%04d" % index, qty=1)
        cls.accountant = env["res.users"].create({
            "name": "Astrid Accountant", "login": "astrid.fortnox", "email": "astrid@example.com",
            "groups_id": [(6, 0, [env.ref("account.group_account_invoice").id,
                                  env.ref("account.group_account_user").id,
                                  env.ref("sales_team.group_sale_salesman_all_leads").id,
                                  env.ref("base.group_user").id])]})

    def setUp(self):
        super().setUp()
        self.fake.reset()  # each test starts with an empty Fortnox

    @classmethod
    def tearDownClass(cls):
        cls.fake.stop()
        super().tearDownClass()

    @classmethod
    def make_lot(cls, product, name, qty, life_days=None):
        values = {"name": name, "product_id": product.id}
        if life_days is not None:
            values["life_date"] = days_from_now(life_days)
            values["use_date"] = days_from_now(life_days - 30)
        lot = cls.env["stock.production.lot"].create(values)
        cls.env["stock.quant"]._update_available_quantity(product, cls.stock, qty, lot_id=lot)
        return lot

    def sell_and_invoice(self, lines, date=None):
        """Sell, deliver and invoice (as the shop does), post as the accountant."""
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {"product_id": product.id, "name": product.name, "product_uom_qty": qty,
                                   "product_uom": product.uom_id.id, "price_unit": product.list_price})
                           for product, qty in lines]})
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        for ml in picking.move_line_ids:
            ml.qty_done = ml.product_uom_qty
        picking.button_validate()
        invoice = self.env["account.invoice"].browse(order.action_invoice_create())
        invoice.date_invoice = date or fields.Date.today()
        invoice.sudo(self.accountant).action_invoice_open()
        return invoice.sudo(self.accountant)

    def run_jobs(self, bindings=None):
        """Run the pending Fortnox jobs as the job runner would, oldest first."""
        domain = [("state", "=", "pending"), ("channel", "=", "root.fortnox")]
        ran = 0
        for record in self.env["queue.job"].search(domain, order="id"):
            job = Job.load(self.env, record.uuid)
            job.set_started()
            job.perform()
            job.set_done()
            job.store()
            ran += 1
        return ran
