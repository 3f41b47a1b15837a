import datetime
import logging

from odoo import api, fields, models
from odoo.addons import decimal_precision as dp

from .queries import indexes, snapshots

_logger = logging.getLogger(__name__)


class LotBalanceLine(models.TransientModel):
    """One batch in one location (or warehouse) of a balance report: filled
    from the balance query by its wizard, shown as list and pivot."""

    _name = "cloudoffice.lot.balance.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "Batch Balance Line"
    _order = "product_id, lot_id, warehouse_id, location_id"

    wizard_id = fields.Many2one("cloudoffice.lot.balance.wizard", required=True,
                                ondelete="cascade", index=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True,
                               help="The product's category, to group or filter the balance.")
    uom_id = fields.Many2one(help="The product's unit of measure: every quantity is in it.")
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True,
                                   help="Warehouse of the location; empty for a location outside "
                                        "any warehouse.")
    location_id = fields.Many2one(
        help="Per warehouse, the warehouse's own location stands for all of it.")
    opening = fields.Float(readonly=True,
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Balance at the start of the period.")
    qty_in = fields.Float(string="In", readonly=True,
                          digits=dp.get_precision("Product Unit of Measure"),
                          help="Quantity that came into the location (or warehouse) during the "
                               "period: receipts, production, transfers in, returns, count gains.")
    qty_out = fields.Float(string="Out", readonly=True,
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Quantity that left the location (or warehouse) during the period: "
                                "deliveries, consumption, transfers out, scrap, count losses.")
    closing = fields.Float(readonly=True,
                           digits=dp.get_precision("Product Unit of Measure"),
                           help="Balance at the end of the period's last day.")
    life_date = fields.Date(related="lot_id.expiry_day", string="Expiry Date", readonly=True)
    use_date = fields.Date(related="lot_id.best_before_day", string="Best Before", readonly=True)

    def init(self):
        # The report queries read done move lines by batch and date, and
        # balances start from month snapshots kept valid by a trigger.
        indexes.create(self.env.cr)
        snapshots.create(self.env.cr)

    @api.model
    def _cron_prepare_snapshots(self):
        """Scheduled action: build the month snapshots up to this month's
        start, so that the day's first balance report does not wait for them
        (after an install, or a back-dated move, that can be years of them)."""
        now = datetime.datetime.utcnow()

        def log_progress(done, total, snapshot_date):
            _logger.info("Batch balance: month snapshot %d of %d built (%s)",
                         done, total, snapshot_date.strftime("%Y-%m"))

        snapshots.ensure(self.env.cr, datetime.datetime(now.year, now.month, 1), progress=log_progress)
