"""The label engine alone (no database): PDF text read back with pdftotext,
every barcode of a rendered page decoded with zxing-cpp after rasterising
the page with Ghostscript, and ZPL checked command by command."""
import doctest
import importlib
import io
import re
import subprocess
import tempfile

import pytest
import zxingcpp
from odoo.addons.cloudoffice_lots.gs1 import code128, parse, render_png
from odoo.addons.cloudoffice_lots.labels import LayoutError, normalise, place, render
from odoo.addons.cloudoffice_lots.labels.pictograms import PICTOGRAMS, pictogram_image
from odoo.addons.cloudoffice_lots.labels.zpl import (
    code128_field_data,
    datamatrix_field_data,
    graphic_field,
)
from PIL import Image

CAPTIONS = {"default_code": "Art. no.", "lot": "Batch", "production_date": "Produced",
            "best_before": "Best before", "expiry": "Use by", "quantity": "Qty",
            "allergens": "Allergens"}
SHEET = {"width_mm": 70, "height_mm": 37, "output": "pdf_sheet",
         "page": {"rows": 8, "columns": 3, "margin_top_mm": 0.5},
         "fields": ["description", "default_code", "lot", "production_date", "expiry",
                    "quantity", "allergens", "free_text"],
         "captions": CAPTIONS, "free_text": "Store below 25 °C"}
SINGLE = dict(SHEET, output="pdf_single", width_mm=100, height_mm=50, page={})
ZPL = dict(SINGLE, output="zpl", width_mm=101.6, height_mm=50.8, dpi=203)


def elements(lot, expiry="270110"):
    return [("01", "09506000134352"), ("11", "260110"), ("17", expiry), ("10", lot)]


def label(lot, kind="gs1_datamatrix", **values):
    data = {"gs1_datamatrix": elements(lot), "gs1_128": elements(lot), "code128": lot,
            "qr_digital_link": "https://id.example.com/01/09506000134352/10/%s" % lot}[kind]
    return dict({"description": "Acrylic paint ultramarine", "default_code": "AP-500",
                 "lot": lot, "production_date": "2026-01-10", "expiry": "2027-01-10",
                 "quantity": "12 Units", "allergens": "none", "pictograms": ["GHS02"],
                 "barcode": {"kind": kind, "data": data}}, **values)


def pdf_text(pdf, page=None):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        args = ["pdftotext", "-layout"]
        if page:
            args += ["-f", str(page), "-l", str(page)]
        return subprocess.run(args + [handle.name, "-"], check=True, capture_output=True,
                              text=True).stdout


