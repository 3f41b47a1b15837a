"""Certificates of analysis: made from the batch's test results, and sent with
the invoice to customers who ask for them."""
import base64

from .sale_lot_common import SaleLotCase


class TestLotCoa(SaleLotCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Test = cls.env["cloudoffice.lot.test"]
        for lot in (cls.h_late, cls.h_soon):
            lot.test_ids.unlink()
            Test.create({"lot_id": lot.id, "parameter": "Moisture", "method": "Refractometer",
                         "has_max": True, "spec_max": 18.0, "unit": "%", "result": "17.1",
                         "tested_by": "Lab Uppsala"})
            Test.create({"lot_id": lot.id, "parameter": "HMF", "method": "HPLC",
                         "has_max": True, "spec_max": 40.0, "unit": "mg/kg", "result": "12"})
        cls.accountant = cls.env["res.users"].create({
            "name": "Alva Accountant", "login": "alva.coa", "email": "alva@example.com",
            "groups_id": [(6, 0, [cls.env.ref("account.group_account_invoice").id,
                                  cls.env.ref("sales_team.group_sale_salesman").id])]})

    def _invoice_with_delivered_batches(self):
        order = self.make_order([(self.honey, 30)])
        self.choose(order.order_line, {self.h_late: 20, self.h_soon: 10})
        order.action_confirm()
        self.deliver(order.picking_ids)
        invoice = self.env["account.invoice"].browse(order.action_invoice_create())
        invoice.action_invoice_open()
        return invoice

    def test_the_certificate_reads_as_a_laboratory_would_issue_it(self):
        # Without a web server the test runner gets the report's HTML; the
        # browser tests read the PDF itself.
        report = self.env.ref("cloudoffice_lots.action_report_lot_coa")
        text = report.render_qweb_html(self.h_late.ids)[0].decode()
        self.assertIn("Certificate of Analysis", text)
        self.assertIn("H-LATE", text)
        for expected in ("Moisture", "Refractometer", "17.1", "HMF", "HPLC", "Lab Uppsala",
                         "meets its specifications"):
            self.assertIn(expected, text)

    def test_invoice_mail_carries_one_certificate_per_batch_for_customers_who_want_them(self):
        invoice = self._invoice_with_delivered_batches()
        template = self.env.ref("account.email_template_edi_invoice").sudo(self.accountant)
        values = template.generate_email(invoice.id, fields=["subject", "body_html", "attachment_ids"])
        names = [name for name, _data in values.get("attachments", [])]
        self.assertFalse([name for name in names if name.startswith("CoA")])
        self.customer.cloudoffice_wants_coa = True
        values = template.generate_email(invoice.id, fields=["subject", "body_html", "attachment_ids"])
        coas = {name: data for name, data in values["attachments"] if name.startswith("CoA")}
        self.assertEqual(sorted(coas), ["CoA FH-350 H-LATE.pdf", "CoA FH-350 H-SOON.pdf"])
        self.assertIn("H-SOON", base64.b64decode(coas["CoA FH-350 H-SOON.pdf"]).decode())
