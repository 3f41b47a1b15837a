"""Read GS1 data from whatever a scanner or a user hands over.

:func:`parse` accepts the four forms GS1 data arrives in:

* raw element strings as a scanner transmits them, ``010950600013435210ABC``
  with GS (``\\x1d``) after variable-length fields, optionally preceded by an
  AIM symbology identifier (``]C1`` GS1-128, ``]d2`` GS1 DataMatrix, ``]Q3``
  GS1 QR Code, ``]e0`` GS1 DataBar, ``]J1`` GS1 DotCode) or by a leading FNC1 (``\\xf1``) that
  some scanners pass through;
* the human readable interpretation printed under barcodes,
  ``(01)09506000134352(10)ABC``, as typed by people;
* GS1 Digital Link URLs, ``https://id.example.com/01/09506000134352/10/ABC``;
* EAN-13/UPC-A/EAN-8 scans with their symbology identifier (``]E0``,
  ``]E4``), read as a GTIN.

Raw strings are split with the predefined-length table: those AIs have a
known length, the others run until the next separator or the end.

A scan may also be a plain lot name that was printed as an ordinary Code
128, such as ``LOT-2024-001``. :func:`looks_like_gs1` tells the two apart
without raising, and ``parse(text, strict=False)`` returns None for such
text; a scan that does look like GS1 but is damaged always raises, so it is
never mistaken for a lot name.

>>> import datetime
>>> today = datetime.date(2024, 6, 1)
>>> result = parse(']d201095011010209171719050810ABCD1234\\x1d2110', today=today)
>>> result.symbology, result.gtin, result.expiry, result.lot, result.serial
('datamatrix', '09501101020917', datetime.date(2019, 5, 8), 'ABCD1234', '10')
>>> parse('LOT-2024-001', strict=False) is None
True
"""
import re

from .ai import get_spec, guess_ai, lookup, predefined_value_length
from .associations import check_exclusions
from .checkdigit import has_valid_check_digit, to_gtin14
from .digital_link import is_web_uri, looks_like_digital_link, parse_digital_link
from .errors import (
    DUPLICATE_AI,
    MSG_DUPLICATE_AI,
    MSG_KEY_LENGTH,
    MSG_NO_AI,
    MSG_NOT_GS1,
    MSG_UNKNOWN_AI,
    NOT_GS1,
    TOO_LONG,
    TRUNCATED,
    UNKNOWN_AI,
    GS1Error,
)
from .result import GS1Result
from .validation import validate_element

# AIM symbology identifiers (ISO/IEC 15424) that announce GS1 data.
GS1_SYMBOLOGY_IDENTIFIERS = {
    "]C1": "gs1-128",
    "]d2": "datamatrix",
    "]Q3": "qr",
    "]e0": "databar",
    "]J1": "dotcode",
}
# EAN/UPC carry a bare GTIN, not an element string.
EAN_SYMBOLOGY_IDENTIFIERS = ("]E0", "]E4")

# FNC1 reaches applications as GS; some scanners pass the FNC1 code itself.
SEPARATORS = "\x1d\xf1"

_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
# One AI in the human readable form; square brackets are what some barcode
# engines use instead of parentheses.
_HRI_AI = re.compile(r"\s*[(\[](\d{2,4})[)\]]\s*")
_STRIP = " \t\r\n"


def _not_gs1(text):
    shown = text if len(text) <= 40 else text[:37] + "..."
    return GS1Error(NOT_GS1, MSG_NOT_GS1, {"text": shown.strip(_STRIP) or '""'})


def _split_prefix(text):
    """``(symbology, body, offset of body, explicitly not GS1)``."""
    body = text.rstrip(_STRIP)
    offset = len(body) - len(body.lstrip(_STRIP))
    body = body[offset:]
    prefix = body[:3]
    if prefix in GS1_SYMBOLOGY_IDENTIFIERS:
        return GS1_SYMBOLOGY_IDENTIFIERS[prefix], body[3:], offset + 3, False
    if prefix in EAN_SYMBOLOGY_IDENTIFIERS:
        return "ean", body[3:], offset + 3, False
    if _AIM_PREFIX.match(prefix):
        # A symbology without FNC1 (]C0, ]d1, ]Q1...): only a Digital Link
        # URL can make its content GS1 data.
        return "unknown", body[3:], offset + 3, True
    return "unknown", body, offset, False


def parse_element_string(text, today=None, offset=0):
    """``(ai, value)`` pairs of a raw element string (no symbology prefix).

    :param offset: where ``text`` starts in the original scan, so that error
        positions point into what the user scanned
    """
    elements = []
    position = 0
    length = len(text)
    while position < length:
        if text[position] in SEPARATORS:
            # Leading FNC1, or a superfluous separator after a fixed field.
            position += 1
            continue
        spec = lookup(text, position)
        if spec is None:
            if not text[position:position + 2].isdigit():
                if not elements:
                    raise _not_gs1(text)
                # Data where an AI should start: a field longer than allowed.
                shown = text[position:position + 10]
                raise GS1Error(UNKNOWN_AI, MSG_NO_AI,
                               {"text": shown, "position": offset + position},
                               position=offset + position)
            ai = guess_ai(text, position)
            raise GS1Error(UNKNOWN_AI, MSG_UNKNOWN_AI,
                           {"ai": ai, "position": offset + position},
                           ai=ai, position=offset + position)
        start = position + len(spec.ai)
        fixed = predefined_value_length(spec.ai)
        if fixed is not None:
            end = min(start + fixed, length)
            # A separator inside a fixed field means the data was cut short.
            for index in range(start, end):
                if text[index] in SEPARATORS:
                    end = index
                    break
        else:
            end = start
            while end < length and text[end] not in SEPARATORS:
                end += 1
        validate_element(spec.ai, text[start:end], today, offset + position)
        elements.append((spec.ai, text[start:end]))
        position = end
    if not elements:
        raise _not_gs1(text)
    return elements


