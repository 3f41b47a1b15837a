"""The invariant checker finds each kind of damage, and none in stock moved the
normal way."""
from load import invariants

from .common import admin_env


def _problems_after(cluster, sql, params):
    with admin_env(cluster.database) as env:
        env.cr.execute(sql, params)
        try:
            return invariants.check(env.cr)
        finally:
            env.cr.rollback()


def test_received_stock_holds(cluster):
    with admin_env(cluster.database) as env:
        assert invariants.check(env.cr) == []


def test_each_kind_of_damage_is_found(cluster):
    serial = "LOAD-SN-00001"
    problems = _problems_after(cluster, """
        INSERT INTO stock_quant (product_id, location_id, lot_id, quantity, reserved_quantity, in_date)
        SELECT product_id, location_id, lot_id, quantity, 0, in_date FROM stock_quant
         WHERE lot_id = (SELECT id FROM stock_production_lot WHERE name = %s)""", (serial,))
    assert any("serial %s (LOAD-SN) is in stock 2.0 times" % serial in p for p in problems), problems
    assert any("LOAD-SN batch %s" % serial in p and "quants hold 2.0 but the done moves add up to 1.0" in p
               for p in problems), problems

    problems = _problems_after(cluster, """
        UPDATE stock_quant SET quantity = -5 WHERE lot_id = (SELECT id FROM stock_production_lot
                                                             WHERE name = %s)""", ("LOAD-1-01",))
    assert any(p.startswith("batch LOAD-1-01 in Physical Locations/WH/Stock: -5.0 on hand") for p in problems)

    problems = _problems_after(cluster, """
        UPDATE stock_quant SET reserved_quantity = 3 WHERE lot_id = (SELECT id FROM stock_production_lot
                                                                     WHERE name = %s)""", ("LOAD-1-02",))
    assert any("batch LOAD-1-02" in p and "quants reserve 3.0 but the open move lines reserve 0" in p
               for p in problems), problems
