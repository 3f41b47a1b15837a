"""OCA's scan screens read our GS1 scans, as the warehouse worker uses
them: on a receipt a GS1 DataMatrix scan books product, a new batch with
the label's dates and the label's quantity; a Digital Link QR code works the
same; a damaged scan is named; plain barcodes still work OCA's way; the
new-lot dialog takes product, batch and dates from one scan."""
from odoo.tests.common import SavepointCase

GTIN = "9506000134352"


class TestStockBarcodesGS1(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.worker = env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.paint = env["product.product"].create({
            "name": "Scan Paint", "type": "product", "tracking": "lot", "barcode": GTIN})
        cls.phone = env["product.product"].create({
            "name": "Scan Phone", "type": "product", "tracking": "serial",
            "barcode": "5012345678900"})
        cls.screws = env["product.product"].create({
            "name": "Scan Screws", "type": "product", "barcode": "8480000723208"})
        supplier = env.ref("stock.stock_location_suppliers")
        stock = env.ref("stock.stock_location_stock")
        cls.receipt = env["stock.picking"].create({
            "picking_type_id": env.ref("stock.picking_type_in").id,
            "location_id": supplier.id, "location_dest_id": stock.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "location_id": supplier.id,
                "location_dest_id": stock.id})
                for product, qty in ((cls.paint, 24), (cls.phone, 1), (cls.screws, 5))]})
        cls.receipt.action_confirm()

    def scan_screen(self):
        """OCA's scan screen of the receipt, opened by the worker."""
        action = self.receipt.sudo(self.worker).action_barcode_scan()
        return self.env["wiz.stock.barcodes.read.picking"].sudo(self.worker).with_context(
            action["context"]).create({})

    @staticmethod
    def scan(wizard, barcode):
        wizard._barcode_scanned = barcode
        wizard._on_barcode_scanned()

    def done(self, product):
        lines = self.receipt.move_line_ids.filtered(
            lambda ml: ml.product_id == product and ml.qty_done)
        return sorted((ml.lot_id.name or "", ml.qty_done) for ml in lines)

    def test_gs1_datamatrix_books_a_new_batch_with_its_dates_and_quantity(self):
        wizard = self.scan_screen()
        self.scan(wizard, "]d2010%s11260301172612313724\x1d10SB-1" % GTIN)
        self.assertEqual(wizard.message_type, "success", wizard.message)
        self.assertEqual(self.done(self.paint), [("SB-1", 24.0)])
        lot = wizard.lot_id
        self.assertEqual((lot.name, lot.product_id), ("SB-1", self.paint))
        self.assertEqual((lot.production_date, lot.expiry_day), ("2026-03-01", "2026-12-31"))

    def test_digital_link_and_serials(self):
        wizard = self.scan_screen()
        self.scan(wizard, "https://id.example.com/01/0%s/10/SB-DL?17=270131" % GTIN)
        self.assertEqual(wizard.message_type, "success", wizard.message)
        self.assertEqual(self.done(self.paint), [("SB-DL", 1.0)])
        self.assertEqual(wizard.lot_id.expiry_day, "2027-01-31")
        self.scan(wizard, "(01)05012345678900(21)SN-77")
        self.assertEqual(self.done(self.phone), [("SN-77", 1.0)])

    def test_damaged_scan_is_named_and_nothing_booked(self):
        wizard = self.scan_screen()
        self.scan(wizard, "(01)09506000134353(10)SB-X")
        self.assertEqual(wizard.message_type, "not_found")
        self.assertIn("check digit", wizard.message)
        # a serial number is one unit
        self.scan(wizard, "(01)05012345678900(37)3(21)SN-3")
        self.assertEqual(wizard.message_type, "not_found")
        self.assertIn("tracked by serial number", wizard.message)
        self.assertFalse(self.receipt.move_line_ids.filtered("qty_done"))
        self.assertFalse(self.env["stock.production.lot"].search(
            [("name", "in", ("SB-X", "SN-3"))]))

    def test_plain_barcodes_are_read_the_oca_way(self):
        wizard = self.scan_screen()
        self.scan(wizard, "8480000723208")
        self.assertEqual(wizard.message_type, "success", wizard.message)
        self.assertEqual(self.done(self.screws), [("", 1.0)])

    def test_new_lot_dialog_takes_a_gs1_scan(self):
        dialog = self.env["wiz.stock.barcodes.new.lot"].sudo(self.worker).new()
        self.scan(dialog, "(01)0%s(11)260105(17)280229(10)NEW-1" % GTIN)
        self.assertEqual((dialog.product_id, dialog.lot_name), (self.paint, "NEW-1"))
        self.assertEqual((dialog.production_date, dialog.expiry_day),
                         ("2026-01-05", "2028-02-29"))
        wizard = self.scan_screen()
        lot = dialog.with_context(active_model=wizard._name, active_id=wizard.id).confirm()
        self.assertEqual((lot.name, lot.production_date, lot.expiry_day),
                         ("NEW-1", "2026-01-05", "2028-02-29"))
        self.assertEqual(wizard.lot_id, lot)
        # a plain lot number after the product, as OCA's own dialog takes it
        plain = self.env["wiz.stock.barcodes.new.lot"].sudo(self.worker).new()
        self.scan(plain, GTIN)
        self.scan(plain, "8433281xy6850")
        self.assertEqual((plain.product_id, plain.lot_name), (self.paint, "8433281xy6850"))
