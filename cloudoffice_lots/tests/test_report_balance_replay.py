"""Balances at any date against an independent replay of generated
histories: random receipts, deliveries (one or two steps), transfers,
moves between warehouses through transit, customer returns, scraps,
inventory gains and losses, in units or dozens, some cancelled."""
import datetime
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..reports.queries import lot_balance, lot_statement
from .common_reports import ReportsCase

# (kind, source, destination): names of the fixture's locations.
OPERATIONS = {
    "receipt": [("supplier_loc", "stock1")],
    "delivery": [("stock1", "customer_loc")],
    "two_step_delivery": [("stock1", "output1"), ("output1", "customer_loc")],
    "shelve": [("stock1", "shelf1")],
    "unshelve": [("shelf1", "stock1")],
    "to_other_warehouse": [("stock1", "transit"), ("transit", "stock2")],
    "customer_return": [("customer_loc", "stock1")],
    "scrap": [("shelf1", "scrap_loc")],
    "inventory_gain": [("inventory_loc", "stock2")],
    "inventory_loss": [("stock2", "inventory_loc")],
}
IN_STOCK = {"stock1", "shelf1", "output1", "stock2", "transit"}

operation = st.tuples(
    st.sampled_from(sorted(OPERATIONS)),
    st.integers(min_value=0, max_value=1),            # which of two batches
    st.integers(min_value=1, max_value=5),            # quantity
    st.sampled_from(["unit", "dozen"]),
    st.integers(min_value=0, max_value=69),           # day: spans month snapshots
    st.integers(min_value=0, max_value=23),           # hour
    st.sampled_from([True, True, True, False]),       # done, or cancelled
)


class TestBalanceReplay(ReportsCase):

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(history=st.lists(operation, min_size=1, max_size=8),
           cutoffs=st.lists(st.integers(min_value=0, max_value=72), min_size=1, max_size=3),
           start=st.integers(min_value=0, max_value=72))
    def test_balance_equals_replay(self, history, cutoffs, start):
        self.counter = getattr(self, "counter", 0) + 1
        lots = [self._lot(self.honey, "RP-%d-%d" % (self.counter, i)) for i in range(2)]
        events = []  # (when, lot id, source name, destination name, quantity in units)
        on_hand = defaultdict(float)  # (lot index, location name) -> units, done moves only
        for kind, lot_index, qty, uom_name, day, hour, done in history:
            uom = self.dozen if uom_name == "dozen" else self.unit
            units = qty * (12 if uom_name == "dozen" else 1)
            first_source = OPERATIONS[kind][0][0]
            if done and first_source in IN_STOCK and on_hand[lot_index, first_source] < units:
                continue  # batch stock never goes below zero: Odoo refuses such a move
            for step, (src, dst) in enumerate(OPERATIONS[kind]):
                if done:
                    on_hand[lot_index, src] -= units
                    on_hand[lot_index, dst] += units
                when = self.base_date.replace(hour=hour) + datetime.timedelta(days=day, minutes=step)
                self._move(lots[lot_index], qty, getattr(self, src), getattr(self, dst), when,
                           uom=uom, done=done)
                if done:
                    events.append((when, lots[lot_index].id, src, dst, units))
        lot_ids = [lot.id for lot in lots]
        location_ids = {name: getattr(self, name).id for name in IN_STOCK}
        midnight = self.base_date.replace(hour=0)

        for cutoff in cutoffs:
            date_to = midnight + datetime.timedelta(days=cutoff)
            date_from = midnight + datetime.timedelta(days=min(start, cutoff))
            expected = self._replay(events, date_from, date_to, location_ids)
            rows = lot_balance.balance(self.env.cr, date_to=date_to, company_ids=self._company_ids(),
                                       date_from=date_from, lot_ids=lot_ids)
            got = {(r["lot_id"], r["location_id"]): (r["opening"], r["qty_in"], r["qty_out"],
                                                     r["closing"]) for r in rows}
            self.assertEqual(got, expected)
            # The statement's last running balance is the company-wide closing.
            ledger = lot_statement.statement(self.env.cr, lot_ids, self._company_ids(),
                                             date_to=date_to)
            last = {}
            for row in ledger:
                last[row["lot_id"]] = row["balance"]
            for lot_id in lot_ids:
                total = sum(v[3] for k, v in expected.items() if k[0] == lot_id)
                self.assertEqual(last.get(lot_id, 0), total)
        # At the end, the replay is what Odoo's own quants say.
        final = self._replay(events, midnight, datetime.datetime(2100, 1, 1), location_ids)
        self.assertEqual({k: v[3] for k, v in final.items() if v[3]},
                         self._quants(lots[0] | lots[1]))

    @staticmethod
    def _replay(events, date_from, date_to, location_ids):
        """{(lot, location): (opening, in, out, closing)} by walking the events."""
        opening, qty_in, qty_out, touched = (defaultdict(float), defaultdict(float),
                                             defaultdict(float), set())
        for when, lot_id, src, dst, qty in sorted(events):
            if when >= date_to:
                continue
            for name, sign in ((src, -1), (dst, 1)):
                if name not in IN_STOCK:
                    continue
                key = (lot_id, location_ids[name])
                touched.add(key)
                if when < date_from:
                    opening[key] += sign * qty
                elif sign > 0:
                    qty_in[key] += qty
                else:
                    qty_out[key] += qty
        result = {}
        for key in touched:
            closing = opening[key] + qty_in[key] - qty_out[key]
            if closing or qty_in[key] or qty_out[key]:
                result[key] = (opening[key], qty_in[key], qty_out[key], closing)
        return result
