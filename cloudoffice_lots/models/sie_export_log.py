"""What was exported as SIE 4, when and by whom, and the monthly export.

Every export writes one log record with the file attached and its SHA-256,
so the same period exported twice can be recognised: the export reuses the
generation date (``#GEN``) of an earlier export with the same content, which
makes the second file byte for byte the same as the first, and it warns
before a period already exported is exported again (importing both files
would book every voucher twice).
"""
import base64
import datetime

from odoo import _, api, fields, models


class SieExportLog(models.Model):
    _name = "cloudoffice.sie.export.log"
    _description = "SIE Export Log"
    _order = "create_date desc, id desc"

    name = fields.Char(
        string="File Name", required=True, readonly=True,
        help="Name of the .SI file as it was downloaded or sent.")
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, readonly=True, index=True,
        help="The company whose journal entries the file holds.")
    date_from = fields.Date(
        string="From", required=True, readonly=True,
        help="First day of the exported period.")
    date_to = fields.Date(
        string="To", required=True, readonly=True,
        help="Last day of the exported period.")
    content = fields.Char(
        string="Contents", readonly=True,
        help="Which journal entries the file holds (customer invoices and refunds, supplier "
             "invoices, warehouse changes, other entries) and their voucher series.")
    options_key = fields.Char(
        string="Export Options", readonly=True,
        help="The options of the export in a fixed form: two exports of the same period "
             "with the same options are compared by it.")
    user_id = fields.Many2one(
        "res.users", string="Exported By", readonly=True, default=lambda self: self.env.user,
        help="The user who exported, or the scheduled action's user for the monthly file.")
    origin = fields.Selection(
        [("manual", "By hand"), ("scheduled", "Monthly scheduled action")],
        readonly=True, default="manual",
        help="By hand: downloaded from Export > SIE 4. Monthly: written and e-mailed to the "
             "accountant by the scheduled action.")
    voucher_count = fields.Integer(
        string="Vouchers", readonly=True,
        help="Number of journal entries in the file, one voucher (#VER) each.")
    generated_date = fields.Date(
        string="Generation Date", readonly=True,
        help="The date in the file's #GEN record: the date of the first export of the same "
             "content, so that exporting it again gives the same file.")
    file_hash = fields.Char(
        string="SHA-256", readonly=True,
        help="Fingerprint of the file's bytes: two files with the same fingerprint are identical.")
    content_hash = fields.Char(
        string="Content Fingerprint", readonly=True,
        help="Fingerprint of the vouchers and chart in the file, whatever the generation date: "
             "an export with the same content reuses the first export's generation date.")
    checksum = fields.Char(
        string="#KSUMMA", readonly=True,
        help="The checksum written at the end of the file (CRC-32 as the SIE specification "
             "computes it); the importing program checks it.")
    attachment_id = fields.Many2one(
        "ir.attachment", string="File", readonly=True, ondelete="set null",
        help="The exported .SI file, kept so it can be downloaded again.")
    warnings = fields.Text(
        string="Warnings Accepted", readonly=True,
        help="The warnings listed before the file was written and accepted by the user "
             "(period not closed, characters replaced, period exported before).")
    previous_id = fields.Many2one(
        "cloudoffice.sie.export.log", string="Exported Before", readonly=True,
        help="The latest earlier export of the same company whose period overlaps this one: "
             "vouchers in both files must be imported only once.")
    same_as_previous = fields.Boolean(
        string="Same File as Before", readonly=True,
        help="On: the file is identical to the earlier export (same fingerprint).")

    def _earlier_exports(self, company, date_from, date_to):
        """Exports of ``company`` whose period overlaps ``date_from``..``date_to``."""
        return self.search([("company_id", "=", company.id), ("date_from", "<=", date_to),
                            ("date_to", ">=", date_from)], order="create_date desc, id desc")

    @api.model
    def _cron_export_previous_month(self):
        """Write last month's file for every company with an accountant's
        address, attach it to the log and e-mail it. When the export finds
        problems that stop it, the e-mail lists them instead of the file."""
        first_of_month = fields.Date.from_string(fields.Date.context_today(self)).replace(day=1)
        date_to = first_of_month - datetime.timedelta(days=1)
        date_from = date_to.replace(day=1)
        for company in self.env["res.company"].sudo().search([("sie_accountant_email", "!=", False)]):
            wizard = self.env["cloudoffice.sie.export"].with_context(
                force_company=company.id).create({
                    "company_id": company.id, "date_from": fields.Date.to_string(date_from),
                    "date_to": fields.Date.to_string(date_to)})
            wizard.action_check()
            if wizard.error_count:
                self._mail_problems(wizard)
                continue
            wizard.accept_warnings = True
            log = wizard._export(origin="scheduled")
            self._mail_file(wizard, log)

    def _mail_file(self, wizard, log):
        company = wizard.company_id
        body = _("<p>The SIE 4 file of %(company)s for %(date_from)s to %(date_to)s is attached: "
                 "%(count)s vouchers, #KSUMMA %(checksum)s.</p>") % {
            "company": company.name, "date_from": wizard.date_from, "date_to": wizard.date_to,
            "count": log.voucher_count, "checksum": log.checksum}
        if log.warnings:
            body += "<pre>%s</pre>" % log.warnings
        self.env["mail.mail"].sudo().create({
            "subject": _("SIE 4 export %(company)s %(date_from)s - %(date_to)s") % {
                "company": company.name, "date_from": wizard.date_from, "date_to": wizard.date_to},
            "email_to": company.sie_accountant_email,
            "email_from": company.email or self.env.user.email or False,
            "body_html": body,
            "attachment_ids": [(4, log.attachment_id.id)],
        })

    def _mail_problems(self, wizard):
        company = wizard.company_id
        rows = "".join("<li>%s: %s</li>" % (problem.message, problem.action)
                       for problem in wizard.problem_ids)
        self.env["mail.mail"].sudo().create({
            "subject": _("SIE 4 export %(company)s %(date_from)s - %(date_to)s: not written") % {
                "company": company.name, "date_from": wizard.date_from, "date_to": wizard.date_to},
            "email_to": company.sie_accountant_email,
            "email_from": company.email or self.env.user.email or False,
            "body_html": _("<p>The monthly SIE 4 file was not written because of these "
                           "problems:</p>") + "<ul>%s</ul>" % rows,
        })

    def _attach(self, filename, data):
        return self.env["ir.attachment"].create({
            "name": filename, "datas_fname": filename, "datas": base64.b64encode(data),
            "res_model": self._name, "res_id": self.id, "mimetype": "text/plain"})
