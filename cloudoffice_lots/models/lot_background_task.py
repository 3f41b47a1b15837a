"""Long work done off the request: labels for thousands of serials, large
report exports, rebuilding the balance's month snapshots, a recall's notices
to many customers.

A task is the record the user sees (state, done/total, percentage, the file
when ready). The work runs as OCA ``queue_job`` jobs on the channel
``root.cloudoffice_lots``, in steps: each step does what fits in a time
budget well under the worker's time limit (the job runner runs jobs in the
HTTP workers, which the same limits apply to), stores its part and queues
the next step in the same transaction, so a step that dies is run again and
nothing is done twice. Progress is written in a cursor of its own and
committed at once, so the user sees it move while the step's transaction is
still open; for that reason a step never writes the task row in its own
transaction (REPEATABLE READ would refuse the second writer).

    task = env["cloudoffice.lot.background.task"].cloudoffice_start(
        "labels", _("Labels for %(count)d serials") % {...}, total=3000,
        payload={...})
"""
import base64
import json
import logging
import time

import odoo
import psycopg2
from odoo import _, api, fields, models
from odoo.addons.queue_job.job import job
from odoo.tools import config

_logger = logging.getLogger(__name__)

CHANNEL = "root.cloudoffice_lots"
#: Longest step when Odoo runs without time limits (threaded server).
MAX_STEP_SECONDS = 30.0
PART_PREFIX = "cloudoffice-part-"


