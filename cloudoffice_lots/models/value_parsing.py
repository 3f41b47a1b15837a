"""Turn what a user typed into a typed value (numbers, dates, yes/no).

Plain Python, shared by batch attributes and test results. Raises ValueError
with no message; callers phrase the error in the user's terms.
"""
import datetime
import re

_TRUE = {"yes", "y", "true", "1", "ja", "j", "x", "pass", "ok"}
_FALSE = {"no", "n", "false", "0", "nej", "fail", ""}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}([ \u00a0\u202f]\d{3})+|\d+)?([.,]\d+)?$")


def parse_number(text):
    """Accept '12.5', '12,5', '1 234,5' and '-3'; anything else is refused.

    >>> parse_number('1 234,5')
    1234.5
    >>> parse_number('abc')
    Traceback (most recent call last):
    ...
    ValueError
    """
    cleaned = (text or "").strip()
    if not cleaned or not _NUMBER.match(cleaned) or not re.search(r"\d", cleaned):
        raise ValueError
    cleaned = re.sub(r"[ \u00a0\u202f]", "", cleaned).replace(",", ".")
    return float(cleaned)


def typed_decimals(text):
    """How many digits were typed after the decimal sign: a measurement
    typed '16,0' keeps its precision.

    >>> typed_decimals('16,0'), typed_decimals('1 234,50'), typed_decimals('17')
    (1, 2, 0)
    """
    match = _NUMBER.match((text or "").strip())
    return len(match.group(3)) - 1 if match and match.group(3) else 0


def canonical_number(value, decimals=None):
    """A number as stored text: decimal point, no grouping; ``decimals``
    digits after the point, or no needless zeros when not given.

    >>> canonical_number(17.4), canonical_number(1234.0), canonical_number(-0.05)
    ('17.4', '1234', '-0.05')
    >>> canonical_number(16.0, 1)
    '16.0'
    """
    if decimals is not None:
        return "%.*f" % (decimals, value)
    text = "%.10f" % value
    return text.rstrip("0").rstrip(".") if "." in text else text


def canonical_measurement(text):
    """A typed number as stored: decimal point, the decimals typed.
    ValueError when it is not a number.

    >>> canonical_measurement('1 234,50')
    '1234.50'
    """
    return canonical_number(parse_number(text), typed_decimals(text))


def parse_date(text):
    """ISO dates (2026-03-31), Swedish short (260331) or European (31.03.2026).

    >>> parse_date('31.03.2026')
    datetime.date(2026, 3, 31)
    """
    cleaned = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d", "%y%m%d"):
        try:
            return datetime.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError


def parse_boolean(text):
    """Yes/no in English or Swedish.

    >>> parse_boolean('Ja'), parse_boolean('no')
    (True, False)
    """
    cleaned = (text or "").strip().lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE and cleaned:
        return False
    raise ValueError
