"""The plain-Python Fortnox client against the fake Fortnox (real HTTP, unpatched)."""
import threading
import time
import unittest
from urllib.parse import parse_qs, urlsplit

import requests
from odoo.addons.cloudoffice_fortnox.client import (
    FortnoxAuthError,
    FortnoxClient,
    FortnoxError,
    FortnoxNotFound,
    FortnoxUnavailable,
    MemoryTokenStore,
    OAuth,
    Pacer,
    TokenManager,
)

from .fake_fortnox import FakeFortnox

REDIRECT = "http://127.0.0.1:9/fortnox/callback"


def consent(fake, oauth, state="s-1"):
    """Pass the fake consent page as a browser would; return the callback's query."""
    page = requests.get(oauth.authorize_url(REDIRECT, state, ["invoice", "customer"]), timeout=5)
    assert "Godkänn" in page.text
    form = parse_qs(urlsplit(oauth.authorize_url(REDIRECT, state, ["invoice", "customer"])).query)
    answer = requests.post(fake.url + "/oauth-v1/auth/approve",
                           data={k: v[0] for k, v in form.items()}, allow_redirects=False, timeout=5)
    return {k: v[0] for k, v in parse_qs(urlsplit(answer.headers["Location"]).query).items()}


class FortnoxCase(unittest.TestCase):
    limit, window = 25, 5.0

    def setUp(self):
        self.fake = FakeFortnox(limit=self.limit, window=self.window).start()
        self.addCleanup(self.fake.stop)
        self.oauth = OAuth(self.fake.client_id, self.fake.client_secret,
                           auth_url=self.fake.auth_url, token_url=self.fake.token_url)

    def connect(self, **kwargs):
        back = consent(self.fake, self.oauth)
        store = MemoryTokenStore(self.oauth.exchange_code(back["code"], REDIRECT))
        manager = TokenManager(self.oauth, store)
        options = {"api_url": self.fake.api_url, "warehouse_url": self.fake.warehouse_url,
                   "pacer": Pacer(limit=self.limit, window=self.window), "backoff": 0.05}
        options.update(kwargs)
        return FortnoxClient(manager, tenant="t", **options), store


