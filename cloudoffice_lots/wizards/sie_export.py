"""Accounting > Export > SIE 4: journal entries of a period as a SIE 4 file.

Two steps, so that an export is never silently partial: *Check* lists every
problem (with what to do) before anything is written, *Export* writes the
file, the log record and its attachment. Problems that would make the file
wrong stop the export; warnings (period not closed, characters replaced,
period exported before) must be accepted. The file itself is built in
``sie_export_document.py``.
"""
import datetime
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..sie import write

#: kind of entry -> (include field, series field)
KINDS = [("customer", "include_customer", "series_customer"),
         ("supplier", "include_supplier", "series_supplier"),
         ("stock", "include_stock", "series_stock"),
         ("other", "include_other", "series_other")]


def _previous_month(which):
    first = datetime.date.today().replace(day=1)
    last = first - datetime.timedelta(days=1)
    return fields.Date.to_string(last.replace(day=1) if which == "from" else last)


class SieExport(models.TransientModel):
    _name = "cloudoffice.sie.export"
    _description = "SIE 4 Export"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True,
        default=lambda self: self.env.user.company_id,
        help="Whose journal entries to export; the file holds one company.")
    date_from = fields.Date(
        string="From", required=True, default=lambda self: _previous_month("from"),
        help="First day of the period (journal entry dates). Default: last month.")
    date_to = fields.Date(
        string="To", required=True, default=lambda self: _previous_month("to"),
        help="Last day of the period; it must lie in the same fiscal year as the first day.")
    include_customer = fields.Boolean(
        string="Customer Invoices and Refunds", default=True,
        help="Journal entries of validated customer invoices and refunds.")
    include_supplier = fields.Boolean(
        string="Supplier Invoices and Refunds", default=True,
        help="Journal entries of validated supplier invoices (bills) and their refunds.")
    include_stock = fields.Boolean(
        string="Warehouse Changes", default=True,
        help="Stock valuation entries of receipts, deliveries and inventory adjustments "
             "(products valued in real time).")
    include_other = fields.Boolean(
        string="Other Journal Entries",
        help="Every other posted journal entry (payments, bank, miscellaneous). With all four "
             "ticked the file holds all journal entries of the period.")
    series_customer = fields.Char(
        string="Series for Customer Invoices", default="B", required=True,
        help="Voucher series (#VER) the accounting program books customer invoices in, "
             "e.g. B (Fortnox: Kundfakturor).")
    series_supplier = fields.Char(
        string="Series for Supplier Invoices", default="D", required=True,
        help="Voucher series for supplier invoices, e.g. D (Fortnox: Leverantörsfakturor).")
    series_stock = fields.Char(
        string="Series for Warehouse Changes", default="L", required=True,
        help="Voucher series for stock valuation entries, e.g. L (Lager).")
    series_other = fields.Char(
        string="Series for Other Entries", default="A", required=True,
        help="Voucher series for every other journal entry, e.g. A (Redovisning).")
    text_width = fields.Integer(
        string="Text Length", default=60, required=True,
        help="Longest voucher and transaction text written. The SIE specification sets no "
             "limit, but accounting programs cut long texts; batch/serial numbers that do not "
             "fit go on extra rows of amount 0.00 and are never cut. 20 to 200.")
    chart_type = fields.Char(
        default="BAS2014",
        help="Written as #KPTYP: the chart of accounts the account numbers follow (BAS2014 "
             "for the Swedish BAS chart). Empty: not written.")
    state = fields.Selection(
        [("choose", "Choose"), ("checked", "Checked"), ("done", "Done")],
        default="choose", string="Step",
        help="Choose the period, check it, then export.")
    problem_ids = fields.One2many(
        "cloudoffice.sie.export.problem", "wizard_id", string="Problems",
        help="What the check found, with what to do about it.")
    error_count = fields.Integer(
        compute="_compute_counts", string="Problems Stopping the Export",
        help="Problems that must be fixed before the file can be written.")
    warning_count = fields.Integer(
        compute="_compute_counts", string="Warnings",
        help="Warnings to read and accept before the file is written.")
    accept_warnings = fields.Boolean(
        string="Export Despite the Warnings",
        help="Tick after reading the warnings; they are kept in the export log.")
    data = fields.Binary(
        string="File", readonly=True, attachment=False,
        help="The SIE 4 file (.SI, CP437) to download and import into the accounting program.")
    filename = fields.Char(
        string="File Name", readonly=True, help="Name under which the file is downloaded.")
    log_id = fields.Many2one(
        "cloudoffice.sie.export.log", string="Export Log", readonly=True,
        help="The log record of this export: when, by whom, fingerprint of the file.")

    @api.depends("problem_ids.severity")
    def _compute_counts(self):
        for wizard in self:
            wizard.error_count = len(wizard.problem_ids.filtered(lambda p: p.severity == "error"))
            wizard.warning_count = len(wizard.problem_ids) - wizard.error_count

    @api.constrains("date_from", "date_to", "text_width", "series_customer", "series_supplier",
                    "series_stock", "series_other")
    def _check_options(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(_("The period of the SIE export ends (%(date_to)s) before "
                                        "it starts (%(date_from)s).") % {
                    "date_to": wizard.date_to, "date_from": wizard.date_from})
            if not 20 <= wizard.text_width <= 200:
                raise ValidationError(_("The text length of the SIE export must be between 20 "
                                        "and 200 characters, not %(width)s.") % {
                    "width": wizard.text_width})
            for _kind, _include, series in KINDS:
                value = wizard[series] or ""
                if not value.strip() or " " in value.strip() or len(value) > 10:
                    raise ValidationError(_("The voucher series %(series)r is not usable: one "
                                            "word of at most 10 characters, such as A or B.") % {
                        "series": value})

    # ------------------------------------------------------------ actions
    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("SIE 4 Export")}

    @api.multi
    def action_check(self):
        """List the problems of the chosen export without writing anything."""
        self.ensure_one()
        self.problem_ids.unlink()
        problems = self._sie_company_problems()
        if not problems:
            sie, problems = self._sie_build()
            problems += self._sie_period_problems(sie)
        self.write({"problem_ids": [(0, 0, values) for values in problems], "state": "checked",
                    "accept_warnings": False})
        return self._reopen()

    @api.multi
    def action_export(self):
        """Write the file after checking again (entries may have changed)."""
        self.ensure_one()
        accepted = self.accept_warnings
        self.action_check()
        if self.error_count:
            raise UserError(_("The SIE file was not written: %(count)s problems stop the export. "
                              "The first: %(message)s") % {
                "count": self.error_count,
                "message": self.problem_ids.filtered(lambda p: p.severity == "error")[0].message})
        if self.warning_count and not accepted:
            raise UserError(_("Read the %(count)s warnings and tick \"Export Despite the "
                              "Warnings\" to write the file.") % {"count": self.warning_count})
        self._export()
        return self._reopen()

    def _export(self, origin="manual"):
        """Write the file, the log record and its attachment; return the log."""
        log_model = self.env["cloudoffice.sie.export.log"]
        sie, _problems = self._sie_build()
        content_hash = self._sie_content_hash(sie)
        first = log_model.search([
            ("company_id", "=", self.company_id.id), ("date_from", "=", self.date_from),
            ("date_to", "=", self.date_to), ("options_key", "=", self._sie_options_key()),
            ("content_hash", "=", content_hash)], order="id", limit=1)
        # the same content exported again gets the same #GEN date, hence the same bytes
        sie.generated = fields.Date.from_string(first.generated_date or fields.Date.context_today(self))
        data = write(sie)
        earlier = log_model._earlier_exports(self.company_id, self.date_from, self.date_to)[:1]
        file_hash = hashlib.sha256(data).hexdigest()
        filename = "SIE4_%s_%s_%s.SI" % (
            "".join(c if c.isalnum() else "_" for c in self.company_id.name)[:30],
            self.date_from.replace("-", ""), self.date_to.replace("-", ""))
        log = log_model.create({
            "name": filename, "company_id": self.company_id.id, "date_from": self.date_from,
            "date_to": self.date_to, "content": self._sie_content_label(),
            "options_key": self._sie_options_key(), "origin": origin,
            "voucher_count": len(sie.vouchers), "generated_date": fields.Date.to_string(sie.generated),
            "file_hash": file_hash, "content_hash": content_hash,
            "checksum": data.rsplit(b"#KSUMMA ", 1)[1].strip().decode("ascii"),
            "warnings": "\n".join(p.message for p in self.problem_ids) or False,
            "previous_id": earlier.id, "same_as_previous": earlier.file_hash == file_hash,
        })
        # users may not change a log (an export is history): the export links its file itself
        log.sudo().attachment_id = log.sudo()._attach(filename, data)
        self.write({"data": log.attachment_id.datas, "filename": filename, "log_id": log.id,
                    "state": "done"})
        return log

    def _sie_content_hash(self, sie):
        generated = sie.generated
        sie.generated = datetime.date(2000, 1, 1)
        try:
            return hashlib.sha256(write(sie)).hexdigest()
        finally:
            sie.generated = generated

    def _sie_options_key(self):
        kinds = [kind for kind, include, _series in KINDS if self[include]]
        series = [self[series] for kind, include, series in KINDS if self[include]]
        return "%s|%s|%s|%s" % (",".join(kinds), ",".join(series), self.text_width,
                                self.chart_type or "")

    def _sie_content_label(self):
        labels = []
        for _kind, include, series in KINDS:
            if self[include]:
                labels.append("%s (%s)" % (self._fields[include].get_description(self.env)["string"],
                                           self[series]))
        return ", ".join(labels)
