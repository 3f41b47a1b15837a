from odoo import fields, models


class LotReportLine(models.AbstractModel):
    """What every line of a batch/serial report shows: the batch, its
    product and unit, its company and the location concerned. Each report
    line model inherits it and may redefine a field's label or help."""

    _name = "cloudoffice.lot.report.line"
    _description = "Batch Report Line"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", readonly=True,
                             help="The batch or serial number the line is about.")
    product_id = fields.Many2one("product.product", string="Product", readonly=True,
                                 help="The product of the batch/serial.")
    uom_id = fields.Many2one("product.uom", string="Unit", readonly=True,
                             help="The product's unit of measure: quantities are in it.")
    company_id = fields.Many2one("res.company", string="Company", readonly=True,
                                 help="Company that owns the batch/serial.")
    location_id = fields.Many2one("stock.location", string="Location", readonly=True,
                                  help="The stock location concerned.")
