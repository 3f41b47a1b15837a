"""Scan to look up: every form a scanner sends finds the batch/serial, and a
bad scan says which part is wrong. Also the barcodes computed on a batch."""
from odoo.exceptions import UserError, ValidationError

from .scan_common import ScanCase


class TestScanLookup(ScanCase):

    def find(self, text):
        return self.Lot.cloudoffice_find_by_scan(text)

    def assert_refused(self, text, *parts):
        with self.assertRaises(UserError) as caught:
            self.find(text)
        for part in parts:
            self.assertIn(part, caught.exception.name)
        return caught.exception.name

    def test_every_gs1_form_finds_the_batch(self):
        for scan in (
                "(01)09506000134352(10)PA-1",
                "]d201095060001343521727013110PA-1",
                "]C10109506000134352" "10PA-1\x1d17270131",
                "\xf10109506000134352" "10PA-1",
                "https://id.example.com/01/09506000134352/10/PA-1?17=270131",
                "  (01)09506000134352(17)270100(10)PA-1 \n"):
            self.assertEqual(self.find(scan), self.lot_a, scan)

    def test_serial_scans_and_plain_names(self):
        self.assertEqual(self.find("(01)05012345678900(21)SN-002"), self.serial_2)
        self.assertEqual(self.find("SN-001"), self.serial_1)
        self.assertEqual(self.find("PA-2"), self.lot_b)
        self.lot_b.supplier_batch = "SUP-77"
        self.assertEqual(self.find("SUP-77"), self.lot_b)

    def test_batch_printed_barcode_round_trip(self):
        self.assertEqual(self.lot_a.gs1_element_string,
                         "(01)09506000134352(11)260110(15)261231(17)270131(10)PA-1")
        self.assertEqual(self.find(self.lot_a.gs1_element_string), self.lot_a)
        self.assertEqual(self.find(self.lot_a.gs1_digital_link), self.lot_a)
        self.assertEqual(self.serial_1.gs1_element_string, "(01)05012345678900(21)SN-001")

    def test_bad_scans_say_which_part_is_wrong(self):
        self.assert_refused("]d2010950600013435227X", "Unknown Application Identifier (27)",
                            "position 19")
        self.assert_refused("(01)09506000134353(10)PA-1", "AI (01)", "09506000134353",
                            "check digit should be 2")
        self.assert_refused("]d2010950600013435", "AI (01)", "incomplete",
                            "14 characters expected")
        self.assert_refused("(01)04006381333931(10)PA-1", "GTIN 04006381333931 (AI 01)",
                            "matches no product")
        self.assert_refused("(01)05012345678900(21)PA-1", "batch PA-1 belongs to [TP-1] Test Paint",
                            "not to [PH-1] Test Phone", "GTIN 05012345678900")
        self.assert_refused("(01)09506000134352(10)PA-404", "Test Paint",
                            "no batch or serial number PA-404")
        self.assert_refused("(01)09506000134352", "no batch (AI 10) or serial number (AI 21)")
        self.assert_refused("(00)106141411234567897", "shipping container code (SSCC")
        self.assert_refused("NOPE-1", "No batch or serial number NOPE-1 exists")
        self.assert_refused("9506000134352", "9506000134352 is the barcode of the product "
                            "[TP-1] Test Paint, not of a batch or serial")
        self.assert_refused("   ", "Nothing was scanned")

    def test_a_name_shared_by_two_products_asks_for_the_gs1_barcode(self):
        self.Lot.create({"name": "PA-1", "product_id": self.plain.id})
        self.assert_refused("PA-1", "several products", "Test Paint", "Plain Screws")
        # the GTIN settles it
        self.assertEqual(self.find("(01)09506000134352(10)PA-1"), self.lot_a)

    def test_gtin_forms_match_the_product_barcode(self):
        Product = self.env["product.product"]
        self.assertEqual(Product.cloudoffice_search_gtin("09506000134352"), self.paint)
        self.assertEqual(Product.cloudoffice_search_gtin("9506000134352"), self.paint)
        self.paint.barcode = "09506000134352"
        self.assertEqual(Product.cloudoffice_search_gtin("9506000134352"), self.paint)

    def test_invalid_product_barcode_gives_a_clear_message(self):
        self.paint.barcode = "9506000134353"
        with self.assertRaises(UserError) as caught:
            self.lot_a._cloudoffice_gs1_elements()
        message = caught.exception.name
        self.assertIn("The barcode 9506000134353 of [TP-1] Test Paint is not a valid GTIN", message)
        self.assertIn("check digit should be 2", message)
        self.lot_a.invalidate_cache()
        self.assertFalse(self.lot_a.gs1_element_string)
        self.assertIn("not a valid GTIN", self.lot_a.gs1_barcode_issue)
        # without any barcode, the batch still gets a Code 128 of its name
        self.plain_lot.invalidate_cache()
        self.assertIn("kind=code128", self.plain_lot.barcode_preview)
        self.assertEqual(self.plain_lot.cloudoffice_barcode_data("code128"), "SCR-9")

    def test_lot_name_that_gs1_cannot_carry(self):
        lot = self.Lot.create({"name": "Lot with spaces and more than twenty chars",
                               "product_id": self.paint.id})
        with self.assertRaises(UserError) as caught:
            lot._cloudoffice_gs1_elements()
        self.assertIn("Batch/serial Lot with spaces and more than twenty chars of [TP-1] "
                      "Test Paint cannot be written in a GS1 barcode", caught.exception.name)

    def test_digital_link_base_from_company_or_own_resolver(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        self.assertEqual(
            self.lot_a.gs1_digital_link,
            base + "/cloudoffice_lots/dl/01/09506000134352/10/PA-1?11=260110&15=261231&17=270131")
        self.env.user.company_id.gs1_digital_link_base = "https://id.example.com/"
        self.lot_a.invalidate_cache()
        self.assertTrue(self.lot_a.gs1_digital_link.startswith(
            "https://id.example.com/01/09506000134352/10/PA-1?"))
        with self.assertRaises(ValidationError) as caught:
            self.env.user.company_id.gs1_digital_link_base = "id.example.com"
        self.assertIn("must be a web address starting with https://", caught.exception.name)

    def test_lookup_wizard_shows_the_batch_and_clears_for_the_next_scan(self):
        self.put_in_stock(self.lot_a, 7)
        wizard = self.env["cloudoffice.lot.scan.lookup"].new({"scan": "(01)09506000134352(10)PA-1"})
        wizard._onchange_scan()
        self.assertEqual(wizard.lot_id, self.lot_a)
        self.assertFalse(wizard.scan)
        self.assertEqual(wizard.last_scan, "(01)09506000134352(10)PA-1")
        self.assertEqual(wizard.quant_ids.mapped("quantity"), [7.0])
        self.assertEqual(wizard.quant_ids.location_id, self.stock)
        wizard.scan = "(01)09506000134353(10)PA-1"
        wizard._onchange_scan()
        self.assertFalse(wizard.lot_id)
        self.assertIn("check digit should be 2", wizard.message)

    def test_lookup_opens_odoo_s_traceability_of_the_batch(self):
        wizard = self.env["cloudoffice.lot.scan.lookup"].sudo(
            self.env.ref("cloudoffice_lots.user_demo_warehouse")).create({})
        wizard.scan = "PA-1"
        wizard._onchange_scan()
        action = wizard.action_traceability()
        self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "stock_report_generic"))
        self.assertEqual(action["context"], {"active_id": self.lot_a.id, "model": "stock.production.lot"})
        self.assertTrue(action["name"])

    def test_scan_page_values(self):
        values = self.Lot.cloudoffice_scan_page_values("PA-1")
        self.assertEqual(values["lot"], self.lot_a)
        # in the user's (en_US) date format, as the rest of the page
        self.assertEqual(values["dates"]["expiry"], "01/31/2027")
        self.assertIn(("Open in Odoo", "/web#id=%d&model=stock.production.lot&view_type=form"
                       % self.lot_a.id), values["links"])
