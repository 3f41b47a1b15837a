"""Batch attributes, test results and release, certificates."""
import doctest

from odoo.exceptions import ValidationError

from ..models import value_parsing
from .common import LotsCase


def test_value_parsing_doctests():
    outcome = doctest.testmod(value_parsing)
    assert outcome.attempted > 0
    assert outcome.failed == 0


class TestLotData(LotsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attribute = cls.env["cloudoffice.lot.attribute"]
        cls.moisture = Attribute.create({"name": "Moisture", "value_type": "number", "unit": "%",
                                         "categ_ids": [(6, 0, cls.food.ids)]})
        cls.organic = Attribute.create({"name": "Organic", "value_type": "boolean",
                                        "categ_ids": [(6, 0, cls.food.ids)]})
        cls.grade = Attribute.create({
            "name": "Grade", "value_type": "selection", "categ_ids": [(6, 0, cls.food.ids)],
            "option_ids": [(0, 0, {"name": "Premium"}), (0, 0, {"name": "Standard"})]})
        cls.harvest = Attribute.create({"name": "Harvested", "value_type": "date",
                                        "categ_ids": [(6, 0, cls.food.ids)]})
        Spec = cls.env["cloudoffice.lot.test.spec"]
        cls.spec_water = Spec.create({"product_tmpl_id": cls.honey.product_tmpl_id.id,
                                      "parameter": "Water content", "method": "Refractometer",
                                      "has_max": True, "spec_max": 18.5, "unit": "%"})
        cls.spec_look = Spec.create({"categ_id": cls.food.id, "parameter": "Appearance",
                                     "spec_expected": "Clear, golden"})
        cls.spec_info = Spec.create({"categ_id": cls.food.id, "parameter": "Pollen count",
                                     "required": False, "has_min": True, "spec_min": 1000})

    def new_lot(self, name="H-100"):
        return self.env["stock.production.lot"].create({"name": name, "product_id": self.honey.id})

    def value_line(self, lot, attribute):
        return lot.attribute_value_ids.filtered(lambda v: v.attribute_id == attribute)

    def test_category_attributes_become_lines_typed_from_what_was_typed(self):
        lot = self.new_lot()
        self.assertEqual(set(lot.attribute_value_ids.mapped("attribute_id.name")),
                         {"Moisture", "Organic", "Grade", "Harvested"})
        self.value_line(lot, self.moisture).value = "17,2"
        self.value_line(lot, self.organic).value = "ja"
        self.value_line(lot, self.grade).value = "premium"
        self.value_line(lot, self.harvest).value = "2026-08-15"
        self.assertEqual(self.value_line(lot, self.moisture).value_number, 17.2)
        self.assertEqual(self.value_line(lot, self.moisture).display_value(), "17.2 %")
        # a Swedish reader gets the decimal comma, as for the test results
        self.env["res.lang"].load_lang("sv_SE")
        swedish = self.value_line(lot, self.moisture).with_context(lang="sv_SE")
        self.assertEqual(swedish.display_value(), "17,2 %")
        self.assertTrue(self.value_line(lot, self.organic).value_boolean)
        self.assertEqual(self.value_line(lot, self.grade).option_id.name, "Premium")
        self.assertEqual(self.value_line(lot, self.harvest).value_date, "2026-08-15")

    def test_text_in_a_number_attribute_is_refused_in_the_users_terms(self):
        lot = self.new_lot()
        with self.assertRaises(ValidationError) as error:
            self.value_line(lot, self.moisture).value = "about seventeen"
        message = str(error.exception.name)
        for part in ("H-100", "Acacia Honey 500 g", "Moisture", "a number", "%", "about seventeen"):
            self.assertIn(part, message)

    def test_choice_outside_the_list_is_refused_listing_the_options(self):
        lot = self.new_lot()
        with self.assertRaises(ValidationError) as error:
            self.value_line(lot, self.grade).value = "Gold"
        self.assertIn("Premium, Standard", str(error.exception.name))

    def test_required_tests_decide_the_release(self):
        lot = self.new_lot()
        self.assertEqual(len(lot.test_ids), 3)
        self.assertEqual(lot.release_state, "pending")
        water = lot.test_ids.filtered(lambda t: t.parameter == "Water content")
        look = lot.test_ids.filtered(lambda t: t.parameter == "Appearance")
        self.assertEqual(water.specification, "≤ 18.5 %")
        water.result = "17,9"
        self.assertEqual(water.state, "pass")
        self.assertEqual(lot.release_state, "pending")
        look.result = "clear, golden"
        self.assertEqual(lot.release_state, "released", "the optional pollen test does not hold it")
        water.result = "19.0"
        self.assertEqual(water.state, "fail")
        self.assertEqual(lot.release_state, "failed")

    def test_blocked_batch_is_not_released_whatever_its_tests(self):
        lot = self.new_lot()
        lot.test_ids.filtered("required").write({"result": "1"})
        lot.test_ids.filtered(lambda t: t.parameter == "Appearance").result = "Clear, golden"
        self.assertEqual(lot.release_state, "released")
        lot.write({"quality_block": True, "quality_block_reason": "Customer complaint"})
        self.assertEqual(lot.release_state, "blocked")
        lot.action_quality_unblock()
        self.assertEqual(lot.release_state, "released")

    def test_text_result_for_numeric_limit_is_refused(self):
        lot = self.new_lot()
        water = lot.test_ids.filtered(lambda t: t.parameter == "Water content")
        with self.assertRaises(ValidationError) as error:
            water.result = "dry"
        self.assertIn("Water content", str(error.exception.name))
        self.assertIn("H-100", str(error.exception.name))

    def test_products_without_specifications_are_released_at_once(self):
        lot = self.env["stock.production.lot"].create({"name": "SN-1", "product_id": self.phone.id})
        self.assertEqual(lot.release_state, "released")

    def test_certificate_needs_its_file(self):
        lot = self.new_lot()
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.env["cloudoffice.lot.certificate"].create({
                "lot_id": lot.id, "type_id": self.env.ref("cloudoffice_lots.certificate_type_analysis").id})
        self.assertIn("H-100", str(error.exception.name))
        self.assertIn("no file", str(error.exception.name))
        lot.invalidate_cache()
        self.assertFalse(lot.certificate_ids)

    def test_expired_certificates_are_flagged_and_searchable(self):
        lot = self.new_lot()
        Certificate = self.env["cloudoffice.lot.certificate"]
        coa = self.env.ref("cloudoffice_lots.certificate_type_analysis")
        old = Certificate.create({"lot_id": lot.id, "type_id": coa.id, "file": self.pdf_bytes(),
                                  "issue_date": "2020-01-01", "valid_until": "2021-01-01"})
        current = Certificate.create({"lot_id": lot.id, "type_id": coa.id, "file": self.pdf_bytes(),
                                      "valid_until": "2099-01-01"})
        self.assertTrue(old.is_expired)
        self.assertFalse(current.is_expired)
        self.assertTrue(lot.has_expired_certificate)
        self.assertEqual(Certificate.search([("lot_id", "=", lot.id), ("is_expired", "=", True)]), old)
        self.assertEqual(lot.certificate_count, 2)

    def test_each_reader_sees_numbers_and_dates_in_the_format_of_their_language(self):
        self.env["res.lang"].load_lang("sv_SE")
        lot = self.new_lot()
        moisture = self.value_line(lot, self.moisture)
        harvest = self.value_line(lot, self.harvest)
        water = lot.test_ids.filtered(lambda t: t.parameter == "Water content")
        # a Swede types her way; it is stored so that anyone can read it
        moisture.with_context(lang="sv_SE").value_shown = "17,4"
        water.with_context(lang="sv_SE").result_shown = "17,4"
        harvest.with_context(lang="sv_SE").value_shown = "2026-08-15"
        self.assertEqual((moisture.value, water.result, harvest.value), ("17.4", "17.4", "2026-08-15"))
        self.assertEqual(water.state, "pass")
        swedish = lambda record: record.with_context(lang="sv_SE")  # noqa: E731
        english = lambda record: record.with_context(lang="en_US")  # noqa: E731
        self.assertEqual(swedish(moisture).value_shown, "17,4")
        self.assertEqual(english(moisture).value_shown, "17.4")
        self.assertEqual(swedish(water).result_shown, "17,4")
        self.assertEqual(english(water).result_shown, "17.4")
        self.assertEqual(swedish(water).specification, "≤ 18,5 %")
        self.assertEqual(english(harvest).value_shown, "08/15/2026")
        # an English reader types a date his way
        english(harvest).value_shown = "09/01/2026"
        self.assertEqual(harvest.value_date, "2026-09-01")
        # what is not a number is kept as typed, and refused in the user's terms
        with self.assertRaises(ValidationError) as error:
            english(water).result_shown = "dry"
        self.assertIn("Water content", str(error.exception.name))

    def test_a_result_keeps_the_decimals_it_was_typed_with(self):
        self.env["res.lang"].load_lang("sv_SE")
        lot = self.new_lot()
        water = lot.test_ids.filtered(lambda t: t.parameter == "Water content")
        water.with_context(lang="sv_SE").result_shown = "16,0"
        self.assertEqual(water.result, "16.0")
        self.assertEqual(water.with_context(lang="sv_SE").result_shown, "16,0")
        self.assertEqual(water.with_context(lang="en_US").result_shown, "16.0")
        moisture = self.value_line(lot, self.moisture)
        moisture.value = "17,20"
        self.assertEqual(moisture.with_context(lang="sv_SE").display_value(), "17,20 %")
