"""The users of ``make load``: warehouse staff, sellers, someone running
reports, someone printing labels, spread over the nodes.

Every user task is done twice, in random order: once with our add-ons
(``ours``) and once with plain Odoo's nearest way (``plain``), by the same
user on the same node, so both ways see the same load at the same moment.
Each is one ``ACTION`` entry in locust's statistics, named after the task and
its side ("balance report [ours]", "balance report [plain]"); the requests it
makes are listed under the same name with their HTTP method.

The run ends at its time limit, after LOAD_MAX_ACTIONS actions, or once every
action has LOAD_SAMPLES samples on both sides (0: no such stop).

Settings come from the environment: LOAD_NODES (comma-separated URLs),
LOAD_DB, LOAD_INFO (the dataset's JSON), LOAD_MAX_ACTIONS, LOAD_SAMPLES.
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

NODES = os.environ.get("LOAD_NODES", "").split(",")
DATABASE = os.environ.get("LOAD_DB", "cloudoffice_load")
MAX_ACTIONS = int(os.environ.get("LOAD_MAX_ACTIONS", "20000"))
SAMPLES = int(os.environ.get("LOAD_SAMPLES", "0"))
INFO = {}
if os.environ.get("LOAD_INFO"):
    with open(os.environ["LOAD_INFO"]) as _info_file:
        INFO = json.load(_info_file)
GTINS = {int(key): value for key, value in INFO.get("gtins", {}).items()}
LOTS = {int(key): value for key, value in INFO.get("lots", {}).items()}
LOT_NAMES = {int(key): value for key, value in INFO.get("lot_names", {}).items()}

_node_turn = itertools.count()
_logins = collections.defaultdict(itertools.count)
# Deliveries the sellers' orders made, waiting for the warehouse (one process).
_deliveries = collections.deque()
_actions = itertools.count(1)
_samples = collections.Counter()


def both_sides(ours, plain):
    """(side, function) of both ways, in random order."""
    sides = [("ours", ours), ("plain", plain)]
    random.shuffle(sides)
    return sides


class OdooUser(HttpUser):
    abstract = True
    host = NODES[0]
    # People read the screen and handle the goods between two tasks.
    wait_time = between(2.0, 6.0)
    logins = ()

    def on_start(self):
        node = NODES[next(_node_turn) % len(NODES)]
        login = self.logins[next(_logins[type(self).__name__]) % len(self.logins)]
        self.ws = rpc.WebSession(node, DATABASE, session=self.client)
        self.ws.name = "login"
        self.ws.login(login)
        self.ws.refs = INFO["refs"]

    def action(self, name, side, function, *args):
        """Run one user task one way; record it as one ACTION with its total time."""
        name = flows.action_name(name, side)
        self.ws.name = name
        started = time.perf_counter()
        error = None
        try:
            function(*args)
        except Exception as exc:  # recorded as the action's failure
            error = exc
        events.request.fire(request_type="ACTION", name=name, response_length=0, context={},
                            response_time=(time.perf_counter() - started) * 1000.0, exception=error)
        _samples[name] += 1
        enough = SAMPLES and all(_samples[flows.action_name(action, s)] >= SAMPLES
                                 for action in flows.ACTIONS for s in flows.SIDES)
        if next(_actions) >= MAX_ACTIONS or enough:
            self.environment.runner.quit()


class Warehouse(OdooUser):
    weight = 9
    logins = INFO.get("warehouse", ())

    @task(4)
    def lookup(self):
        product = random.choice(INFO["lot_products"])
        name = LOT_NAMES[random.choice(LOTS[product])]
        code = flows.gs1(GTINS[product], lot=name)
        for side, function in both_sides(self._lookup_ours, flows.lookup_plain):
            self.action("scan look-up", side, function, self.ws, code if side == "ours" else name)

    @staticmethod
    def _lookup_ours(ws, code):
        if not flows.lookup_ours(ws, code):
            raise AssertionError("the scan found no batch: %s" % code)

    @task(2)
    def receive(self):
        product = random.choice(INFO["lot_products"])
        self.ws.name = "new receipt (setup)"
        pickings = {side: flows.new_receipt(self.ws, product, 10) for side in flows.SIDES}
        for side, function in both_sides(flows.receive_ours, flows.receive_plain):
            lot = "R-%s" % uuid.uuid4().hex[:10].upper()
            if side == "ours":
                self.action("receipt scan", side, function, self.ws, pickings[side], GTINS[product], lot, 10)
            else:
                self.action("receipt scan", side, function, self.ws, pickings[side], lot, 10)

    @task(3)
    def deliver(self):
        if len(_deliveries) < 2:
            return
        pickings = {side: _deliveries.popleft() for side in flows.SIDES}
        for side, function in both_sides(flows.deliver_ours, flows.deliver_plain):
            args = (GTINS,) if side == "ours" else ()
            self.action("delivery scan", side, function, self.ws, pickings[side], *args)


class Seller(OdooUser):
    weight = 7
    logins = INFO.get("sellers", ())
    wait_time = between(3.0, 8.0)

    @task
    def sell(self):
        product = random.choice(INFO["lot_products"])
        lot = random.choice(LOTS[product])
        qty = random.randint(1, 5)
        for side, function in both_sides(flows.sell_ours, flows.sell_plain):
            result = {}
            self.action("sell with a chosen batch", side, self._sell, function, product, lot, qty, result)
            if result.get("picking"):
                _deliveries.append(result["picking"])

    def _sell(self, sell, product, lot, qty, result):
        order = sell(self.ws, INFO["customer"], product, lot, qty)
        result["picking"] = flows.deliveries_of(self.ws, order)[0]


class Reports(OdooUser):
    weight = 4
    logins = ("analyst", "manager")
    wait_time = between(2.0, 6.0)

    @task
    def balance(self):
        for side, function in both_sides(flows.balance_ours, flows.balance_plain):
            self.action("balance report", side, function, self.ws)

    @task
    def statement(self):
        lot = random.choice(LOTS[random.choice(INFO["lot_products"])])
        for side, function in both_sides(flows.statement_ours, flows.statement_plain):
            self.action("statement report", side, function, self.ws, lot)


class Labels(OdooUser):
    weight = 3
    logins = INFO.get("warehouse", ())
    wait_time = between(2.0, 6.0)

    @task
    def labels(self):
        serials = LOTS[INFO["serial_product"]]
        start = random.randrange(0, max(1, len(serials) - 20))
        lots = serials[start:start + 20]
        for side, function in both_sides(flows.labels_ours, flows.labels_plain):
            self.action("labels (20 serials)", side, self._check_pdf, function, lots)

    def _check_pdf(self, function, lots):
        if not function(self.ws, lots).startswith(b"%PDF"):
            raise AssertionError("the labels are not a PDF")
