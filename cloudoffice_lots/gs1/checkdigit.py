"""GS1 mod-10 check digits (GTIN, SSCC, GLN, GSIN, ...).

All GS1 numeric keys end with the same check digit (GenSpecs section 7.9.1):
from the right, the digits before the check digit are weighted 3, 1, 3, 1...;
the check digit brings the weighted sum up to a multiple of ten. Weighting
from the right is what lets a GTIN-13 and its GTIN-14 form (one leading zero)
share the same check digit.

>>> gtin_check_digit('0950600013435')
2
>>> is_valid_gtin('9506000134352'), to_gtin14('9506000134352')
(True, '09506000134352')
>>> try:
...     validate_gtin('09506000134353')
... except GS1Error as err:
...     print(err.reason, '-', err)
check_digit - AI (01) GTIN 09506000134353: check digit should be 2
"""
import re

from .errors import (
    BAD_CHAR,
    CHECK_DIGIT,
    MSG_CHECK_DIGIT,
    MSG_KEY_LENGTH,
    MSG_NOT_NUMERIC,
    TOO_LONG,
    TRUNCATED,
    GS1Error,
    describe_char,
)

GTIN_LENGTHS = (8, 12, 13, 14)
SSCC_LENGTH = 18
GLN_LENGTH = 13

# ASCII digits only: str.isdigit() also accepts superscripts and other
# scripts' digits, and str.isascii() needs Python 3.7.
_DIGITS = re.compile(r"[0-9]+\Z")


def is_digits(text):
    """True if ``text`` is one or more ASCII digits.

    >>> is_digits('0123'), is_digits(''), is_digits('\\u0661'), is_digits('12\\n')
    (True, False, False, False)
    """
    return bool(_DIGITS.match(text))


def check_digit(digits):
    """The GS1 check digit for ``digits`` (a string without its check digit).

    >>> check_digit('10614141123456789')
    7
    """
    if not is_digits(digits):
        raise ValueError("digits expected, got %r" % (digits,))
    total = 0
    # The digit next to the check digit has weight 3, then alternating.
    for index, char in enumerate(reversed(digits)):
        total += int(char) * (3 if index % 2 == 0 else 1)
    return (10 - total % 10) % 10


def gtin_check_digit(digits_without_check):
    """Check digit of a GTIN (or any GS1 key) given without its last digit."""
    return check_digit(digits_without_check)


def has_valid_check_digit(code):
    """True if ``code`` is all digits and its last digit is the right check digit."""
    if len(code) < 2 or not is_digits(code):
        return False
    return check_digit(code[:-1]) == int(code[-1])


def is_valid_gtin(code):
    """True for a GTIN-8, -12, -13 or -14 with a correct check digit.

    >>> is_valid_gtin('96385074'), is_valid_gtin('614141000036'), is_valid_gtin('12345')
    (True, True, False)
    """
    return isinstance(code, str) and len(code) in GTIN_LENGTHS and has_valid_check_digit(code)


def to_gtin14(code):
    """Pad a GTIN-8/12/13 with leading zeros to the 14-digit form used in AI (01).

    Raises :class:`GS1Error` if the code is not a valid GTIN.

    >>> to_gtin14('96385074')
    '00000096385074'
    """
    validate_gtin(code)
    return code.rjust(14, "0")


def validate_gtin(code, ai="01", title="GTIN"):
    """Raise :class:`GS1Error` unless ``code`` is a valid GTIN-8/12/13/14.

    The message gives the expected check digit, so a user can tell a typo in
    the last digit from a wrong number altogether.
    """
    _validate_key(code, GTIN_LENGTHS, ai, title)
    return code


def is_valid_sscc(code):
    """True for an 18-digit SSCC with a correct check digit."""
    return isinstance(code, str) and len(code) == SSCC_LENGTH and has_valid_check_digit(code)


def validate_sscc(code):
    """Raise :class:`GS1Error` unless ``code`` is a valid SSCC."""
    _validate_key(code, (SSCC_LENGTH,), "00", "SSCC")
    return code


def is_valid_gln(code):
    """True for a 13-digit GLN with a correct check digit."""
    return isinstance(code, str) and len(code) == GLN_LENGTH and has_valid_check_digit(code)


def validate_gln(code, ai="414", title="LOC No."):
    """Raise :class:`GS1Error` unless ``code`` is a valid GLN."""
    _validate_key(code, (GLN_LENGTH,), ai, title)
    return code


def _validate_key(code, lengths, ai, title):
    params = {"ai": ai, "title": title, "value": code}
    for index, char in enumerate(code):
        if not ("0" <= char <= "9"):
            raise GS1Error(BAD_CHAR, MSG_NOT_NUMERIC,
                           dict(params, char=describe_char(char)), ai=ai, position=index)
    if len(code) not in lengths:
        expected = " or ".join(str(length) for length in lengths)
        reason = TOO_LONG if len(code) > max(lengths) else TRUNCATED
        raise GS1Error(reason, MSG_KEY_LENGTH, dict(params, expected=expected), ai=ai)
    expected = check_digit(code[:-1])
    if expected != int(code[-1]):
        raise GS1Error(CHECK_DIGIT, MSG_CHECK_DIGIT, dict(params, expected=expected),
                       ai=ai, position=len(code) - 1)