class TestAuthentication(FortnoxCase):
    def test_consent_state_and_code(self):
        back = consent(self.fake, self.oauth, state="csrf-42")
        self.assertEqual(back["state"], "csrf-42")
        tokens = self.oauth.exchange_code(back["code"], REDIRECT)
        self.assertTrue(tokens.refresh_token)
        with self.assertRaises(FortnoxAuthError):  # a code is used once
            self.oauth.exchange_code(back["code"], REDIRECT)

    def test_refresh_token_rotates_and_is_single_use(self):
        client, store = self.connect()
        first = store.tokens
        second = self.oauth.refresh(first.refresh_token)
        self.assertNotEqual(second.refresh_token, first.refresh_token)
        with self.assertRaises(FortnoxAuthError) as caught:
            self.oauth.refresh(first.refresh_token)
        self.assertNotIn(first.refresh_token, str(caught.exception))

    def test_wrong_secret_is_refused_without_leaking_it(self):
        oauth = OAuth(self.fake.client_id, "wrong-secret", token_url=self.fake.token_url)
        with self.assertRaises(FortnoxAuthError) as caught:
            oauth.refresh("rt-x")
        self.assertNotIn("wrong-secret", str(caught.exception))
        self.assertIn("Invalid client credentials", str(caught.exception))

    def test_expired_token_is_refreshed_once_and_request_goes_through(self):
        client, store = self.connect()
        self.assertEqual(client.company_information()["CompanyName"], "Fake Lager AB")
        self.fake.expire_tokens()
        self.assertEqual(client.company_information()["DatabaseNumber"], 123456)
        self.assertEqual(self.fake.refresh_count, 1)

    def test_concurrent_refreshes_use_the_refresh_token_once(self):
        client, store = self.connect()
        self.fake.expire_tokens()
        store.tokens = store.tokens._replace(expires_at=0)
        errors, names = [], []

        def work():
            try:
                names.append(client.company_information()["CompanyName"])
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
        threads = [threading.Thread(target=work) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(names, ["Fake Lager AB"] * 6)
        self.assertEqual(self.fake.refresh_count, 1)

    def test_service_account(self):
        tokens = self.oauth.client_credentials(self.fake.tenant_id)
        self.assertIsNone(tokens.refresh_token)
        manager = TokenManager(self.oauth, MemoryTokenStore(tokens, tenant_id=self.fake.tenant_id))
        client = FortnoxClient(manager, api_url=self.fake.api_url, backoff=0.05)
        self.fake.expire_tokens()
        self.assertEqual(client.company_information()["CompanyName"], "Fake Lager AB")
        self.assertEqual(self.fake.refresh_count, 0)


class TestPacing(FortnoxCase):
    limit, window = 5, 1.0

    def test_paced_requests_never_hit_the_limit(self):
        client, _store = self.connect()
        start = time.time()
        for _ in range(16):
            client.company_information()
        elapsed = time.time() - start
        self.assertEqual([e for e in self.fake.log if e[3] == 429], [])
        self.assertGreaterEqual(elapsed, 2.0)  # 16 requests, 5 per second: 3 full windows

    def test_unpaced_burst_gets_429_and_is_retried(self):
        client, _store = self.connect(pacer=Pacer(limit=1000, window=1.0))
        results = [client.company_information()["CompanyName"] for _ in range(12)]
        self.assertEqual(results, ["Fake Lager AB"] * 12)
        self.assertTrue([e for e in self.fake.log if e[3] == 429])


class TestFailures(FortnoxCase):
    def test_5xx_on_read_is_retried(self):
        client, _store = self.connect()
        self.fake.fail_next(2, 503)
        self.assertEqual(client.company_information()["CompanyName"], "Fake Lager AB")

    def test_5xx_on_create_is_not_resent_blindly(self):
        client, _store = self.connect()
        client.upsert_customer("K1", {"Name": "Kund Ett"})
        self.fake.fail_next(1, 502)
        with self.assertRaises(FortnoxUnavailable) as caught:
            client.create_invoice({"CustomerNumber": "K1", "InvoiceRows": []})
        self.assertEqual(caught.exception.fortnox_message, "Internt fel")

    def test_slow_answer_times_out_and_read_is_retried(self):
        client, _store = self.connect(timeout=(2, 0.5))
        self.fake.slow_next(1, 1.5)
        self.assertEqual(client.company_information()["CompanyName"], "Fake Lager AB")

    def test_errors_in_both_key_cases_keep_swedish_messages(self):
        client, _store = self.connect()
        with self.assertRaises(FortnoxNotFound) as caught:  # capitalised keys
            client.get("customers/NOPE")
        self.assertEqual((caught.exception.code, caught.exception.fortnox_message),
                         (2000433, "Kunden hittades inte."))
        with self.assertRaises(FortnoxError) as caught:  # lowercase keys
            client.create_invoice({"CustomerNumber": "NOPE", "InvoiceRows": []})
        self.assertEqual(caught.exception.code, 2000433)
        self.assertIn("Kunden hittades inte.", str(caught.exception))

    def test_dropped_connection_after_store_customer_is_not_duplicated(self):
        client, _store = self.connect()
        self.fake.drop_after_store(1)
        client.upsert_customer("K9", {"Name": "Kund Nio"})
        self.assertEqual(list(self.fake.customers), ["K9"])


class TestResources(FortnoxCase):
    def test_pagination_reads_every_page(self):
        client, _store = self.connect()
        for number in range(1, 251):
            self.fake.customers[str(number)] = {"CustomerNumber": str(number), "Name": "K%d" % number}
        seen = [c["CustomerNumber"] for c in client.iter_list("customers", "Customers", limit=100)]
        self.assertEqual(len(seen), 250)
        self.assertEqual(len(set(seen)), 250)

    def test_invoice_lookup_compares_the_reference_exactly(self):
        client, _store = self.connect()
        client.upsert_customer("K1", {"Name": "Kund Ett"})
        client.upsert_article("A1", {"Description": "Vara"})
        ten = client.create_invoice({"CustomerNumber": "K1", "ExternalInvoiceReference1": "INV/10",
                                     "InvoiceRows": [{"ArticleNumber": "A1", "DeliveredQuantity": "1",
                                                      "Price": 10}]})
        self.assertIsNone(client.find_invoice("INV/1"))  # Fortnox's search matched INV/10
        self.assertEqual(client.find_invoice("INV/10")["DocumentNumber"], ten["DocumentNumber"])

    def test_text_rows_come_back_with_quantity_zero(self):
        client, _store = self.connect()
        client.upsert_customer("K1", {"Name": "Kund Ett"})
        client.upsert_article("A1", {"Description": "Vara"})
        invoice = client.create_invoice({"CustomerNumber": "K1", "InvoiceRows": [
            {"ArticleNumber": "A1", "DeliveredQuantity": "12", "Price": 5},
            {"Description": "Batch L-2301 x 12, bäst före 2026-03-31", "AccountNumber": "API_BLANK"}]})
        self.assertEqual(invoice["InvoiceRows"][1]["DeliveredQuantity"], "0")
        self.assertEqual(invoice["Total"], 60)
        with self.assertRaises(FortnoxError) as caught:  # without the blank account
            client.create_invoice({"CustomerNumber": "K1", "InvoiceRows": [{"Description": "Batch"}]})
        self.assertIn("Kostnadsställe", caught.exception.fortnox_message)

    def test_warehouse_detection_and_inbound_batch(self):
        client, _store = self.connect()
        self.assertFalse(client.has_warehouse())
        self.fake.warehouse = True
        self.assertTrue(client.has_warehouse())
        client.upsert_article("A1", {"Description": "Vara"})
        created = client.create_delivery("inbound", {
            "externalReference": "WH/IN/1", "note": "Batch L-1 x 3",
            "rows": [{"itemId": "A1", "quantity": 3, "batch": "L-1"}]})
        self.assertTrue(self.fake.deliveries["inbound"][created["id"]]["released"])
        self.assertEqual(client.find_warehouse_document("inbound", "WH/IN/1")["id"], created["id"])


class TestDoctests(unittest.TestCase):
    def test_module_doctests(self):
        import doctest
        import importlib
        for name in ("errors", "pacer", "oauth"):
            module = importlib.import_module("odoo.addons.cloudoffice_fortnox.client." + name)
            result = doctest.testmod(module)
            self.assertGreater(result.attempted, 0, name)
            self.assertEqual(result.failed, 0, name)
