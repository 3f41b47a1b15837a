"""Print jobs sent to label printers: kept with their labels, so that a job
that failed (printer off, out of reach) can be sent again from the list."""
import base64

from odoo import _, api, fields, models


class LabelPrintJob(models.Model):
    _name = "cloudoffice.label.print.job"
    _description = "Label Print Job"
    _order = "id desc"

    printer_id = fields.Many2one("cloudoffice.label.printer", string="Printer", required=True,
                                 ondelete="restrict", help="Where the labels were sent.")
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True,
                                 help="Company of the printer.")
    user_id = fields.Many2one("res.users", string="Printed By", required=True, readonly=True,
                              default=lambda self: self.env.user,
                              help="Who asked for the labels.")
    origin = fields.Char(string="Labels For", readonly=True,
                         help="The batch/serial or transfer the labels were printed for.")
    label_count = fields.Integer(string="Labels", readonly=True,
                                 help="Number of labels in the job.")
    file_name = fields.Char(readonly=True, help="Name of the labels file.")
    content = fields.Binary(readonly=True, attachment=True,
                            help="The labels as sent to the printer (ZPL or PDF).")
    state = fields.Selection([("new", "Not Sent"), ("done", "Printed"), ("failed", "Failed")],
                             default="new", required=True, readonly=True,
                             help="Printed: the printer took the labels. Failed: see the "
                                  "error; Retry sends them again.")
    error = fields.Char(readonly=True, help="Why the printer did not take the labels.")
    attempts = fields.Integer(readonly=True, help="How many times the job was sent.")
    sent_date = fields.Datetime(string="Printed On", readonly=True,
                                help="When the printer took the labels.")

    @api.multi
    def name_get(self):
        return [(job.id, _("%(count)d labels on %(printer)s") % {
            "count": job.label_count, "printer": job.printer_id.name}) for job in self]

    @api.multi
    def cloudoffice_send(self):
        """Send the jobs' labels to their printers and record the outcome."""
        for job in self:
            content = base64.b64decode(job.with_context(bin_size=False).content or b"")
            error = job.printer_id._cloudoffice_transmit(content)
            values = {"attempts": job.attempts + 1, "error": error or False,
                      "state": "failed" if error else "done"}
            if not error:
                values["sent_date"] = fields.Datetime.now()
            job.write(values)
        return True

    @api.multi
    def action_retry(self):
        """Send failed jobs again (the Retry button)."""
        self.filtered(lambda job: job.state != "done").cloudoffice_send()
        return True

    @api.multi
    def cloudoffice_message(self):
        """What the user is told about the job."""
        self.ensure_one()
        if self.state == "done" and self.label_count == 1:
            return _("1 label sent to %(printer)s.") % {"printer": self.printer_id.name}
        if self.state == "done":
            return _("%(count)d labels sent to %(printer)s.") % {
                "count": self.label_count, "printer": self.printer_id.name}
        return _("The labels were not printed: %(error)s The job is kept in Print Jobs: "
                 "retry it there when the printer is ready.") % {"error": self.error}
