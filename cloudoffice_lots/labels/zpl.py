"""Labels as ZPL II for Zebra printers: one ``^XA ... ^XZ`` block per label.

The symbols are left to the printer's own encoders, given data in the form
the ZPL II Programming Guide documents:

* GS1 DataMatrix: ``^BX`` with quality 200 and ``_`` as escape character,
  data ``_1`` (FNC1, marking GS1) + element string, ``_1`` again as the
  separator after variable-length fields, and ``_d095`` for a literal
  underscore (``~``, the default escape, is also ZPL's command prefix);
* GS1-128: ``^BC`` in mode N with explicit Code 128 invocation codes
  (``>;`` start C, ``>:`` start B, ``>8`` FNC1, ``>5``/``>6`` switch to
  C/B, ``><`` for ``>``), taken from the same encoder that draws our PDF
  symbols, so the printer makes the very same symbol;
* QR: ``^BQ`` model 2, ``MA,`` (error level M, automatic input) + URL;
* text: ``^A0`` (the scalable font), ``^FB`` to keep it on one line
  inside its box, ``^FH`` with ``_`` hex escapes for ``^``, ``~``, ``_``
  and ``^CI28`` for UTF-8.

Pictograms are sent as ``^GFA`` bitmaps. Copies of one label use ``^PQ``.
"""
from ..gs1 import code128
from ..gs1.encoder import GS, join_raw
from ..gs1.render import (
    LINEAR_QUIET_ZONE,
    _check_code128_text,
    _pairs,
    digital_link_url,
    gs1_128_content,
    gs1_datamatrix_matrix,
    qr_matrix,
)
from .layout import place
from .pictograms import pictogram_image

MM_PER_INCH = 25.4

# Code 128 symbol values -> ZPL invocation codes (mode N).
_INVOCATIONS = {
    code128.START_B: ">:",
    code128.START_C: ">;",
    code128.FNC1: ">8",
    code128.SWITCH_TO_C: ">5",
    code128.SWITCH_TO_B: ">6",
}


def escape_text(text):
    """Field data for ``^FH``: the characters ZPL would read as commands, in hex.

    >>> escape_text('A^B~C_D')
    'A_5EB_7EC_5FD'
    """
    return (text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")
            .replace("\r", " ").replace("\n", " "))


def datamatrix_field_data(elements, today=None):
    """``^FD`` data of a GS1 DataMatrix (``^BX...,_``) for GS1 elements.

    >>> datamatrix_field_data([('01', '09506000134352'), ('10', 'A_1'), ('17', '261231')])
    '_101095060001343521726123110A_d0951'
    """
    raw = join_raw(_pairs(elements, today), GS)
    # Underscores first: the FNC1 escapes added next contain one.
    return "_1" + raw.replace("_", "_d095").replace(GS, "_1")


def code128_field_data(value):
    """``^BC`` mode-N data for a Code 128 value (``'\\xf1'`` is FNC1).

    >>> code128_field_data('\\xf10109506000134352')
    '>;>80109506000134352'
    >>> code128_field_data('AB>1')
    '>:AB><1'
    """
    values = code128.symbol_values(value)[:-1]  # the printer adds the check character
    parts = []
    in_set_c = False
    for value_ in values:
        if value_ in _INVOCATIONS:
            parts.append(_INVOCATIONS[value_])
            if value_ in (code128.START_C, code128.SWITCH_TO_C):
                in_set_c = True
            elif value_ in (code128.START_B, code128.SWITCH_TO_B):
                in_set_c = False
        elif in_set_c:
            parts.append("%02d" % value_)
        else:
            char = chr(value_ + 32)
            parts.append("><" if char == ">" else char)
    return "".join(parts)


def graphic_field(image):
    """``^GFA`` command for a 1-bit Pillow image (ASCII hex, uncompressed)."""
    image = image.convert("1")
    width, height = image.size
    row_bytes = (width + 7) // 8
    # Pillow's 1-bit raw data is 1 for white; ZPL prints 1 bits black.
    data = bytes(255 - byte for byte in image.tobytes("raw", "1"))
    total = row_bytes * height
    return "^GFA,%d,%d,%d,%s" % (total, total, row_bytes, data.hex().upper())


class _Dots:
    def __init__(self, dpi):
        self.dpi = dpi

    def __call__(self, millimetres):
        return int(round(millimetres * self.dpi / MM_PER_INCH))


def _barcode(dots, x, y, width, height, kind, data):
    """ZPL commands of one symbol fitted in the box (dots)."""
    if kind == "gs1_datamatrix":
        size = len(gs1_datamatrix_matrix(data))
        module = max(1, min(width, height) // (size + 2))
        offset = (min(width, height) - module * size) // 2
        return ["^FO%d,%d^BXN,%d,200,,,,_^FD%s^FS" % (
            x + offset, y + offset, module, datamatrix_field_data(data))]
    if kind == "qr_digital_link":
        url = digital_link_url(data)
        size = len(qr_matrix(url))
        magnification = max(1, min(10, min(width, height) // (size + 8)))
        return ["^FO%d,%d^BQN,2,%d^FDMA,%s^FS" % (x, y, magnification, url)]
    if kind == "gs1_128":
        value, hri = gs1_128_content(data)
    else:
        value = hri = _check_code128_text(data)
    modules = sum(run for _dark, run in code128.bar_runs(value))
    module = max(1, width // (modules + 2 * LINEAR_QUIET_ZONE))
    text_h = max(14, height // 6)
    bar_h = max(20, height - text_h - 4)
    left = x + (width - module * modules) // 2
    commands = ["^FO%d,%d^BY%d^BCN,%d,N,N,N,N^FH^FD%s^FS" % (
        left, y, module, bar_h, escape_text(code128_field_data(value)))]
    commands.append("^FO%d,%d^A0N,%d,%d^FB%d,1,0,C,0^FH^FD%s^FS" % (
        x, y + bar_h + 4, text_h, text_h, width, escape_text(hri)))
    return commands


def render_label(layout, label):
    """The ``^XA ... ^XZ`` block of one label (``^PQ`` for its copies)."""
    dots = _Dots(int(layout["dpi"]))
    commands = ["^XA", "^CI28", "^PW%d" % dots(layout["width_mm"]),
                "^LL%d" % dots(layout["height_mm"]), "^LH0,0"]
    for item in place(layout, label):
        kind = item[0]
        if kind == "text":
            _kind, x, y, width, line_h, text, bold = item
            height = dots(line_h / 1.15)
            font_width = height if bold else int(height * 0.9)
            commands.append("^FO%d,%d^A0N,%d,%d^FB%d,1,0,L,0^FH^FD%s^FS" % (
                dots(x), dots(y), height, font_width, dots(width), escape_text(text)))
        elif kind == "barcode":
            _kind, x, y, width, height, barcode_kind, data = item
            commands.extend(_barcode(dots, dots(x), dots(y), dots(width), dots(height),
                                     barcode_kind, data))
        else:
            _kind, x, y, size, code = item
            commands.append("^FO%d,%d%s^FS" % (
                dots(x), dots(y), graphic_field(pictogram_image(code, dots(size)))))
    copies = max(1, int(label.get("copies") or 1))
    if copies > 1:
        commands.append("^PQ%d" % copies)
    commands.append("^XZ")
    return "\n".join(commands) + "\n"


def render_zpl(layout, labels):
    """ZPL text of all labels, one block each."""
    return "".join(render_label(layout, label) for label in labels)

