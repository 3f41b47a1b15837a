"""Print Labels from a batch and from a receipt, as the warehouse worker:
the dialog proposes the worker's (else the warehouse's) printer, sends the
labels and says how many went out, or why not; a job that failed is kept
and printed once the printer is back. What arrives at the fake printer is
rendered from its ZPL and decoded, as a real printer would print it."""
from odoo.exceptions import UserError

from .fake_printer import FakePrinter, closed_port, printed_symbols
from .scan_common import ScanCase


class TestLabelPrintToPrinter(ScanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.warehouse = cls.env.ref("stock.warehouse0")
        cls.zpl = cls.env["cloudoffice.label.layout"].create({
            "name": "Dock 4x2", "output": "zpl", "width_mm": 101.6, "height_mm": 50.8,
            "dpi": "203", "barcode_kind": "gs1_datamatrix"})
        cls.sheet = cls.env["cloudoffice.label.layout"].create({
            "name": "Office Sheet", "output": "pdf_sheet", "width_mm": 70, "height_mm": 37,
            "columns": 3, "rows": 8})
        cls.fake = FakePrinter()
        # setting up printers is the administrator's work
        cls.own = cls.env["cloudoffice.label.printer"].create({
            "name": "Erik's Zebra", "host": "127.0.0.1", "port": cls.fake.port, "timeout": 5,
            "layout_id": cls.zpl.id, "user_ids": [(6, 0, cls.worker.ids)]})

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()
        super().tearDownClass()

    def dialog(self, button_action):
        """The Print Labels dialog a button opens, as the worker sees it."""
        return self.env["cloudoffice.label.print"].sudo(self.worker).with_context(
            **button_action["context"]).create({})

    def test_batch_labels_go_to_the_workers_printer(self):
        wizard = self.dialog(self.lot_a.sudo(self.worker).action_cloudoffice_print_labels())
        self.assertEqual((wizard.printer_id, wizard.layout_id), (self.own, self.zpl))
        wizard.copies = 2
        before = len(self.fake.jobs)
        action = wizard.action_send()
        # the dialog stays open and says what went out
        self.assertEqual((action["res_model"], action["res_id"], action["target"]),
                         ("cloudoffice.label.print", wizard.id, "new"))
        self.assertEqual(wizard.job_state, "done")
        self.assertEqual(wizard.job_message, "2 labels sent to Erik's Zebra.")
        self.assertEqual((wizard.job_id.origin, wizard.job_id.user_id),
                         ("PA-1", self.worker))
        received = self.fake.wait_for_jobs(before + 1)[before]
        self.assertIn("^PQ2", received.decode("utf-8"))
        self.assertEqual(printed_symbols(received), [[(
            "]d2", "(01)09506000134352(11)260110(15)261231(17)270131(10)PA-1")]])

    def test_receipt_labels_for_the_received_batches(self):
        receipt = self.receipt([(self.paint, 5), (self.phone, 1)])
        receipt.cloudoffice_apply_scan("(01)09506000134352(37)4(17)270101(10)R-1")
        receipt.cloudoffice_apply_scan("(01)09506000134352(10)R-2")
        receipt.cloudoffice_apply_scan("(01)05012345678900(21)SN-R1")
        # no printer of the worker's own: the receipt's warehouse's is proposed
        self.own.user_ids = False
        dock = self.own.copy({"name": "Receiving Zebra", "sequence": 1,
                              "warehouse_ids": [(6, 0, self.warehouse.ids)]})
        wizard = self.dialog(receipt.sudo(self.worker).action_cloudoffice_print_labels())
        self.assertEqual(wizard.printer_id, dock)
        before = len(self.fake.jobs)
        wizard.action_send()
        self.assertEqual(wizard.job_message, "3 labels sent to Receiving Zebra.")
        self.assertEqual(wizard.job_id.origin, receipt.name)
        received = self.fake.wait_for_jobs(before + 1)[before]
        printed = sorted(code[1] for label in printed_symbols(received) for code in label)
        self.assertEqual(printed, ["(01)05012345678900(21)SN-R1",
                                   "(01)09506000134352(10)R-2",
                                   "(01)09506000134352(17)270101(10)R-1"])

    def test_printer_down_keeps_the_job_and_retry_prints_it(self):
        self.own.port = closed_port()
        wizard = self.dialog(self.lot_b.sudo(self.worker).action_cloudoffice_print_labels())
        wizard.action_send()
        self.assertEqual(wizard.job_state, "failed")
        self.assertIn("Erik's Zebra (127.0.0.1:%d) refused the connection: is it switched on"
                      % self.own.port, wizard.job_message)
        self.assertIn("The job is kept in Print Jobs", wizard.job_message)
        # the worker finds it in Print Jobs (failed ones shown first)
        action = self.env.ref("cloudoffice_lots.action_label_print_job")
        failed = self.env["cloudoffice.label.print.job"].sudo(self.worker).search(
            [("state", "=", "failed")])
        self.assertIn("search_default_failed", action.context)
        self.assertIn(wizard.job_id, failed)
        self.assertEqual(wizard.job_id.origin, "PA-2")
        # the printer is back: Retry in the dialog prints the kept labels
        self.own.port = self.fake.port
        before = len(self.fake.jobs)
        wizard.action_retry()
        self.assertEqual((wizard.job_state, wizard.job_id.attempts), ("done", 2))
        self.assertEqual(wizard.job_message, "1 label sent to Erik's Zebra.")
        received = self.fake.wait_for_jobs(before + 1)[before]
        self.assertEqual(printed_symbols(received)[0][0][1], "(01)09506000134352(10)PA-2")

    def test_a_layout_the_printer_cannot_print(self):
        wizard = self.dialog(self.lot_a.sudo(self.worker).action_cloudoffice_print_labels())
        # choosing the printer again brings its own layout back
        wizard.layout_id = self.sheet
        wizard._onchange_printer_id()
        self.assertEqual(wizard.layout_id, self.zpl)
        wizard.layout_id = self.sheet
        jobs = self.env["cloudoffice.label.print.job"].search_count([])
        with self.assertRaises(UserError) as caught:
            wizard.action_send()
        self.assertEqual(caught.exception.name, (
            "Printer Erik's Zebra cannot print the label layout Office Sheet: choose a ZPL "
            "layout for a ZPL printer, a PDF layout for a CUPS printer."))
        self.assertEqual(self.env["cloudoffice.label.print.job"].search_count([]), jobs)
        # without a printer the labels can still be downloaded
        wizard.printer_id = False
        self.assertEqual(wizard.action_print()["type"], "ir.actions.act_url")
        with self.assertRaises(UserError):
            wizard.action_send()
