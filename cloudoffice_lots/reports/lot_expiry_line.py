from odoo import api, fields, models
from odoo.addons import decimal_precision as dp

BUCKETS = [
    ("expired", "Expired"),
    ("soon", "Expiring Soon"),
    ("later", "Later"),
    ("none", "No Expiry Date"),
]


class LotExpiryLine(models.TransientModel):
    """A batch/serial with its expiry: in stock in a location, or held by a
    customer it was delivered to."""

    _name = "cloudoffice.lot.expiry.line"
    _inherit = "cloudoffice.lot.report.line"
    _description = "Batch Expiry Line"
    _order = "life_date, lot_id, kind, location_id, partner_id"

    wizard_id = fields.Many2one("cloudoffice.lot.expiry.wizard", required=True,
                                ondelete="cascade", index=True)
    kind = fields.Selection([("stock", "In Stock"), ("customer", "At Customer")], string="Where",
                            readonly=True,
                            help="In Stock: the batch is in one of your locations. At Customer: it "
                                 "was delivered and is still held by the customer (deliveries "
                                 "minus returns).")
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True,
                                   help="Warehouse holding the stock; empty for batches at "
                                        "customers.")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True,
                                 help="Delivery address the batch went to.")
    picking_id = fields.Many2one("stock.picking", string="Last Delivery", readonly=True,
                                 help="The latest delivery of this batch to this customer.")
    delivery_date = fields.Datetime(string="Delivered On", readonly=True,
                                    help="Date of the latest delivery of this batch to this "
                                         "customer.")
    quantity = fields.Float(readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="In stock, or delivered minus returned for a customer.")
    # Days, as the batch's own expiry_day etc. (see stock_production_lot_dates.py)
    life_date = fields.Date(string="Expiry Date", readonly=True,
                            help="Day the batch expires and may no longer be used or sold.")
    use_date = fields.Date(string="Best Before", readonly=True,
                           help="Day until which the batch is at its best; it may still be "
                                "sold after it.")
    removal_date = fields.Date(readonly=True,
                               help="Day the batch should be taken out of stock, ahead of its "
                                    "expiry.")
    alert_date = fields.Date(readonly=True,
                             help="Day from which the batch is flagged as about to expire.")
    days_left = fields.Integer(readonly=True, group_operator="min",
                               help="Days until the expiry date; negative once expired.")
    bucket = fields.Selection(BUCKETS, string="Expiry", readonly=True,
                              help="Expired, Expiring Soon (within the days asked for), Later, or "
                                   "No Expiry Date.")
    alert_reached = fields.Boolean(readonly=True,
                                   help="The batch's alert date has passed.")

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Buckets in the order of time (Expired, Expiring Soon, Later, No
        Expiry Date), and quantities summed only within one product: a total
        of kilograms and pieces means nothing."""
        groups = super().read_group(domain, fields, groupby, offset=offset, limit=limit,
                                    orderby=orderby, lazy=lazy)
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if groupby and groupby[0] == "bucket" and not orderby:
            rank = {key: index for index, (key, _label) in enumerate(BUCKETS)}
            groups.sort(key=lambda group: rank.get(group.get("bucket"), len(rank)))
        if "product_id" not in groupby[:1 if lazy else None]:
            for group in groups:
                if "quantity" in group and group.get("__domain") is not None:
                    products = super().read_group(group["__domain"], ["product_id"],
                                                  ["product_id"], lazy=True)
                    if len(products) > 1:
                        group["quantity"] = False
        return groups
