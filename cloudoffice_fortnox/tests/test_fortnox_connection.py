"""An administrator connects the company to the fake Fortnox; secrets stay
with system administrators; an accountant sees the connection, not its tokens."""
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import approve_consent, connect_backend
from .fake_fortnox import FakeFortnox


class TestFortnoxConnection(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeFortnox(warehouse=True).start()
        cls.admin = cls.env.ref("base.user_admin") if cls.env.ref("base.user_admin", False) else cls.env.user
        cls.accountant = cls.env["res.users"].create({
            "name": "Astrid Accountant", "login": "astrid.connect", "email": "astrid@example.com",
            "groups_id": [(6, 0, [cls.env.ref("account.group_account_invoice").id,
                                  cls.env.ref("base.group_user").id])]})

    @classmethod
    def tearDownClass(cls):
        cls.fake.stop()
        super().tearDownClass()

    def test_connect_through_consent_and_test_connection(self):
        backend = connect_backend(self.env(user=self.admin.id), self.fake)
        self.assertEqual(backend.state, "connected")
        self.assertEqual(backend.connected_by, self.admin)
        self.assertTrue(backend.connected_at)
        self.assertIn("invoice", backend.granted_scopes)
        self.assertEqual(backend.fortnox_company, "Fake Lager AB")  # read from companyinformation
        self.assertTrue(backend.has_warehouse)  # detected from tenants-v4
        self.assertEqual(backend.tenant_id, "123456")
        self.assertFalse(backend.sudo().oauth_state)  # the state is used once
        self.fake.warehouse = False
        backend.action_test_connection()
        self.assertFalse(backend.has_warehouse)
        backend.action_disconnect()
        self.assertEqual(backend.state, "draft")
        self.assertFalse(backend.sudo().refresh_token)

    def test_consent_url_carries_state_and_scopes(self):
        backend = self.env["fortnox.backend"].create({
            "client_id": self.fake.client_id, "client_secret": self.fake.client_secret,
            "auth_url": self.fake.auth_url, "token_url": self.fake.token_url,
            "warehouse_scope": "warehouse"})
        url = backend.action_connect()["url"]
        code, state = approve_consent(self.fake, url)
        self.assertEqual(state, backend.sudo().oauth_state)
        self.assertIn("scope=companyinformation+invoice", url)
        self.assertIn("warehouse", url)
        self.assertIn("access_type=offline", url)

    def test_service_account_gets_tokens_without_refresh_token(self):
        backend = connect_backend(self.env, self.fake, service=True)
        self.assertTrue(backend.service_account)
        self.assertFalse(backend.sudo().refresh_token)
        self.assertEqual(backend.tenant_id, "123456")  # what client credentials ask with

    def test_accountant_reads_the_connection_but_not_its_secrets(self):
        backend = connect_backend(self.env, self.fake)
        as_accountant = backend.sudo(self.accountant)
        self.assertEqual(as_accountant.fortnox_company, "Fake Lager AB")
        for field in ("client_secret", "access_token", "refresh_token"):
            with self.assertRaises(AccessError):
                as_accountant.read([field])
        with self.assertRaises(AccessError):
            as_accountant.action_connect()
        with self.assertRaises(AccessError):
            as_accountant.write({"client_id": "other"})
