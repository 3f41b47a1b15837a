"""Build GS1 element strings from Python data.

Input is a mapping ``{ai: value}``, a sequence of ``(ai, value)`` pairs or a
:class:`~.result.GS1Result`. Values may be strings or Python objects
(``date`` for date AIs, ``Decimal`` for measures, ``int`` for numbers; see
:func:`.validation.normalise_value`). Every value is validated with the
parser's rules before anything is produced.

Two outputs:

* :func:`encode_hri` -- the human readable interpretation printed under a
  barcode, ``(01)09506000134352(17)261231(10)ABC123``;
* :func:`encode_raw` -- the data as carried in the symbol, with a separator
  (GS, ``\\x1d``; reportlab and python-barcode want ``\\xf1``) after each
  element whose length is not predefined, unless it is the last one.

Unless ``keep_order=True``, elements of predefined length go first: as the
GS1 General Specifications recommend, this saves separators and often symbol
size. The order is otherwise kept, so the output is predictable.

>>> from datetime import date
>>> data = [('01', '09506000134352'), ('10', 'ABC123'), ('17', date(2026, 12, 31))]
>>> encode_hri(data)
'(01)09506000134352(17)261231(10)ABC123'
>>> encode_raw(data, keep_order=True)
'010950600013435210ABC123\\x1d17261231'
"""
from collections.abc import Mapping

from .ai import needs_separator
from .errors import (
    BAD_VALUE,
    DUPLICATE_AI,
    MSG_DUPLICATE_AI,
    MSG_NOTHING_TO_ENCODE,
    GS1Error,
)
from .validation import normalise_ai, normalise_value, validate_element

GS = "\x1d"
FNC1 = "\xf1"


def coerce_elements(data):
    """``(ai, text)`` pairs from a mapping, a result object or pairs.

    AIs are normalised (``'(01)'`` becomes ``'01'``) and values turned into
    text; nothing is validated yet.
    """
    if isinstance(data, (str, bytes)):
        raise TypeError("elements expected as a mapping or (ai, value) pairs; "
                        "use parse() to read text")
    if not isinstance(data, Mapping) and hasattr(data, "elements"):
        data = data.elements
    items = data.items() if isinstance(data, Mapping) else data
    pairs = []
    for ai, value in items:
        ai = normalise_ai(ai)
        pairs.append((ai, normalise_value(ai, value)))
    return pairs


def validate_elements(data, today=None):
    """Coerce and validate ``data``; return the list of ``(ai, text)`` pairs.

    An AI given twice with the same value is kept once; with different values
    it is an error (``duplicate_ai``), as a symbol must not contradict itself.
    """
    pairs = validate_pairs(coerce_elements(data), today)
    if not pairs:
        raise GS1Error(BAD_VALUE, MSG_NOTHING_TO_ENCODE)
    return pairs


def validate_pairs(pairs, today=None):
    """Validate ``(ai, text)`` pairs as they are, one after the other, and
    return them with repeats dropped (see :func:`validate_elements`).

    For text read from elsewhere, such as a Digital Link: the first problem
    in reading order is the one reported.

    >>> validate_pairs([('10', 'A'), ('17', '261231'), ('10', 'A')])
    [('10', 'A'), ('17', '261231')]
    """
    result = []
    seen = {}
    for ai, value in pairs:
        spec = validate_element(ai, value, today)
        if ai in seen:
            if seen[ai] != value:
                raise GS1Error(DUPLICATE_AI, MSG_DUPLICATE_AI,
                               {"ai": ai, "title": spec.title, "value": seen[ai],
                                "other": value}, ai=ai)
            continue
        seen[ai] = value
        result.append((ai, value))
    return result


def order_elements(pairs):
    """Predefined-length elements first, the others after, each in given order.

    >>> order_elements([('10', 'A'), ('01', '09506000134352'), ('21', 'S')])
    [('01', '09506000134352'), ('10', 'A'), ('21', 'S')]
    """
    pairs = list(pairs)
    return ([pair for pair in pairs if not needs_separator(pair[0])]
            + [pair for pair in pairs if needs_separator(pair[0])])


def prepare_elements(data, keep_order=False, today=None):
    """Validated pairs in the order they will be encoded."""
    pairs = validate_elements(data, today)
    return pairs if keep_order else order_elements(pairs)


def join_raw(pairs, separator=GS):
    """Concatenate already validated pairs, separators where needed."""
    parts = []
    last = len(pairs) - 1
    for index, (ai, value) in enumerate(pairs):
        parts.append(ai + value)
        if index < last and needs_separator(ai):
            parts.append(separator)
    return "".join(parts)


def join_hri(pairs, brackets="()"):
    """``(ai)value`` for each pair; ``brackets='[]'`` gives the form that
    barcode engines such as zint read without ambiguity (values may contain
    parentheses, never square brackets)."""
    opening, closing = brackets
    return "".join("%s%s%s%s" % (opening, ai, closing, value) for ai, value in pairs)


def encode_raw(elements, keep_order=False, separator=GS, today=None):
    """Element string as carried in a symbol (no leading FNC1: the symbology adds it).

    :param separator: character after variable-length elements, ``'\\x1d'``
        (GS) by default, ``'\\xf1'`` (FNC1) for Code 128 generators
    :raises GS1Error: if any element is invalid
    """
    return join_raw(prepare_elements(elements, keep_order, today), separator)


def encode_hri(elements, keep_order=False, today=None, brackets="()"):
    """Human readable interpretation, ``(01)09506000134352(10)ABC``.

    The default order is the one :func:`encode_raw` uses, so the text printed
    under a symbol matches what the symbol holds.
    """
    return join_hri(prepare_elements(elements, keep_order, today), brackets)
