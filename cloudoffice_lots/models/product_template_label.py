from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    hazard_pictogram_ids = fields.Many2many(
        "cloudoffice.hazard.pictogram", string="Hazard Pictograms",
        help="GHS pictograms printed on this product's batch labels when the label layout "
             "shows warning signs.")
    allergen_note = fields.Char(
        string="Allergens", translate=True,
        help="Allergens printed on this product's batch labels, e.g. 'milk, hazelnuts'.")
