"""Receiving tracked products: batches with their dates, serials, and the
rules every done move of a tracked product obeys."""
import datetime

from odoo.exceptions import UserError, ValidationError

from .common import LotsCase


class TestReceiving(LotsCase):
    def test_receipt_creates_batch_with_dates_and_origin(self):
        picking = self.receive(self.honey, [{"lot_name": "HON-2026-01", "qty_done": 40,
                                             "lot_production_date": "2026-05-02",
                                             "lot_supplier_batch": "AF-7781"}])
        self.assertEqual(picking.state, "done")
        lot = self.lot(self.honey, "HON-2026-01")
        self.assertEqual(lot.production_date, "2026-05-02")
        self.assertEqual(lot._cloudoffice_local_date(lot.life_date), datetime.date(2028, 5, 1))
        self.assertEqual(lot.supplier_batch, "AF-7781")
        self.assertEqual(lot.origin_picking_id, picking)
        self.assertEqual(lot.origin_partner_id, self.supplier)
        self.assertEqual(self.qty_in_stock(self.honey, lot), 40)

    def test_expiry_typed_on_the_line_wins(self):
        self.receive(self.honey, [{"lot_name": "HON-X", "qty_done": 5,
                                   "lot_production_date": "2026-05-02", "lot_life_date": "2027-01-31"}])
        lot = self.lot(self.honey, "HON-X")
        self.assertEqual(lot._cloudoffice_local_date(lot.life_date), datetime.date(2027, 1, 31))
        self.assertEqual(lot._cloudoffice_local_date(lot.use_date), datetime.date(2027, 1, 1))

    def test_receiving_a_known_batch_again_adds_to_it(self):
        self.receive(self.honey, [{"lot_name": "HON-SAME", "qty_done": 10}])
        self.receive(self.honey, [{"lot_name": "HON-SAME", "qty_done": 6}])
        lot = self.lot(self.honey, "HON-SAME")
        self.assertEqual(len(lot), 1)
        self.assertEqual(self.qty_in_stock(self.honey, lot), 16)

    def test_serials_are_received_one_unit_each(self):
        self.receive(self.phone, [{"lot_name": "IMEI-%d" % i, "qty_done": 1} for i in range(3)])
        self.assertEqual(self.qty_in_stock(self.phone), 3)
        self.assertEqual(self.qty_in_stock(self.phone, self.lot(self.phone, "IMEI-1")), 1)

    def test_duplicate_serials_in_one_receipt_are_refused_and_nothing_is_written(self):
        picking = self.receive(self.phone, [{"lot_name": "DUP-1", "qty_done": 1},
                                            {"lot_name": "DUP-1", "qty_done": 1}], validate=False)
        with self.assertRaises(UserError) as error:
            picking.action_done()
        self.assertIn("DUP-1", str(error.exception.name))
        self.assertFalse(self.lot(self.phone, "DUP-1"))
        self.assertEqual(self.qty_in_stock(self.phone), 0)

    def test_serial_already_in_stock_is_refused(self):
        self.receive(self.phone, [{"lot_name": "IMEI-42", "qty_done": 1}])
        picking = self.receive(self.phone, [{"lot_name": "IMEI-42", "qty_done": 1}], validate=False)
        with self.assertRaises(UserError) as error:
            picking.action_done()
        self.assertIn("IMEI-42", str(error.exception.name))
        self.assertIn("already in stock", str(error.exception.name))

    def test_serial_with_quantity_above_one_is_refused(self):
        picking = self.receive(self.phone, [{"lot_name": "IMEI-9", "qty_done": 2}], validate=False)
        with self.assertRaises(ValidationError) as error:
            picking.action_done()
        self.assertIn("IMEI-9", str(error.exception.name))
        self.assertIn("one unit", str(error.exception.name))

    def test_receipt_without_batch_is_refused_naming_product_and_document(self):
        picking = self.receive(self.honey, [{"qty_done": 10}], validate=False)
        with self.assertRaises(UserError) as error:
            picking.action_done()
        message = str(error.exception.name)
        self.assertIn("Acacia Honey 500 g", message)
        self.assertIn(picking.name, message)
        self.assertIn("batch number", message)
        self.assertNotEqual(picking.state, "done")

    def test_inventory_adjustment_of_tracked_product_needs_the_batch(self):
        inventory = self.count(self.honey, [(False, 7)], validate=False)
        with self.assertRaises(UserError) as error:
            inventory.action_done()
        self.assertIn("batch number", str(error.exception.name))
        self.assertIn("Acacia Honey 500 g", str(error.exception.name))
        self.assertEqual(self.qty_in_stock(self.honey), 0)

    def test_inventory_adjustment_with_batch_is_fine(self):
        lot = self.env["stock.production.lot"].create({"name": "H-INV", "product_id": self.honey.id})
        self.count(self.honey, [(lot, 7)])
        self.assertEqual(self.qty_in_stock(self.honey, lot), 7)

    def test_counts_need_numbers_unless_the_company_says_otherwise(self):
        # A new database is strict: Odoo's "count without numbers" is opt-in.
        self.assertFalse(self.env.ref("base.main_company").inventory_count_without_lot)
        self.assertFalse(self.env["res.company"].new({}).inventory_count_without_lot)

    def test_company_may_let_counts_add_tracked_stock_without_numbers(self):
        self.env.user.company_id.inventory_count_without_lot = True
        self.count(self.phone, [(False, 10)])
        self.assertEqual(self.qty_in_stock(self.phone), 10)
        self.assertEqual(self.phone.product_tmpl_id.stock_without_lot_qty, 10)

    def test_operation_type_without_lots_moves_serial_products_in_bulk(self):
        # Odoo's own opt-out: neither "create" nor "use existing" numbers.
        self.receipt_type.write({"use_create_lots": False, "use_existing_lots": False})
        picking = self.receive(self.phone, [{"qty_done": 5}])
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.qty_in_stock(self.phone), 5)

    def test_untracked_products_move_without_lots(self):
        picking = self.receive(self.bolt, [{"qty_done": 100}])
        self.assertEqual(picking.state, "done")


class TestSerialUniqueness(LotsCase):
    def test_database_refuses_the_same_serial_twice_for_a_product(self):
        import psycopg2
        from odoo.tools import mute_logger

        Lot = self.env["stock.production.lot"]
        Lot.create({"name": "IMEI-UNIQUE", "product_id": self.phone.id})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            # Straight SQL: the rule holds even for code that skips the ORM.
            self.env.cr.execute(
                "INSERT INTO stock_production_lot (name, product_id) VALUES (%s, %s)",
                ("IMEI-UNIQUE", self.phone.id))
        other = self.env["product.product"].create(
            {"name": "Nordic Phone X3", "type": "product", "tracking": "serial"})
        Lot.create({"name": "IMEI-UNIQUE", "product_id": other.id})  # another product may
