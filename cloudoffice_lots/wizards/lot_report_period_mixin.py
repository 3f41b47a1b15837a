from odoo import api, models


class LotReportPeriodMixin(models.AbstractModel):
    """A batch/serial report over a period: the wizard declares its own
    ``date_from`` and ``date_to`` (labels and defaults differ per report)
    and gets the check that the period does not run backwards.

    The check is not in ``cloudoffice.lot.report.mixin`` itself: the reports
    without a period would then carry a constraint on fields they lack,
    which Odoo logs as a warning."""

    _name = "cloudoffice.lot.report.period.mixin"
    _inherit = "cloudoffice.lot.report.mixin"
    _description = "Batch/serial report over a period"

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            wizard._check_dates(wizard.date_from, wizard.date_to)
