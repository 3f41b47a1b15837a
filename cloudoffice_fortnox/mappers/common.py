"""Shared helpers: packing batch/serial texts into rows, hashing payloads."""
import hashlib
import json

DESCRIPTION_MAX = 255


class MappingError(ValueError):
    """A document that cannot be expressed in Fortnox's fields."""


def pack_texts(items, limit=DESCRIPTION_MAX, prefix="", separator=", "):
    """Pack ``items`` into as few texts of at most ``limit`` characters as fit.

    An item is never cut: each text starts with ``prefix`` and holds whole
    items only.

    >>> pack_texts(["S-001", "S-002", "S-003"], limit=20, prefix="Serial: ")
    ['Serial: S-001, S-002', 'Serial: S-003']
    >>> pack_texts([])
    []
    >>> pack_texts(["X" * 30], limit=20)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    MappingError: 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' is longer than the 20 characters a row holds.
    """
    texts, current = [], ""
    for item in items:
        if len(prefix) + len(item) > limit:
            raise MappingError("%r is longer than the %d characters a row holds." % (item, limit))
        candidate = current + separator + item if current else prefix + item
        if len(candidate) > limit:
            texts.append(current)
            candidate = prefix + item
        current = candidate
    if current:
        texts.append(current)
    return texts


def payload_hash(payload):
    """A stable fingerprint of what is sent.

    >>> payload_hash({"b": 1, "a": [1, 2]}) == payload_hash({"a": [1, 2], "b": 1})
    True
    """
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def clip(value, limit):
    """``value`` as text of at most ``limit`` characters (for free-text fields)."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def number(value):
    """A quantity or amount as Fortnox reads it (no float noise).

    >>> number(2.0), number(0.1 + 0.2), number(-3)
    (2, 0.3, -3)
    """
    rounded = round(float(value or 0), 6)
    return int(rounded) if rounded == int(rounded) else rounded


def lot_texts(line, limit=DESCRIPTION_MAX):
    """Rows for a line's ``batches`` (ready phrases) and ``serials`` (names)."""
    texts = pack_texts(line.get("batches") or [], limit, separator="; ")
    texts += pack_texts(line.get("serials") or [], limit, prefix=line.get("serial_prefix") or "")
    return texts
