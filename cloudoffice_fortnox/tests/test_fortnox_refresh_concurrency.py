"""Two workers find the access token expired at the same moment: the refresh
runs once, under the row lock, and the new refresh token is committed before
use, so the connection is never lost.

Each worker has its own database connection and transaction, as two Odoo
processes would; the test commits its connection and removes it at the end.
"""
import threading
import unittest

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import get_db_name

from .common import connect_backend
from .fake_fortnox import FakeFortnox


class TestRefreshConcurrency(unittest.TestCase):
    service = False

    def setUp(self):
        super().setUp()
        self.fake = FakeFortnox().start()
        self.addCleanup(self.fake.stop)
        self.registry = odoo.registry(get_db_name())
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.backend_id = connect_backend(env, self.fake, service=self.service).id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["fortnox.backend"].browse(self.backend_id).unlink()

    def _worker(self, barrier, results):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            backend = env["fortnox.backend"].browse(self.backend_id)
            client = backend._client()
            barrier.wait()
            try:
                results.append(client.company_information()["CompanyName"])
            except Exception as exc:  # reported by the assertion below
                results.append(exc)

    def test_two_workers_refresh_once_and_stay_connected(self):
        self.fake.expire_tokens()
        with self.registry.cursor() as cr:
            cr.execute("UPDATE fortnox_backend SET token_expires_at = 0 WHERE id = %s", (self.backend_id,))
        for _round in range(2):
            barrier, results = threading.Barrier(2), []
            workers = [threading.Thread(target=self._worker, args=(barrier, results)) for _ in range(2)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(60)
            self.assertEqual(results, ["Fake Lager AB"] * 2)
            self.fake.expire_tokens()  # the second round refreshes with the committed token
        if self.service:  # new tokens from client credentials: nothing to lose
            self.assertEqual(self.fake.refresh_count, 0)
            return
        self.assertEqual(self.fake.refresh_count, 2)
        with self.registry.cursor() as cr:
            cr.execute("SELECT refresh_token FROM fortnox_backend WHERE id = %s", (self.backend_id,))
            stored = cr.fetchone()[0]
        self.assertIn(stored, self.fake.refresh_tokens)  # still valid in Fortnox


class TestServiceAccountConcurrency(TestRefreshConcurrency):
    """The same with a service account: client credentials instead of a refresh token."""

    service = True
