"""Odoo side of the GS1 package's messages: translated, as user errors.

:mod:`..gs1` does not import Odoo; its message templates (``gs1/errors.py``)
are marked there for Odoo's translation export and translated here, in the
language of ``self``'s user, when the error reaches them.
"""
from odoo import _
from odoo.exceptions import UserError

from ..gs1.errors import CHECK_DIGIT


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
