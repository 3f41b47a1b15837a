"""Products as Fortnox articles."""
from odoo import models

from ..mappers.common import clip


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _fortnox_article_number(self):
        """The article number in Fortnox (at most 50): the internal reference, else the id."""
        self.ensure_one()
        return clip(self.default_code or "ODOO-%d" % self.id, 50)

    def _fortnox_article_values(self):
        self.ensure_one()
        return {"Description": clip(self.name, 200), "StockGoods": self.type == "product"}