def parse_hri(text, today=None, offset=0):
    """``(ai, value)`` pairs of the human readable form ``(01)...(10)...``.

    A value ends where the next ``(`` + 2 to 4 digits + ``)`` begins. Values
    may contain parentheses otherwise (``(10)A(B)``); a lot such as ``A(12)``
    cannot be told from an AI in this form and is read as one, which is why
    unknown AIs are reported rather than taken as data.
    """
    elements = []
    match = _HRI_AI.match(text)
    if match is None:
        raise _not_gs1(text)
    while match is not None:
        ai = match.group(1)
        ai_position = offset + match.start(1) - 1
        if get_spec(ai) is None:
            raise GS1Error(UNKNOWN_AI, MSG_UNKNOWN_AI,
                           {"ai": ai, "position": ai_position}, ai=ai, position=ai_position)
        start = match.end()
        following = _HRI_AI.search(text, start)
        end = following.start() if following else len(text.rstrip(_STRIP))
        value = text[start:end]
        validate_element(ai, value, today, ai_position, offset + start)
        elements.append((ai, value))
        match = following
    return elements


def _parse_ean(prefix, body):
    digits = body.strip(_STRIP)
    # ]E0 carries 13 digits (EAN-13, or UPC-A with a leading zero), ]E4 an
    # EAN-8; add-on digits or junk make it no GTIN.
    expected = 8 if prefix == "]E4" else 13
    if len(digits) != expected:
        raise GS1Error(TRUNCATED if len(digits) < expected else TOO_LONG, MSG_KEY_LENGTH,
                       {"ai": "01", "title": "GTIN", "value": digits, "expected": expected},
                       ai="01")
    return [("01", to_gtin14(digits))]


def _check_duplicates(elements):
    seen = {}
    unique = []
    for ai, value in elements:
        if ai in seen:
            if seen[ai] != value:
                raise GS1Error(DUPLICATE_AI, MSG_DUPLICATE_AI,
                               {"ai": ai, "title": get_spec(ai).title,
                                "value": seen[ai], "other": value}, ai=ai)
            continue
        seen[ai] = value
        unique.append((ai, value))
    return unique


def parse(text, strict=True, today=None):
    """Parse a scan into a :class:`GS1Result`.

    :param text: scanner output (``str``, or ``bytes`` read as Latin-1)
    :param strict: if False (reading a scan at the dock), text that does not
        look like GS1 at all (see :func:`looks_like_gs1`) gives None instead
        of an error, Digital Link qualifiers are accepted in any order or in
        the query and trailing slashes ignored, and AIs that GS1 says exclude each other
        are accepted together: suppliers print a count (37) beside a GTIN
        (01), and a worker must still be able to receive those goods
    :param today: reference date for two-digit years (default: today)
    :raises GS1Error: for anything invalid; ``reason`` says what
    """
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    if not strict and not looks_like_gs1(text):
        return None
    symbology, body, offset, not_gs1 = _split_prefix(text)
    if is_web_uri(body):
        elements = parse_digital_link(body, today, strict)
        symbology = "digital-link"
    elif not_gs1 or not body:
        raise _not_gs1(text)
    elif symbology == "ean":
        elements = _parse_ean(text.lstrip(_STRIP)[:3], body)
    elif body[0] in "([":
        elements = parse_hri(body, today, offset)
        if symbology == "unknown":
            symbology = "hri"
    else:
        elements = parse_element_string(body, today, offset)
    elements = _check_duplicates(elements)
    if strict:
        check_exclusions(elements)
    return GS1Result(elements, symbology, today)


def looks_like_gs1(text):
    """True if ``text`` is meant as GS1 data rather than, say, a lot name.

    Markers that count: a GS1 or EAN symbology identifier, a leading FNC1 or
    GS, a GS anywhere, the ``(AI)`` form with a known AI, a URL with a
    Digital Link primary key. Without any marker (scanners configured not
    to send identifiers), only an SSCC or GTIN with a valid check digit at
    the start counts, since lot names rarely carry one by chance.

    >>> looks_like_gs1('(01)09506000134352(10)ABC'), looks_like_gs1('LOT-2024-001')
    (True, False)
    >>> looks_like_gs1('0109506000134352'), looks_like_gs1('0109506000134353')
    (True, False)
    """
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    symbology, body, _offset, not_gs1 = _split_prefix(text)
    if not body:
        return False
    if is_web_uri(body):
        return looks_like_digital_link(body)
    if not_gs1:
        return False
    if symbology != "unknown":
        return True
    if body[0] in SEPARATORS or "\x1d" in body:
        return True
    match = _HRI_AI.match(body)
    if match is not None:
        return get_spec(match.group(1)) is not None
    key_length = {"00": 18, "01": 14, "02": 14}.get(body[:2], 0)
    key = body[2:2 + key_length]
    return bool(key_length) and len(key) == key_length and has_valid_check_digit(key)