class LotBackgroundTask(models.Model):
    _name = "cloudoffice.lot.background.task"
    _description = "Background Task"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, help="What is being prepared.")
    kind = fields.Selection(
        [("labels", "Labels"), ("export", "Report Export"),
         ("snapshots", "Balance History"), ("recall_notices", "Recall Notices")],
        required=True, readonly=True,
        help="Labels: a labels file for many batches/serials. Report Export: an Excel file of "
             "a large report. Balance History: the month snapshots the batch balance starts "
             "from, rebuilt after a back-dated move. Recall Notices: the notices of a "
             "recall e-mailed to many customers.")
    user_id = fields.Many2one("res.users", string="Asked By", required=True, readonly=True,
                              default=lambda self: self.env.user, index=True,
                              help="Who asked for the work; told when it is ready.")
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True,
                                 default=lambda self: self.env.user.company_id,
                                 help="Company the work was asked in.")
    state = fields.Selection(
        [("queued", "Waiting"), ("running", "Running"), ("done", "Ready"), ("failed", "Failed")],
        default="queued", required=True, readonly=True, index=True,
        help="Waiting: queued for the job runner. Running: being prepared, see the progress. "
             "Ready: the result can be downloaded. Failed: see the error.")
    done_count = fields.Integer(string="Done", readonly=True,
                                help="Labels, rows or months prepared so far.")
    total_count = fields.Integer(string="Total", readonly=True,
                                 help="Labels, rows or months to prepare in all.")
    progress = fields.Float(compute="_compute_progress",
                            help="Share of the work done, in percent.")
    file = fields.Binary(readonly=True, attachment=True,
                         help="The result, ready to download (PDF, ZPL or Excel).")
    file_name = fields.Char(readonly=True, help="Name of the result file when downloaded.")
    error = fields.Text(readonly=True, help="Why the work could not be done.")
    date_done = fields.Datetime(string="Ready Since", readonly=True,
                                help="When the result was ready.")
    payload = fields.Text(readonly=True,
                          help="What to prepare, as the steps read it (technical).")
    job_uuid = fields.Char(string="Job", readonly=True, copy=False,
                           help="The queued job of the current step (technical).")

    @api.depends("done_count", "total_count", "state")
    def _compute_progress(self):
        for task in self:
            if task.state == "done":
                task.progress = 100.0
            elif task.total_count:
                task.progress = min(100.0, 100.0 * task.done_count / task.total_count)
            else:
                task.progress = 0.0

    # ------------------------------------------------------------ starting
    @api.model
    def cloudoffice_threshold(self):
        """Above this many labels, rows or move lines, work goes to the
        background (the company's setting; 0: never)."""
        return self.env.user.company_id.cloudoffice_background_threshold

    @api.model
    def cloudoffice_is_large(self, size):
        threshold = self.cloudoffice_threshold()
        return bool(threshold) and size > threshold

    @api.model
    def cloudoffice_start(self, kind, name, total, payload):
        """Create the task and queue its first step; returns the task."""
        task = self.create({"kind": kind, "name": name, "total_count": total,
                            "payload": json.dumps(payload)})
        task._cloudoffice_queue_step({})
        return task

    def _cloudoffice_queue_step(self, position):
        """Queue the step that continues at ``position`` (a dict)."""
        self.ensure_one()
        delayed = self.with_delay(
            channel=CHANNEL, description=_("%(task)s (step)") % {"task": self.name},
        ).cloudoffice_run_step(position)
        return delayed.uuid

    def cloudoffice_action_open(self):
        """The task's form: what the button returns instead of the file."""
        self.ensure_one()
        return {
            "name": self.name,
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.multi
    def action_refresh(self):
        """Show the progress as it is now (the dialog does not poll)."""
        return self.cloudoffice_action_open()

    @api.multi
    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s/%d/file/%s?download=true" % (
                self._name, self.id, self.file_name),
            "target": "self",
        }

    # ------------------------------------------------------------ running
    @job(default_channel=CHANNEL)
    @api.multi
    def cloudoffice_run_step(self, position):
        """One step of the work (a job): do what fits in the time budget,
        keep it as a part, and queue the next step or finish."""
        self.ensure_one()
        # Jobs keep the user but not their context: texts, file names and
        # dates in the user's language and time zone.
        user = self.user_id
        return self.with_context(lang=user.lang or "en_US", tz=user.tz or "UTC")._cloudoffice_step(
            position)

    def _cloudoffice_step(self, position):
        if self.state in ("done", "failed"):
            return _("Already finished.")
        deadline = time.time() + self._cloudoffice_step_seconds()
        handler = getattr(self, "_cloudoffice_step_%s" % self.kind)
        try:
            outcome = handler(json.loads(self.payload or "{}"), dict(position), deadline)
        except psycopg2.OperationalError:
            raise  # a serialization failure: queue_job runs the step again
        except Exception as error:  # told to the user, then re-raised for the job
            reason = getattr(error, "name", None) or str(error)
            body = _("%(task)s could not be prepared: %(reason)s") % {"task": self.name,
                                                                      "reason": reason}
            self._cloudoffice_side_write({"state": "failed", "error": reason},
                                         message=lambda task: task.sudo().message_post(
                                             body=body, partner_ids=[task.user_id.partner_id.id],
                                             message_type="comment", subtype="mail.mt_comment"))
            raise
        if outcome.get("result") is not None:
            content, file_name = outcome["result"]
            self._cloudoffice_finish(content, file_name)
            return _("Ready.")
        self._cloudoffice_side_write({"state": "running", "done_count": outcome["done"]})
        uuid = self._cloudoffice_queue_step(outcome["position"])
        self._cloudoffice_side_write({"job_uuid": uuid})
        return _("%(done)d of %(total)d done.") % {"done": outcome["done"],
                                                   "total": self.total_count}

    def _cloudoffice_step_seconds(self):
        """A third of the worker's time limits (Odoo kills a request that
        passes them), at most MAX_STEP_SECONDS."""
        limits = [MAX_STEP_SECONDS]
        if config.get("workers"):
            limits += [float(config.get("limit_time_real") or 0) / 3.0,
                       float(config.get("limit_time_cpu") or 0) / 3.0]
        return max(1.0, min(limit for limit in limits if limit > 0))

    def cloudoffice_progress(self, done):
        """Show ``done`` of the total now (own transaction)."""
        self._cloudoffice_side_write({"state": "running", "done_count": done})

    def _cloudoffice_side_write(self, values, message=None):
        """Write the task in a transaction of its own, committed at once, so
        the user sees it while the step's transaction runs on."""
        self.ensure_one()
        with api.Environment.manage(), odoo.registry(self.env.cr.dbname).cursor() as cr:
            task = self.with_env(self.env(cr=cr))
            task.write(values)
            if message:
                message(task)
        self.invalidate_cache(ids=self.ids)

    def _cloudoffice_finish(self, content, file_name):
        """Keep the result (``content`` None: work without a file) and tell
        the user, by e-mail or in their inbox as they chose in Odoo."""
        if isinstance(content, str):
            content = content.encode("utf-8")

        if content is None:
            body = _("%(task)s is done.") % {"task": self.name}
        else:
            body = _("%(task)s is ready: the file is attached and can be downloaded from "
                     "the task.") % {"task": self.name}
        subject = _("%(task)s is ready") % {"task": self.name}

        def tell(task):
            # Posted by the system to the user: the author is not notified
            # of their own messages.
            task.sudo().message_post(
                body=body, subject=subject,
                partner_ids=[task.user_id.partner_id.id],
                attachments=[(file_name, content)] if content is not None else [],
                message_type="comment", subtype="mail.mt_comment")

        values = {"state": "done", "done_count": self.total_count,
                  "date_done": fields.Datetime.now(), "error": False}
        if content is not None:
            values.update(file=base64.b64encode(content), file_name=file_name)
        self._cloudoffice_side_write(values, message=tell)
        self._cloudoffice_parts().unlink()

    # ------------------------------------------------------------ parts
    def _cloudoffice_add_part(self, index, content):
        """Keep one step's result (bytes) until the last step joins them."""
        if isinstance(content, str):
            content = content.encode("utf-8")
        self.env["ir.attachment"].create({
            "name": "%s%06d" % (PART_PREFIX, index), "datas_fname": "%s%06d" % (PART_PREFIX, index),
            "res_model": self._name, "res_id": self.id, "datas": base64.b64encode(content)})

    def _cloudoffice_parts(self):
        return self.env["ir.attachment"].search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("name", "=like", PART_PREFIX + "%")], order="name")

    def _cloudoffice_part_contents(self):
        return [base64.b64decode(part.datas) for part in self._cloudoffice_parts()]
