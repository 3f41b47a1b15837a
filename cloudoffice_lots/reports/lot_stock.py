from odoo import fields, models
from odoo.addons import decimal_precision as dp

from .queries import lot_stock


class LotStock(models.Model):
    """Batch Stock: what is in stock now, per batch/serial and location, read
    straight from Odoo's quants (a database view, nothing is copied). The web
    client reads it with one search like any list; the balance report stays
    for past dates and periods."""

    _name = "cloudoffice.lot.stock"
    _description = "Batch Stock"
    _auto = False
    _rec_name = "lot_id"
    _order = "product_id, lot_id, location_id"

    product_id = fields.Many2one("product.product", string="Product", readonly=True,
                                 help="The product of the batch/serial.")
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True,
                               help="The product's category, to group or filter the stock.")
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", readonly=True,
                             help="The batch or serial number in stock.")
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True,
                                   help="Warehouse of the location; empty for a location outside "
                                        "any warehouse.")
    location_id = fields.Many2one("stock.location", string="Location", readonly=True,
                                  help="Internal or transit location holding the batch.")
    life_date = fields.Date(string="Expiry Date", readonly=True,
                            help="Last day the goods of the batch may be used.")
    quantity = fields.Float(string="On Hand", readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="Quantity of the batch in the location, in the product's unit.")
    reserved_quantity = fields.Float(string="Reserved", readonly=True,
                                     digits=dp.get_precision("Product Unit of Measure"),
                                     help="Part of the quantity reserved for transfers not yet "
                                          "done.")
    uom_id = fields.Many2one("product.uom", string="Unit of Measure", readonly=True,
                             help="The product's unit of measure: every quantity is in it.")
    company_id = fields.Many2one("res.company", string="Company", readonly=True,
                                 help="Company of the location, as on Odoo's quants.")

    def init(self):
        lot_stock.create_view(self.env.cr)
