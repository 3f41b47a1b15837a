from .sale_lot_common import SaleLotCase, days_from_now


class TestSaleLotAvailability(SaleLotCase):
    def rows(self, **kwargs):
        return self.env["cloudoffice.lot.availability"].available_lots(self.honey, self.stock, **kwargs)

    def test_fefo_then_fifo_sellable_only(self):
        rows = self.rows()
        self.assertEqual([r["name"] for r in rows], ["H-SOON", "H-MID", "H-LATE"])
        self.assertEqual([r["available"] for r in rows], [25.0, 30.0, 40.0])
        self.assertEqual(rows[1]["location_id"], self.shelf.id)

    def test_same_expiry_falls_back_to_first_received(self):
        expiry = days_from_now(500)
        newer = self.make_lot(self.honey, "H-B-NEW", received_days_ago=1, qty=5)
        older = self.make_lot(self.honey, "H-A-OLD", received_days_ago=50, qty=5)
        (newer | older).write({"life_date": expiry})
        names = [r["name"] for r in self.rows()]
        self.assertLess(names.index("H-A-OLD"), names.index("H-B-NEW"))
        self.assertEqual(names[-2:], ["H-A-OLD", "H-B-NEW"])

    def test_available_is_on_hand_minus_reserved(self):
        self.env["stock.quant"]._update_reserved_quantity(self.honey, self.stock, 15.0, lot_id=self.h_late)
        row = [r for r in self.rows() if r["name"] == "H-LATE"][0]
        self.assertEqual((row["on_hand"], row["reserved"], row["available"]), (40.0, 15.0, 25.0))
        self.env["stock.quant"]._update_reserved_quantity(self.honey, self.stock, 25.0, lot_id=self.h_late)
        self.assertNotIn("H-LATE", [r["name"] for r in self.rows()])
        self.assertIn("H-LATE", [r["name"] for r in self.rows(include_empty=True)])

    def test_expired_and_blocked_only_when_asked(self):
        everything = self.rows(sellable_only=False)
        self.assertEqual([r["name"] for r in everything], ["H-OLD", "H-SOON", "H-MID", "H-BLOCK", "H-LATE"])
        self.assertEqual(self.h_blocked.release_state, "blocked")
        self.assertEqual([r["release_state"] for r in everything if r["name"] == "H-BLOCK"], ["blocked"])

    def test_sellable_rule(self):
        self.assertTrue(self.h_late._cloudoffice_is_sellable())
        self.assertIn("expired on", self.h_expired._cloudoffice_unsellable_reason())
        self.assertEqual(self.h_blocked._cloudoffice_unsellable_reason(), "not released (Blocked)")
        self.h_blocked.quality_block = False
        self.assertTrue(self.h_blocked._cloudoffice_is_sellable())

    def test_search_by_name_and_limit(self):
        self.assertEqual([r["name"] for r in self.rows(name="mi")], ["H-MID"])
        self.assertEqual([r["name"] for r in self.rows(name="H_")], [])
        self.assertEqual(len(self.rows(limit=2)), 2)

    def test_other_warehouse_not_counted(self):
        other = self.env["stock.warehouse"].create({"name": "Malmo", "code": "MAL"})
        self.make_lot(self.honey, "H-MALMO", life_days=30, qty=7, location=other.lot_stock_id)
        self.assertNotIn("H-MALMO", [r["name"] for r in self.rows()])
        self.assertEqual([r["name"] for r in self.env["cloudoffice.lot.availability"].available_lots(
            self.honey, other.lot_stock_id)], ["H-MALMO"])

    def test_available_per_lot_sums_locations(self):
        self.env["stock.quant"]._update_available_quantity(self.honey, self.shelf, 5.0, lot_id=self.h_late)
        per_lot = self.env["cloudoffice.lot.availability"].available_per_lot(
            self.honey, self.stock, self.h_late | self.h_expired)
        self.assertEqual(per_lot, {self.h_late.id: 45.0, self.h_expired.id: 50.0})
