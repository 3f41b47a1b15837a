from odoo import fields, models


class LotAttributeOption(models.Model):
    _name = "cloudoffice.lot.attribute.option"
    _description = "Batch Attribute Option"
    _order = "sequence, id"

    attribute_id = fields.Many2one("cloudoffice.lot.attribute", required=True, ondelete="cascade")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
