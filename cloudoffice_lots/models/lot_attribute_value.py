from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .user_format import format_day, format_measurement, parse_user_date
from .value_parsing import canonical_measurement, parse_boolean, parse_date, parse_number


class LotAttributeValue(models.Model):
    """One piece of extra data on one batch, typed from what the user typed."""

    _name = "cloudoffice.lot.attribute.value"
    _description = "Batch Attribute Value"
    _order = "sequence, id"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             ondelete="cascade", index=True,
                             help="The batch or serial number this value is recorded for.")
    attribute_id = fields.Many2one("cloudoffice.lot.attribute", string="Attribute", required=True,
                                   ondelete="restrict",
                                   help="What is recorded, e.g. 'Country of origin'; the "
                                        "attributes come from the product category.")
    sequence = fields.Integer(related="attribute_id.sequence", store=True, readonly=True)
    value_type = fields.Selection(related="attribute_id.value_type", readonly=True)
    unit = fields.Char(related="attribute_id.unit", readonly=True)
    value = fields.Char(
        help="Type the value; numbers may use a decimal comma, dates YYYY-MM-DD, "
             "yes/no as yes, no, ja or nej, choices as one of the options.")
    value_shown = fields.Char(
        string="Shown Value", compute="_compute_value_shown", inverse="_inverse_value_shown",
        help="The value in your own format: numbers with your decimal sign, dates as your "
             "language writes them. Type a number with a decimal comma or point, a date as "
             "YYYY-MM-DD or in your format, yes/no as yes, no, ja or nej.")
    value_number = fields.Float(string="Number", compute="_compute_typed", store=True,
                                help="The value read as a number, for sorting, grouping and "
                                     "totals; 0 when the attribute is not a number.")
    value_date = fields.Date(string="Date Value", compute="_compute_typed", store=True,
                             help="The value read as a date, for searching and sorting; empty when "
                                  "the attribute is not a date.")
    value_boolean = fields.Boolean(string="Yes/No", compute="_compute_typed", store=True,
                                   help="The value read as yes or no, for filtering; off when the "
                                        "attribute is not a yes/no.")
    option_id = fields.Many2one("cloudoffice.lot.attribute.option", compute="_compute_typed",
                                store=True, string="Option",
                                help="The option of the choice list the value matches; empty when "
                                     "the attribute is not a choice list.")
    company_id = fields.Many2one(related="lot_id.company_id", store=True, readonly=True)

    _sql_constraints = [
        ("lot_attribute_unique", "unique (lot_id, attribute_id)",
         "A batch holds each attribute once."),
    ]

    @api.depends("value", "attribute_id.value_type")
    def _compute_typed(self):
        for line in self:
            typed = line._parse_value()
            line.value_number = typed if line.value_type == "number" else 0.0
            line.value_date = typed if line.value_type == "date" else False
            line.value_boolean = typed if line.value_type == "boolean" else False
            line.option_id = typed if line.value_type == "selection" else False

    @api.depends("value", "attribute_id.value_type")
    def _compute_value_shown(self):
        # Not stored: each reader sees the value in the format of their language.
        for line in self:
            typed = line._parse_value()
            if typed is None or line.value_type not in ("number", "date"):
                line.value_shown = line.value
            elif line.value_type == "number":
                line.value_shown = format_measurement(line.env, line.value)
            else:
                line.value_shown = format_day(line.env, typed)

    def _inverse_value_shown(self):
        for line in self:
            line.value = line._cloudoffice_canonical(line.value_shown)

    def _cloudoffice_canonical(self, text):
        """What the user typed, stored so any reader can read it: numbers with a
        decimal point ('17.4'), dates as YYYY-MM-DD; other text unchanged."""
        cleaned = (text or "").strip()
        try:
            if cleaned and self.value_type == "number":
                return canonical_measurement(cleaned)
            if cleaned and self.value_type == "date":
                return fields.Date.to_string(parse_user_date(self.env, cleaned))
        except ValueError:
            return text  # kept as typed: the type constraint names it
        return text

    def _parse_value(self):
        """The typed value, or None when empty or not valid (see the constraint)."""
        text = (self.value or "").strip()
        if not text:
            return None
        try:
            if self.value_type == "number":
                return parse_number(text)
            if self.value_type == "date":
                return fields.Date.to_string(parse_date(text))
            if self.value_type == "boolean":
                return parse_boolean(text)
        except ValueError:
            return None
        if self.value_type == "selection":
            return self.attribute_id.option_ids.filtered(
                lambda o: o.name.strip().lower() == text.lower())[:1] or None
        return text

    @api.constrains("value", "attribute_id")
    def _check_value_type(self):
        for line in self.filtered(lambda value: (value.value or "").strip()):
            if line._parse_value() is not None:
                continue
            expected = line._expected_input()
            raise ValidationError(_(
                "Batch %(lot)s of %(product)s: %(attribute)s expects %(expected)s%(unit)s, "
                "not \"%(value)s\".") % {
                    "lot": line.lot_id.name, "product": line.lot_id.product_id.display_name,
                    "attribute": line.attribute_id.name, "expected": expected,
                    "unit": " (%s)" % line.unit if line.unit else "", "value": line.value,
                })

    def _expected_input(self):
        if self.value_type == "number":
            return _("a number")
        if self.value_type == "date":
            return _("a date (YYYY-MM-DD)")
        if self.value_type == "boolean":
            return _("yes or no")
        return _("one of: %s") % ", ".join(self.attribute_id.option_ids.mapped("name"))

    def display_value(self):
        """The value as a label shows it: '12.5 %' ('12,5 %' in Swedish), '2026-03-31', 'Yes'."""
        self.ensure_one()
        if not (self.value or "").strip():
            return ""
        if self.value_type == "number":
            return ("%s %s" % (format_measurement(self.env, self.value), self.unit or "")).strip()
        if self.value_type == "boolean":
            return _("Yes") if self.value_boolean else _("No")
        if self.value_type == "selection":
            return self.option_id.name
        return self.value_date or self.value
