"""The users of ``make load``: warehouse staff, sellers, someone running
reports, someone printing labels, spread over the nodes.

``LOAD_SIDE=ours`` does each task with our add-ons, ``LOAD_SIDE=plain`` with
plain Odoo's nearest way; ``tools/load.sh`` runs both, one after the other,
with the same users, mix and duration. Each user task is one ``ACTION`` entry
in locust's statistics (the table compares those); the requests it makes are
listed under their own names.

Settings come from the environment: LOAD_NODES (comma-separated URLs),
LOAD_DB, LOAD_INFO (the dataset's JSON), LOAD_SIDE, LOAD_MAX_ACTIONS.
"""
import collections
import itertools
import json
import os
import random
import sys
import time
import uuid

from locust import HttpUser, between, events, task

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from load import flows, rpc  # the repository is not installed here

SIDE = os.environ.get("LOAD_SIDE", "ours")
NODES = os.environ.get("LOAD_NODES", "").split(",")
DATABASE = os.environ.get("LOAD_DB", "cloudoffice_load")
MAX_ACTIONS = int(os.environ.get("LOAD_MAX_ACTIONS", "20000"))
with open(os.environ.get("LOAD_INFO", "/dev/null")) as _info_file:
    INFO = json.load(_info_file) if SIDE else {}
GTINS = {int(key): value for key, value in INFO.get("gtins", {}).items()}
LOTS = {int(key): value for key, value in INFO.get("lots", {}).items()}
LOT_NAMES = {int(key): value for key, value in INFO.get("lot_names", {}).items()}

_node_turn = itertools.count()
_logins = collections.defaultdict(itertools.count)
# Deliveries the sellers' orders made, waiting for the warehouse (one process).
_deliveries = collections.deque()
_actions = itertools.count(1)


class OdooUser(HttpUser):
    abstract = True
    host = NODES[0]
    # People read the screen and handle the goods between two actions.
    wait_time = between(2.0, 6.0)
    logins = ()

    def on_start(self):
        node = NODES[next(_node_turn) % len(NODES)]
        login = self.logins[next(_logins[type(self).__name__]) % len(self.logins)]
        self.ws = rpc.WebSession(node, DATABASE, session=self.client)
        self.ws.name = "login"
        self.ws.login(login)
        self.ws.refs = INFO["refs"]

    def action(self, name, function, *args):
        """Run one user task; record it as one ACTION with its total time."""
        self.ws.name = name
        started = time.perf_counter()
        error = None
        try:
            function(*args)
        except Exception as exc:  # recorded as the action's failure
            error = exc
        events.request.fire(request_type="ACTION", name=name, response_length=0, context={},
                            response_time=(time.perf_counter() - started) * 1000.0, exception=error)
        if next(_actions) >= MAX_ACTIONS:
            self.environment.runner.quit()


class Warehouse(OdooUser):
    weight = 10
    logins = INFO.get("warehouse", ())

    @task(4)
    def lookup(self):
        product = random.choice(INFO["lot_products"])
        name = LOT_NAMES[random.choice(LOTS[product])]
        if SIDE == "ours":
            self.action("scan look-up", self._lookup_ours, flows.gs1(GTINS[product], lot=name))
        else:
            self.action("scan look-up", flows.lookup_plain, self.ws, name)

    def _lookup_ours(self, code):
        if not flows.lookup_ours(self.ws, code):
            raise AssertionError("the scan found no batch: %s" % code)

    @task(2)
    def receive(self):
        product = random.choice(INFO["lot_products"])
        self.ws.name = "new receipt (setup)"
        picking = flows.new_receipt(self.ws, product, 10)
        lot = "R-%s" % uuid.uuid4().hex[:10].upper()
        if SIDE == "ours":
            self.action("receipt scan", flows.receive_ours, self.ws, picking, GTINS[product], lot, 10)
        else:
            self.action("receipt scan", flows.receive_plain, self.ws, picking, lot, 10)

    @task(3)
    def deliver(self):
        try:
            picking = _deliveries.popleft()
        except IndexError:
            return
        if SIDE == "ours":
            self.action("delivery scan", flows.deliver_ours, self.ws, picking, GTINS)
        else:
            self.action("delivery scan", flows.deliver_plain, self.ws, picking)


class Seller(OdooUser):
    weight = 8
    logins = INFO.get("sellers", ())
    wait_time = between(4.0, 10.0)

    @task
    def sell(self):
        product = random.choice(INFO["lot_products"])
        lot = random.choice(LOTS[product])
        qty = random.randint(1, 5)
        result = {}
        self.action("sell with a chosen batch", self._sell, product, lot, qty, result)
        if result.get("picking"):
            _deliveries.append(result["picking"])

    def _sell(self, product, lot, qty, result):
        sell = flows.sell_ours if SIDE == "ours" else flows.sell_plain
        order = sell(self.ws, INFO["customer"], product, lot, qty)
        result["picking"] = flows.deliveries_of(self.ws, order)[0]


class Reports(OdooUser):
    weight = 2
    logins = ("analyst", "manager")
    wait_time = between(3.0, 8.0)

    @task
    def balance(self):
        self.action("balance report", flows.balance_ours if SIDE == "ours" else flows.balance_plain, self.ws)

    @task
    def statement(self):
        lot = random.choice(LOTS[random.choice(INFO["lot_products"])])
        function = flows.statement_ours if SIDE == "ours" else flows.statement_plain
        self.action("statement report", function, self.ws, lot)


class Labels(OdooUser):
    weight = 2
    logins = INFO.get("warehouse", ())
    wait_time = between(3.0, 8.0)

    @task
    def labels(self):
        serials = LOTS[INFO["serial_product"]]
        start = random.randrange(0, max(1, len(serials) - 20))
        lots = serials[start:start + 20]
        function = flows.labels_ours if SIDE == "ours" else flows.labels_plain
        self.action("labels (20 serials)", self._check_pdf, function, lots)

    def _check_pdf(self, function, lots):
        if not function(self.ws, lots).startswith(b"%PDF"):
            raise AssertionError("the labels are not a PDF")
