from odoo import api, fields, models


class LotRecallLot(models.Model):
    """One batch/serial in a recall's scope, with where it is now."""

    _name = "cloudoffice.lot.recall.lot"
    _description = "Batch in a Recall"
    _order = "recall_id, depth, id"

    recall_id = fields.Many2one("cloudoffice.lot.recall", required=True, ondelete="cascade",
                                index=True, help="The recall this batch is part of.")
    company_id = fields.Many2one(related="recall_id.company_id", store=True, readonly=True,
                                 help="Company of the recall.")
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             ondelete="restrict", index=True, help="The batch or serial recalled.")
    product_id = fields.Many2one(related="lot_id.product_id", store=True, readonly=True,
                                 help="Product of the batch/serial.")
    uom_id = fields.Many2one(related="lot_id.product_id.uom_id", readonly=True,
                             string="Unit", help="Unit the quantities are in.")
    depth = fields.Integer(string="Level", help="0: a recalled batch; 1: made from it; 2: made "
                                                "from a batch made from it, and so on.")
    parent_lot_id = fields.Many2one("stock.production.lot", string="Made From",
                                    help="The recalled batch (or one made from it) this batch "
                                         "was made from.")
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order",
                                    help="The order that made this batch from the one above.")
    qty_in_stock = fields.Float(compute="_compute_stock", string="In Stock",
                                help="Quantity of the batch in our own locations now.")
    qty_reserved = fields.Float(compute="_compute_stock", string="Reserved",
                                help="Quantity of it reserved for open transfers now.")
    locations = fields.Char(compute="_compute_stock",
                            help="Where the batch is in stock, with the quantity in each.")

    @api.depends("lot_id")
    def _compute_stock(self):
        groups = self.env["stock.quant"].read_group(
            [("lot_id", "in", self.mapped("lot_id").ids),
             ("location_id.usage", "in", ("internal", "transit"))],
            ["lot_id", "location_id", "quantity", "reserved_quantity"],
            ["lot_id", "location_id"], lazy=False)
        per_lot = {}
        for group in groups:
            per_lot.setdefault(group["lot_id"][0], []).append(group)
        for line in self:
            rows = per_lot.get(line.lot_id.id, [])
            line.qty_in_stock = sum(row["quantity"] for row in rows)
            line.qty_reserved = sum(row["reserved_quantity"] for row in rows)
            line.locations = ", ".join("%s: %g" % (row["location_id"][1], row["quantity"])
                                       for row in rows if row["quantity"])