def pdf_barcodes(pdf, page=1, dpi=300):
    """Every barcode zxing-cpp finds on one page, rasterised as a printer would."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        png = subprocess.run(
            ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", "-r%d" % dpi,
             "-dFirstPage=%d" % page, "-dLastPage=%d" % page, "-sOutputFile=-", handle.name],
            check=True, capture_output=True).stdout
    image = Image.open(io.BytesIO(png)).point(lambda value: 255 if value > 128 else 0)
    return zxingcpp.read_barcodes(image)


def test_sheet_pdf_text_and_every_datamatrix_decodes():
    labels = [label("L%03d" % index) for index in range(30)]
    pdf = render(SHEET, labels)
    assert pdf_text(pdf).count("Acrylic paint ultramarine") == 30
    first_page = pdf_text(pdf, 1)
    for index in range(24):
        assert "Batch: L%03d" % index in first_page
    assert "Batch: L024" not in first_page
    assert "Art. no.: AP-500" in first_page and "Store below 25 °C" in first_page
    found = pdf_barcodes(pdf, 1)
    assert len(found) == 24
    for barcode in found:
        assert barcode.format == zxingcpp.BarcodeFormat.DataMatrix
        assert barcode.symbology_identifier == "]d2"
        assert barcode.content_type == zxingcpp.ContentType.GS1
    decoded = sorted(barcode.text for barcode in found)
    assert decoded == sorted("(01)09506000134352(11)260110(17)270110(10)L%03d" % index
                             for index in range(24))
    second = pdf_barcodes(pdf, 2)
    assert sorted(b.text[-4:] for b in second) == ["L%03d" % i for i in range(24, 30)]


@pytest.mark.parametrize("kind, expected", [
    ("gs1_128", ("]C1", "(01)09506000134352(11)260110(17)270110(10)B-7")),
    ("code128", ("]C0", "B-7")),
    ("qr_digital_link", ("]Q1", "https://id.example.com/01/09506000134352/10/B-7")),
    ("gs1_datamatrix", ("]d2", "(01)09506000134352(11)260110(17)270110(10)B-7")),
])
def test_single_label_each_barcode_kind_decodes(kind, expected):
    pdf = render(SINGLE, [label("B-7", kind)])
    found = pdf_barcodes(pdf)
    assert [(b.symbology_identifier, b.text) for b in found] == [expected]
    text = pdf_text(pdf)
    assert "Batch: B-7" in text and "Use by: 2027-01-10" in text
    if kind == "gs1_128":
        # the human readable line under the bars is the bracketed GS1 form
        assert "(01)09506000134352(11)260110(17)270110(10)B-7" in text


def test_copies_skip_and_captions():
    pdf = render(dict(SHEET, page=dict(SHEET["page"], skip=22)),
                 [label("S1", captions={"lot": "Serial"}, copies=3)])
    assert pdf_text(pdf).count("Serial: S1") == 3
    # positions 23 and 24 of the first sheet, then the first of a second sheet
    assert pdf_text(pdf, 1).count("Serial: S1") == 2
    assert pdf_text(pdf, 2).count("Serial: S1") == 1


def test_fields_follow_the_layout_and_empty_values_are_left_out():
    layout = normalise(dict(SINGLE, fields=["lot", "expiry", "description"]))
    items = place(layout, label("X1", expiry="", barcode=None, pictograms=[]))
    assert [item[5] for item in items if item[0] == "text"] == \
        ["Batch: X1", "Acrylic paint ultramarine"]


def test_attributes_and_pictograms_are_placed_inside_the_label():
    layout = normalise(dict(SINGLE, fields=["lot", "attributes"]))
    items = place(layout, label("A1", attributes=[("Colour", "Blue"), ("Empty", "")],
                                pictograms=["GHS02", "GHS07"]))
    assert [item[5] for item in items if item[0] == "text"] == ["Batch: A1", "Colour: Blue"]
    assert [item[4] for item in items if item[0] == "pictogram"] == ["GHS02", "GHS07"]
    for item in items:
        x, y = item[1], item[2]
        width = item[3]
        height = item[4] if item[0] in ("barcode", "text") else item[3]
        assert 0 <= x and x + width <= layout["width_mm"] + 1e-6
        assert 0 <= y and y + height <= layout["height_mm"] + 1e-6


def test_layout_errors():
    with pytest.raises(LayoutError, match="larger than the page"):
        normalise(dict(SHEET, height_mm=40))  # 8 x 40 mm + margin > 297 mm
    with pytest.raises(LayoutError, match="larger than 5 x 5 mm"):
        normalise(dict(SINGLE, width_mm=0))
    with pytest.raises(LayoutError, match="dpi"):
        normalise(dict(ZPL, dpi=250))
    with pytest.raises(LayoutError, match="Unknown label fields"):
        normalise(dict(SINGLE, fields=["colour"]))


def test_thousand_datamatrix_labels_fill_every_sheet():
    # How fast: bench/bench_labels.py, against Odoo's own lot labels.
    labels = [label("P%05d" % index) for index in range(1000)]
    pdf = render(SHEET, labels)
    assert pdf.startswith(b"%PDF") and pdf_text(pdf, 42).count("Batch: P") == 1000 - 41 * 24


# ZPL ----------------------------------------------------------------------

def unescape_datamatrix(data):
    """ZPL ^BX field data back to the element string (FNC1 -> GS)."""
    assert data.startswith("_1")
    return re.sub(r"_d(\d{3})", lambda m: chr(int(m.group(1))), data[2:].replace("_1", "\x1d"))


def unescape_hex(data):
    return re.sub(r"_([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), data)


def code128_values(data):
    """ZPL ^BC mode-N invocation codes back to Code 128 symbol values."""
    values, index, in_set_c = [], 0, False
    codes = {">:": 104, ">;": 105, ">8": 102, ">5": 99, ">6": 100}
    while index < len(data):
        pair = data[index:index + 2]
        if pair in codes:
            values.append(codes[pair])
            in_set_c = codes[pair] in (105, 99) or (in_set_c and codes[pair] == 102)
            index += 2
        elif pair == "><":
            values.append(ord(">") - 32)
            index += 2
        elif in_set_c:
            values.append(int(pair))
            index += 2
        else:
            values.append(ord(data[index]) - 32)
            index += 1
    return values


def test_zpl_structure_and_fields():
    text = render(ZPL, [label("Z_1", copies=2), label("Z2", "gs1_128")])
    blocks = re.findall(r"\^XA.*?\^XZ", text, re.S)
    assert len(blocks) == 2 and text.count("^XA") == 2
    first = blocks[0]
    assert "^PW812" in first and "^LL406" in first and "^CI28" in first and "^PQ2" in first
    assert "^FH^FDBatch: Z_5F1^FS" in first
    assert "^FDUse by: 2027-01-10^FS" in first
    datamatrix = re.search(r"\^BXN,(\d+),200,,,,_\^FD(.*?)\^FS", first)
    assert datamatrix and int(datamatrix.group(1)) >= 3
    assert datamatrix.group(2) == "_101095060001343521126011017270110" "10Z_d0951"
    # unescaped, it is the element string a scanner would send
    assert parse(unescape_datamatrix(datamatrix.group(2))).elements == (
        ("01", "09506000134352"), ("11", "260110"), ("17", "270110"), ("10", "Z_1"))
    assert first.count("^GFA,") == 1  # the flame pictogram as a bitmap
    second = blocks[1]
    bars = re.search(r"\^BY(\d+)\^BCN,(\d+),N,N,N,N\^FH\^FD(.*?)\^FS", second)
    assert bars
    field = unescape_hex(bars.group(3))
    assert field == ">;>80109506000134352112601101727011010>6Z2"
    value = "\xf1" + "010950600013435211260110172701101" + "0Z2"
    assert code128_values(field) == code128.symbol_values(value)[:-1]
    # the same symbol values, drawn by our encoder, decode as the GS1 data
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(render_png("gs1_128", value[1:]))))
    assert decoded[0].text == "(01)09506000134352(11)260110(17)270110(10)Z2"
    assert "^FD(01)09506000134352(11)260110(17)270110(10)Z2^FS" in second


def test_zpl_escapes_command_characters_in_text():
    text = render(dict(ZPL, fields=["description"]),
                  [{"description": "50% ^off~ now_", "barcode": None}])
    assert "^FH^FD50% _5Eoff_7E now_5F^FS" in text
    assert code128_field_data("A>B") == ">:A><B"
    assert datamatrix_field_data([("01", "09506000134352"), ("10", "A1"), ("21", "S")]) == \
        "_1010950600013435210A1_121S"


def test_zpl_300_dpi_scales_the_label():
    text = render(dict(ZPL, dpi=300), [label("D1")])
    assert "^PW1200" in text and "^LL600" in text


def test_pictograms_draw_and_rasterise():
    assert sorted(PICTOGRAMS) == ["GHS0%d" % number for number in range(1, 10)]
    for code in PICTOGRAMS:
        image = pictogram_image(code, 64)
        assert image.size == (64, 64)
        # border black at the diamond's tip, white in the corner outside it
        assert image.getpixel((32, 2)) == 0 and image.getpixel((2, 2)) == 255
    command = graphic_field(pictogram_image("GHS07", 16))
    assert command.startswith("^GFA,32,32,2,")
    with pytest.raises(ValueError, match="unknown GHS pictogram"):
        pictogram_image("GHS10", 16)
    pdf = render(dict(SINGLE, fields=["description"]),
                 [{"description": "All", "pictograms": sorted(PICTOGRAMS)}])
    assert "All" in pdf_text(pdf)


@pytest.mark.parametrize("name", ["layout", "pictograms", "zpl", "__init__"])
def test_doctests(name):
    module = importlib.import_module("odoo.addons.cloudoffice_lots.labels.%s" % name
                                     if name != "__init__" else "odoo.addons.cloudoffice_lots.labels")
    outcome = doctest.testmod(module)
    assert outcome.failed == 0 and outcome.attempted > 0
