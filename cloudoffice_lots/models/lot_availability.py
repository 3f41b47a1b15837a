"""Available batches/serials of a product, fast: one SQL query on the quants.

Available means on hand minus reserved, per internal location under the
location asked for (a warehouse's stock). Rows come in FEFO order (first
expiry first), then FIFO (first received first), then by name. Odoo's own way
reads every quant through the ORM and its lot afterwards; here PostgreSQL
aggregates, filters and sorts, so a product with thousands of batches lists in
milliseconds (see bench/bench_lot_picker.py).
"""
from odoo import api, fields, models

from .stock_production_lot_release import SELLABLE_RELEASE_STATES

# The release-state expression: the column when batches have one, else a
# constant that makes every batch released. Chosen from these two constants only.
_RELEASE_COLUMN = "lot.release_state"
_RELEASE_NONE = "'released'::varchar"

_QUERY = """
    SELECT s.lot_id, s.location_id, s.on_hand, s.reserved, s.in_date,
           lot.name, lot.life_date, lot.use_date, {release}
      FROM (SELECT q.lot_id, q.location_id, SUM(q.quantity) AS on_hand,
                   SUM(q.reserved_quantity) AS reserved, MIN(q.in_date) AS in_date
              FROM stock_quant q
             WHERE q.product_id = %(product_id)s AND q.lot_id IS NOT NULL
               AND q.location_id IN (SELECT loc.id FROM stock_location loc
                                      WHERE loc.usage = 'internal' AND loc.parent_left >= %(parent_left)s
                                        AND loc.parent_left < %(parent_right)s)
               AND (%(lot_ids)s IS NULL OR q.lot_id = ANY(%(lot_ids)s))
          GROUP BY q.lot_id, q.location_id
            HAVING %(include_empty)s OR SUM(q.quantity) - SUM(q.reserved_quantity) > %(epsilon)s) s
      JOIN stock_production_lot lot ON lot.id = s.lot_id
     WHERE (%(name)s IS NULL OR lot.name ILIKE %(name)s)
       AND (%(sellable_only)s IS FALSE OR (
                (lot.life_date IS NULL OR lot.life_date > %(now)s)
            AND {release} IN %(sellable_states)s))
  ORDER BY lot.life_date ASC NULLS LAST, s.in_date ASC NULLS LAST, lot.name COLLATE "C", s.location_id
     LIMIT %(limit)s
"""

# Available quantity of each (batch, location) pair asked for, children of the
# location included, counting only the internal locations where the batch
# has more than nothing (as available_lots does): one query for all pairs.
_AVAILABLE_PAIRS = """
    SELECT want.lot_id, want.location_id, COALESCE(SUM(s.available), 0)
      FROM unnest(%(lot_ids)s::int[], %(location_ids)s::int[]) AS want(lot_id, location_id)
      JOIN stock_location parent ON parent.id = want.location_id
      JOIN stock_production_lot lot ON lot.id = want.lot_id
      JOIN product_product pp ON pp.id = lot.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_uom uom ON uom.id = pt.uom_id
      LEFT JOIN LATERAL (
            SELECT SUM(q.quantity) - SUM(q.reserved_quantity) AS available
              FROM stock_quant q
              JOIN stock_location loc ON loc.id = q.location_id
             WHERE q.lot_id = want.lot_id AND q.product_id = lot.product_id
               AND loc.usage = 'internal' AND loc.parent_left >= parent.parent_left
               AND loc.parent_left < parent.parent_right
          GROUP BY q.location_id
            HAVING SUM(q.quantity) - SUM(q.reserved_quantity) > uom.rounding / 2.0) s ON TRUE
  GROUP BY want.lot_id, want.location_id
"""

_LOCK_QUANTS = """
    SELECT q.id
      FROM stock_quant q
      JOIN stock_location loc ON loc.id = q.location_id
     WHERE q.lot_id IN %s AND loc.usage = 'internal'
  ORDER BY q.id
       FOR UPDATE OF q
"""


class LotAvailability(models.AbstractModel):
    _name = "cloudoffice.lot.availability"
    _description = "Available batches/serials (query)"

    @api.model
    def _query(self):
        has_release = self.env["stock.production.lot"]._cloudoffice_has_release_state()
        return _QUERY.format(release=_RELEASE_COLUMN if has_release else _RELEASE_NONE)

    @api.model
    def available_lots(self, product, location, sellable_only=True, name=None, lots=None, limit=None,
                       include_empty=False):
        """Available stock per batch/serial and location, FEFO then FIFO.

        :param product: product.product record
        :param location: stock.location under which to look (children included)
        :param sellable_only: leave out expired, unreleased and blocked batches
        :param name: part of the batch/serial name (case-insensitive)
        :param lots: only these stock.production.lot records
        :param limit: at most this many rows
        :param include_empty: also rows with nothing available (all reserved)
        :return: list of dicts with lot_id, location_id, on_hand, reserved,
            available, in_date, name, life_date, use_date, release_state

        Example::

            rows = env['cloudoffice.lot.availability'].available_lots(honey, warehouse.lot_stock_id)
            rows[0]['name'], rows[0]['available']  # ('L-2026-001', 40.0): expires first
        """
        rounding = product.uom_id.rounding
        params = {
            "product_id": product.id,
            "parent_left": location.parent_left,
            "parent_right": location.parent_right,
            "lot_ids": list(lots.ids) if lots is not None else None,
            "name": "%%%s%%" % name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    if name else None,
            "sellable_only": bool(sellable_only),
            "now": fields.Datetime.now(),
            "sellable_states": SELLABLE_RELEASE_STATES,
            "epsilon": rounding / 2.0,
            "include_empty": bool(include_empty),
            "limit": limit,
        }
        self.env.cr.execute(self._query(), params)
        return [{
            "lot_id": lot_id, "location_id": location_id,
            "on_hand": on_hand, "reserved": reserved, "available": on_hand - reserved,
            "in_date": in_date, "name": lot_name, "life_date": life_date, "use_date": use_date,
            "release_state": release_state,
        } for (lot_id, location_id, on_hand, reserved, in_date, lot_name, life_date, use_date,
               release_state) in self.env.cr.fetchall()]

    @api.model
    def available_per_lot(self, product, location, lots):
        """{lot id: quantity available under ``location``}, whatever the lots' state."""
        result = dict.fromkeys(lots.ids, 0.0)
        for row in self.available_lots(product, location, sellable_only=False, lots=lots):
            result[row["lot_id"]] += row["available"]
        return result

    @api.model
    def available_per_location_lot(self, pairs):
        """{(location id, lot id): quantity available under that location} for
        every ``(location, lot)`` record pair, whatever the lots' state, in one
        query (what available_per_lot gives for one pair)."""
        pairs = list(pairs)
        if not pairs:
            return {}
        self.env.cr.execute(_AVAILABLE_PAIRS, {
            "lot_ids": [lot.id for _location, lot in pairs],
            "location_ids": [location.id for location, _lot in pairs]})
        return {(location_id, lot_id): available
                for lot_id, location_id, available in self.env.cr.fetchall()}

    @api.model
    def lock_lots(self, lots):
        """Lock the internal stock of ``lots`` until the end of the transaction.

        Two users reserving the last units of a batch (or the same serial) at
        once: the second waits here, then PostgreSQL makes it start over and
        it sees what the first reserved (Odoo retries on serialization errors).
        """
        if lots:
            self.env.cr.execute(_LOCK_QUANTS, (tuple(sorted(lots.ids)),))
