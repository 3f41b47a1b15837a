"""Text we write follows the reading user: a Swedish user in Stockholm reads
decimal commas, Swedish dates and Stockholm times, in messages and on the
phone scan page alike."""
from .scan_common import ScanCase


class TestUserFormat(ScanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"].load_lang("sv_SE")
        cls.swede = cls.env["res.users"].create({
            "name": "Karin Svensson", "login": "karin.format", "lang": "sv_SE",
            "email": "karin@example.com",
            "tz": "Europe/Stockholm",
            "groups_id": [(6, 0, [cls.env.ref("stock.group_stock_user").id,
                                  cls.env.ref("stock.group_production_lot").id])]})
        cls.kg = cls.env.ref("product.product_uom_kgm")

    def as_swede(self, records):
        return records.sudo(self.swede).with_context(lang="sv_SE", tz="Europe/Stockholm")

    def test_helpers_write_as_the_user_does(self):
        from ..models.user_format import format_day, format_moment, format_quantity
        env = self.as_swede(self.Lot).env
        self.assertEqual(format_day(env, "2028-08-01"), "2028-08-01")
        # 20:16 UTC is 21:16 in Stockholm in December
        self.assertEqual(format_moment(env, "2026-12-05 20:16:00"), "2026-12-05 21:16")
        self.assertEqual(format_quantity(env, 59.0, self.uom_unit), "59 %s" % self.uom_unit.name)
        self.assertEqual(format_quantity(env, 2.5, self.kg), "2,5 %s" % self.kg.name)
        self.assertEqual(format_quantity(env, 1234.5, self.kg).replace("\xa0", " "),
                         "1 234,5 %s" % self.kg.name)
        english = self.Lot.with_context(lang="en_US", tz="America/New_York").env
        self.assertEqual(format_day(english, "2028-08-01"), "08/01/2028")
        self.assertEqual(format_moment(english, "2026-12-05 20:16:00"), "12/05/2026 15:16")
        self.assertEqual(format_quantity(english, 2.5, self.kg), "2.5 %s" % self.kg.name)

    def test_receipt_scan_message_has_no_python_number(self):
        receipt = self.receipt([(self.paint, 10)])
        message = self.as_swede(receipt).cloudoffice_apply_scan(
            "]d20109506000134352" "17270331" "3710" "\x1d" "10SV-1")
        self.assertIn("SV-1: 10 %s" % self.uom_unit.name, message)
        self.assertNotIn("10.0", message)

    def test_scan_page_values_in_the_users_format(self):
        self.lot_a.expiry_day = "2027-01-31"
        values = self.as_swede(self.Lot).cloudoffice_scan_page_values("PA-1")
        self.assertEqual(values["dates"]["expiry"], "2027-01-31")
        self.assertEqual(values["fmt"].quantity(59.0, self.uom_unit), "59 %s" % self.uom_unit.name)
        self.assertEqual(values["fmt"].moment("2026-06-01 10:00:00"), "2026-06-01 12:00")

    def test_expired_reason_and_document_label_use_the_users_date_format(self):
        self.lot_a.expiry_day = "2026-01-31"
        english = self.lot_a.with_context(lang="en_US")
        self.assertEqual(english._cloudoffice_label(), "Batch PA-1 (exp. 01/31/2026)")
        self.assertIn("01/31/2026", english._cloudoffice_unsellable_reason())
