"""Printing labels as a user does: from a batch, a selection, a receipt;
the downloaded PDF read back and its barcodes decoded, ZPL checked."""
import base64

from odoo.exceptions import UserError, ValidationError

from .scan_common import ScanCase
from .test_labels_engine import pdf_barcodes, pdf_text


class TestLabelPrinting(ScanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Layout = cls.env["cloudoffice.label.layout"]
        cls.sheet = Layout.create({
            "name": "Sheet", "sequence": -1, "output": "pdf_sheet", "width_mm": 70,
            "height_mm": 37, "columns": 3, "rows": 8, "barcode_kind": "gs1_datamatrix",
            "show_quantity": True, "show_free_text": True, "free_text": "Keep dry"})
        cls.single = Layout.create({
            "name": "Single", "output": "pdf_single", "width_mm": 100, "height_mm": 50,
            "barcode_kind": "gs1_128"})
        cls.zpl = Layout.create({
            "name": "Zebra", "output": "zpl", "width_mm": 101.6, "height_mm": 50.8,
            "dpi": "203", "barcode_kind": "gs1_datamatrix"})
        pictograms = cls.env["cloudoffice.hazard.pictogram"].search(
            [("code", "in", ("GHS02", "GHS07"))])
        cls.paint.write({"hazard_pictogram_ids": [(6, 0, pictograms.ids)],
                         "allergen_note": "linseed oil"})

    def print_labels(self, context, **values):
        wizard = self.env["cloudoffice.label.print"].with_context(**context).create(values)
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn("/web/content/cloudoffice.label.print/%d/file/" % wizard.id, action["url"])
        return base64.b64decode(wizard.file), wizard.file_name

    def test_print_from_a_batch_button(self):
        action = self.lot_a.action_cloudoffice_print_labels()
        self.assertEqual(action["res_model"], "cloudoffice.label.print")
        pdf, name = self.print_labels(action["context"], layout_id=self.sheet.id, copies=2)
        self.assertEqual(name, "labels.pdf")
        text = pdf_text(pdf)
        self.assertEqual(text.count("Batch: PA-1"), 2)
        for expected in ("Test Paint", "Art. no.: TP-1", "Produced: 01/10/2026",
                         "Best before: 12/31/2026", "Use by: 01/31/2027",
                         "Allergens: linseed oil", "Keep dry"):
            self.assertIn(expected, text)
        decoded = {barcode.text for barcode in pdf_barcodes(pdf)}
        self.assertEqual(decoded, {self.lot_a.gs1_element_string})

    def test_print_a_selection_of_batches(self):
        lots = self.lot_a | self.lot_b | self.serial_1
        pdf, _name = self.print_labels(
            {"active_model": "stock.production.lot", "active_ids": lots.ids},
            layout_id=self.single.id)
        text = pdf_text(pdf)
        self.assertIn("Batch: PA-2", text)
        self.assertIn("Serial: SN-001", text)
        self.assertEqual(pdf.count(b"/Type /Page\n"), 3)
        found = sorted((barcode.symbology_identifier, barcode.text)
                       for page in (1, 2, 3) for barcode in pdf_barcodes(pdf, page))
        self.assertEqual(found, sorted([
            ("]C1", "(01)09506000134352(11)260110(15)261231(17)270131(10)PA-1"),
            ("]C1", "(01)09506000134352(10)PA-2"),
            ("]C1", "(01)05012345678900(21)SN-001"),
        ]))

    def test_print_from_a_receipt_per_batch_and_per_unit(self):
        receipt = self.receipt([(self.paint, 5)])
        receipt.cloudoffice_apply_scan("(01)09506000134352(37)4(17)270101(10)R-1")
        receipt.cloudoffice_apply_scan("(01)09506000134352(10)R-2")
        context = receipt.action_cloudoffice_print_labels()["context"]
        pdf, _name = self.print_labels(context, layout_id=self.sheet.id, per="batch")
        text = pdf_text(pdf)
        self.assertEqual((text.count("Batch: R-1"), text.count("Batch: R-2")), (1, 1))
        self.assertIn("Qty: 4 Unit(s)", text)
        pdf, _name = self.print_labels(context, layout_id=self.sheet.id, per="unit")
        text = pdf_text(pdf)
        self.assertEqual((text.count("Batch: R-1"), text.count("Batch: R-2")), (4, 1))
        self.assertEqual(text.count("Qty: 1 Unit(s)"), 5)
        self.assertEqual(len(pdf_barcodes(pdf)), 5)

    def test_receipt_line_with_a_typed_batch_not_created_yet(self):
        receipt = self.receipt([(self.paint, 2)])
        receipt.move_line_ids.write({"lot_name": "TYPED-1", "qty_done": 2,
                                     "lot_life_date": "2027-05-31"})
        pdf, _name = self.print_labels({"default_picking_id": receipt.id},
                                       layout_id=self.sheet.id)
        self.assertIn("Use by: 05/31/2027", pdf_text(pdf))
        self.assertEqual([barcode.text for barcode in pdf_barcodes(pdf)],
                         ["(01)09506000134352(17)270531(10)TYPED-1"])
        empty = self.receipt([(self.paint, 2)])
        with self.assertRaises(UserError) as caught:
            self.print_labels({"default_picking_id": empty.id}, layout_id=self.sheet.id)
        self.assertIn("%s has no batch or serial numbers yet" % empty.name, caught.exception.name)

    def test_zpl_download(self):
        zpl, name = self.print_labels({"default_lot_ids": [(6, 0, [self.lot_a.id, self.lot_b.id])]},
                                      layout_id=self.zpl.id)
        self.assertEqual(name, "labels.zpl")
        text = zpl.decode("utf-8")
        self.assertEqual((text.count("^XA"), text.count("^XZ")), (2, 2))
        self.assertIn("^BXN,", text)
        self.assertIn("^FD_1010950600013435211260110152612311727013110PA-1^FS", text)
        self.assertEqual(text.count("^GFA,"), 4)  # two pictograms per label

    def test_products_without_gtin_get_code128_and_bad_gtin_is_refused(self):
        pdf, _name = self.print_labels({"default_lot_ids": [(6, 0, self.plain_lot.ids)]},
                                       layout_id=self.single.id)
        self.assertEqual([(b.symbology_identifier, b.text) for b in pdf_barcodes(pdf)],
                         [("]C0", "SCR-9")])
        self.paint.barcode = "12345"
        with self.assertRaises(UserError) as caught:
            self.print_labels({"default_lot_ids": [(6, 0, self.lot_a.ids)]},
                              layout_id=self.single.id)
        self.assertIn("The barcode 12345 of [TP-1] Test Paint is not a valid GTIN",
                      caught.exception.name)

    def test_batch_attributes_on_the_label(self):
        attribute = self.env["cloudoffice.lot.attribute"].create(
            {"name": "Colour Index", "value_type": "text", "print_on_label": True})
        self.env["cloudoffice.lot.attribute.value"].create(
            {"lot_id": self.lot_a.id, "attribute_id": attribute.id, "value": "PB29"})
        self.single.write({"show_attributes": True, "attribute_ids": [(6, 0, attribute.ids)]})
        pdf, _name = self.print_labels({"default_lot_ids": [(6, 0, self.lot_a.ids)]},
                                       layout_id=self.single.id)
        self.assertIn("Colour Index: PB29", pdf_text(pdf))

    def test_layout_that_does_not_fit_the_sheet_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.sheet.height_mm = 40
        self.assertIn("Label layout Sheet: 3 x 8 labels of 70 x 40 mm", caught.exception.name)

    def test_layouts_of_another_company_are_not_offered(self):
        other = self.env["res.company"].create({"name": "Other Labels Company"})
        foreign = self.env["cloudoffice.label.layout"].create(
            {"name": "Foreign", "output": "pdf_single", "company_id": other.id})
        user = self.env.ref("base.user_demo")
        visible = self.env["cloudoffice.label.layout"].sudo(user).search([])
        self.assertIn(self.single, visible)
        self.assertNotIn(foreign, visible)

    def test_demo_layouts_and_pictograms(self):
        self.assertEqual(len(self.env["cloudoffice.hazard.pictogram"].search([])), 9)
        demo = self.env.ref("cloudoffice_lots.label_layout_zpl_4x2")
        self.assertEqual((demo.output, demo.dpi), ("zpl", "203"))

    def test_print_action_offered_in_the_batch_list(self):
        action = self.env.ref("cloudoffice_lots.action_label_print_lots")
        self.assertEqual(action.binding_model_id.model, "stock.production.lot")
        self.assertEqual((action.res_model, action.target), ("cloudoffice.label.print", "new"))
