"""Sending 1,000 customer invoices with 5 tracked lines each to Fortnox.

Both ways run in the same run, at the same time, each against its own fake
Fortnox set to the real limit (25 requests per 5 seconds, sliding window):

- ours: the connector's client with the pacing state in PostgreSQL (the
  store the Odoo jobs use), the exactly-once lookup by
  ExternalInvoiceReference1 before each create, customers and articles
  created once, payloads from the invoice mapper with batch/serial text rows;
- the simplest approach: the same payloads, one ``time.sleep(1)`` after each
  invoice (as the best-known public Odoo connector does), no lookup.

The bound is 1.15x the least time the limit allows for the requests we made:
the 25 first at once, then 25 per window. ``FORTNOX_BENCH_INVOICES`` sets
the number of invoices (default 1,000).
"""
import os
import threading
import time

import odoo.addons

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in odoo.addons.__path__:  # imported before Odoo reads its addons path
    odoo.addons.__path__.append(REPO_ROOT)

from odoo.addons.cloudoffice_fortnox.client import (  # noqa: E402
    FortnoxClient,
    FortnoxError,
    MemoryTokenStore,
    OAuth,
    Pacer,
    TokenManager,
)
from odoo.addons.cloudoffice_fortnox.mappers import map_customer_invoice  # noqa: E402
from odoo.addons.cloudoffice_fortnox.models.fortnox_stores import DbPacerStore  # noqa: E402
from odoo.addons.cloudoffice_fortnox.tests.common import approve_consent  # noqa: E402
from odoo.addons.cloudoffice_fortnox.tests.fake_fortnox import FakeFortnox  # noqa: E402

INVOICES = int(os.environ.get("FORTNOX_BENCH_INVOICES", "1000"))
CUSTOMERS, ARTICLES, LINES = 50, 40, 5
LIMIT, WINDOW = 25, 5.0


def documents(count):
    """Invoices as the Odoo side describes them: 5 tracked lines, batches or serials."""
    for index in range(count):
        lines = []
        for line in range(LINES):
            article = (index * LINES + line) % ARTICLES
            values = {"article_number": "ART-%03d" % article, "description": "Article %d" % article,
                      "quantity": 6, "price": 100 + article, "vat": 25, "account": 3001,
                      "serial_prefix": "Serial numbers: "}
            if article % 2:
                values["serials"] = ["SN-%06d-%d" % (index, n) for n in range(6)]
            else:
                values["batches"] = ["Batch B-%05d x 6, best before 2027-03-31" % index]
            lines.append(values)
        yield {"reference": "BENCH/%05d" % index, "customer_number": "C-%03d" % (index % CUSTOMERS),
               "date": "2026-12-01", "due_date": "2026-12-31", "currency": "SEK", "lines": lines}


def connect(fake, pacer):
    oauth = OAuth(fake.client_id, fake.client_secret, auth_url=fake.auth_url, token_url=fake.token_url)
    code, _state = approve_consent(fake, oauth.authorize_url("http://127.0.0.1:9/cb", "bench"))
    tokens = oauth.exchange_code(code, "http://127.0.0.1:9/cb")
    return FortnoxClient(TokenManager(oauth, MemoryTokenStore(tokens)), tenant="bench-%d" % id(fake),
                         api_url=fake.api_url, pacer=pacer)


def send_registers(client, doc, seen):
    if doc["customer_number"] not in seen:
        client.upsert_customer(doc["customer_number"], {"Name": doc["customer_number"]})
        seen.add(doc["customer_number"])
    for line in doc["lines"]:
        if line["article_number"] not in seen:
            client.upsert_article(line["article_number"], {"Description": line["description"]})
            seen.add(line["article_number"])


def ours(client):
    seen = set()
    for doc in documents(INVOICES):
        send_registers(client, doc, seen)
        payload = map_customer_invoice(doc)
        if not client.find_invoice(payload["ExternalInvoiceReference1"]):
            client.create_invoice(payload)


def simplest(client):
    seen = set()
    for doc in documents(INVOICES):
        try:
            send_registers(client, doc, seen)
            client.create_invoice(map_customer_invoice(doc))
        except FortnoxError:
            pass  # no 429 handling there: the fake's log counts what was lost
        time.sleep(1)


def run(env, report):
    fakes = [FakeFortnox(limit=LIMIT, window=WINDOW).start() for _ in range(2)]
    try:
        pacer = Pacer(limit=LIMIT, window=WINDOW, store=DbPacerStore(env.registry))
        our_client = connect(fakes[0], pacer)
        # The simplest approach has no pacer: a limit it never reaches, and no retry of 429.
        plain_client = connect(fakes[1], Pacer(limit=10 ** 9))
        plain_client.retries = 0
        timings = {}

        def timed(name, func, client):
            start = time.perf_counter()
            func(client)
            timings[name] = time.perf_counter() - start
        threads = [threading.Thread(target=timed, args=("ours", ours, our_client)),
                   threading.Thread(target=timed, args=("simplest", simplest, plain_client))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sent = len(fakes[0].api_requests())
        refused = sum(1 for entry in fakes[0].log if entry[3] == 429)
        accepted = sent - refused  # a 429 is a request the limit did not have to allow
        minimum = (accepted - 1) // LIMIT * WINDOW
        stored = len(fakes[0].invoices)
        lost = INVOICES - stored
        simplest_lost = INVOICES - len(fakes[1].invoices)
        print("requests made %d, 429 answers %d, invoices stored %d of %d (simplest: %d)" % (
            sent, refused, stored, INVOICES, len(fakes[1].invoices)))
        print("minimum: the first %d requests at once, then %d per %.0f s, for %d accepted requests" % (
            LIMIT, LIMIT, WINDOW, accepted))
        print("minimum time the limit allows %.1f s, bound (1.15x) %.1f s, ours %.1f s (%.3fx), "
              "simplest %.1f s" % (minimum, 1.15 * minimum, timings["ours"], timings["ours"] / minimum,
                                   timings["simplest"]))
        report.add("fortnox: %d invoices x %d tracked lines" % (INVOICES, LINES), timings["ours"],
                   timings["simplest"], limit=1.15 * minimum if not lost else 0.0,
                   note="requests %d, 429s %d, lost %d (simplest lost %d invoices to 429)" % (
                       sent, refused, lost, simplest_lost))
    finally:
        for fake in fakes:
            fake.stop()
