from odoo import fields, models

VALUE_TYPES = [
    ("text", "Text"),
    ("number", "Number"),
    ("date", "Date"),
    ("boolean", "Yes/No"),
    ("selection", "Choice List"),
]


class LotAttribute(models.Model):
    """A kind of extra data recorded on batches, defined by users without code."""

    _name = "cloudoffice.lot.attribute"
    _description = "Batch Attribute"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, help="What is recorded, e.g. 'Country of origin'.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    value_type = fields.Selection(
        VALUE_TYPES, string="Type", required=True, default="text",
        help="Number values are checked to be numbers (with a unit), dates to be dates, "
             "and choices to be one of the options.")
    unit = fields.Char(help="Unit shown after number values, e.g. '%', 'kg', '°C'.")
    option_ids = fields.One2many(
        "cloudoffice.lot.attribute.option", "attribute_id", string="Options",
        help="The values allowed for a choice list.")
    categ_ids = fields.Many2many(
        "product.category", string="Product Categories",
        help="Batches of products in these categories get this attribute.")
    print_on_label = fields.Boolean(
        help="Offer this attribute as a field of batch labels.")
    company_id = fields.Many2one(
        "res.company", string="Company", default=lambda self: self.env.user.company_id,
        help="Empty: shared by all companies.")
