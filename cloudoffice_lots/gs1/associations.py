"""Which AIs go together: the ``ex=`` and ``req=`` attributes of the
GS1 Barcode Syntax Dictionary.

* :func:`check_exclusions` -- AIs that must not appear together, such as a
  GTIN (01) and the GTIN of contained items (02). The parser applies it in
  strict mode; scans at the dock are read leniently, since labels with a
  count (37) beside a GTIN (01) are common and must still be received.
* :func:`check_requisites` -- AIs that need others, such as a serial number
  (21) that needs the GTIN (01) it belongs to. GS1 evaluates this over all
  the barcodes on an item together, and warehouses routinely scan a
  separate batch barcode on its own, so this check is not applied to
  single scans; callers that have the complete data (a label to print, a
  set of scans) call it.

>>> check_requisites([('01', '09506000134352'), ('21', 'S1')])
>>> try:
...     check_requisites([('21', 'S1')])
... except GS1Error as err:
...     print(err)
AI (21) SERIAL needs one of these in the same barcode: (01), (03), (8006)
"""
from .ai import get_spec, matches
from .errors import (
    EXCLUDED_AI,
    MSG_EXCLUDED_AI,
    MSG_REQUIRED_AI,
    MSG_SERIAL_COMPONENT,
    REQUIRED_AI,
    GS1Error,
)


def _present(pattern, ais):
    return any(matches(pattern, ai) for ai in ais)


def check_exclusions(pairs):
    """Raise :class:`GS1Error` ``excluded_ai`` for two AIs that exclude each other."""
    ais = [ai for ai, _value in pairs]
    for ai in ais:
        spec = get_spec(ai)
        if spec is None:
            continue
        for pattern in spec.excludes:
            for other in ais:
                # An AI is not exclusive of itself, even if it matches the pattern.
                if other != ai and matches(pattern, other):
                    other_spec = get_spec(other)
                    raise GS1Error(EXCLUDED_AI, MSG_EXCLUDED_AI, {
                        "ai": ai, "title": spec.title, "other": other,
                        "other_title": other_spec.title if other_spec else ""}, ai=ai)


# Keys that a digital signature (8030) may only sign with their optional
# serial component: the length of the key without it.
_SERIALISED_KEYS = {"253": 13, "255": 13, "8003": 14}


def check_requisites(pairs):
    """Raise :class:`GS1Error` ``required_ai`` for an AI that lacks its companions.

    Besides the ``req=`` attributes, a digital signature (8030) needs the
    document, coupon or asset key it signs to carry its serial component.
    """
    ais = [ai for ai, _value in pairs]
    if "8030" in ais:
        for ai, value in pairs:
            if ai in _SERIALISED_KEYS and len(value) <= _SERIALISED_KEYS[ai]:
                raise GS1Error(REQUIRED_AI, MSG_SERIAL_COMPONENT,
                               {"ai": ai, "title": get_spec(ai).title, "value": value,
                                "other": "8030", "other_title": get_spec("8030").title},
                               ai=ai)
    for ai in ais:
        spec = get_spec(ai)
        if spec is None:
            continue
        for alternatives in spec.requires:
            if not any(all(_present(pattern, ais) for pattern in group)
                       for group in alternatives):
                required = ", ".join("+".join("(%s)" % pattern for pattern in group)
                                     for group in alternatives)
                raise GS1Error(REQUIRED_AI, MSG_REQUIRED_AI,
                               {"ai": ai, "title": spec.title, "required": required}, ai=ai)
