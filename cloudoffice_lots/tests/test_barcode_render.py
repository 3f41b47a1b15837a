"""Rendered barcodes are decoded with zxing-cpp and compared with what was meant.

PNGs are decoded directly; PDFs drawn with reportlab are rasterised with
Ghostscript (or poppler's pdftoppm) first, as a printer driver would.
"""
import io
import os
import shutil
import subprocess
import sys
import textwrap
import time

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from odoo.addons.cloudoffice_lots.gs1 import (
    RENDER_KINDS,
    GS1Error,
    build_digital_link,
    code128,
    code128_png,
    datamatrix,
    draw,
    draw_code128,
    draw_datamatrix,
    draw_gs1_128,
    draw_qr,
    encode_hri,
    encode_raw,
    gs1_128_png,
    gs1_datamatrix_matrix,
    gs1_datamatrix_png,
    parse,
    qr_png,
    render,
    render_png,
)
from odoo.addons.cloudoffice_lots.tests.test_gs1_encoder import TODAY, element_lists
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

ADDON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

GS1_SAMPLES = [
    [("01", "09506000134352"), ("17", "261231"), ("10", "ABC123")],
    [("01", "09506000134352"), ("10", "ABC123"), ("17", "261231")],
    [("01", "09506000134352"), ("17", "261231"), ("10", "ABC123"), ("21", "SN-0001")],
    [("00", "106141411234567897"), ("02", "09506000134352"), ("37", "144"), ("10", "LOT1")],
    [("01", "05012345678900"), ("21", "5P7YQMZ89K2V"), ("17", "270131"), ("10", "A1234B")],
    [("01", "09506000134352"), ("3103", "000189"), ("15", "240200")],
]
LOT_NAMES = ["LOT-2024-001", "A1234B", "lot 7/b (rework)"]
DIGITAL_LINK = build_digital_link("https://id.example.com", "09506000134352", lot="ABC/1",
                                  extra={"17": "261231"})


def decode_png(png):
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return zxingcpp.read_barcodes(image)


def only(results):
    assert len(results) == 1, results
    return results[0]


def assert_gs1(result, elements, identifier):
    assert result.content_type == zxingcpp.ContentType.GS1
    assert result.symbology_identifier == identifier
    assert result.text == encode_hri(elements)
    assert result.bytes == encode_raw(elements).encode("ascii")


# PNG --------------------------------------------------------------------

@pytest.mark.parametrize("elements", GS1_SAMPLES)
def test_gs1_128_png(elements):
    assert_gs1(only(decode_png(gs1_128_png(elements))), elements, "]C1")


@pytest.mark.parametrize("elements", GS1_SAMPLES)
def test_gs1_datamatrix_png(elements):
    assert_gs1(only(decode_png(gs1_datamatrix_png(elements))), elements, "]d2")


@pytest.mark.parametrize("text", LOT_NAMES)
def test_code128_png(text):
    result = only(decode_png(code128_png(text)))
    assert (result.text, result.symbology_identifier) == (text, "]C0")


def test_qr_png():
    result = only(decode_png(qr_png(DIGITAL_LINK)))
    assert (result.text, result.symbology_identifier) == (DIGITAL_LINK, "]Q1")


def test_render_png_dispatches_every_kind():
    elements = GS1_SAMPLES[2]
    assert_gs1(only(decode_png(render_png("gs1_128", elements))), elements, "]C1")
    assert_gs1(only(decode_png(render_png("gs1_datamatrix", elements))), elements, "]d2")
    assert only(decode_png(render_png("code128", "LOT-1"))).text == "LOT-1"
    assert only(decode_png(render_png("qr_digital_link", DIGITAL_LINK))).text == DIGITAL_LINK
    url = only(decode_png(render_png("qr_digital_link", elements,
                                     base_url="https://id.example.com", module_px=3))).text
    assert parse(url, today=TODAY).as_dict() == dict(elements)
    with pytest.raises(ValueError):
        render_png("ean13", "9506000134352")


def test_scanned_text_is_accepted_as_data():
    png = render_png("gs1_datamatrix", "(01)09506000134352(10)ABC(17)261231")
    assert only(decode_png(png)).text == "(01)09506000134352(17)261231(10)ABC"


