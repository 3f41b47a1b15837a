"""Certificates of analysis made from a batch's own test results."""
import base64

from odoo import _, api, models


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    @api.multi
    def _cloudoffice_released_by(self):
        """Who recorded the last required result: the person who released the batch."""
        self.ensure_one()
        tests = self.test_ids.filtered(lambda test: test.required and test.state == "pass")
        return tests.sorted("write_date")[-1:].write_uid

    @api.multi
    def _cloudoffice_coa_pdf(self):
        """(file name, PDF bytes) of this batch's certificate of analysis."""
        self.ensure_one()
        report = self.env.ref("cloudoffice_lots.action_report_lot_coa")
        pdf, _kind = report.sudo().render_qweb_pdf(self.ids)
        name = "CoA %s %s.pdf" % (self.product_id.default_code or self.product_id.name, self.name)
        return name.replace("/", "-"), pdf

    @api.multi
    def _cloudoffice_coa_pdfs(self):
        """[(file name, base64 PDF)] of these batches' certificates of analysis;
        batches without any test result have none to give."""
        result = []
        for lot in self.filtered("test_ids"):
            name, pdf = lot._cloudoffice_coa_pdf()
            result.append((name, base64.b64encode(pdf)))
        return result

    @api.multi
    def _cloudoffice_coa_problem(self):
        """Why this batch cannot carry a clean certificate of analysis, in the
        user's words, or '': it needs test results, none still without a
        result and none failed (the certificate shows every test)."""
        self.ensure_one()
        tests = self.sudo().test_ids
        if not tests:
            return _("no analysis is recorded for it")
        pending = tests.filtered(lambda test: test.state == "pending")
        if pending:
            return _("its analysis is not complete (no result for %(tests)s)") % {
                "tests": ", ".join(pending.mapped("parameter"))}
        failed = tests.filtered(lambda test: test.state == "fail")
        if failed:
            return _("its analysis did not pass (%(tests)s failed)") % {
                "tests": ", ".join(failed.mapped("parameter"))}
        return ""
