"""Words users meet: a wrong check digit said plainly (the precise part
after it), captions under the batch form's barcodes, the product name as
the label's largest text, no "New Batch Number" where no number is made."""
import json

from lxml import etree
from odoo.addons.cloudoffice_lots.gs1 import GS1Error, parse
from odoo.addons.cloudoffice_lots.labels import normalise, place
from odoo.addons.cloudoffice_lots.models.gs1_messages import gs1_message
from odoo.tests.common import SavepointCase

from .common import LotsCase


class TestCheckDigitMessage(SavepointCase):
    def test_wrong_check_digit_in_plain_words_then_the_detail(self):
        try:
            parse("(01)09506000134353(10)PA-1")
        except GS1Error as err:
            message = gs1_message(self.env["stock.production.lot"], err)
        else:
            self.fail("a wrong check digit was accepted")
        self.assertEqual(message, "The number 09506000134353 is not right: a digit was mistyped or "
                                  "misread. Check it on the package or scan again. (AI (01) GTIN "
                                  "09506000134353: check digit should be 2)")

    def test_other_messages_unchanged(self):
        with self.assertRaises(GS1Error) as caught:
            parse("]d2010950600013435227X")
        self.assertTrue(gs1_message(self.env["stock.production.lot"], caught.exception)
                        .startswith("Unknown Application Identifier (27)"))


class TestBarcodeCaptions(LotsCase):
    def test_each_barcode_on_the_form_says_what_it_is(self):
        self.honey.barcode = "09506000134352"
        lot = self.env["stock.production.lot"].create({"name": "CAP-1", "product_id": self.honey.id})
        preview = lot.barcode_preview
        for kind, caption in (("gs1_datamatrix", "GS1 DataMatrix: product, batch and dates"),
                              ("gs1_128", "GS1-128: product, batch and dates"),
                              ("qr_digital_link", "QR code: web link to this batch")):
            self.assertIn("kind=%s" % kind, preview)
            self.assertIn(caption, preview)
        self.assertEqual(preview.count("<figcaption"), 3)


class TestMoveNumberButtons(SavepointCase):
    def _modifiers(self, button, **context):
        view = self.env.ref("stock.view_stock_move_operations")
        arch = self.env["stock.move"].with_context(**context).fields_view_get(view.id, "form")["arch"]
        node = etree.fromstring(arch).xpath("//button[@name='%s']" % button)[0]
        return json.loads(node.get("modifiers"))

    def test_deliveries_offer_no_new_numbers(self):
        # A delivery picks existing numbers: Odoo opens its lines with show_lots_m2o.
        for button in ("action_cloudoffice_number_batches", "action_cloudoffice_generate_serials"):
            self.assertIs(self._modifiers(button, show_lots_m2o=True)["invisible"], True)

    def test_receipts_offer_a_new_batch_number_for_batches_only(self):
        modifiers = self._modifiers("action_cloudoffice_number_batches", show_lots_text=True)
        self.assertEqual(modifiers["invisible"], [["has_tracking", "!=", "lot"]])
        modifiers = self._modifiers("action_cloudoffice_generate_serials", show_lots_text=True)
        self.assertFalse(modifiers.get("invisible"))


def test_product_name_is_the_largest_text_on_an_a4_label():
    layout = normalise({"width_mm": 70, "height_mm": 37, "output": "pdf_sheet",
                        "page": {"rows": 8, "columns": 3},
                        "fields": ["description", "lot", "expiry", "quantity"],
                        "captions": {"lot": "Batch", "expiry": "Use by", "quantity": "Qty"}})
    for name in ("Acrylic paint ultramarine", "Organic Acacia Honey 500 g, Swedish summer harvest"):
        texts = [item for item in place(layout, {"description": name, "lot": "B1",
                                                 "expiry": "2027-01-10", "quantity": "1 Unit(s)"})
                 if item[0] == "text"]
        title = [item for item in texts if item[5] in name]
        others = [item for item in texts if item[5] not in name]
        assert " ".join(item[5] for item in title) == name
        assert min(item[4] for item in title) > max(item[4] for item in others)
        # a name too wide for one line in large type goes on two, not in small type
        assert len(title) == (1 if len(name) < 30 else 2)