def test_linear_png_bars_are_whole_pixels():
    value, _hri = render.gs1_128_content(GS1_SAMPLES[2])
    runs = render.code128_runs(value)
    image = Image.open(io.BytesIO(gs1_128_png(GS1_SAMPLES[2], module_px=2,
                                              human_readable=False))).convert("L")
    row = [image.getpixel((x, image.height // 2)) for x in range(image.width)]
    widths = []
    for pixel in row:
        dark = pixel < 128
        if widths and widths[-1][0] == dark:
            widths[-1][1] += 1
        else:
            widths.append([dark, 1])
    quiet = render.LINEAR_QUIET_ZONE * 2
    assert widths[0] == [False, quiet] and widths[-1] == [False, quiet]
    assert [tuple(run) for run in widths[1:-1]] == [(dark, width * 2) for dark, width in runs]
    assert Image.open(io.BytesIO(gs1_128_png(GS1_SAMPLES[0]))).info["dpi"][0] == \
        pytest.approx(300, abs=0.01)


@pytest.mark.parametrize("kind, data, reason", [
    ("gs1_datamatrix", {"01": "09506000134353"}, "check_digit"),
    ("gs1_datamatrix", {"01": "09506000134352", "17": "261331"}, "bad_date"),
    ("gs1_128", {"01": "09506000134352", "10": "AB CD"}, "bad_char"),
    ("gs1_128", {"01": "09506000134352", "91": "X" * 33}, "too_long"),
    ("code128", "LOT-Å", "bad_char"),
    ("code128", "", "bad_char"),
    ("qr_digital_link", "https://example.com/products/1", "bad_link"),
    ("qr_digital_link", "https://id.example.com/01/09506000134353", "check_digit"),
])
def test_invalid_data_is_refused_before_drawing(kind, data, reason):
    # zxing-cpp itself would print a wrong check digit or month 13.
    with pytest.raises(GS1Error) as caught:
        render_png(kind, data)
    assert caught.value.reason == reason


# DataMatrix encoder -----------------------------------------------------

@pytest.mark.parametrize("fill", ["full", "padded"])
@pytest.mark.parametrize("size_row", datamatrix.SYMBOL_SIZES, ids=lambda row: "%dx%d" % (row[0], row[0]))
def test_every_datamatrix_size_decodes(size_row, fill):
    size, _region, capacity = size_row[:3]
    index = datamatrix.SYMBOL_SIZES.index(size_row)
    previous_capacity = datamatrix.SYMBOL_SIZES[index - 1][2] if index else 1
    # FNC1 and one codeword per letter: exactly full, or just too much for
    # the next smaller size, so the rest is padding.
    length = capacity - 1 if fill == "full" else previous_capacity
    letters = ("GS1-DATA/" * 200)[:length]
    matrix = datamatrix.encode_codewords([datamatrix.FNC1_CODEWORD]
                                         + [ord(char) + 1 for char in letters])
    assert len(matrix) == len(matrix[0]) == size
    result = only(decode_png(render.matrix_png(matrix, module_px=3)))
    assert result.symbology_identifier == "]d2"
    assert result.bytes == letters.encode("ascii")


def test_datamatrix_too_long():
    with pytest.raises(GS1Error) as caught:
        datamatrix.encode_codewords([datamatrix.FNC1_CODEWORD] * 1559)
    assert caught.value.reason == "too_long"


@settings(max_examples=40, deadline=None)
@given(element_lists(max_size=5))
def test_generated_gs1_datamatrix_decodes(elements):
    matrix = gs1_datamatrix_matrix(elements, today=TODAY, engine="python")
    result = only(decode_png(render.matrix_png(matrix, module_px=3)))
    assert result.content_type == zxingcpp.ContentType.GS1
    assert result.bytes == encode_raw(elements, today=TODAY).encode("ascii")


def test_fnc1_between_digit_runs_keeps_every_digit():
    # reportlab's Code128 encodes this as "370<GS>9000": a digit goes missing.
    elements = [("37", "0"), ("3900", "0")]
    assert_gs1(only(decode_png(gs1_128_png(elements))), elements, "]C1")
    assert code128.symbol_values("\xf1370\xf139000") == [
        104, 102, 19, 23, 16, 102, 19, 99, 90, 0, 45]


@pytest.mark.parametrize("text, values", [
    ("A1234B", [104, 33, 99, 12, 34, 100, 34]),         # digits in the middle use set C
    ("A123B", [104, 33, 17, 18, 19, 34]),               # three digits stay in set B
    ("12345", [105, 12, 34, 100, 21]),                  # odd run: last digit in set B
    ("1234", [105, 12, 34]),
    ("12", [105, 12]),
])
def test_code128_code_sets(text, values):
    assert code128.symbol_values(text)[:-1] == values


@settings(max_examples=100, deadline=None)
@given(element_lists(max_size=3).filter(
    lambda elements: len(encode_raw(elements, today=TODAY)) <= render.GS1_128_MAX_DATA))
def test_generated_gs1_128_decodes(elements):
    result = only(decode_png(gs1_128_png(elements, module_px=2, human_readable=False,
                                         today=TODAY)))
    assert result.content_type == zxingcpp.ContentType.GS1
    assert result.bytes == encode_raw(elements, today=TODAY).encode("ascii")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=[chr(code) for code in range(32, 127)], min_size=1, max_size=30))
def test_generated_code128_decodes(text):
    results = decode_png(code128_png(text, module_px=2, human_readable=False))
    # zxing-cpp may report a one-character symbol once per band of rows.
    assert results and {result.text for result in results} == {text}


def test_zxing_engine_when_available():
    elements = GS1_SAMPLES[2]
    if render._zxing_matrix(elements) is None:
        with pytest.raises(RuntimeError, match="zxing-cpp 3.0"):
            gs1_datamatrix_matrix(elements, engine="zxing")
        return
    matrix = gs1_datamatrix_matrix(elements, engine="zxing")
    assert_gs1(only(decode_png(render.matrix_png(matrix))), elements, "]d2")


def test_without_zxing_the_python_encoder_draws_gs1_datamatrix(monkeypatch):
    """zxing-cpp is optional for the add-on: without it, 'auto' falls back
    to the pure-Python encoder, and the symbol still decodes."""
    monkeypatch.setattr(render, "zxingcpp", None)
    monkeypatch.setattr(render, "_zxing_writes_gs1", None)
    elements = GS1_SAMPLES[2]
    matrix = gs1_datamatrix_matrix(elements, engine="auto")
    assert matrix == datamatrix.encode_element_string(encode_raw(elements))
    assert_gs1(only(decode_png(render_png("gs1_datamatrix", elements))), elements, "]d2")
    with pytest.raises(RuntimeError, match="zxing-cpp 3.0"):
        gs1_datamatrix_matrix(elements, engine="zxing")


def test_the_add_on_imports_without_zxing():
    """An Odoo 11 server without zxing-cpp loads the add-on and renders."""
    script = textwrap.dedent("""
        import sys
        sys.modules["zxingcpp"] = None  # "import zxingcpp" raises ImportError
        import odoo.addons
        odoo.addons.__path__.append(%r)
        from odoo.addons.cloudoffice_lots.gs1 import render, render_png
        assert render.zxingcpp is None
        sys.stdout.buffer.write(render_png("gs1_datamatrix", "(01)09506000134352(10)ABC123"))
        """ % os.path.dirname(ADDON_DIR))
    png = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                         timeout=120).stdout
    assert_gs1(only(decode_png(png)), [("01", "09506000134352"), ("10", "ABC123")], "]d2")


