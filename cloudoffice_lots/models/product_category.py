from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    default_tracking = fields.Selection(
        [("serial", "By Unique Serial Number"), ("lot", "By Lots"), ("none", "No Tracking")],
        help="Tracking given to new products of this category: by batch (lot) for goods "
             "made in batches such as food, medicines or paints, by unique serial number "
             "for items such as phones, computers or machines. Products can still differ.")
    lot_sequence_id = fields.Many2one(
        "ir.sequence", string="Batch/Serial Numbering",
        help="Numbers new batches and serials of this category's products, unless the "
             "product has its own numbering. The prefix may use %(year)s, %(month)s, "
             "%(day)s or %(y)s, e.g. 'B%(y)s%(month)s-'.")
    lot_attribute_ids = fields.Many2many(
        "cloudoffice.lot.attribute", string="Batch Attributes",
        help="Extra data recorded on every batch/serial of this category's products.")
    lot_test_spec_ids = fields.One2many(
        "cloudoffice.lot.test.spec", "categ_id", string="Batch Test Specifications",
        help="Tests every batch of this category's products goes through before release.")
