"""Errors raised by the GS1 package, with translatable message templates.

Every problem found in a scan or in data to be encoded is reported as one
:class:`GS1Error`. It carries a short machine-readable ``reason`` (for code
that reacts to the kind of problem), the ``ai`` and ``position`` concerned
(for pointing at the wrong part), and a message built from a module-level
template with ``%(name)s`` placeholders.

This package does not import Odoo. Its templates are marked with the no-op
``_()`` below, so that Odoo's translation export (which reads every Python
file of the add-on) finds them here; the Odoo layer translates them when it
reports the error, in the user's language, for example::

    except GS1Error as err:
        raise UserError(_(err.template) % err.params)
"""


def _(text):
    """Mark a message template for Odoo's translation export; no-op here."""
    return text


# Reason codes: stable identifiers, never shown to users as such.
UNKNOWN_AI = "unknown_ai"
CHECK_DIGIT = "check_digit"
TRUNCATED = "truncated"
TOO_LONG = "too_long"
BAD_CHAR = "bad_char"
BAD_DATE = "bad_date"
BAD_VALUE = "bad_value"
DUPLICATE_AI = "duplicate_ai"
BAD_LINK = "bad_link"
EXCLUDED_AI = "excluded_ai"
REQUIRED_AI = "required_ai"
NOT_GS1 = "not_gs1"

MSG_UNKNOWN_AI = _("Unknown Application Identifier (%(ai)s) at position %(position)s")
MSG_NO_AI = _(
    "An Application Identifier should start at position %(position)s, "
    "found %(text)s")
MSG_CHECK_DIGIT = _("AI (%(ai)s) %(title)s %(value)s: check digit should be %(expected)s")
MSG_TRUNCATED = _(
    "AI (%(ai)s) %(title)s %(value)s: data is incomplete, "
    "%(expected)s characters expected")
MSG_KEY_LENGTH = _("AI (%(ai)s) %(title)s %(value)s: %(expected)s digits expected")
MSG_EMPTY = _("AI (%(ai)s) %(title)s: the value is missing")
MSG_TOO_LONG = _(
    "AI (%(ai)s) %(title)s %(value)s: too long, "
    "at most %(max_length)s characters allowed")
MSG_NOT_NUMERIC = _(
    "AI (%(ai)s) %(title)s %(value)s: only digits are allowed, "
    "found %(char)s")
MSG_BAD_CHAR = _(
    "AI (%(ai)s) %(title)s %(value)s: character %(char)s is not allowed "
    "in GS1 barcodes")
MSG_BAD_DATE = _("AI (%(ai)s) %(title)s %(value)s: not a valid date (%(format)s)")
MSG_DECIMALS = _(
    "AI (%(ai)s) %(title)s %(value)s: at most %(decimals)s decimals "
    "can be encoded")
MSG_NOT_A_NUMBER = _("AI (%(ai)s) %(title)s: %(value)s is not a number")
MSG_DUPLICATE_AI = _(
    "AI (%(ai)s) %(title)s appears twice with different values: "
    "%(value)s and %(other)s")
MSG_BAD_AI_KEY = _("%(ai)s is not an Application Identifier: 2 to 4 digits expected")
MSG_NOT_GS1 = _("%(text)s is not a GS1 barcode: no Application Identifier found")
MSG_NOTHING_TO_ENCODE = _("There is no GS1 data to encode")
MSG_LINK_NO_KEY = _(
    "%(text)s is not a GS1 Digital Link: no primary key such as /01/<GTIN> "
    "in the path")
MSG_LINK_PAIRS = _(
    "%(text)s is not a GS1 Digital Link: the path must alternate "
    "Application Identifiers and values")
MSG_LINK_QUALIFIER = _(
    "%(text)s: AI (%(ai)s) cannot qualify AI (%(key)s) in a Digital Link path, "
    "or is out of order")
MSG_LINK_BASE = _("%(text)s is not a web address starting with http:// or https://")
MSG_SYMBOL_TOO_LONG = _(
    "%(text)s: too much data for one %(symbology)s symbol "
    "(%(length)s of at most %(max_length)s)")
