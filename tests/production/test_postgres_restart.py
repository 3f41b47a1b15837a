"""PostgreSQL restarted while sellers on both nodes confirm orders: the nodes
recover by themselves (no restart of Odoo), no committed order is lost, and
the only errors are the requests in flight during the restart.

Odoo 11 alone takes a failed database connection at the very start of a
request for a vanished database and logs that session out
(``odoo.http.Root.dispatch``): the sellers would have to log in again. The
compatibility layer's ``db_outage`` answers 503 instead and keeps the session."""
import threading
import time

import psycopg2
import psycopg2.sql
import pytest
import requests

from load import flows, invariants
from load.nodes import restart_postgresql

from .common import check_invariants, new_batch, session

SELLERS = 4
# The restart comes once this many orders are confirmed; the load goes on
# until each node has confirmed this many after it (or the time is up).
BEFORE = 2
AFTER = 2
TIMEOUT = 90


def _wait_until(condition, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while not condition() and time.time() < deadline:
        time.sleep(0.2)


def test_postgresql_restarted_during_load(cluster):
    product_id, lot_id, _gtin = new_batch(cluster, "PGR-1", 5000.0)
    customer = cluster.info["customer"]
    masters = [node.process.pid for node in cluster.nodes]
    sellers = [session(cluster, index % 2, "seller%02d" % (index + 1)) for index in range(SELLERS)]
    committed, errors, stop = [], [], threading.Event()
    restart = {}

    def sell(index, seller):
        while not stop.is_set():
            started = time.time()
            try:
                order_id = flows.sell_ours(seller, customer, product_id, lot_id, 1.0)
                committed.append((order_id, index % 2, time.time()))
            except Exception as error:  # recorded with its time, judged below
                errors.append((index, started, time.time(), repr(error)[:300]))
                time.sleep(0.5)

    threads = [threading.Thread(target=sell, args=(index, seller)) for index, seller in enumerate(sellers)]
    for thread in threads:
        thread.start()
    _wait_until(lambda: len(committed) >= BEFORE)
    restart["start"] = time.time()
    restart_postgresql()
    restart["end"] = time.time()
    _wait_until(lambda: all(len([c for c in committed if c[1] == node and c[2] > restart["end"] + 1])
                            >= AFTER for node in (0, 1)))
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
    # the only failures are requests under way when PostgreSQL went down; no
    # seller was logged out (each went on with the same session)
    assert errors, "the restart interrupted nothing: the test did not test it"
    for _index, started, ended, error in errors:
        assert started <= restart["end"] and ended >= restart["start"] - 1, (restart, error)
        assert "Session expired" not in error, error
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


def test_a_session_survives_the_database_being_unreachable(cluster):
    """A request while the database refuses connections fails with 503; the
    user's session stays, the next request works without logging in again."""
    seller = session(cluster, 1, "seller05")
    assert seller.call("res.users", "read", [seller.uid], ["login"])[0]["login"] == "seller05"
    database = psycopg2.sql.Identifier(cluster.database)
    conn = invariants.connect("postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(psycopg2.sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(database))
            cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                       (cluster.database,))
        for _attempt in range(2):  # each worker of the node
            with pytest.raises(requests.HTTPError) as failure:
                seller.call("res.users", "read", [seller.uid], ["login"])
            assert failure.value.response.status_code == 503
    finally:
        with conn.cursor() as cr:
            cr.execute(psycopg2.sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(database))
        conn.close()
    assert seller.call("res.users", "read", [seller.uid], ["login"])[0]["login"] == "seller05"
    assert flows.create_order(seller, cluster.info["customer"], cluster.info["lot_products"][0], 1.0)
