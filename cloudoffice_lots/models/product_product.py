from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def create(self, vals):
        # Variants created directly carry the template's defaults in their
        # values, so the category's tracking must be applied before that.
        return super().create(self.env["product.template"]._tracking_from_category(vals))