MSG_CODE128_CHARS = _(
    "%(text)s cannot be printed as a Code 128 barcode: character %(char)s "
    "is not plain ASCII")

MSG_CHECK_PAIR = _(
    "AI (%(ai)s) %(title)s %(value)s: the two check characters at the end "
    "should be %(expected)s")
MSG_BAD_COUNTRY = _("AI (%(ai)s) %(title)s %(value)s: %(part)s is not an ISO country code")
MSG_BAD_CURRENCY = _("AI (%(ai)s) %(title)s %(value)s: %(part)s is not an ISO currency code")
MSG_BAD_IBAN = _("AI (%(ai)s) %(title)s %(value)s: not a valid IBAN bank account number")
MSG_BAD_PART = _(
    "AI (%(ai)s) %(title)s %(value)s: the part %(part)s is not allowed "
    "for this Application Identifier")
MSG_EXCLUDED_AI = _(
    "AI (%(ai)s) %(title)s and AI (%(other)s) %(other_title)s cannot be "
    "in the same barcode")
MSG_REQUIRED_AI = _(
    "AI (%(ai)s) %(title)s needs one of these in the same barcode: %(required)s")
MSG_SERIAL_COMPONENT = _(
    "AI (%(ai)s) %(title)s %(value)s needs its serial component when AI "
    "(%(other)s) %(other_title)s signs it")
MSG_LINK_CHARS = _(
    "%(text)s is not a valid web address: character %(char)s is not allowed "
    "in it")
MSG_LINK_SLASH = _("%(text)s is not a GS1 Digital Link: it must not end with a slash")
MSG_LINK_EMPTY = _("%(text)s: AI (%(ai)s) %(title)s has no value in the Digital Link")
MSG_LINK_REPEATED = _(
    "%(text)s: AI (%(ai)s) %(title)s appears more than once in the Digital Link")
MSG_LINK_NOT_ATTRIBUTE = _(
    "%(text)s: AI (%(ai)s) %(title)s cannot be a query parameter of a "
    "Digital Link")
MSG_LINK_IN_PATH = _(
    "%(text)s: AI (%(ai)s) %(title)s belongs in the path of the Digital Link, "
    "not in its query")


def describe_char(char):
    """Show a character so that invisible ones are still visible in messages.

    >>> describe_char('~'), describe_char('\\x1d')
    ('"~"', 'U+001D')
    """
    if char.isprintable() and not char.isspace():
        return '"%s"' % char
    return "U+%04X" % ord(char)


class GS1Error(ValueError):
    """A GS1 string or value is not valid.

    :param reason: one of the reason codes of this module
    :param template: message template with ``%(name)s`` placeholders
    :param params: values for the template
    :param ai: Application Identifier concerned, if known
    :param position: offset in the scanned text where the problem starts,
        if known

    >>> err = GS1Error(CHECK_DIGIT, MSG_CHECK_DIGIT,
    ...                {'ai': '01', 'title': 'GTIN', 'value': '09506000134353',
    ...                 'expected': 2}, ai='01', position=2)
    >>> str(err)
    'AI (01) GTIN 09506000134353: check digit should be 2'
    >>> err.reason, err.ai, err.position
    ('check_digit', '01', 2)
    """

    def __init__(self, reason, template, params=None, ai=None, position=None):
        self.reason = reason
        self.template = template
        self.params = dict(params or {})
        self.ai = ai
        self.position = position
        super().__init__(self.message)

    @property
    def message(self):
        """The English message, the template filled in with its parameters."""
        return self.template % self.params

    def __str__(self):
        return self.message

    def __repr__(self):
        return "GS1Error(%r, %r, ai=%r, position=%r)" % (
            self.reason, self.message, self.ai, self.position)

    def __reduce__(self):
        # Exceptions pickle through their args; ours has keyword state too.
        return (self.__class__,
                (self.reason, self.template, self.params, self.ai, self.position))
