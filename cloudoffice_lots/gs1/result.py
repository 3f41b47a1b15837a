"""The immutable result of parsing a GS1 scan.

:class:`GS1Result` keeps the elements exactly as scanned (``(ai, text)``
pairs in scan order) and converts on demand, so the raw data is never lost
and the typed helpers (``.gtin``, ``.expiry``, ``.measures``...) cannot
drift from it. The reference date used to resolve two-digit years is stored
with the result, so the same scan gives the same dates however late the
conversion happens.

>>> import datetime
>>> result = GS1Result((('01', '09506000134352'), ('17', '261200'), ('10', 'ABC')),
...                    'datamatrix', datetime.date(2024, 6, 1))
>>> result.gtin, result.lot, result.expiry
('09506000134352', 'ABC', datetime.date(2026, 12, 31))
>>> result.hri
'(01)09506000134352(17)261200(10)ABC'
"""
import datetime
from collections import namedtuple

from .ai import get_spec
from .encoder import GS, join_hri, join_raw
from .validation import to_python

SYMBOLOGIES = ("gs1-128", "datamatrix", "qr", "databar", "dotcode", "ean", "digital-link",
               "hri", "unknown")

Measure = namedtuple("Measure", "value unit title")
Measure.__doc__ = "A trade measure: ``Decimal`` value, unit symbol and GS1 title."

Amount = namedtuple("Amount", "value currency title")
Amount.__doc__ = ("A monetary amount: ``Decimal`` value and ISO 4217 numeric "
                  "currency code (None when the AI does not carry one).")


class GS1Result:
    """Elements of one scan, with typed accessors.

    ``elements`` is a tuple of ``(ai, raw value)`` tuples in scan order;
    ``symbology`` says where they came from (one of :data:`SYMBOLOGIES`);
    ``reference_date`` is the "today" used for two-digit years.
    """

    __slots__ = ("elements", "symbology", "reference_date", "_values")

    def __init__(self, elements, symbology="unknown", reference_date=None):
        elements = tuple((ai, value) for ai, value in elements)
        set_attr = object.__setattr__
        set_attr(self, "elements", elements)
        set_attr(self, "symbology", symbology)
        set_attr(self, "reference_date", reference_date or datetime.date.today())
        # First occurrence wins; the parser rejects conflicting repeats.
        values = {}
        for ai, value in elements:
            values.setdefault(ai, value)
        set_attr(self, "_values", values)

    def __setattr__(self, name, value):
        raise AttributeError("GS1Result is immutable")

    def __delattr__(self, name):
        raise AttributeError("GS1Result is immutable")

    def __eq__(self, other):
        if not isinstance(other, GS1Result):
            return NotImplemented
        return (self.elements, self.symbology) == (other.elements, other.symbology)

    def __hash__(self):
        return hash((self.elements, self.symbology))

    def __repr__(self):
        return "GS1Result(%r, symbology=%r)" % (self.elements, self.symbology)

    # Mapping-like access to raw values

    def __contains__(self, ai):
        return ai in self._values

    def __getitem__(self, ai):
        return self._values[ai]

    def __iter__(self):
        return iter(self.elements)

    def __len__(self):
        return len(self.elements)

    def get(self, ai, default=None):
        """Raw text of ``ai``, or ``default``."""
        return self._values.get(ai, default)

    def as_dict(self):
        """``{ai: raw value}`` in scan order."""
        return dict(self._values)

    def value(self, ai, default=None):
        """Typed value of ``ai`` (see :func:`.validation.to_python`), or ``default``."""
        if ai not in self._values:
            return default
        return to_python(ai, self._values[ai], self.reference_date)

    # Printable forms

    @property
    def hri(self):
        """Human readable interpretation in scan order."""
        return join_hri(self.elements)

    @property
    def raw(self):
        """Element string in scan order with GS separators."""
        return join_raw(self.elements, GS)

    # Typed helpers

    @property
    def gtin(self):
        """GTIN-14 of the item: AI (01), else the GTIN of the contents (02)
        that logistic labels carry together with a count (37)."""
        return self.get("01") or self.get("02")

    @property
    def sscc(self):
        return self.get("00")

    @property
    def lot(self):
        return self.get("10")

    @property
    def serial(self):
        return self.get("21")

    @property
    def production_date(self):
        return self.value("11")

    @property
    def packaging_date(self):
        return self.value("13")

    @property
    def best_before(self):
        return self.value("15")

    @property
    def sell_by(self):
        return self.value("16")

    @property
    def expiry(self):
        return self.value("17")

    @property
    def quantity(self):
        """Variable count (30) or count of trade items (37) as an int."""
        for ai in ("30", "37"):
            if ai in self._values:
                return self.value(ai)
        return None

    @property
    def measures(self):
        """``{ai: Measure}`` for the trade and logistic measures (31nn-36nn)."""
        return {ai: Measure(self.value(ai), get_spec(ai).unit, get_spec(ai).title)
                for ai in self._values if ai[:2] in ("31", "32", "33", "34", "35", "36")}

    @property
    def amounts(self):
        """``{ai: Amount}`` for amounts and prices (390n-393n)."""
        amounts = {}
        for ai, value in self._values.items():
            if ai[:3] in ("390", "391", "392", "393"):
                currency = value[:3] if get_spec(ai).iso_prefix else None
                amounts[ai] = Amount(self.value(ai), currency, get_spec(ai).title)
        return amounts
