"""Odoo side of the GS1 package's messages: translated, as user errors.

:mod:`..gs1` does not import Odoo, so its message templates are plain
constants (``gs1/errors.py``). They are repeated here inside ``_()`` so that
the translation export finds them; ``test_scan_lookup`` checks that the two
lists stay the same.
"""
from odoo import _
from odoo.exceptions import UserError

from ..gs1.errors import CHECK_DIGIT


def gs1_templates(self):
    """Every GS1 message template, translated in the language of ``self``'s user."""
    return [
        _("Unknown Application Identifier (%(ai)s) at position %(position)s"),
        _("An Application Identifier should start at position %(position)s, found %(text)s"),
        _("AI (%(ai)s) %(title)s %(value)s: check digit should be %(expected)s"),
        _("AI (%(ai)s) %(title)s %(value)s: data is incomplete, %(expected)s characters expected"),
        _("AI (%(ai)s) %(title)s %(value)s: %(expected)s digits expected"),
        _("AI (%(ai)s) %(title)s: the value is missing"),
        _("AI (%(ai)s) %(title)s %(value)s: too long, at most %(max_length)s characters allowed"),
        _("AI (%(ai)s) %(title)s %(value)s: only digits are allowed, found %(char)s"),
        _("AI (%(ai)s) %(title)s %(value)s: character %(char)s is not allowed in GS1 barcodes"),
        _("AI (%(ai)s) %(title)s %(value)s: not a valid date (%(format)s)"),
        _("AI (%(ai)s) %(title)s %(value)s: at most %(decimals)s decimals can be encoded"),
        _("AI (%(ai)s) %(title)s: %(value)s is not a number"),
        _("AI (%(ai)s) %(title)s appears twice with different values: %(value)s and %(other)s"),
        _("%(ai)s is not an Application Identifier: 2 to 4 digits expected"),
        _("%(text)s is not a GS1 barcode: no Application Identifier found"),
        _("There is no GS1 data to encode"),
        _("%(text)s is not a GS1 Digital Link: no primary key such as /01/<GTIN> in the path"),
        _("%(text)s is not a GS1 Digital Link: the path must alternate "
          "Application Identifiers and values"),
        _("%(text)s: AI (%(ai)s) cannot qualify AI (%(key)s) in a "
          "Digital Link path, or is out of order"),
        _("%(text)s is not a web address starting with http:// or https://"),
        _("%(text)s: too much data for one %(symbology)s symbol "
          "(%(length)s of at most %(max_length)s)"),
        _("%(text)s cannot be printed as a Code 128 barcode: character %(char)s is not plain ASCII"),
    ]


def gs1_message(self, err):
    """The translated message of a :class:`~..gs1.GS1Error`; a wrong check
    digit first in a warehouse worker's words, the precise part after it."""
    message = _(err.template) % err.params
    if err.reason == CHECK_DIGIT:
        return _("The number %(value)s is not right: a digit was mistyped or misread. Check "
                 "it on the package or scan again. (%(detail)s)") % {
                     "value": err.params.get("value", ""), "detail": message}
    return message


def gs1_user_error(self, err, scan=None):
    """A UserError for ``err``, quoting what was scanned when given."""
    if scan:
        return UserError(_("Scan %(scan)s: %(problem)s") % {
            "scan": scan, "problem": gs1_message(self, err)})
    return UserError(gs1_message(self, err))
