from odoo import fields, models


class LotAttributeOption(models.Model):
    _name = "cloudoffice.lot.attribute.option"
    _description = "Batch Attribute Option"
    _order = "sequence, id"

    attribute_id = fields.Many2one("cloudoffice.lot.attribute", required=True, ondelete="cascade",
                                   help="The choice-list attribute this option belongs to.")
    name = fields.Char(required=True, translate=True,
                       help="A value users may choose for this attribute, e.g. 'Sweden'.")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="attribute_id.company_id", store=True, readonly=True,
        help="The company of the attribute; empty: shared by all companies.")
