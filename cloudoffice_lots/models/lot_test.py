from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .user_format import format_measurement, format_number
from .value_parsing import canonical_measurement, parse_number

TEST_STATES = [("pending", "Pending"), ("pass", "Pass"), ("fail", "Fail")]

# What a batch is judged against: the quality manager's. Stock users record
# results (result, tested on, tested by) and add tests; they do not lower the bar.
CRITERIA = ("lot_id", "spec_id", "parameter", "method", "has_min", "has_max", "spec_min",
            "spec_max", "spec_expected", "unit", "required")
#: computed from the result against the criteria, never written
OUTCOME = ("state", "result_value")


class LotTest(models.Model):
    """One test result of one batch, judged against its specification."""

    _name = "cloudoffice.lot.test"
    _description = "Batch Test Result"
    _order = "lot_id, sequence, id"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             ondelete="cascade", index=True,
                             help="The batch or serial number that was tested.")
    product_id = fields.Many2one(related="lot_id.product_id", store=True, readonly=True,
                                 help="The product of the batch/serial.")
    company_id = fields.Many2one(related="lot_id.company_id", store=True, readonly=True)
    spec_id = fields.Many2one("cloudoffice.lot.test.spec", string="Specification", ondelete="set null",
                              help="The test specification of the product or category this test "
                                   "follows; empty for a test added by hand.")
    sequence = fields.Integer(default=10)
    parameter = fields.Char(required=True, help="What was measured.")
    method = fields.Char(help="How it was measured.")
    has_min = fields.Boolean(string="Has Minimum",
                             help="The result must be a number at or above the minimum.")
    has_max = fields.Boolean(string="Has Maximum",
                             help="The result must be a number at or below the maximum.")
    spec_min = fields.Float(string="Minimum", help="Lowest acceptable result, in the test's unit.")
    spec_max = fields.Float(string="Maximum", help="Highest acceptable result, in the test's unit.")
    spec_expected = fields.Char(string="Expected Result",
                                help="For results that are not numbers: the text the result must "
                                     "match, e.g. 'Complies'. Empty: any observation passes.")
    specification = fields.Char(compute="_compute_specification",
                                help="The acceptance criterion, as printed on a certificate.")
    unit = fields.Char(help="Unit of the result and the limits, e.g. '%', 'mg/kg'.")
    result = fields.Char(
        help="The measured result: a number for numeric limits (decimal comma allowed), "
             "otherwise the observed text.")
    result_shown = fields.Char(
        string="Result", compute="_compute_result_shown", inverse="_inverse_result_shown",
        help="The measured result in your own format: a number for numeric limits (typed with "
             "a decimal comma or point), otherwise the observed text.")
    result_value = fields.Float(string="Numeric Result", compute="_compute_state", store=True,
                                help="The result read as a number (decimal comma allowed), for "
                                     "sorting and statistics; 0 for text results.")
    tested_on = fields.Date(help="Day the test was done.")
    tested_by = fields.Char(help="Who tested: analyst or laboratory.")
    required = fields.Boolean(default=True, help="Counts for the batch's release.")
    state = fields.Selection(TEST_STATES, string="Outcome", compute="_compute_state", store=True,
                             help="Pass when the result meets the specification.")

    @api.model
    def _cloudoffice_may_set_criteria(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group("stock.group_stock_manager")

    @api.model
    def create(self, vals):
        if set(OUTCOME) & set(vals):
            raise AccessError(_("The outcome of a batch test follows from its result: it "
                                "cannot be written."))
        if vals.get("spec_id") and not self._cloudoffice_may_set_criteria():
            # A test following a specification has the specification's criteria.
            spec = self.env["cloudoffice.lot.test.spec"].browse(vals["spec_id"])
            vals = dict(vals, **{key: value for key, value in spec._test_values().items()
                                 if key != "sequence"})
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if set(OUTCOME) & set(vals):
            raise AccessError(_("The outcome of a batch test follows from its result: it "
                                "cannot be written."))
        changed = [key for key in CRITERIA if key in vals and any(
            (test._fields[key].convert_to_write(test[key], test) or False) != (vals[key] or False)
            for test in self)]
        if changed and not self._cloudoffice_may_set_criteria():
            test = self[:1]
            raise AccessError(_(
                "Batch %(lot)s, test %(parameter)s: only inventory managers change what a "
                "batch is tested against (%(fields)s); record the result instead.") % {
                    "lot": test.lot_id.name, "parameter": test.parameter,
                    "fields": ", ".join(self._fields[key].get_description(self.env)["string"]
                                        for key in changed)})
        return super().write(vals)

    @api.multi
    def unlink(self):
        required = self.filtered("required")
        if required and not self._cloudoffice_may_set_criteria():
            raise AccessError(_(
                "Batch %(lot)s, test %(parameter)s counts for the batch's release: only "
                "inventory managers remove it.") % {
                    "lot": required[0].lot_id.name, "parameter": required[0].parameter})
        return super().unlink()

    def _is_numeric(self):
        return self.has_min or self.has_max

    @api.depends("has_min", "has_max", "spec_min", "spec_max", "spec_expected", "unit")
    def _compute_specification(self):
        for test in self:
            unit = (" %s" % test.unit) if test.unit else ""
            low, high = format_number(test.env, test.spec_min), format_number(test.env, test.spec_max)
            if test.has_min and test.has_max:
                test.specification = "%s–%s%s" % (low, high, unit)
            elif test.has_min:
                test.specification = "≥ %s%s" % (low, unit)
            elif test.has_max:
                test.specification = "≤ %s%s" % (high, unit)
            else:
                test.specification = test.spec_expected or ""

    @api.depends("result", "has_min", "has_max")
    def _compute_result_shown(self):
        # Not stored: each reader sees a numeric result with their own decimal sign.
        for test in self:
            # as typed when not a number: the constraint refuses it on save
            test.result_shown = format_measurement(test.env, test.result) \
                if test._is_numeric() and (test.result or "").strip() else test.result

    def _inverse_result_shown(self):
        for test in self:
            text = (test.result_shown or "").strip()
            if test._is_numeric() and text:
                try:
                    text = canonical_measurement(text)
                except ValueError:
                    text = test.result_shown  # the constraint names it
            test.result = text or False

    @api.depends("result", "has_min", "has_max", "spec_min", "spec_max", "spec_expected")
    def _compute_state(self):
        for test in self:
            text = (test.result or "").strip()
            test.result_value = 0.0
            if not text:
                test.state = "pending"
            elif test._is_numeric():
                try:
                    value = parse_number(text)
                except ValueError:
                    test.state = "fail"
                    continue
                test.result_value = value
                ok = (not test.has_min or value >= test.spec_min) and \
                     (not test.has_max or value <= test.spec_max)
                test.state = "pass" if ok else "fail"
            elif test.spec_expected:
                ok = text.lower() == test.spec_expected.strip().lower()
                test.state = "pass" if ok else "fail"
            else:
                test.state = "pass"  # recorded observation without a criterion

    @api.constrains("result", "has_min", "has_max")
    def _check_numeric_result(self):
        for test in self.filtered(lambda t: t._is_numeric() and (t.result or "").strip()):
            try:
                parse_number(test.result)
            except ValueError:
                raise ValidationError(_(
                    "Batch %(lot)s of %(product)s, test %(parameter)s: the result must be a "
                    "number%(unit)s, not \"%(value)s\".") % {
                        "lot": test.lot_id.name, "product": test.lot_id.product_id.display_name,
                        "parameter": test.parameter,
                        "unit": " (%s)" % test.unit if test.unit else "", "value": test.result})
