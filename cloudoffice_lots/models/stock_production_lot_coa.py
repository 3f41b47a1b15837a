"""Certificates of analysis made from a batch's own test results."""
import base64

from odoo import api, models


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    @api.multi
    def _cloudoffice_released_by(self):
        """Who recorded the last required result: the person who released the batch."""
        self.ensure_one()
        tests = self.test_ids.filtered(lambda test: test.required and test.state == "pass")
        return tests.sorted("write_date")[-1:].write_uid

    @api.multi
    def _cloudoffice_coa_pdfs(self):
        """[(file name, base64 PDF)] of these batches' certificates of analysis;
        batches without any test result have none to give."""
        report = self.env.ref("cloudoffice_lots.action_report_lot_coa")
        result = []
        for lot in self.filtered("test_ids"):
            pdf, _kind = report.render_qweb_pdf(lot.ids)
            name = "CoA %s %s.pdf" % (lot.product_id.default_code or lot.product_id.name, lot.name)
            result.append((name.replace("/", "-"), base64.b64encode(pdf)))
        return result
