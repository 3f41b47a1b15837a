import datetime
import doctest

from odoo import fields
from odoo.exceptions import ValidationError

from ..models import lot_dates
from .common import LotsCase


def test_lot_dates_doctests():
    outcome = doctest.testmod(lot_dates)
    assert outcome.attempted > 0
    assert outcome.failed == 0


class TestLotDates(LotsCase):
    def make_lot(self, **values):
        return self.env["stock.production.lot"].create(
            dict({"name": "H-DATES", "product_id": self.honey.id}, **values))

    def local_date(self, lot, field):
        return lot._cloudoffice_local_date(lot[field])

    def test_production_date_gives_all_dates_from_shelf_life(self):
        lot = self.make_lot(production_date="2026-01-10")
        self.assertEqual(self.local_date(lot, "life_date"), datetime.date(2028, 1, 10))
        self.assertEqual(self.local_date(lot, "use_date"), datetime.date(2027, 12, 11))
        self.assertEqual(self.local_date(lot, "removal_date"), datetime.date(2027, 12, 31))
        self.assertEqual(self.local_date(lot, "alert_date"), datetime.date(2027, 11, 11))

    def test_given_expiry_is_kept(self):
        expiry = self.env["stock.production.lot"]._cloudoffice_from_local_date(datetime.date(2027, 6, 30))
        lot = self.make_lot(production_date="2026-01-10", life_date=expiry)
        self.assertEqual(self.local_date(lot, "life_date"), datetime.date(2027, 6, 30))
        # best-before keeps its 30 days before the expiry given
        self.assertEqual(self.local_date(lot, "use_date"), datetime.date(2027, 5, 31))

    def test_moving_the_expiry_moves_the_other_dates_with_it(self):
        lot = self.make_lot(production_date="2026-01-10")
        old_use = self.local_date(lot, "use_date")
        lot.life_date = fields.Datetime.to_string(
            fields.Datetime.from_string(lot.life_date) + datetime.timedelta(days=10))
        self.assertEqual(self.local_date(lot, "use_date"), old_use + datetime.timedelta(days=10))
        self.assertEqual(self.local_date(lot, "life_date"), datetime.date(2028, 1, 20))

    def test_changing_production_date_recomputes(self):
        lot = self.make_lot(production_date="2026-01-10")
        lot.production_date = "2026-02-10"
        self.assertEqual(self.local_date(lot, "life_date"), datetime.date(2028, 2, 10))

    def test_expiry_before_production_is_refused_naming_batch_and_fields(self):
        lot = self.make_lot(production_date="2026-01-10")
        with self.assertRaises(ValidationError) as error:
            lot.write({"production_date": "2026-03-01",
                       "life_date": lot._cloudoffice_from_local_date(datetime.date(2026, 2, 1))})
        message = str(error.exception.name)
        self.assertIn("H-DATES", message)
        self.assertIn("Acacia Honey 500 g", message)
        self.assertIn("Expiry Date", message)
        self.assertIn("Production Date", message)

    def test_best_before_after_expiry_is_refused(self):
        lot = self.make_lot(production_date="2026-01-10")
        with self.assertRaises(ValidationError):
            lot.write({"use_date": lot._cloudoffice_from_local_date(datetime.date(2029, 1, 1)),
                       "removal_date": False})
