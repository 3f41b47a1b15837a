"""Long work off the request, as the users meet it: a warehouse worker
printing labels for hundreds of serials, a quality manager exporting a large
balance, a balance after a back-dated move. Above the company's threshold
the button answers at once with a background task; running its jobs (as
queue_job's runner does) gives the same file the button gives right away
below the threshold, the task reaches 100 % and the user is told.

The tasks write their progress in a cursor of their own; here Odoo's test
mode serves every cursor from the test's transaction (as Odoo's HTTP tests
do), so all of it is rolled back at the end. tests/production/test_long_work.py
runs the same on a prefork server with its job runner and time limits."""
import base64
import datetime
import io

import openpyxl
from odoo import SUPERUSER_ID, api, fields
from odoo.addons.queue_job.job import Job
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from ..reports.queries import snapshots
from .test_labels_engine import pdf_text

SERIALS = 300


class TestBackgroundTasks(TransactionCase):

    def setUp(self):
        super().setUp()
        # One transaction for the test and the tasks' own cursors.
        own_cr, own_env = self.cr, self.env

        def restore():
            self.cr, self.env = own_cr, own_env

        self.addCleanup(restore)
        self.registry.enter_test_mode()
        self.addCleanup(self.registry.leave_test_mode)
        self.cr = self.registry.cursor()
        self.addCleanup(self.cr.close)
        self.env = api.Environment(self.cr, SUPERUSER_ID, {})
        env = self.env
        self.company = env.ref("base.main_company")
        self.company.cloudoffice_background_threshold = 100
        users = env["res.users"]
        self.warehouse = users.search([("login", "=", "warehouse")])
        self.quality = users.search([("login", "=", "quality")])
        self.stock = env.ref("stock.stock_location_stock")
        self.phone = env["product.product"].create({
            "name": "Aurora Phone 7", "default_code": "AP7", "type": "product",
            "tracking": "serial", "barcode": "5012345678900"})
        lots = env["stock.production.lot"].with_context(tracking_disable=True)
        self.serials = lots.browse([lots.create({
            "name": "AP7-%05d" % index, "product_id": self.phone.id}).id
            for index in range(1, SERIALS + 1)])
        self.sheet = env["cloudoffice.label.layout"].create({
            "name": "Sheet 3x8", "output": "pdf_sheet", "width_mm": 70, "height_mm": 37,
            "columns": 3, "rows": 8, "barcode_kind": "gs1_datamatrix"})
        self.zebra = env["cloudoffice.label.layout"].create({
            "name": "Zebra", "output": "zpl", "width_mm": 101.6, "height_mm": 50.8,
            "dpi": "203", "barcode_kind": "gs1_datamatrix"})

    def run_jobs(self):
        """Run the pending jobs of our channel as the job runner does, each
        step in turn (a step queues the next); returns how many ran."""
        ran = 0
        while True:
            record = self.env["queue.job"].search([
                ("state", "=", "pending"), ("channel", "=", "root.cloudoffice_lots")],
                order="id", limit=1)
            if not record:
                return ran
            job = Job.load(self.env, record.uuid)
            job.set_started()
            job.store()
            job.perform()
            job.set_done()
            job.store()
            ran += 1

    def print_labels(self, user, layout, skip=1):
        wizard = self.env["cloudoffice.label.print"].sudo(user).with_context(
            active_model="stock.production.lot", active_ids=self.serials.ids).create(
                {"layout_id": layout.id, "skip": skip})
        return wizard, wizard.action_print()

    def assert_told(self, task, user, file_name):
        """The user got a message (inbox or e-mail, as they chose) with the file."""
        messages = task.sudo().message_ids.filtered(lambda m: user.partner_id in m.partner_ids)
        self.assertEqual(len(messages), 1)
        self.assertIn("is ready", messages.body)
        self.assertTrue(self.env["mail.notification"].search([
            ("mail_message_id", "=", messages.id), ("res_partner_id", "=", user.partner_id.id)]))
        self.assertEqual(messages.attachment_ids.mapped("datas_fname"), [file_name])
        return base64.b64decode(messages.attachment_ids.datas)

    def immediate(self, wizard, field):
        """The same work right away: the threshold off, the button again."""
        self.company.cloudoffice_background_threshold = 0
        action = wizard.action_print() if field == "file" else wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        return base64.b64decode(wizard[field])

    def test_labels_for_hundreds_of_serials_on_sheets(self):
        wizard, action = self.print_labels(self.warehouse, self.sheet, skip=5)
        # The dialog answers at once with the task, not the file.
        self.assertEqual(action["res_model"], "cloudoffice.lot.background.task")
        task = self.env["cloudoffice.lot.background.task"].sudo(self.warehouse).browse(action["res_id"])
        self.assertEqual((task.state, task.done_count, task.total_count, task.progress),
                         ("queued", 0, SERIALS, 0.0))
        self.assertFalse(task.file)
        jobs = self.env["queue.job"].search([("channel", "=", "root.cloudoffice_lots")])
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.user_id, self.warehouse)

        # 300 labels in chunks of 240 (whole sheets of 24), as many chunks
        # per step as the time budget allows (here one step, on a prefork
        # server with short limits several: tests/production).
        self.assertGreaterEqual(self.run_jobs(), 1)
        task.invalidate_cache()
        self.assertEqual((task.state, task.done_count, task.progress), ("done", SERIALS, 100.0))
        self.assertEqual(task.file_name, "labels.pdf")
        background = base64.b64decode(task.file)
        self.assertEqual(self.assert_told(task, self.warehouse, "labels.pdf"), background)

        right_away = self.immediate(wizard, "file")
        pages = right_away.count(b"/Type /Page\n")
        # 5th position of the first sheet: 4 + 300 labels on 24-label sheets.
        self.assertEqual(pages, 13)
        self.assertEqual(pdf_text(background), pdf_text(right_away))
        for page in (1, 11, 13):
            self.assertEqual(pdf_text(background, page), pdf_text(right_away, page))
        self.assertIn("AP7-00001", pdf_text(background, 1))
        self.assertIn("AP7-00300", pdf_text(background, 13))
        # Two parts joined; nothing left behind but the result.
        self.assertFalse(task.sudo()._cloudoffice_parts())

    def test_labels_for_a_zebra_printer_are_the_same_file(self):
        wizard, action = self.print_labels(self.warehouse, self.zebra)
        task = self.env["cloudoffice.lot.background.task"].sudo(self.warehouse).browse(action["res_id"])
        self.assertGreaterEqual(self.run_jobs(), 1)
        self.assertEqual(task.state, "done")
        self.assertEqual(base64.b64decode(task.file), self.immediate(wizard, "file"))
        self.assertEqual(base64.b64decode(task.file).count(b"^XA"), SERIALS)

    def receive(self, serials, date=None):
        """A done receipt of ``serials`` (dated ``date``, a back-dated entry)."""
        supplier = self.env.ref("stock.stock_location_suppliers")
        move = self.env["stock.move"].create({
            "name": "Receipt", "product_id": self.phone.id, "product_uom": self.phone.uom_id.id,
            "product_uom_qty": len(serials), "location_id": supplier.id,
            "location_dest_id": self.stock.id,
            "picking_type_id": self.env.ref("stock.picking_type_in").id})
        move._action_confirm()
        for serial in serials:
            self.env["stock.move.line"].create({
                "move_id": move.id, "product_id": self.phone.id, "lot_id": serial.id,
                "product_uom_id": self.phone.uom_id.id, "qty_done": 1,
                "location_id": supplier.id, "location_dest_id": self.stock.id})
        move._action_done()
        if date:
            move.move_line_ids.write({"date": fields.Datetime.to_string(date)})

    def test_large_balance_export_as_quality_manager(self):
        self.receive(self.serials)
        wizard = self.env["cloudoffice.lot.balance.wizard"].sudo(self.quality).create(
            {"product_ids": [(6, 0, self.phone.ids)]})
        action = wizard.action_export()
        self.assertEqual(action["res_model"], "cloudoffice.lot.background.task")
        task = self.env["cloudoffice.lot.background.task"].sudo(self.quality).browse(action["res_id"])
        self.assertEqual((task.kind, task.total_count), ("export", SERIALS))
        # 300 rows in chunks of 250.
        self.assertGreaterEqual(self.run_jobs(), 1)
        task.invalidate_cache()
        self.assertEqual((task.state, task.progress), ("done", 100.0))
        self.assertEqual(task.file_name, "batch_balance.xlsx")
        background = base64.b64decode(task.file)
        self.assertEqual(self.assert_told(task, self.quality, "batch_balance.xlsx"), background)

        def cells(content):
            book = openpyxl.load_workbook(io.BytesIO(content))
            return [[[cell.value for cell in row] for row in sheet.iter_rows()]
                    for sheet in book.worksheets]

        rows = cells(background)
        self.assertEqual(rows, cells(self.immediate(wizard, "export_file")))
        serial_rows = [row for row in rows[0] if row[1] and str(row[1]).startswith("AP7-")]
        self.assertEqual(len(serial_rows), SERIALS)
        self.assertEqual({row[-2] for row in serial_rows}, {1})

    def test_balance_history_after_a_back_dated_move(self):
        # A receipt entered today but dated a year back: the month snapshots
        # since then are forgotten (the trigger) and must be rebuilt.
        year_ago = datetime.datetime.utcnow().replace(day=1) - datetime.timedelta(days=365)
        self.receive(self.serials[:150], date=year_ago)
        # Today's balance is the quants and needs no history: the balance
        # asked for is one of 40 days ago, with a receipt since.
        self.receive(self.serials[150:151])
        today = self.env["cloudoffice.lot.balance.wizard"].sudo(self.quality).create(
            {"product_ids": [(6, 0, self.phone.ids)]})
        self.assertEqual(today.action_show()["res_model"], "cloudoffice.lot.balance.line")
        self.assertEqual(sum(today.line_ids.mapped("closing")), 151)
        weeks_ago = fields.Date.to_string(datetime.date.today() - datetime.timedelta(days=40))
        wizard = self.env["cloudoffice.lot.balance.wizard"].sudo(self.quality).create(
            {"product_ids": [(6, 0, self.phone.ids)], "date_to": weeks_ago})
        months, lines = snapshots.pending(self.env.cr, wizard._day_end(wizard.date_to))
        self.assertGreaterEqual(months, 10)
        self.assertGreaterEqual(lines, 150)

        action = wizard.action_show()
        self.assertEqual(action["res_model"], "cloudoffice.lot.background.task")
        task = self.env["cloudoffice.lot.background.task"].sudo(self.quality).browse(action["res_id"])
        self.assertEqual((task.kind, task.total_count), ("snapshots", months))
        self.assertGreaterEqual(self.run_jobs(), 1)
        task.invalidate_cache()
        self.assertEqual((task.state, task.done_count, task.progress), ("done", months, 100.0))
        self.assertFalse(task.file)
        messages = task.sudo().message_ids.filtered(
            lambda m: self.quality.partner_id in m.partner_ids)
        self.assertIn("is done", messages.body)
        self.assertEqual(snapshots.pending(self.env.cr, wizard._day_end(wizard.date_to)), (0, 0))
        # Run again, the balance shows at once: the 150 serials received a
        # year ago.
        action = wizard.action_show()
        self.assertEqual(action["res_model"], "cloudoffice.lot.balance.line")
        self.assertEqual(len(wizard.line_ids), 150)
        self.assertEqual(sum(wizard.line_ids.mapped("closing")), 150)

    def test_small_work_stays_immediate_and_tasks_are_private(self):
        wizard = self.env["cloudoffice.label.print"].sudo(self.warehouse).create(
            {"layout_id": self.zebra.id, "lot_ids": [(6, 0, self.serials[:100].ids)]})
        self.assertEqual(wizard.action_print()["type"], "ir.actions.act_url")
        self.assertFalse(self.env["queue.job"].search([("channel", "=", "root.cloudoffice_lots")]))
        _wizard, action = self.print_labels(self.warehouse, self.zebra)
        task = self.env["cloudoffice.lot.background.task"].browse(action["res_id"])
        Tasks = self.env["cloudoffice.lot.background.task"]
        self.assertEqual(Tasks.sudo(self.warehouse).search([]), task)
        self.assertFalse(Tasks.sudo(self.quality).search([]))
        with self.assertRaises(AccessError):
            task.sudo(self.quality).read(["file"])

    def test_a_swedish_worker_is_told_in_swedish(self):
        """The job keeps the user but not the context of the request: the
        task, the file and the message are still in the worker's language."""
        self.env["res.lang"].load_lang("sv_SE")
        self.env["ir.translation"].load_module_terms(["cloudoffice_lots"], ["sv_SE"])
        self.warehouse.lang = "sv_SE"
        _wizard, action = self.print_labels(self.warehouse, self.zebra)
        task = self.env["cloudoffice.lot.background.task"].sudo(self.warehouse).browse(action["res_id"])
        self.assertEqual(task.name, "300 etiketter (Zebra)")
        self.run_jobs()
        self.assertEqual((task.state, task.file_name), ("done", "etiketter.zpl"))
        message = task.sudo().message_ids.filtered(
            lambda m: self.warehouse.partner_id in m.partner_ids)
        self.assertIn("300 etiketter (Zebra) är klar: filen är bifogad", message.body)

    def test_a_step_whose_worker_died_is_run_again(self):
        """A worker killed in the middle of a step leaves its job "started";
        the cron requeues it once no worker can still be running it, and the
        labels come out whole."""
        _wizard, action = self.print_labels(self.warehouse, self.zebra)
        task = self.env["cloudoffice.lot.background.task"].sudo(self.warehouse).browse(action["res_id"])
        job = self.env["queue.job"].search([("channel", "=", "root.cloudoffice_lots")])
        Jobs = self.env["queue.job"]
        lost_after = Jobs._cloudoffice_lost_after_seconds()
        now = datetime.datetime.utcnow()
        # Started a minute ago: its worker may still be at it.
        job.write({"state": "started", "date_started": fields.Datetime.to_string(
            now - datetime.timedelta(seconds=60))})
        self.assertEqual(Jobs._cron_cloudoffice_requeue_lost_jobs(), 0)
        self.assertEqual(job.state, "started")
        # Past any worker's time: the process died.
        job.write({"date_started": fields.Datetime.to_string(
            now - datetime.timedelta(seconds=lost_after + 1))})
        self.assertEqual(Jobs._cron_cloudoffice_requeue_lost_jobs(), 1)
        self.assertEqual(job.state, "pending")
        self.assertGreaterEqual(self.run_jobs(), 1)
        task.invalidate_cache()
        self.assertEqual((task.state, task.done_count), ("done", SERIALS))
        self.assertEqual(base64.b64decode(task.file).count(b"^XA"), SERIALS)
