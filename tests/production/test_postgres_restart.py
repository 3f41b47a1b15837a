"""PostgreSQL restarted while sellers on both nodes confirm orders: the nodes
recover by themselves (no restart of Odoo), no committed order is lost, and
the only errors are the requests in flight during the restart."""
import threading
import time

from load import flows
from load.nodes import restart_postgresql

from .common import check_invariants, new_batch, session

SELLERS = 4
RUN_SECONDS = 24
RESTART_AFTER = 8


def test_postgresql_restarted_during_load(cluster):
    product_id, lot_id, _gtin = new_batch(cluster, "PGR-1", 5000.0)
    customer = cluster.info["customer"]
    masters = [node.process.pid for node in cluster.nodes]
    sellers = [session(cluster, index % 2, "seller%02d" % (index + 1)) for index in range(SELLERS)]
    committed, errors, stop = [], [], threading.Event()
    restart = {}

    def sell(seller, node_index):
        while not stop.is_set():
            started = time.time()
            try:
                order_id = flows.sell_ours(seller, customer, product_id, lot_id, 1.0)
                committed.append((order_id, node_index, time.time()))
            except Exception as error:  # recorded with its time, judged below
                errors.append((started, time.time(), repr(error)[:300]))
                time.sleep(0.5)

    threads = [threading.Thread(target=sell, args=(seller, index % 2))
               for index, seller in enumerate(sellers)]
    for thread in threads:
        thread.start()
    time.sleep(RESTART_AFTER)
    restart["start"] = time.time()
    restart_postgresql()
    restart["end"] = time.time()
    time.sleep(RUN_SECONDS - RESTART_AFTER)
    stop.set()
    for thread in threads:
        thread.join(120)

    before = [c for c in committed if c[2] < restart["start"]]
    after = [c for c in committed if c[2] > restart["end"] + 1]
    assert before, "no order was confirmed before the restart"
    # both nodes confirm orders again after the restart, with the same processes
    assert {node for _order, node, _at in after} == {0, 1}, (after, errors)
    assert [node.process.pid for node in cluster.nodes] == masters
    assert all(node.process.poll() is None for node in cluster.nodes)
    # the only failures are requests that were under way when PostgreSQL went down
    assert errors, "the restart interrupted nothing: the test did not test it"
    for started, ended, error in errors:
        assert started <= restart["end"] and ended >= restart["start"] - 1, (restart, error)
    # nothing committed is lost: every order the sellers saw confirmed is confirmed and reserved
    checker = session(cluster, 0, "manager")
    order_ids = [order_id for order_id, _node, _at in committed]
    orders = checker.call("sale.order", "read", order_ids, ["state"])
    assert {order["state"] for order in orders} == {"sale"} and len(orders) == len(order_ids)
    reserved = checker.call("stock.move.line", "search_read", [("lot_id", "=", lot_id),
                                                                 ("state", "not in", ("done", "cancel"))],
                            ["product_uom_qty", "move_id"])
    assert sum(line["product_uom_qty"] for line in reserved) >= len(order_ids)
    assert check_invariants(cluster) == []
