import base64
import io

import openpyxl

from .common_reports import ReportsCase


class TestReportExports(ReportsCase):
    """PDF (its HTML, as the test environment renders it) and XLSX of the
    reports carry the figures the screen shows; the batch form's buttons
    open the reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._lot(cls.honey, "RX-HONEY")
        cls._move(cls.lot, 40, cls.supplier_loc, cls.stock1, cls.base_date, partner=cls.supplier,
                  picking_type=cls.wh1.in_type_id)
        cls._move(cls.lot, 15, cls.stock1, cls.customer_loc, cls.base_date.replace(day=3),
                  partner=cls.customer_a)

    def _xlsx(self, wizard):
        """Press Export XLSX: the browser is sent to the file, as a download."""
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith("/web/content/%s/%d/export_file/" % (
            wizard._name, wizard.id)))
        self.assertTrue(wizard.export_file_name.endswith(".xlsx"))
        self.assertIn(wizard.export_file_name, action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.export_file)))

    def test_balance_xlsx_and_pdf(self):
        wizard = self.env["cloudoffice.lot.balance.wizard"].create({
            "date_from": "2024-03-01", "date_to": "2024-03-05", "lot_ids": [(6, 0, self.lot.ids)]})
        sheet = self._xlsx(wizard).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = rows.index(["Product", "Batch/Serial", "Warehouse", "Location", "Expiry Date",
                             "Opening", "In", "Out", "Closing", "Unit"])
        self.assertEqual(rows[header + 1][1:], ["RX-HONEY", self.wh1.display_name,
                                                self.stock1.display_name, None, 0, 40, 15, 25,
                                                "Unit(s)"])
        html = self.env.ref("cloudoffice_lots.report_lot_balance_pdf").render_qweb_html(wizard.ids)[0]
        html = html.decode()
        self.assertIn("Batch Balance 2024-03-01 - 2024-03-05", html)
        self.assertIn("RX-HONEY", html)
        self.assertIn("25.000", html)

    def test_statement_pdf_names_supplier_and_customer(self):
        wizard = self.env["cloudoffice.lot.statement.wizard"].create({"lot_ids": [(6, 0, self.lot.ids)]})
        wizard.action_print()
        html = self.env.ref("cloudoffice_lots.report_lot_statement_pdf").render_qweb_html(
            wizard.ids)[0].decode()
        self.assertIn("Sold to: Shop A (15.000 Unit(s))", html)
        self.assertIn("Bee Farm Ltd", html)
        book = self._xlsx(wizard)
        values = [cell.value for row in book.active.iter_rows() for cell in row]
        self.assertIn("Delivery", values)
        self.assertIn(25, values)

    def test_trace_xlsx_lists_customers(self):
        action = self.env["cloudoffice.lot.trace.wizard"].action_open_for_lots(self.lot)
        wizard = self.env["cloudoffice.lot.trace.wizard"].browse(action["res_id"])
        book = self._xlsx(wizard)
        self.assertEqual(book.sheetnames[0], "Affected Customers")
        values = [cell.value for row in book["Affected Customers"].iter_rows() for cell in row]
        self.assertIn("buyer@shop-a.example", values)
        self.assertIn(15, values)

    def test_lot_form_buttons(self):
        view = self.env.ref("cloudoffice_lots.view_production_lot_form_reports")
        self.assertIn("Traceability", view.arch)
        ctx = {"active_id": self.lot.id, "active_ids": self.lot.ids,
               "active_model": "stock.production.lot"}
        for xmlid, model in (("action_lot_statement_from_lot", "cloudoffice.lot.statement.line"),
                             ("action_lot_balance_from_lot", "cloudoffice.lot.balance.line"),
                             ("action_lot_trace_from_lot", "cloudoffice.lot.trace.wizard")):
            action = self.env.ref("cloudoffice_lots." + xmlid).with_context(ctx).run()
            self.assertEqual(action["res_model"], model)
