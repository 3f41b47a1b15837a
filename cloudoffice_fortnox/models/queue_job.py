from odoo import api, models


class QueueJob(models.Model):
    _inherit = "queue.job"

    @api.model
    def _cloudoffice_lost_job_channels(self):
        # An export looks the document up in Fortnox before creating it, so
        # running it again never sends it twice.
        return super()._cloudoffice_lost_job_channels() + ["root.fortnox"]
