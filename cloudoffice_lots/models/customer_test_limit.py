from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .user_format import format_number


class CustomerTestLimit(models.Model):
    """A customer's own, tighter acceptance limit for one test of a product.

    The customer's certificates of analysis are judged against it, batches
    outside it are not proposed to them when selling, and (for customers
    who ask for certificates) do not leave for them without an approval.
    """

    _name = "cloudoffice.customer.test.limit"
    _description = "Customer Test Limit"
    _order = "partner_id, product_tmpl_id, parameter, id"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True,
                                 ondelete="cascade", domain=[("customer", "=", True)],
                                 help="The customer whose limit this is; it applies to all their "
                                      "contacts and addresses.")
    product_tmpl_id = fields.Many2one("product.template", string="Product", required=True,
                                      index=True, ondelete="cascade",
                                      help="The product whose batches are judged against it.")
    parameter = fields.Char(required=True,
                            help="The test it applies to, named as on the batches' test results "
                                 "(e.g. 'Water content').")
    has_min = fields.Boolean(string="Has Minimum",
                             help="The customer accepts results at or above the minimum only.")
    spec_min = fields.Float(string="Minimum", help="Lowest result the customer accepts.")
    has_max = fields.Boolean(string="Has Maximum",
                             help="The customer accepts results at or below the maximum only.")
    spec_max = fields.Float(string="Maximum", help="Highest result the customer accepts.")
    unit = fields.Char(help="Unit of the limits: the same as the test's, e.g. '%'.")
    specification = fields.Char(compute="_compute_specification",
                                help="The customer's criterion, as printed on their "
                                     "certificates.")
    company_id = fields.Many2one("res.company", string="Company",
                                 default=lambda self: self.env.user.company_id,
                                 help="Company that agreed this limit; empty: all companies.")

    @api.depends("has_min", "has_max", "spec_min", "spec_max", "unit")
    def _compute_specification(self):
        # printed as a test's criterion is (cloudoffice.lot.test), numbers in
        # the reader's format
        for limit in self:
            unit = (" %s" % limit.unit) if limit.unit else ""
            low = format_number(limit.env, limit.spec_min)
            high = format_number(limit.env, limit.spec_max)
            if limit.has_min and limit.has_max:
                limit.specification = "%s–%s%s" % (low, high, unit)
            elif limit.has_min:
                limit.specification = "≥ %s%s" % (low, unit)
            else:
                limit.specification = "≤ %s%s" % (high, unit) if limit.has_max else ""

    @api.constrains("has_min", "has_max", "spec_min", "spec_max", "parameter")
    def _check_limits(self):
        for limit in self:
            values = {"customer": limit.partner_id.display_name, "parameter": limit.parameter,
                      "product": limit.product_tmpl_id.display_name}
            if not limit.has_min and not limit.has_max:
                raise ValidationError(_(
                    "The limit of %(customer)s for %(parameter)s of %(product)s needs a minimum, "
                    "a maximum or both.") % values)
            if limit.has_min and limit.has_max and limit.spec_min > limit.spec_max:
                raise ValidationError(_(
                    "The limit of %(customer)s for %(parameter)s of %(product)s: the minimum is "
                    "above the maximum.") % values)

    @api.multi
    def _cloudoffice_accepts(self, value):
        """True when the numeric result ``value`` is within this limit."""
        self.ensure_one()
        return (not self.has_min or value >= self.spec_min) and \
            (not self.has_max or value <= self.spec_max)

    @api.model
    def _cloudoffice_for(self, partner, products):
        """{(product template id, lower-case parameter): limit} of ``partner``
        (its commercial entity) for ``products``."""
        if not partner:
            return {}
        limits = self.sudo().search([
            ("partner_id", "=", partner.commercial_partner_id.id),
            ("product_tmpl_id", "in", products.mapped("product_tmpl_id").ids)])
        return {(limit.product_tmpl_id.id, limit.parameter.strip().lower()): limit
                for limit in limits}
