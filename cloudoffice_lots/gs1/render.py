"""Barcode images (PNG) and reportlab drawing for labels and reports.

Four kinds of symbol, each as PNG bytes and drawn on a reportlab canvas:

========================  ==============================================
``gs1_128``               GS1-128 (Code 128 with FNC1), GS1 elements
``gs1_datamatrix``        GS1 DataMatrix, GS1 elements
``code128``               plain Code 128 for a lot name without GS1 data
``qr_digital_link``       QR Code holding a GS1 Digital Link URL
========================  ==============================================

Design choices, measured with reportlab 3.6 and zxing-cpp 2.2 and 3.0:

* Every symbol is first reduced to *modules*: bar/space runs for Code 128
  (:mod:`.code128`; reportlab's encoder drops digits around some FNC1s),
  a boolean matrix for DataMatrix and QR. PNGs paint whole pixels per
  module, so no bar is a pixel too wide; PDFs draw the same modules as
  vector rectangles, merging runs of dark modules so that a label costs a
  few hundred path operations instead of one rectangle per module: 1,000
  A4 labels, each with its own GS1 DataMatrix, draw in about 0.25 s.
* GS1 DataMatrix comes from zxing-cpp when it can write GS1 (version 3.0
  and later) and from :mod:`.datamatrix` otherwise; both are validated
  first, because zxing-cpp checks AI lengths only.
* The text under GS1-128 is the parenthesised HRI, never the raw data.
* Every ``draw_*`` function fits the symbol, quiet zone included, into the
  box it is given, so a label layout only reserves boxes.

Data for the GS1 kinds is anything :func:`.encoder.encode_raw` accepts, or a
string in any form :func:`.parser.parse` reads.
"""
import io
import os

import reportlab
import segno
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import code128, datamatrix
from .digital_link import elements_to_digital_link, parse_digital_link
from .encoder import FNC1, join_hri, join_raw, prepare_elements
from .errors import (
    BAD_CHAR,
    MSG_CODE128_CHARS,
    MSG_SYMBOL_TOO_LONG,
    TOO_LONG,
    GS1Error,
    describe_char,
)
from .parser import parse

try:
    import zxingcpp
except ImportError:  # only needed for its faster DataMatrix writer
    zxingcpp = None

RENDER_KINDS = ("gs1_128", "gs1_datamatrix", "code128", "qr_digital_link")

# GS1 GenSpecs 5.4.1: at most 48 data characters (separators included).
GS1_128_MAX_DATA = 48
LINEAR_QUIET_ZONE = 10  # modules each side (Code 128 / GS1-128)
HRI_FONT_FILE = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")

_zxing_writes_gs1 = None  # decided on first use: depends on the installed version


# Modules ----------------------------------------------------------------

def _pairs(elements, today=None):
    if isinstance(elements, (str, bytes)):
        elements = parse(elements, today=today)
    return prepare_elements(elements, today=today)


def code128_runs(value):
    """``[(dark, width in modules), ...]`` of a Code 128 symbol for ``value``
    (``'\xf1'`` is FNC1); see :mod:`.code128`."""
    return code128.bar_runs(value)


def gs1_128_content(elements, today=None):
    """``(Code 128 value with FNC1s, HRI text)`` for GS1 elements."""
    pairs = _pairs(elements, today)
    raw = join_raw(pairs, FNC1)
    hri = join_hri(pairs)
    if len(raw) > GS1_128_MAX_DATA:
        raise GS1Error(TOO_LONG, MSG_SYMBOL_TOO_LONG,
                       {"text": hri, "symbology": "GS1-128", "length": len(raw),
                        "max_length": GS1_128_MAX_DATA})
    return FNC1 + raw, hri


def _check_code128_text(text):
    for char in text:
        if not " " <= char <= "~":
            raise GS1Error(BAD_CHAR, MSG_CODE128_CHARS,
                           {"text": text, "char": describe_char(char)})
    if not text:
        raise GS1Error(BAD_CHAR, MSG_CODE128_CHARS, {"text": '""', "char": '""'})
    return text


def _zxing_matrix(pairs):
    global _zxing_writes_gs1
    if _zxing_writes_gs1 is False or zxingcpp is None \
            or not hasattr(zxingcpp, "create_barcode"):
        return None
    try:
        # Square brackets: values may contain parentheses, never brackets.
        symbol = zxingcpp.create_barcode(join_hri(pairs, "[]"),
                                         zxingcpp.BarcodeFormat.DataMatrix,
                                         gs1=True, forceSquare=True)
    except TypeError:
        # zxing-cpp 2.3 has create_barcode() but no GS1 option.
        _zxing_writes_gs1 = False
        return None
    _zxing_writes_gs1 = True
    view = memoryview(zxingcpp.write_barcode_to_image(symbol, scale=1,
                                                      add_quiet_zones=False))
    rows, cols = view.shape[0], view.shape[1]
    pixels = view.tobytes()
    return [[pixels[row * cols + col] < 128 for col in range(cols)] for row in range(rows)]


