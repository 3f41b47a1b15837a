"""Helpers of the production tests: the administrator's setup, users'
sessions on a node, requests released at the same moment."""
import contextlib
import itertools
import threading

import odoo
from odoo import SUPERUSER_ID, api

from load import dataset, invariants, rpc

_barcodes = itertools.count(1)


@contextlib.contextmanager
def admin_env(database):
    """The administrator's environment on the cluster's database (setup work),
    committed at the end of the block."""
    with api.Environment.manage(), odoo.registry(database).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})


def session(cluster, node_index, login):
    ws = rpc.WebSession(cluster.nodes[node_index].url, cluster.database).login(login)
    ws.refs = cluster.info["refs"]
    return ws


def new_batch(cluster, name, qty, tracking="lot"):
    """A product with one batch of ``qty`` units received in stock: (product id, lot id)."""
    with admin_env(cluster.database) as env:
        product = env["product.product"].create({
            "name": "Product %s" % name, "default_code": name, "type": "product", "tracking": tracking,
            "barcode": dataset.gtin13(209800000000 + next(_barcodes))})
        dataset.receive(env, product, [(name, qty)], name)
        lot = env["stock.production.lot"].search([("product_id", "=", product.id)])
        return product.id, lot.id, product.barcode


def run_at_once(calls):
    """Run the calls in threads released together; {index: "ok" or the exception}."""
    barrier = threading.Barrier(len(calls))
    results = {}

    def run(index, call):
        barrier.wait()
        try:
            call()
            results[index] = "ok"
        except Exception as error:  # the test reads what each user got
            results[index] = error

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(240)
    assert not any(thread.is_alive() for thread in threads), "a request hangs"
    return results


def check_invariants(cluster):
    with admin_env(cluster.database) as env:
        return invariants.check(env.cr)

