"""A worker killed with ``kill -9`` in the middle of confirming orders and of
validating deliveries: each document is either wholly done or untouched, the
users redo what failed, the node's master replaces the worker by itself."""
import os
import signal
import threading
import time

import requests

from load import flows

from .common import check_invariants, new_batch, run_at_once, session

ORDERS = 8


def _kill_first_busy_worker(node, stop, killed):
    while not stop.is_set():
        worker = node.busy_worker()
        if worker is not None:
            os.kill(worker.pid, signal.SIGKILL)
            killed.append(worker.pid)
            return
        time.sleep(0.005)


def _run_while_killing(node, calls):
    """The calls at once, while one of ``node``'s workers is killed in the middle of
    a request; again with the calls that went through untouched until one was hit."""
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_first_busy_worker, args=(node, stop, killed))
    killer.start()
    try:
        results = run_at_once(calls)
    finally:
        stop.set()
        killer.join()
    return results, killed


def _wait_for_workers(node, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if len(node._children()) == node.workers + (1 if node.cron else 0) + 1:
            return
        time.sleep(0.2)
    raise AssertionError("node %s did not replace its killed worker" % node.name)


def _reserved_on(ws, picking_ids, lot_id):
    lines = ws.call("stock.move.line", "search_read", [("picking_id", "in", picking_ids)],
                    ["lot_id", "product_uom_qty", "qty_done", "state"])
    return lines, sum(line["product_uom_qty"] for line in lines if line["lot_id"][0] == lot_id)


def test_worker_killed_while_confirming_and_validating(cluster):
    product_id, lot_id, gtin = new_batch(cluster, "KILL-1", 1000.0)
    customer = cluster.info["customer"]
    node = cluster.nodes[0]
    sellers = [session(cluster, 0, "seller%02d" % (index + 1)) for index in range(ORDERS)]
    orders = [flows.create_order(seller, customer, product_id, 2.0) for seller in sellers]
    results = run_at_once([lambda s=seller, o=order: flows.choose_batches(s, o, {lot_id: 2.0})
                           for seller, order in zip(sellers, orders, strict=True)])
    assert set(results.values()) == {"ok"}, results

    # ---- confirmations, one worker of node 1 killed in the middle
    results, killed = _run_while_killing(node, [lambda s=seller, o=order: flows.confirm(s, o)
                                                for seller, order in zip(sellers, orders, strict=True)])
    failed = [orders[i] for i, result in results.items() if result != "ok"]
    assert killed and failed, "the kill hit no confirmation: %s" % results
    for index in (i for i, result in results.items() if result != "ok"):
        assert isinstance(results[index], requests.ConnectionError), results[index]
    _wait_for_workers(node)
    for seller, order_id in zip(sellers, orders, strict=True):
        order = seller.call("sale.order", "read", [order_id], ["state", "picking_ids"])[0]
        if order["state"] == "sale":  # wholly done: its delivery holds the chosen batch
            lines, reserved = _reserved_on(seller, order["picking_ids"], lot_id)
            assert reserved == 2.0 and len(lines) == 1, lines
        else:  # untouched: a quotation without delivery, as before
            assert order["state"] == "draft" and not order["picking_ids"], order
            assert order_id in failed
    assert check_invariants(cluster) == []
    redo = [(seller, order_id) for seller, order_id in zip(sellers, orders, strict=True)
            if seller.call("sale.order", "read", [order_id], ["state"])[0]["state"] == "draft"]
    for seller, order_id in redo:  # the users confirm again what failed
        flows.confirm(seller, order_id)
    states = {s.call("sale.order", "read", [o], ["state"])[0]["state"]
              for s, o in zip(sellers, orders, strict=True)}
    assert states == {"sale"}

    # ---- validations on node 2, one of its workers killed in the middle
    node = cluster.nodes[1]
    workers = [session(cluster, 1, "wh%02d" % (index % 4 + 1)) for index in range(ORDERS)]
    pickings = [flows.deliveries_of(workers[0], order_id)[0] for order_id in orders]
    for worker, picking_id in zip(workers, pickings, strict=True):
        flows.scan(worker, picking_id, flows.gs1(gtin, lot="KILL-1", count=2))
    results, killed = _run_while_killing(node, [lambda w=worker, p=picking: flows.validate(w, p)
                                                for worker, picking in zip(workers, pickings, strict=True)])
    assert killed and any(result != "ok" for result in results.values()), results
    _wait_for_workers(node)
    for picking_id in pickings:
        picking = workers[0].call("stock.picking", "read", [picking_id], ["state"])[0]
        lines, reserved = _reserved_on(workers[0], [picking_id], lot_id)
        if picking["state"] == "done":
            assert [(line["state"], line["qty_done"]) for line in lines] == [("done", 2.0)]
        else:  # untouched: still reserved, the scan's quantity kept, nothing moved
            assert picking["state"] == "assigned", picking
            assert [(line["state"], line["qty_done"], line["product_uom_qty"]) for line in lines] == [
                ("assigned", 2.0, 2.0)]
    assert check_invariants(cluster) == []
    for worker, picking_id in zip(workers, pickings, strict=True):
        if workers[0].call("stock.picking", "read", [picking_id], ["state"])[0]["state"] != "done":
            flows.validate(worker, picking_id)
    quants = workers[0].call("stock.quant", "search_read", [("lot_id", "=", lot_id),
                                                           ("location_id.usage", "=", "internal")],
                             ["quantity", "reserved_quantity"])
    assert (sum(q["quantity"] for q in quants), sum(q["reserved_quantity"] for q in quants)) == (984.0, 0.0)
    assert check_invariants(cluster) == []