def gs1_datamatrix_matrix(elements, today=None, engine="auto"):
    """Module matrix (rows of booleans, no quiet zone) of a GS1 DataMatrix.

    :param engine: ``'auto'`` (zxing-cpp if it writes GS1, else Python),
        ``'zxing'`` or ``'python'``
    """
    pairs = _pairs(elements, today)
    if engine in ("auto", "zxing"):
        matrix = _zxing_matrix(pairs)
        if matrix is not None:
            return matrix
        if engine == "zxing":
            raise RuntimeError("the installed zxing-cpp cannot write GS1 DataMatrix "
                               "(zxing-cpp 3.0 or later can)")
    return datamatrix.encode_element_string(join_raw(pairs))


def qr_matrix(text, error="m"):
    """Module matrix of a QR Code (segno picks the smallest version)."""
    return [[bool(module) for module in row]
            for row in segno.make_qr(text, error=error).matrix]


def digital_link_url(data, base_url=None, today=None):
    """A validated Digital Link: ``data`` is the URL or elements + ``base_url``."""
    if isinstance(data, str):
        url = data.strip()
        parse_digital_link(url, today)
        return url
    if not base_url:
        raise ValueError("base_url is needed to make a Digital Link from elements")
    return elements_to_digital_link(base_url, data, today)


# PNG --------------------------------------------------------------------

def _png(image, dpi=None):
    output = io.BytesIO()
    options = {"optimize": True}
    if dpi:
        options["dpi"] = (dpi, dpi)
    image.save(output, "PNG", **options)
    return output.getvalue()


def _font(size_px):
    return ImageFont.truetype(HRI_FONT_FILE, max(int(size_px), 6))


