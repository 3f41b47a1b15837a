"""Labels printed straight to a label printer, as the warehouse worker.

A fake Zebra printer listens on 127.0.0.1 and records what it receives. The
received ZPL is rendered to images by npm zpl-renderer-js (in Node), and the
symbols on those images are decoded with zxing-cpp: the test checks what a
real printer would print, not only what was sent.
"""
import base64
import socket

from .fake_printer import FakePrinter, closed_port, printed_symbols
from .scan_common import ScanCase


class TestLabelPrinter(ScanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.layout = cls.env["cloudoffice.label.layout"].create({
            "name": "Test Zebra 4x2", "output": "zpl", "width_mm": 101.6, "height_mm": 50.8,
            "dpi": "203", "barcode_kind": "gs1_datamatrix"})
        cls.fake = FakePrinter()
        # setting up printers is the administrator's work
        cls.printer = cls.env["cloudoffice.label.printer"].create({
            "name": "Dock Zebra", "host": "127.0.0.1", "port": cls.fake.port, "timeout": 5,
            "layout_id": cls.layout.id})

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()
        super().tearDownClass()

    def test_labels_reach_the_printer_and_print_what_they_should(self):
        job = self.printer.sudo(self.worker).cloudoffice_print_items(
            [{"lot": self.lot_a, "copies": 2}, {"lot": self.serial_1}])
        self.assertEqual((job.state, job.label_count, job.user_id), ("done", 3, self.worker))
        self.assertEqual(job.cloudoffice_message(), "3 labels sent to Dock Zebra.")
        received = self.fake.wait_for_jobs(1)[-1]
        self.assertEqual(received, base64.b64decode(job.content))
        # two label formats, the first printed twice (^PQ2)
        formats = received.decode("utf-8").split("^XZ")
        self.assertIn("^PQ2", formats[0])
        self.assertNotIn("^PQ", formats[1])
        labels = printed_symbols(received)
        self.assertEqual(len(labels), 2)
        self.assertEqual(labels[0][0][0], "]d2")
        self.assertEqual(labels[0][0][1],
                         "(01)09506000134352(11)260110(15)261231(17)270131(10)PA-1")
        self.assertEqual(labels[1][0][1], "(01)05012345678900(21)SN-001")

    def test_a_refused_job_is_kept_and_retried(self):
        printer = self.printer.copy({"name": "Office Zebra", "port": closed_port()})
        job = printer.sudo(self.worker).cloudoffice_print_items([{"lot": self.lot_b}])
        self.assertEqual(job.state, "failed")
        self.assertIn("Office Zebra (127.0.0.1:%d) refused the connection" % printer.port,
                      job.cloudoffice_message())
        self.assertIn("kept in Print Jobs", job.cloudoffice_message())
        failed = self.env["cloudoffice.label.print.job"].sudo(self.worker).search(
            [("state", "=", "failed")])
        self.assertIn(job, failed)
        before = len(self.fake.jobs)
        printer.port = self.fake.port  # the printer is back
        job.sudo(self.worker).action_retry()
        self.assertEqual((job.state, job.attempts, job.error), ("done", 2, False))
        received = self.fake.wait_for_jobs(before + 1)[-1]
        self.assertTrue(printed_symbols(received)[0][0][1].endswith("(10)PA-2"))

    def test_a_printer_that_does_not_answer_times_out(self):
        # a listener whose queue is full: the connection is never accepted
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen(0)
        waiting = [socket.create_connection(busy.getsockname(), timeout=1)]
        try:
            printer = self.printer.copy({"name": "Far Zebra", "port": busy.getsockname()[1],
                                         "timeout": 1})
            job = printer.sudo(self.worker).cloudoffice_print_items([{"lot": self.lot_b}])
        finally:
            for sock in waiting:
                sock.close()
            busy.close()
        self.assertEqual(job.state, "failed")
        self.assertIn("did not answer within 1 seconds", job.error)

    def test_default_printer_and_companies(self):
        Printer = self.env["cloudoffice.label.printer"]
        warehouse = self.env.ref("stock.warehouse0")
        own = self.printer.copy({"name": "Worker's Zebra", "user_ids": [(6, 0, self.worker.ids)]})
        dock = self.printer.copy({"name": "Warehouse Zebra", "sequence": 1,
                                  "warehouse_ids": [(6, 0, warehouse.ids)]})
        self.assertEqual(Printer.sudo(self.worker).cloudoffice_default_printer(warehouse), own)
        own.user_ids = False
        self.assertEqual(Printer.sudo(self.worker).cloudoffice_default_printer(warehouse), dock)
        other = self.env["res.company"].create({"name": "Other Labels AB"})
        foreign = self.printer.copy({"name": "Foreign Zebra", "company_id": other.id})
        self.assertNotIn(foreign, Printer.sudo(self.worker).search([]))
        with self.assertRaisesRegex(Exception, "choose a ZPL label layout"):
            self.printer.copy({"layout_id": self.env["cloudoffice.label.layout"].create(
                {"name": "Sheet", "output": "pdf_single"}).id})
