"""GS1 barcodes for batch and serial numbers, without Odoo.

This package reads, validates, writes and draws GS1 data: the GTIN, lot,
serial number and dates that GS1-128, GS1 DataMatrix and GS1 Digital Link
QR codes carry. It does not import Odoo; the add-on's models and reports
call it, and it is tested on its own.

Layout, from the bottom up:

* :mod:`.errors` -- :class:`GS1Error` and its translatable message templates;
* :mod:`.linters` -- the content checks of the GS1 Barcode Syntax Dictionary;
* :mod:`.ai` -- the Application Identifier table: the dictionary itself;
* :mod:`.associations` -- AIs that exclude or require each other;
* :mod:`.checkdigit` -- GS1 mod-10 check digits (GTIN, SSCC, GLN);
* :mod:`.validation` -- the rules for one value, shared by reading and
  writing, and conversion to ``date``/``Decimal``;
* :mod:`.encoder` -- element strings and their human readable form;
* :mod:`.result`, :mod:`.parser` -- reading scans into a :class:`GS1Result`;
* :mod:`.digital_link` -- GS1 Digital Link URLs, both ways;
* :mod:`.code128`, :mod:`.datamatrix` -- small Code 128 / GS1-128 and
  GS1 DataMatrix (ECC 200) encoders;
* :mod:`.render` -- PNG images and reportlab drawing for labels.

Typical use::

    from odoo.addons.cloudoffice_lots.gs1 import parse, encode_hri, render_png

    result = parse(scanned_text, strict=False)
    if result is None:
        ...  # a plain lot name
    png = render_png('gs1_datamatrix', {'01': gtin, '17': expiry, '10': lot})

The rendering functions are imported on first use, so code that only parses
does not load reportlab, Pillow or zxing-cpp.
"""
import sys
import types

from .ai import AI_SPECS, DICTIONARY_RELEASE, AISpec, get_spec, needs_separator
from .associations import check_exclusions, check_requisites
from .checkdigit import (
    check_digit,
    gtin_check_digit,
    is_valid_gln,
    is_valid_gtin,
    is_valid_sscc,
    to_gtin14,
    validate_gln,
    validate_gtin,
    validate_sscc,
)
from .digital_link import (
    build_digital_link,
    elements_to_digital_link,
    parse_digital_link,
)
from .encoder import (
    FNC1,
    GS,
    encode_hri,
    encode_raw,
    order_elements,
    validate_elements,
)
from .errors import GS1Error
from .parser import looks_like_gs1, parse
from .result import Amount, GS1Result, Measure
from .validation import parse_date, resolve_year, to_python, validate_element

_RENDER_NAMES = (
    "RENDER_KINDS",
    "code128_png",
    "draw",
    "draw_code128",
    "draw_datamatrix",
    "draw_gs1_128",
    "draw_qr",
    "gs1_128_png",
    "gs1_datamatrix_matrix",
    "gs1_datamatrix_png",
    "qr_png",
    "render_png",
)

__all__ = [
    "AI_SPECS", "AISpec", "Amount", "DICTIONARY_RELEASE", "check_exclusions",
    "check_requisites", "FNC1", "GS", "GS1Error", "GS1Result",
    "Measure", "build_digital_link", "check_digit", "elements_to_digital_link",
    "encode_hri", "encode_raw", "get_spec", "gtin_check_digit", "is_valid_gln",
    "is_valid_gtin", "is_valid_sscc", "looks_like_gs1", "needs_separator",
    "order_elements", "parse", "parse_date", "parse_digital_link", "resolve_year",
    "to_gtin14", "to_python", "validate_element", "validate_elements",
    "validate_gln", "validate_gtin", "validate_sscc",
] + list(_RENDER_NAMES)


class _Package(types.ModuleType):
    """This package, with the rendering names imported on first use.

    A module-level ``__getattr__`` would do the same from Python 3.7 on;
    setting the module's class works from 3.5, which Odoo 11 runs on.
    """

    def __getattr__(self, name):
        if name in _RENDER_NAMES:
            from . import render
            return getattr(render, name)
        raise AttributeError("module %r has no attribute %r" % (self.__name__, name))

    def __dir__(self):
        return sorted(set(super(_Package, self).__dir__()) | set(_RENDER_NAMES))


sys.modules[__name__].__class__ = _Package