# reportlab --------------------------------------------------------------

class RecordingCanvas(Canvas):
    """Canvas that remembers the captions drawn under linear symbols."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.captions = []

    def drawCentredString(self, x, y, text, *args, **kwargs):
        self.captions.append(text)
        return super().drawCentredString(x, y, text, *args, **kwargs)


def rasterise(pdf, tmp_path, dpi=300):
    source, target = tmp_path / "page.pdf", tmp_path / "page.png"
    source.write_bytes(pdf)
    if shutil.which("gs"):
        command = ["gs", "-q", "-dSAFER", "-sDEVICE=pnggray", "-r%d" % dpi,
                   "-o", str(target), str(source)]
    elif shutil.which("pdftoppm"):
        command = ["pdftoppm", "-gray", "-r", str(dpi), "-png", "-singlefile",
                   str(source), str(target.with_suffix(""))]
    else:
        pytest.skip("no PDF rasteriser (Ghostscript or poppler-utils) installed")
    subprocess.run(command, check=True, timeout=60)
    return Image.open(target)


def decode_box(page, box, dpi=300, margin=3 * mm):
    """Decode the symbol drawn in ``box`` (x, y, width, height in points)."""
    x, y, width, height = box
    scale = dpi / 72.0
    page_height = page.height / scale
    crop = (int((x - margin) * scale), int((page_height - y - height - margin) * scale),
            int((x + width + margin) * scale), int((page_height - y + margin) * scale))
    return zxingcpp.read_barcodes(page.crop(crop))


def test_pdf_drawing_decodes(tmp_path):
    output = io.BytesIO()
    canvas = RecordingCanvas(output, pagesize=A4)
    boxes = []

    def box(x, y, width, height):
        boxes.append((x * mm, y * mm, width * mm, height * mm))
        return boxes[-1]

    draw_gs1_128(canvas, *box(10, 250, 120, 25), GS1_SAMPLES[2])
    draw_datamatrix(canvas, *box(150, 250, 20, 20)[:3], GS1_SAMPLES[4])
    draw_code128(canvas, *box(10, 210, 70, 20), "LOT-2024-001")
    draw_qr(canvas, *box(150, 205, 30, 30)[:3], DIGITAL_LINK)
    draw(canvas, "gs1_128", GS1_SAMPLES[3], *box(10, 160, 120, 25))
    draw(canvas, "gs1_datamatrix", GS1_SAMPLES[5], *box(150, 160, 30, 20))
    draw(canvas, "code128", "A1234B", *box(10, 120, 60, 20))
    draw(canvas, "qr_digital_link", GS1_SAMPLES[0], *box(150, 110, 40, 40),
         base_url="https://id.example.com")
    canvas.showPage()
    canvas.save()
    page = rasterise(output.getvalue(), tmp_path)

    decoded = [only(decode_box(page, area)) for area in boxes]
    assert_gs1(decoded[0], GS1_SAMPLES[2], "]C1")
    assert_gs1(decoded[1], GS1_SAMPLES[4], "]d2")
    assert (decoded[2].text, decoded[2].symbology_identifier) == ("LOT-2024-001", "]C0")
    assert (decoded[3].text, decoded[3].symbology_identifier) == (DIGITAL_LINK, "]Q1")
    assert_gs1(decoded[4], GS1_SAMPLES[3], "]C1")
    assert_gs1(decoded[5], GS1_SAMPLES[5], "]d2")
    assert decoded[6].text == "A1234B"
    assert parse(decoded[7].text, today=TODAY).as_dict() == dict(GS1_SAMPLES[0])
    # Captions show the bracketed HRI, never FNC1 or GS characters.
    assert canvas.captions == [encode_hri(GS1_SAMPLES[2]), "LOT-2024-001",
                               encode_hri(GS1_SAMPLES[3]), "A1234B"]


def test_draw_returns_the_module_size():
    canvas = Canvas(io.BytesIO())
    value, _hri = render.gs1_128_content(GS1_SAMPLES[0])
    modules = sum(width for _dark, width in render.code128_runs(value))
    x_dimension = draw_gs1_128(canvas, 0, 0, 100 * mm, 30 * mm, GS1_SAMPLES[0])
    assert x_dimension == pytest.approx(100 * mm / (modules + 2 * render.LINEAR_QUIET_ZONE))
    size = len(gs1_datamatrix_matrix(GS1_SAMPLES[0]))
    # Square kinds are centred in the box at the largest size that fits.
    assert draw(canvas, "gs1_datamatrix", GS1_SAMPLES[0], 0, 0, 50 * mm, 20 * mm) == \
        pytest.approx(20 * mm / (size + 2))
    with pytest.raises(ValueError):
        draw(canvas, "pdf417", "x", 0, 0, 10, 10)
    assert set(RENDER_KINDS) == {"gs1_128", "gs1_datamatrix", "code128", "qr_digital_link"}


def test_thousand_datamatrix_labels_are_fast():
    # A4 sheets of 4 x 12 labels, each with its own symbol and four lines of
    # text: the label run of a production batch.
    start = time.perf_counter()
    output = io.BytesIO()
    canvas = Canvas(output, pagesize=A4)
    width, height = A4[0] / 4, A4[1] / 12
    for number in range(1000):
        if number and number % 48 == 0:
            canvas.showPage()
        x = (number % 4) * width
        y = A4[1] - (number % 48 // 4 + 1) * height
        elements = [("01", "09506000134352"), ("17", "261231"),
                    ("10", "L%05d" % number), ("21", "S%06d" % number)]
        draw(canvas, "gs1_datamatrix", elements, x + 2 * mm, y + 2 * mm,
             height - 4 * mm, height - 4 * mm)
        canvas.setFont("Helvetica", 6)
        for line, text in enumerate(("GTIN 09506000134352", "LOT L%05d" % number,
                                     "EXP 2026-12-31", "SN S%06d" % number)):
            canvas.drawString(x + height, y + height - 8 - 7 * line, text)
    canvas.save()
    elapsed = time.perf_counter() - start
    # About 0.25 s on a developer machine; the bound leaves room for slow CI.
    assert elapsed < 2.5, elapsed
    assert output.getvalue().startswith(b"%PDF")
