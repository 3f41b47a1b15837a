from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LotTestSpec(models.Model):
    """What a batch of a product (or a category) must be tested for before release."""

    _name = "cloudoffice.lot.test.spec"
    _description = "Batch Test Specification"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    product_tmpl_id = fields.Many2one("product.template", string="Product", ondelete="cascade", index=True,
                                      help="Every batch of this product gets the test. Empty: the "
                                           "test applies through the product category.")
    categ_id = fields.Many2one("product.category", string="Product Category", ondelete="cascade",
                               index=True,
                               help="Every batch of the products of this category gets the test. "
                                    "Empty: the test applies to the product only.")
    parameter = fields.Char(required=True, translate=True, help="What is measured, e.g. 'Assay'.")
    method = fields.Char(help="How it is measured, e.g. 'HPLC, Ph. Eur. 2.2.29'.")
    spec_min = fields.Float(string="Minimum", help="Lowest acceptable result.")
    spec_max = fields.Float(string="Maximum", help="Highest acceptable result.")
    has_min = fields.Boolean(string="Has Minimum",
                             help="The result must be a number at or above the minimum.")
    has_max = fields.Boolean(string="Has Maximum",
                             help="The result must be a number at or below the maximum.")
    spec_expected = fields.Char(
        string="Expected Result", translate=True,
        help="For results that are not numbers: the expected text, e.g. 'Complies' or "
             "'White round tablets'. Leave empty for numeric limits.")
    unit = fields.Char(help="Unit of the result, e.g. '%', 'mg/kg'.")
    required = fields.Boolean(
        default=True,
        help="A batch is released only when every required test has a passing result.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id,
                                 help="Company that uses this specification; empty: all companies.")

    @api.constrains("product_tmpl_id", "categ_id", "has_min", "has_max", "spec_min", "spec_max",
                    "spec_expected")
    def _check_spec(self):
        for spec in self:
            if not spec.product_tmpl_id and not spec.categ_id:
                raise ValidationError(_("Test specification %s needs a product or a product "
                                        "category.") % spec.parameter)
            if spec.has_min and spec.has_max and spec.spec_min > spec.spec_max:
                raise ValidationError(_("Test specification %(parameter)s: the minimum %(min)s is "
                                        "above the maximum %(max)s.") % {
                    "parameter": spec.parameter, "min": spec.spec_min, "max": spec.spec_max})

    def _test_values(self):
        """Values of a new pending test line following this specification."""
        self.ensure_one()
        return {
            "spec_id": self.id,
            "sequence": self.sequence,
            "parameter": self.parameter,
            "method": self.method,
            "has_min": self.has_min,
            "has_max": self.has_max,
            "spec_min": self.spec_min,
            "spec_max": self.spec_max,
            "spec_expected": self.spec_expected,
            "unit": self.unit,
            "required": self.required,
        }
