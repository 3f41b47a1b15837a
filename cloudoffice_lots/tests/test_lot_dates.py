"""Batch dates are days: derived through product_expiry's ``_get_dates``,
the same day whatever the writer's time zone, Datetimes kept at 12:00 UTC."""
import datetime
import doctest

from odoo import fields
from odoo.exceptions import ValidationError

from ..models import lot_dates
from .common import LotsCase


def test_lot_dates_doctests():
    result = doctest.testmod(lot_dates)
    assert result.attempted >= 3 and result.failed == 0


class TestLotDates(LotsCase):
    def make_lot(self, **values):
        return self.env["stock.production.lot"].create(
            dict({"name": "H-DATES", "product_id": self.honey.id}, **values))

    def days(self, lot):
        return (lot.expiry_day, lot.best_before_day, lot.removal_day, lot.alert_day)

    def test_production_date_gives_all_dates_from_shelf_life(self):
        lot = self.make_lot(production_date="2026-01-10")
        self.assertEqual(self.days(lot), ("2028-01-10", "2027-12-11", "2027-12-31", "2027-11-11"))

    def test_without_production_date_dates_count_from_today_as_product_expiry_does(self):
        lot = self.make_lot()
        today = fields.Date.from_string(fields.Date.context_today(lot))
        self.assertEqual(lot.expiry_day, fields.Date.to_string(today + datetime.timedelta(days=730)))
        self.assertEqual(lot.alert_day, fields.Date.to_string(today + datetime.timedelta(days=670)))

    def test_datetimes_for_odoo_rules_are_noon_utc_of_the_day(self):
        lot = self.make_lot(production_date="2026-01-10")
        self.assertEqual(lot.life_date, "2028-01-10 12:00:00")
        self.assertEqual(lot.removal_date, "2027-12-31 12:00:00")
        quant_removal = self.env["stock.quant"]._fields["removal_date"]
        self.assertTrue(quant_removal.related)  # FEFO reads this value

    def test_given_expiry_is_kept_and_the_others_keep_their_distance(self):
        lot = self.make_lot(production_date="2026-01-10", expiry_day="2027-06-30")
        self.assertEqual(lot.expiry_day, "2027-06-30")
        # best-before keeps its 30 days before the expiry given
        self.assertEqual(lot.best_before_day, "2027-05-31")

    def test_moving_the_expiry_moves_the_other_dates_with_it(self):
        lot = self.make_lot(production_date="2026-01-10")
        lot.expiry_day = "2028-01-20"
        self.assertEqual(self.days(lot), ("2028-01-20", "2027-12-21", "2028-01-10", "2027-11-21"))
        self.assertEqual(lot.use_date, "2027-12-21 12:00:00")

    def test_a_typed_best_before_is_kept_when_saved_alone(self):
        lot = self.make_lot(production_date="2026-01-10")
        lot.best_before_day = "2027-10-01"
        self.assertEqual(self.days(lot), ("2028-01-10", "2027-10-01", "2027-12-31", "2027-11-11"))

    def test_changing_production_date_recomputes(self):
        lot = self.make_lot(production_date="2026-01-10")
        lot.production_date = "2026-02-10"
        self.assertEqual(lot.expiry_day, "2028-02-10")
        self.assertEqual(lot.best_before_day, "2028-01-11")

    def test_a_datetime_written_is_the_day_in_the_writers_time_zone(self):
        # 2028-07-31 22:00 UTC is 1 August in Stockholm and 31 July in New York
        for tz, day in (("Europe/Stockholm", "2028-08-01"), ("America/New_York", "2028-07-31"),
                        ("Pacific/Auckland", "2028-08-01")):
            lot = self.make_lot(name="H-TZ-%s" % tz).with_context(tz=tz)
            lot.life_date = "2028-07-31 22:00:00"
            self.assertEqual(lot.expiry_day, day, tz)
            self.assertEqual(lot.life_date, "%s 12:00:00" % day, tz)

    def test_reading_and_writing_back_a_datetime_keeps_the_day_in_every_zone(self):
        lot = self.make_lot(production_date="2026-01-10")
        for tz in ("Europe/Stockholm", "America/New_York", "Pacific/Auckland", "Pacific/Kiritimati",
                   "Etc/GMT+12"):
            in_zone = lot.with_context(tz=tz)
            in_zone.write({"life_date": in_zone.life_date, "use_date": in_zone.use_date})
            self.assertEqual(lot.expiry_day, "2028-01-10", tz)
            self.assertEqual(lot.best_before_day, "2027-12-11", tz)

    def test_expiry_before_production_is_refused_naming_batch_and_fields(self):
        lot = self.make_lot(production_date="2026-01-10")
        with self.assertRaises(ValidationError) as error:
            lot.write({"production_date": "2026-03-01", "expiry_day": "2026-02-01"})
        message = str(error.exception.name)
        self.assertIn("H-DATES", message)
        self.assertIn("Acacia Honey 500 g", message)
        self.assertIn("Expiry Date", message)
        self.assertIn("Production Date", message)

    def test_best_before_after_expiry_is_refused(self):
        lot = self.make_lot(production_date="2026-01-10")
        with self.assertRaises(ValidationError):
            lot.write({"best_before_day": "2029-01-01", "removal_day": False})

    def test_product_expiry_hook_counts_from_the_production_date(self):
        lot = self.env["stock.production.lot"].new(
            {"product_id": self.honey.id, "production_date": "2026-01-10"})
        dates = lot._get_dates()
        self.assertEqual(dates["life_date"], "2028-01-10 12:00:00")
        self.assertEqual(dates["use_date"], "2027-12-11 12:00:00")
