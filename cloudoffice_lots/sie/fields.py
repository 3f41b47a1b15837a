"""SIE 4 fields: quoting, reading a line into fields, amounts, dates, CP437.

A record is one line: a label (``#TRANS``) and fields separated by spaces or
tabs. A field holding a space is quoted; a quote inside it is written ``\\"``.
An object list (``{1 "456"}``) is one field with fields of its own.

The specification defines no escape for the backslash itself, so a reader
cannot tell ``\\"`` at the end of a text from an escaped quote: texts are
written with ``/`` in place of ``\\`` (see :func:`clean_text`), and the export
lists every text that changes that way before it writes the file.
"""
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

ENCODING = "cp437"

#: Characters CP437 lacks that have an obvious stand-in; anything else it
#: lacks becomes ``?``.
_STAND_INS = {
    "\u20ac": "EUR", "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
    "\u201a": ",", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2026": "...",
    "\u00a0": " ", "\u2022": "*",
}

_DIGITS = re.compile(r"^[0-9]+$")
_AMOUNT = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")


def encodable(char):
    """True if CP437 holds ``char`` as it is."""
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def clean_text(text):
    """``(text as it will be written, [characters that were changed])``.

    Line breaks and tabs become spaces (a record is one line); a backslash
    becomes ``/``; characters CP437 lacks get a stand-in or ``?``.

    >>> clean_text('Honung 500 g \u2013 5 \u20ac')
    ('Honung 500 g - 5 EUR', ['\u2013', '\u20ac'])
    """
    out = []
    changed = []
    for char in text or "":
        if char in "\r\n\t":
            out.append(" ")
        elif char == "\\":
            out.append("/")
            changed.append(char)
        elif char < " " or char == "\x7f":
            changed.append(char)
        elif encodable(char):
            out.append(char)
        else:
            out.append(_STAND_INS.get(char, "?"))
            changed.append(char)
    return "".join(out), changed


def quote(text):
    """A text field, always quoted, with ``"`` escaped as ``\\"``.

    >>> quote('Kaffe "Java" 2 kg')
    '"Kaffe \\\\"Java\\\\" 2 kg"'
    """
    return '"%s"' % clean_text(text)[0].replace('"', '\\"')


def format_amount(value):
    """Amount with a point and exactly two decimals, rounded half up.

    >>> format_amount(Decimal('-2.675')), format_amount(0), format_amount('1234.5')
    ('-2.68', '0.00', '1234.50')
    """
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount == 0:
        amount = Decimal("0.00")  # never "-0.00"
    return "%.2f" % amount


def parse_amount(text):
    """Decimal of an amount field; ``ValueError`` if it is not one (comma,
    more than two decimals, letters)."""
    if not _AMOUNT.match(text or ""):
        raise ValueError("not an amount: %r" % text)
    return Decimal(text)


def format_quantity(value):
    """Quantity without trailing zeros: 8.0 -> ``8``, 2.50 -> ``2.5``."""
    text = ("%.6f" % float(value)).rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_date(value):
    """``YYYYMMDD`` of a date or an ISO date string."""
    if isinstance(value, str):
        value = datetime.datetime.strptime(value[:10], "%Y-%m-%d").date()
    return value.strftime("%Y%m%d")


def parse_date(text):
    return datetime.datetime.strptime(text, "%Y%m%d").date()


def is_account_number(text):
    """SIE account numbers are digits only (BAS: four of them)."""
    return bool(_DIGITS.match(text or ""))


def tokenize(line):
    """Fields of one record line, unescaped; an object list is a tuple of its
    fields. Raises ``ValueError`` on an unclosed quote or brace.

    >>> tokenize('#TRANS 7010 {1 "456"} 13200.00 "" "Kaffe \\\\"Java\\\\""')
    ['#TRANS', '7010', ('1', '456'), '13200.00', '', 'Kaffe "Java"']
    """
    fields = []
    stack = [fields]
    i = 0
    length = len(line)
    while i < length:
        char = line[i]
        if char in " \t":
            i += 1
        elif char == '"':
            i += 1
            value = []
            while True:
                if i >= length:
                    raise ValueError("unclosed quote")
                if line[i] == "\\" and i + 1 < length and line[i + 1] == '"':
                    value.append('"')
                    i += 2
                elif line[i] == '"':
                    i += 1
                    break
                else:
                    value.append(line[i])
                    i += 1
            stack[-1].append("".join(value))
        elif char == "{":
            inner = []
            stack[-1].append(inner)
            stack.append(inner)
            i += 1
        elif char == "}":
            if len(stack) == 1:
                raise ValueError("} without {")
            stack.pop()
            i += 1
        else:
            start = i
            while i < length and line[i] not in ' \t"{}':
                i += 1
            stack[-1].append(line[start:i])
    if len(stack) != 1:
        raise ValueError("unclosed {")
    return [tuple(field) if isinstance(field, list) else field for field in fields]


def checksum_bytes(fields):
    """What one record adds to ``#KSUMMA``: its label and the contents of its
    fields (object lists flattened), without spaces, quotes, braces or
    escapes, as CP437 bytes."""
    parts = []
    for field in fields:
        if isinstance(field, tuple):
            parts.extend(field)
        else:
            parts.append(field)
    return "".join(parts).encode(ENCODING, "replace")
