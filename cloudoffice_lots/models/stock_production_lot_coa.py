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
    def _cloudoffice_coa_pdf(self, partner=None):
        """(file name, PDF bytes) of this batch's certificate of analysis, for
        ``partner`` (judged against its own limits, if it has any)."""
        self.ensure_one()
        report = self.env.ref("cloudoffice_lots.action_report_lot_coa").sudo()
        if partner:
            # which customer's limits to print; it grants nothing
            report = report.with_context(
                cloudoffice_coa_partner_id=partner.commercial_partner_id.id)
        pdf, _kind = report.render_qweb_pdf(self.ids)
        name = "CoA %s %s.pdf" % (self.product_id.default_code or self.product_id.name, self.name)
        return name.replace("/", "-"), pdf

    @api.multi
    def _cloudoffice_coa_pdfs(self, partner=None):
        """[(file name, base64 PDF)] of these batches' certificates of analysis
        for ``partner``; batches without any test result have none to give."""
        result = []
        for lot in self.filtered("test_ids"):
            name, pdf = lot._cloudoffice_coa_pdf(partner)
            result.append((name, base64.b64encode(pdf)))
        return result

    @api.multi
    def _cloudoffice_coa_partner(self):
        """The customer a certificate being printed is for (see _cloudoffice_coa_pdf)."""
        partner_id = self.env.context.get("cloudoffice_coa_partner_id")
        return self.env["res.partner"].sudo().browse(partner_id).exists() if partner_id \
            else self.env["res.partner"]

    @api.multi
    def _cloudoffice_coa_rows(self, partner=None, limits=None):
        """The certificate's rows, one per test: ``{"test", "specification",
        "outcome", "customer_limit"}``. A numeric test the customer
        (``partner``) has its own limit for is judged against that limit too;
        ``limits`` (see cloudoffice.customer.test.limit._cloudoffice_for) may
        be given when already read."""
        self.ensure_one()
        if limits is None:
            limits = self.env["cloudoffice.customer.test.limit"]._cloudoffice_for(
                partner, self.product_id)
        template = self.product_id.product_tmpl_id.id
        rows = []
        for test in self.sudo().test_ids:
            limit = limits.get((template, (test.parameter or "").strip().lower()))
            row = {"test": test, "specification": test.specification or "",
                   "outcome": test.state, "customer_limit": False}
            if limit and test._is_numeric():
                row.update(specification=limit.specification, customer_limit=True)
                if test.state == "pass" and not limit._cloudoffice_accepts(test.result_value):
                    row["outcome"] = "fail"
            rows.append(row)
        return rows

    @api.multi
    def _cloudoffice_limit_problem(self, partner, limits=None):
        """Why this batch, good by our specifications, does not meet the
        customer's own limits, in the user's words, or ''."""
        self.ensure_one()
        failed = [row for row in self._cloudoffice_coa_rows(partner, limits)
                  if row["customer_limit"] and row["outcome"] == "fail"
                  and row["test"].state == "pass"]
        if not failed:
            return ""
        return _("it does not meet the own limits of %(customer)s (%(tests)s)") % {
            "customer": partner.commercial_partner_id.display_name,
            "tests": ", ".join("%s %s %s: %s" % (row["test"].parameter, row["test"].result,
                                                 row["test"].unit or "", row["specification"])
                               for row in failed)}

    @api.multi
    def _cloudoffice_coa_problem(self, partner=None):
        """Why this batch cannot carry a clean certificate of analysis (for
        ``partner``, against its own limits too), in the user's words, or '':
        it needs test results, none still without a result and none failed
        (the certificate shows every test)."""
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
        return self._cloudoffice_limit_problem(partner) if partner else ""
