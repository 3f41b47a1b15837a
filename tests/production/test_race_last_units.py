"""Sellers on two nodes confirm orders for the last units of a batch at the
same moment: exactly the available quantity is sold, the others are told
which batch ran out; the winners' deliveries ship exactly what was chosen."""
import re

from load import flows, invariants
from load.rpc import RpcError

from .common import admin_env, check_invariants, new_batch, run_at_once, session

SELLERS = 8


def test_sellers_race_for_the_last_units_of_a_batch(cluster):
    product_id, lot_id, _gtin = new_batch(cluster, "RACE-1", 6.0)
    customer = cluster.info["customer"]
    sellers = [session(cluster, index % 2, "seller%02d" % (index + 1)) for index in range(SELLERS)]
    orders = []
    for seller in sellers:
        order_id = flows.create_order(seller, customer, product_id, 2.0)
        # each seller sees 6 available and chooses 2 of the batch
        flows.choose_batches(seller, order_id, {lot_id: 2.0})
        orders.append(order_id)

    results = run_at_once([lambda s=seller, o=order: flows.confirm(s, o)
                           for seller, order in zip(sellers, orders, strict=False)])

    won = [orders[i] for i, result in results.items() if result == "ok"]
    lost = {orders[i]: result for i, result in results.items() if result != "ok"}
    assert len(won) == 3, results
    for error in lost.values():
        assert isinstance(error, RpcError) and error.is_user_error, error
        assert re.match(r"Batch/serial RACE-1 of \[RACE-1\] Product RACE-1: 2.0 Unit\(s\) are chosen "
                        r"on SO\d+ but only 0.0 Unit\(s\) are available in WH/Stock",
                        error.message), error.message
    for seller, order_id in zip(sellers, orders, strict=False):
        state = seller.call("sale.order", "read", [order_id], ["state", "picking_ids"])[0]
        assert (state["state"], bool(state["picking_ids"])) == (
            ("sale", True) if order_id in won else ("draft", False))

    # warehouse workers on both nodes ship the three deliveries at once
    workers = [session(cluster, index % 2, "wh%02d" % (index + 1)) for index in range(3)]
    pickings = [flows.deliveries_of(workers[0], order_id)[0] for order_id in won]
    gtins = {product_id: _gtin}
    results = run_at_once([lambda w=worker, p=picking: flows.deliver_ours(w, p, gtins)
                           for worker, picking in zip(workers, pickings, strict=False)])
    assert set(results.values()) == {"ok"}, results
    quants = workers[0].call("stock.quant", "search_read", [("lot_id", "=", lot_id),
                                                           ("location_id.usage", "=", "internal")],
                             ["quantity", "reserved_quantity"])
    assert sum(q["quantity"] for q in quants) == 0 and sum(q["reserved_quantity"] for q in quants) == 0
    shipped = workers[0].call("stock.move.line", "search_read",
                              [("lot_id", "=", lot_id), ("location_dest_id.usage", "=", "customer"),
                               ("state", "=", "done")], ["qty_done"])
    assert sorted(line["qty_done"] for line in shipped) == [2.0, 2.0, 2.0]
    assert check_invariants(cluster) == []

    # and the checker would have seen a delivery that ships other than chosen
    with admin_env(cluster.database) as env:
        env.cr.execute("""UPDATE cloudoffice_sale_line_lot SET quantity = 3
                           WHERE order_id = %s""", (won[0],))
        problems = invariants.check(env.cr)
        env.cr.rollback()
    assert any(p.endswith("batch RACE-1 chosen 3.0, delivered or reserved 2.0") for p in problems), problems
