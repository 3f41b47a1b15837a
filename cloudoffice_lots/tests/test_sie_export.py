"""An accountant exports a month as SIE 4: batch and serial goods sold,
delivered (stock valuation entries) and invoiced; the file read back with our
reader holds the journal entries and the batches/serials; problems are listed
before writing; the same period twice gives the same bytes; the monthly
scheduled action mails the file; the log follows the company rules."""
import base64
import datetime
from collections import Counter
from decimal import Decimal

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..sie import read
from .sale_lot_common import SaleLotCase


class TestSieExport(SaleLotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.user.company_id
        # warehouse changes are booked: products valued in real time
        cls.valued = env["product.category"].create({
            "name": "Valued Goods", "property_valuation": "real_time", "property_cost_method": "standard"})
        cls.honey.write({"categ_id": cls.valued.id, "standard_price": 30.0})
        cls.phone.write({"categ_id": cls.valued.id, "standard_price": 2000.0})
        cls.accountant = env["res.users"].create({
            "name": "Astrid Accountant", "login": "astrid.sie", "email": "astrid@example.com",
            "company_id": cls.company.id, "company_ids": [(6, 0, [cls.company.id])],
            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                  env.ref("account.group_account_manager").id])],
        })
        today = datetime.date.today()
        cls.date_from = fields.Date.to_string(today.replace(day=1))
        cls.date_to = fields.Date.to_string(
            (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1))

    def sell(self, honey_lots, serials):
        """Sell, choose, deliver and invoice honey batches and phone serials;
        return the validated invoice."""
        order = self.make_order([(self.honey, sum(honey_lots.values())), (self.phone, len(serials))])
        self.choose(order.order_line[0], honey_lots)
        self.choose(order.order_line[1], {lot: 1.0 for lot in serials})
        order.action_confirm()
        self.deliver(order.picking_ids)
        invoice = self.env["account.invoice"].browse(order.action_invoice_create())
        invoice.action_invoice_open()
        return invoice

    def wizard(self, user=None, **values):
        env = self.env(user=(user or self.accountant).id)
        return env["cloudoffice.sie.export"].create(dict(
            {"company_id": self.company.id, "date_from": self.date_from, "date_to": self.date_to},
            **values))

    def export(self, wizard):
        wizard.action_check()
        self.assertFalse(wizard.error_count, wizard.problem_ids.mapped("message"))
        wizard.accept_warnings = True
        wizard.action_export()
        return base64.b64decode(wizard.data)

    def moves_of_period(self):
        moves = self.env["account.move"].search([
            ("company_id", "=", self.company.id), ("state", "=", "posted"),
            ("date", ">=", self.date_from), ("date", "<=", self.date_to)])
        return moves.filtered(lambda m: m.stock_move_id or m.line_ids.mapped("invoice_id"))

    def test_exported_file_holds_the_journal_entries_and_their_batches(self):
        invoice = self.sell({self.h_soon: 5.0, self.h_late: 3.0}, self.serials[:3])
        sie = read(self.export(self.wizard()))
        self.assertEqual(sie.errors, [])
        self.assertTrue(sie.checksum_ok)
        self.assertEqual(sie.company_name, self.company.name)
        moves = self.moves_of_period()
        self.assertIn(invoice.move_id, moves)
        self.assertEqual(len(sie.vouchers), len(moves))
        for move in moves:
            voucher = [v for v in sie.vouchers if v.text.split(" ")[0] == move.name]
            self.assertEqual(len(voucher), 1, move.name)
            voucher = voucher[0]
            self.assertEqual(voucher.number, "")
            self.assertEqual(voucher.date, fields.Date.from_string(move.date))
            rows = Counter((row.account, row.amount) for row in voucher.transactions if row.amount)
            lines = Counter((line.account_id.code, Decimal("%.2f" % line.balance))
                            for line in move.line_ids if line.balance)
            self.assertEqual(rows, lines, move.name)
            kind = move.line_ids.mapped("invoice_id")[:1].type or "stock"
            self.assertEqual(voucher.series, {"stock": "L", "out_invoice": "B", "out_refund": "B",
                                              "in_invoice": "D", "in_refund": "D"}[kind], move.name)
        # the invoice's product rows name their batches and serials, uncut
        voucher = [v for v in sie.vouchers if v.text.startswith(invoice.move_id.name + " ")][0]
        self.assertIn(self.customer.name, voucher.text)
        texts = " | ".join(row.text for row in voucher.transactions)
        self.assertIn("FH-350: H-SOON:5, H-LATE:3", texts)
        self.assertIn("AP5: AP5-0001, AP5-0002, AP5-0003", texts)
        honey_row = [row for row in voucher.transactions if row.text.startswith("FH-350")][0]
        self.assertEqual(honey_row.quantity, 8.0)
        # the warehouse change of the phones names the serials too
        stock_texts = [row.text for v in sie.vouchers if v.series == "L" for row in v.transactions]
        self.assertIn("AP5: AP5-0001, AP5-0002, AP5-0003", stock_texts)

    def test_supplier_invoice_names_the_received_batches(self):
        supplier = self.env["res.partner"].create({"name": "Biodling Syd AB", "supplier": True})
        order = self.env["purchase.order"].create({"partner_id": supplier.id, "order_line": [(0, 0, {
            "product_id": self.honey.id, "name": self.honey.name, "product_qty": 30.0,
            "product_uom": self.honey.uom_id.id, "price_unit": 28.0,
            "date_planned": fields.Datetime.now()})]})
        order.button_confirm()
        picking = order.picking_ids
        move = picking.move_lines
        move.move_line_ids.unlink()
        for name, qty in (("H-IN-1", 18.0), ("H-IN-2", 12.0)):
            self.env["stock.move.line"].create({
                "move_id": move.id, "picking_id": picking.id, "product_id": self.honey.id,
                "product_uom_id": self.honey.uom_id.id, "location_id": move.location_id.id,
                "location_dest_id": move.location_dest_id.id, "lot_name": name, "qty_done": qty})
        picking.action_done()
        bill = self.env["account.invoice"].create({
            "partner_id": supplier.id, "type": "in_invoice", "purchase_id": order.id,
            "account_id": supplier.property_account_payable_id.id})
        bill.purchase_order_change()
        bill.action_invoice_open()
        sie = read(self.export(self.wizard(include_customer=False, include_stock=False)))
        voucher = [v for v in sie.vouchers if v.text.split(" ")[0] == bill.move_id.name]
        self.assertEqual(len(voucher), 1)
        self.assertEqual(voucher[0].series, "D")
        texts = [row.text for row in voucher[0].transactions]
        self.assertIn("FH-350: H-IN-1:18, H-IN-2:12", texts)

    def test_numbers_that_do_not_fit_go_to_zero_amount_rows(self):
        invoice = self.sell({self.h_soon: 1.0}, self.serials)
        sie = read(self.export(self.wizard(text_width=24, include_stock=False)))
        voucher = [v for v in sie.vouchers if v.text.startswith(invoice.move_id.name)][0]
        phone_rows = [row for row in voucher.transactions if row.text.startswith("AP5")]
        self.assertEqual([row.text for row in phone_rows],
                         ["AP5: AP5-0001, AP5-0002", "AP5: AP5-0003, AP5-0004", "AP5: AP5-0005"])
        self.assertNotEqual(phone_rows[0].amount, 0)
        self.assertEqual([row.amount for row in phone_rows[1:]], [0, 0])
        self.assertEqual(len({row.account for row in phone_rows}), 1)
        self.assertTrue(all(len(row.text) <= 24 for v in sie.vouchers for row in v.transactions))

    def test_same_period_twice_gives_the_same_file_and_a_warning(self):
        self.sell({self.h_soon: 2.0}, self.serials[:1])
        first = self.export(self.wizard())
        again = self.wizard()
        again.action_check()
        warning = again.problem_ids.filtered(lambda p: "already exported" in p.message)
        self.assertEqual(len(warning), 1)
        self.assertIn("the file will be the same", warning.message)
        self.assertIn("importing both books every voucher twice", warning.action)
        second = self.export(again)
        self.assertEqual(first, second)
        logs = self.env["cloudoffice.sie.export.log"].sudo(self.accountant).search(
            [("company_id", "=", self.company.id)])
        self.assertEqual(len(logs), 2)
        self.assertTrue(logs[0].same_as_previous)
        self.assertEqual(logs[0].previous_id, logs[1])
        self.assertEqual(logs[0].file_hash, logs[1].file_hash)
        self.assertEqual(base64.b64decode(logs[0].attachment_id.datas), second)
        self.assertEqual(logs[0].user_id, self.accountant)
        # a new invoice in the period: a different file, and the warning says so
        self.sell({self.h_late: 1.0}, self.serials[1:2])
        third = self.wizard()
        third.action_check()
        self.assertTrue(third.problem_ids.filtered(lambda p: "have changed since" in p.message))

    def test_problems_are_listed_before_anything_is_written(self):
        invoice = self.sell({self.h_soon: 2.0}, self.serials[:1])
        odd = self.env["account.account"].create({
            "code": "KASSA-X", "name": "Petty cash", "company_id": self.company.id,
            "user_type_id": self.env.ref("account.data_account_type_current_assets").id})
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company.id)], limit=1)
        income = invoice.invoice_line_ids[0].account_id
        misc = self.env["account.move"].create({
            "journal_id": journal.id, "date": self.date_from, "ref": "Kaffe – 5 €",
            "line_ids": [(0, 0, {"account_id": odd.id, "debit": 5.0, "name": "Kaffe"}),
                         (0, 0, {"account_id": income.id, "credit": 5.0, "name": "Kaffe"})]})
        misc.post()
        self.env["account.move"].create({
            "journal_id": journal.id, "date": self.date_from, "ref": "Not posted",
            "line_ids": [(0, 0, {"account_id": income.id, "debit": 1.0, "name": "x"}),
                         (0, 0, {"account_id": income.id, "credit": 1.0, "name": "x"})]})
        # a corrupted entry, as a faulty import could leave it
        line = invoice.move_id.line_ids.filtered(lambda ml: ml.credit)[0]
        self.env.cr.execute("UPDATE account_move_line SET credit = credit + 1, balance = balance - 1 "
                            "WHERE id = %s", (line.id,))
        line.invalidate_cache()
        wizard = self.wizard(include_other=True)
        wizard.action_check()
        messages = "\n".join(wizard.problem_ids.mapped("message"))
        errors = wizard.problem_ids.filtered(lambda p: p.severity == "error")
        self.assertIn("Entry %s does not balance" % invoice.move_id.name, messages)
        self.assertIn("books on account KASSA-X Petty cash, which is not in the chart", messages)
        self.assertEqual(set(errors.mapped("move_id")), {invoice.move_id, misc})
        self.assertIn("The period is not closed", messages)
        self.assertIn("1 journal entries of the period are not posted", messages)
        self.assertIn("Entry %s holds characters the SIE character set (CP437) cannot hold" % misc.name,
                      messages)
        self.assertTrue(all(p.action for p in wizard.problem_ids))
        with self.assertRaises(UserError):
            wizard.action_export()
        self.assertFalse(self.env["cloudoffice.sie.export.log"].search([]))

    def test_a_closed_period_has_no_warning(self):
        self.sell({self.h_soon: 2.0}, self.serials[:1])
        self.company.write({"period_lock_date": self.date_to})
        wizard = self.wizard(include_stock=False)
        wizard.action_check()
        self.assertFalse(wizard.problem_ids, wizard.problem_ids.mapped("message"))
        wizard.action_export()  # no warning to accept
        self.assertTrue(wizard.data)

    def test_monthly_scheduled_action_mails_last_months_file(self):
        last_month = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
        invoice = self.env["account.invoice"].create({
            "partner_id": self.customer.id, "type": "out_invoice",
            "date_invoice": fields.Date.to_string(last_month),
            "invoice_line_ids": [(0, 0, {
                "name": "Consulting", "quantity": 1, "price_unit": 1000.0,
                "account_id": self.env["account.invoice.line"]._default_account()
                or self.honey.categ_id.property_account_income_categ_id.id})]})
        invoice.action_invoice_open()
        self.company.sie_accountant_email = "revisor@example.com"
        self.env["cloudoffice.sie.export.log"]._cron_export_previous_month()
        mail = self.env["mail.mail"].search([("email_to", "=", "revisor@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(len(mail.attachment_ids), 1)
        sie = read(base64.b64decode(mail.attachment_ids.datas))
        self.assertEqual(sie.errors, [])
        self.assertTrue([v for v in sie.vouchers if v.text.startswith(invoice.move_id.name)])
        log = self.env["cloudoffice.sie.export.log"].search([("origin", "=", "scheduled")])
        self.assertEqual(log.attachment_id, mail.attachment_ids)
        self.assertEqual(log.date_to, fields.Date.to_string(last_month))

    def test_log_access_follows_groups_and_companies(self):
        self.sell({self.h_soon: 2.0}, self.serials[:1])
        self.export(self.wizard())
        other = self.env["res.company"].create({"name": "Filialen AB"})
        outsider = self.env["res.users"].create({
            "name": "Olle Other", "login": "olle.sie", "company_id": other.id,
            "company_ids": [(6, 0, [other.id])],
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id,
                                  self.env.ref("account.group_account_manager").id])]})
        self.accountant.company_ids = [(4, other.id)]
        wizard = self.wizard(company_id=other.id)
        wizard.action_check()
        self.assertIn("Switch to Filialen AB", "\n".join(wizard.problem_ids.mapped("action")))
        Log = self.env["cloudoffice.sie.export.log"]
        self.assertEqual(len(Log.sudo(self.accountant).search([])), 1)
        self.assertFalse(Log.sudo(outsider).search([]))
        with self.assertRaises(AccessError):
            Log.sudo(self.sales_user).search([])
        with self.assertRaises(AccessError):
            Log.sudo(self.accountant).search([]).write({"name": "changed.SI"})