def linear_png(runs, text=None, module_px=3, height_px=None, font_px=None, dpi=None):
    """PNG of bar runs, quiet zones included, optional centred text below."""
    modules = sum(width for _dark, width in runs)
    margin = 2 * module_px
    width = (modules + 2 * LINEAR_QUIET_ZONE) * module_px
    bar_height = height_px or 60 * module_px
    font = None
    text_height = 0
    if text:
        font_px = font_px or 10 * module_px
        font = _font(font_px)
        while font.getlength(text) > width - 2 * margin and font.size > 6:
            font = _font(font.size - 1)
        text_height = int(font.size * 1.6)
    image = Image.new("L", (width, margin + bar_height + text_height + margin), 255)
    draw = ImageDraw.Draw(image)
    left = LINEAR_QUIET_ZONE * module_px
    for dark, run in runs:
        if dark:
            draw.rectangle((left, margin, left + run * module_px - 1,
                            margin + bar_height - 1), fill=0)
        left += run * module_px
    if text:
        draw.text((width // 2, margin + bar_height + text_height // 4), text,
                  font=font, fill=0, anchor="mt")
    return _png(image.convert("1") if not text else image, dpi)


def matrix_png(matrix, module_px=4, quiet_zone=2, dpi=None):
    """1-bit PNG of a module matrix, ``module_px`` pixels per module."""
    rows, cols = len(matrix), len(matrix[0])
    width, height = cols + 2 * quiet_zone, rows + 2 * quiet_zone
    pixels = bytearray(b"\xff" * (width * height))
    for row_index, row in enumerate(matrix):
        base = (row_index + quiet_zone) * width + quiet_zone
        for col_index, dark in enumerate(row):
            if dark:
                pixels[base + col_index] = 0
    image = Image.frombytes("L", (width, height), bytes(pixels))
    if module_px != 1:
        image = image.resize((width * module_px, height * module_px), Image.NEAREST)
    return _png(image.convert("1"), dpi)


def gs1_128_png(elements, module_px=3, height_px=None, human_readable=True,
                font_px=None, dpi=300, today=None):
    """PNG of a GS1-128 symbol with the HRI text underneath."""
    value, hri = gs1_128_content(elements, today)
    return linear_png(code128_runs(value), hri if human_readable else None,
                      module_px, height_px, font_px, dpi)


def code128_png(text, module_px=3, height_px=None, human_readable=True,
                font_px=None, dpi=300):
    """PNG of a plain Code 128 symbol (lot names), printable ASCII only."""
    value = _check_code128_text(text)
    return linear_png(code128_runs(value), value if human_readable else None,
                      module_px, height_px, font_px, dpi)


def gs1_datamatrix_png(elements, module_px=4, quiet_zone=2, dpi=None, today=None,
                       engine="auto"):
    """PNG of a GS1 DataMatrix symbol."""
    return matrix_png(gs1_datamatrix_matrix(elements, today, engine), module_px,
                      quiet_zone, dpi)


def qr_png(url, module_px=4, quiet_zone=4, error="m", dpi=None):
    """PNG of a QR Code holding ``url`` (or any text)."""
    return matrix_png(qr_matrix(url, error), module_px, quiet_zone, dpi)


# reportlab --------------------------------------------------------------

def matrix_runs(matrix):
    """``(row, first column, length)`` of each horizontal run of dark modules."""
    runs = []
    for row_index, row in enumerate(matrix):
        cols = len(row)
        col = 0
        while col < cols:
            if row[col]:
                start = col
                while col < cols and row[col]:
                    col += 1
                runs.append((row_index, start, col - start))
            else:
                col += 1
    return runs


def draw_matrix(canvas, matrix, x, y, width, height, quiet_zone=1):
    """Draw a module matrix centred in the box; return the module size (pt).

    The rectangles are written in module units under one transformation, as
    integers: formatting floats for every run was most of the drawing time.
    """
    rows, cols = len(matrix), len(matrix[0])
    module = min(width / (cols + 2 * quiet_zone), height / (rows + 2 * quiet_zone))
    left = x + (width - cols * module) / 2
    top = y + (height + rows * module) / 2
    operators = ["%d %d %d 1 re" % (col, row, length)
                 for row, col, length in matrix_runs(matrix)]
    operators.append("f")
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Origin at the top-left module, one unit per module, rows going down.
    canvas.transform(module, 0, 0, -module, left, top)
    canvas.addLiteral("\n".join(operators))
    canvas.restoreState()
    return module


def draw_linear(canvas, runs, x, y, width, height, text=None, font_name="Helvetica",
                font_size=None):
    """Draw bar runs filling the box width (quiet zones included), text below.

    Returns the module width (pt), so callers can check the X-dimension.
    """
    modules = sum(run for _dark, run in runs)
    module = width / (modules + 2 * LINEAR_QUIET_ZONE)
    text_height = 0
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    if text:
        font_size = font_size or min(8.0, height * 0.2)
        text_width = stringWidth(text, font_name, font_size)
        if text_width > width:
            font_size *= width / text_width
        text_height = font_size * 1.25
        canvas.setFont(font_name, font_size)
        canvas.drawCentredString(x + width / 2, y + font_size * 0.25, text)
    path = canvas.beginPath()
    left = x + LINEAR_QUIET_ZONE * module
    for dark, run in runs:
        if dark:
            path.rect(left, y + text_height, run * module, height - text_height)
        left += run * module
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return module


def draw_gs1_128(canvas, x, y, width, height, elements, human_readable=True,
                 font_name="Helvetica", font_size=None, today=None):
    """Draw a GS1-128 symbol in the box (x, y, width, height), HRI below."""
    value, hri = gs1_128_content(elements, today)
    return draw_linear(canvas, code128_runs(value), x, y, width, height,
                       hri if human_readable else None, font_name, font_size)


def draw_code128(canvas, x, y, width, height, text, human_readable=True,
                 font_name="Helvetica", font_size=None):
    """Draw a plain Code 128 symbol for ``text`` in the box."""
    value = _check_code128_text(text)
    return draw_linear(canvas, code128_runs(value), x, y, width, height,
                       value if human_readable else None, font_name, font_size)


def draw_datamatrix(canvas, x, y, size, elements, quiet_zone=1, today=None,
                    engine="auto"):
    """Draw a GS1 DataMatrix in the square (x, y, size), quiet zone included."""
    matrix = gs1_datamatrix_matrix(elements, today, engine)
    return draw_matrix(canvas, matrix, x, y, size, size, quiet_zone)


def draw_qr(canvas, x, y, size, url, quiet_zone=4, error="m"):
    """Draw a QR Code for ``url`` in the square (x, y, size), quiet zone included."""
    return draw_matrix(canvas, qr_matrix(url, error), x, y, size, size, quiet_zone)


# Dispatch ---------------------------------------------------------------

def _check_kind(kind):
    if kind not in RENDER_KINDS:
        raise ValueError("unknown barcode kind %r, expected one of %s"
                         % (kind, ", ".join(RENDER_KINDS)))


def render_png(kind, data, **options):
    """PNG bytes of ``data`` as a symbol of ``kind`` (see :data:`RENDER_KINDS`).

    For ``qr_digital_link``, ``data`` is the URL, or elements together with a
    ``base_url`` option.
    """
    _check_kind(kind)
    if kind == "gs1_128":
        return gs1_128_png(data, **options)
    if kind == "gs1_datamatrix":
        return gs1_datamatrix_png(data, **options)
    if kind == "code128":
        return code128_png(data, **options)
    url = digital_link_url(data, options.pop("base_url", None), options.pop("today", None))
    return qr_png(url, **options)


def draw(canvas, kind, data, x, y, width, height, **options):
    """Draw ``data`` as a symbol of ``kind`` inside the box (x, y, width, height).

    Square symbols are centred in the box at the largest size that fits.
    Returns the module size in points.
    """
    _check_kind(kind)
    if kind == "gs1_128":
        return draw_gs1_128(canvas, x, y, width, height, data, **options)
    if kind == "code128":
        return draw_code128(canvas, x, y, width, height, data, **options)
    size = min(width, height)
    x += (width - size) / 2
    y += (height - size) / 2
    if kind == "gs1_datamatrix":
        return draw_datamatrix(canvas, x, y, size, data, **options)
    url = digital_link_url(data, options.pop("base_url", None), options.pop("today", None))
    return draw_qr(canvas, x, y, size, url, **options)
