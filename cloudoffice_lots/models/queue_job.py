import datetime
import logging

from odoo import api, fields, models
from odoo.tools import config

_logger = logging.getLogger(__name__)

#: Threaded server (no worker is ever killed for time): a job of ours runs in
#: steps of at most half a minute, so one started this long ago has lost its process.
THREADED_LOST_AFTER_SECONDS = 30 * 60
#: Margin over the hard time limit: the kill, the cron's own period.
MARGIN_SECONDS = 60


class QueueJob(models.Model):
    """Jobs left "started" by a process that died (kill -9, a node lost):
    OCA queue_job 11.0 requeues only jobs stuck before they start, so such a
    job would stay started for ever, and a document it sends could not be
    sent again. Our jobs are safe to run again (a step stores its part and
    queues the next in one transaction; a Fortnox export looks the document
    up before creating it), so ours are requeued once no worker can still be
    running them."""

    _inherit = "queue.job"

    @api.model
    def _cloudoffice_lost_job_channels(self):
        """Channels whose jobs may run again; other add-ons extend it."""
        return ["root.cloudoffice_lots"]

    @api.model
    def _cloudoffice_lost_after_seconds(self):
        """Odoo kills a prefork worker's request after ``limit_time_real``."""
        limit = float(config.get("limit_time_real") or 0) if config.get("workers") else 0.0
        return (limit if limit > 0 else THREADED_LOST_AFTER_SECONDS) + MARGIN_SECONDS

    @api.model
    def _cron_cloudoffice_requeue_lost_jobs(self):
        """Requeue our jobs started longer ago than any worker may run;
        returns how many."""
        started_before = datetime.datetime.utcnow() - datetime.timedelta(
            seconds=self._cloudoffice_lost_after_seconds())
        lost = self.sudo().search([
            ("state", "=", "started"), ("channel", "in", self._cloudoffice_lost_job_channels()),
            ("date_started", "<=", fields.Datetime.to_string(started_before))])
        if lost:
            _logger.warning("Requeuing %d jobs whose process died: %s", len(lost),
                            ", ".join(lost.mapped("uuid")))
            lost.requeue()
        return len(lost)
