"""Labels as PDF with reportlab: A4 sheets of labels, or one label per page.

Barcodes are drawn as vector modules by :func:`..gs1.render.draw`, text
with the DejaVu/Vera TrueType fonts (subset-embedded, so accented names
print and ``pdftotext`` reads them back), pictograms as vector shapes.
"""
import io
import os

import reportlab
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..gs1 import render as gs1_render
from .layout import MM_PER_PT, expand_copies, place, sheet_positions
from .pictograms import draw_pictogram

FONT = "CloudofficeLabel"
FONT_BOLD = "CloudofficeLabel-Bold"
_FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    (os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"),
     os.path.join(os.path.dirname(reportlab.__file__), "fonts", "VeraBd.ttf")),
)


def register_fonts():
    """Register the label fonts once (DejaVu when installed, else reportlab's Vera)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for regular, bold in _FONT_CANDIDATES:
        if os.path.exists(regular) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont(FONT, regular))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, bold))
            return
    raise RuntimeError("no TrueType font found for labels")


def _fit_text(text, font, size, width):
    """Font size at which ``text`` fits ``width`` points (never below 4 pt),
    and the text, cut with an ellipsis if even that is too wide."""
    text_width = pdfmetrics.stringWidth(text, font, size)
    if text_width <= width:
        return size, text
    size = max(4.0, size * width / text_width * 0.99)
    while len(text) > 1 and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return size, text


def draw_label(canvas, layout, label, x, y_top):
    """Draw one label whose top-left corner is (x, y_top) in points."""
    for item in place(layout, label):
        kind = item[0]
        if kind == "text":
            _kind, ix, iy, width, line_h, text, bold = item
            font = FONT_BOLD if bold else FONT
            size = line_h / MM_PER_PT / 1.2
            size, text = _fit_text(text, font, size, width * mm)
            canvas.setFont(font, size)
            canvas.drawString(x + ix * mm, y_top - iy * mm - line_h * mm * 0.8, text)
        elif kind == "barcode":
            _kind, ix, iy, width, height, barcode_kind, data = item
            gs1_render.draw(canvas, barcode_kind, data, x + ix * mm,
                            y_top - (iy + height) * mm, width * mm, height * mm)
        else:
            _kind, ix, iy, size, code = item
            draw_pictogram(canvas, code, x + ix * mm, y_top - (iy + size) * mm, size * mm)


def render_pdf(layout, labels):
    """PDF bytes: sheets (``pdf_sheet``) or one page per label (``pdf_single``)."""
    register_fonts()
    labels = list(expand_copies(labels))
    output = io.BytesIO()
    width, height = layout["width_mm"] * mm, layout["height_mm"] * mm
    if layout["output"] == "pdf_sheet":
        page = layout["page"]
        page_size = (page["width_mm"] * mm, page["height_mm"] * mm)
    else:
        page_size = (width, height)
    canvas = Canvas(output, pagesize=page_size, pageCompression=1)
    canvas.setTitle(layout.get("title") or "Labels")
    canvas.setCreator("cloudoffice_lots")
    if layout["output"] == "pdf_sheet":
        current = 0
        for label, (sheet, x, y) in zip(labels, sheet_positions(layout, len(labels))):
            if sheet != current:
                canvas.showPage()
                current = sheet
            draw_label(canvas, layout, label, x * mm, page_size[1] - y * mm)
    else:
        for index, label in enumerate(labels):
            if index:
                canvas.showPage()
            draw_label(canvas, layout, label, 0, height)
    canvas.showPage()
    canvas.save()
    return output.getvalue()
