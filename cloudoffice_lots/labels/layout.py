"""Where things go on a label: one geometry for PDF and ZPL output.

A *layout* is a plain dict (what the user defined on a label layout); a
*label* is a dict of the values of one batch/serial. :func:`place` turns
both into positioned items in millimetres, origin at the label's top-left
corner, y going down, so that a PDF label and a ZPL label of the same
layout look the same:

* ``("barcode", x, y, width, height, kind, data)``
* ``("text", x, y, width, height, text, bold)`` (``height`` is the line height)
* ``("pictogram", x, y, size, code)``

Square symbols (DataMatrix, QR) sit at the right, as tall as the label
allows; linear ones (GS1-128, Code 128) take a band across the bottom. GHS
pictograms stand beside the text when it is wide enough, else in a row
under it. Text lines share what height is
left, in the order of the layout's fields.

>>> layout = normalise({'width_mm': 70, 'height_mm': 37, 'fields': ['lot'],
...                     'captions': {'lot': 'Batch'}})
>>> [item[5] for item in place(layout, {'lot': 'B1'}) if item[0] == 'text']
['Batch: B1']
"""
MM_PER_PT = 25.4 / 72

#: The fields a layout can print, in their usual order.
FIELDS = ("description", "default_code", "lot", "production_date", "best_before",
          "expiry", "quantity", "attributes", "allergens", "free_text")
#: Fields printed without a caption (the value speaks for itself).
UNCAPTIONED = ("description", "free_text")
#: Fields printed in bold.
BOLD = ("description", "lot", "allergens")
OUTPUTS = ("pdf_sheet", "pdf_single", "zpl")
SQUARE_KINDS = ("gs1_datamatrix", "qr_digital_link")
LINEAR_KINDS = ("gs1_128", "code128")

A4 = (210.0, 297.0)
MIN_LINE_MM = 1.8  # about 5 pt: smaller is unreadable on a thermal printer
MAX_LINE_MM = 5.5
MAX_PICTOGRAM_MM = 16.0
#: The product name is the label's title: this much taller than other lines.
TITLE_SCALE = 1.6
#: Average width of a bold character, in line heights (font size is the
#: line height / 1.2, a character about 0.6 of it): wider names wrap.
CHAR_WIDTH_PER_LINE_H = 0.45
MIN_TEXT_BESIDE_MM = 30.0  # pictograms go under narrower text


class LayoutError(ValueError):
    """A layout that cannot be printed (labels larger than the page...)."""


def normalise(layout):
    """A complete layout dict with defaults, checked; raises :class:`LayoutError`."""
    result = {
        "output": "pdf_single",
        "fields": list(FIELDS),
        "captions": {},
        "barcode": None,
        "pictograms": True,
        "free_text": "",
        "dpi": 203,
        "title": "Labels",
    }
    result.update(layout)
    page = dict({"width_mm": A4[0], "height_mm": A4[1], "rows": 1, "columns": 1,
                 "margin_top_mm": 0.0, "margin_left_mm": 0.0,
                 "gap_x_mm": 0.0, "gap_y_mm": 0.0, "skip": 0}, **(layout.get("page") or {}))
    per_page = max(1, int(page["rows"]) * int(page["columns"]))
    # A partly used sheet: never skip a whole sheet or more.
    page["skip"] = min(max(0, int(page.get("skip") or 0)), per_page - 1)
    result["page"] = page
    width, height = float(result.get("width_mm") or 0), float(result.get("height_mm") or 0)
    if width <= 5 or height <= 5:
        raise LayoutError("A label must be larger than 5 x 5 mm (%s x %s mm given)"
                          % (width, height))
    result["width_mm"], result["height_mm"] = width, height
    if result["output"] not in OUTPUTS:
        raise LayoutError("Unknown output %r" % result["output"])
    unknown = [name for name in result["fields"] if name not in FIELDS]
    if unknown:
        raise LayoutError("Unknown label fields: %s" % ", ".join(unknown))
    if result["output"] == "pdf_sheet":
        needed_w = page["margin_left_mm"] + page["columns"] * width \
            + (page["columns"] - 1) * page["gap_x_mm"]
        needed_h = page["margin_top_mm"] + page["rows"] * height \
            + (page["rows"] - 1) * page["gap_y_mm"]
        if page["rows"] < 1 or page["columns"] < 1:
            raise LayoutError("A sheet needs at least one row and one column")
        if needed_w > page["width_mm"] + 0.01 or needed_h > page["height_mm"] + 0.01:
            raise LayoutError(
                "%d x %d labels of %g x %g mm with their margins need %.1f x %.1f mm: "
                "larger than the page (%g x %g mm)" % (
                    page["columns"], page["rows"], width, height, needed_w, needed_h,
                    page["width_mm"], page["height_mm"]))
    if result["output"] == "zpl" and int(result["dpi"]) not in (203, 300, 600):
        raise LayoutError("ZPL printers print at 203, 300 or 600 dpi, not %s" % result["dpi"])
    return result


def text_lines(layout, label):
    """``[(text, bold), ...]`` of a label, in the layout's field order."""
    captions = dict(layout.get("captions") or {}, **(label.get("captions") or {}))
    lines = []
    for name in layout["fields"]:
        if name == "attributes":
            lines.extend(("%s: %s" % (caption, value), False)
                         for caption, value in label.get("attributes") or () if value)
            continue
        value = layout.get("free_text") if name == "free_text" else label.get(name)
        if name == "free_text" and label.get("free_text"):
            value = label["free_text"]
        if value in (None, False, ""):
            continue
        value = str(value)
        if name in UNCAPTIONED or not captions.get(name):
            lines.append((value, name in BOLD))
        else:
            lines.append(("%s: %s" % (captions[name], value), name in BOLD))
    return lines


def place(layout, label):
    """Positioned items of one label (see the module docstring)."""
    width, height = layout["width_mm"], layout["height_mm"]
    pad = min(2.0, 0.06 * min(width, height))
    left, top = pad, pad
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    text_w, text_h = inner_w, inner_h
    items = []
    barcode = label.get("barcode")
    if barcode:
        kind, data = barcode["kind"], barcode["data"]
        if kind in SQUARE_KINDS:
            side = min(inner_h, inner_w * 0.42)
            items.append(("barcode", left + inner_w - side, top, side, side, kind, data))
            text_w = inner_w - side - pad
        else:
            band = min(inner_h * 0.42, 24.0)
            items.append(("barcode", left, top + inner_h - band, inner_w, band, kind, data))
            text_h = inner_h - band - pad / 2
    codes = [code for code in label.get("pictograms") or () if layout.get("pictograms")]
    if codes:
        # Beside the text when the text area is wide, else in a row under it.
        size = min(MAX_PICTOGRAM_MM, text_h * 0.8, text_w * 0.4 / len(codes))
        if size >= 8 and text_w - size * len(codes) - pad >= MIN_TEXT_BESIDE_MM:
            row_x = left + text_w - size * len(codes)
            items.extend(("pictogram", row_x + index * size, top, size, code)
                         for index, code in enumerate(codes))
            text_w -= size * len(codes) + pad
        else:
            size = min(MAX_PICTOGRAM_MM, text_h * 0.38, text_w / len(codes))
            if size >= 4:
                y = top + text_h - size
                items.extend(("pictogram", left + index * size, y, size, code)
                             for index, code in enumerate(codes))
                text_h -= size + pad / 2
    lines = text_lines(layout, label)
    if lines:
        titled = _title_lines(layout, label, lines, text_w, text_h)
        if titled:
            y = top
            for text, bold, line_h in titled:
                items.append(("text", left, y, text_w, line_h, text, bold))
                y += line_h
            return items
        line_h = min(MAX_LINE_MM, text_h / len(lines))
        if line_h < MIN_LINE_MM:
            # Too many lines for the space: keep the first ones, readable.
            line_h = MIN_LINE_MM
            lines = lines[:max(1, int(text_h // line_h))]
        for index, (text, bold) in enumerate(lines):
            items.append(("text", left, top + index * line_h, text_w, line_h, text, bold))
    return items


def _wrap(text, chars):
    """``text`` as is when it has at most ``chars`` characters, else in two
    lines cut between words, as even as can be.

    >>> _wrap('Organic Acacia Honey 500 g', 15)
    ['Organic Acacia', 'Honey 500 g']
    """
    if len(text) <= chars or " " not in text:
        return [text]
    middle = len(text) / 2.0
    cut = min((index for index, char in enumerate(text) if char == " "),
              key=lambda index: abs(index - middle))
    return [text[:cut], text[cut + 1:]]


def _title_lines(layout, label, lines, text_w, text_h):
    """``[(text, bold, line height)]`` with the product name first in
    larger type (on two lines when long), or None when the label has no
    name on top or no room for larger type.

    >>> layout = normalise({'width_mm': 100, 'height_mm': 60, 'fields': ['description', 'lot']})
    >>> [(text, round(h, 2)) for text, _b, h in _title_lines(
    ...     layout, {'description': 'Acacia Honey'}, [('Acacia Honey', True), ('Batch: B1', True)],
    ...     90, 30)]
    [('Acacia Honey', 8.8), ('Batch: B1', 5.5)]
    """
    title = label.get("description")
    if not title or "description" not in layout["fields"] or lines[0][0] != str(title):
        return None
    rest = lines[1:]
    title_lines = [lines[0][0]]
    for _attempt in range(2):
        unit = text_h / (len(rest) + TITLE_SCALE * len(title_lines))
        line_h = min(MAX_LINE_MM, unit)
        title_h = min(MAX_LINE_MM * TITLE_SCALE, unit * TITLE_SCALE)
        if line_h < MIN_LINE_MM:
            return None
        # One line, shrunk to the width if need be, while that keeps it at
        # least as large as the other lines; else two lines.
        chars = int(text_w / (line_h * CHAR_WIDTH_PER_LINE_H))
        wrapped = _wrap(str(title), chars)
        if len(wrapped) == len(title_lines):
            break
        title_lines = wrapped
    return ([(text, True, title_h) for text in title_lines]
            + [(text, bold, line_h) for text, bold in rest])


def sheet_positions(layout, count):
    """``(page index, x, y)`` in mm (top-left of each label) for ``count`` labels."""
    page = layout["page"]
    per_page = page["rows"] * page["columns"]
    positions = []
    for index in range(int(page.get("skip") or 0), int(page.get("skip") or 0) + count):
        sheet, slot = divmod(index, per_page)
        row, column = divmod(slot, page["columns"])
        positions.append((
            sheet,
            page["margin_left_mm"] + column * (layout["width_mm"] + page["gap_x_mm"]),
            page["margin_top_mm"] + row * (layout["height_mm"] + page["gap_y_mm"]),
        ))
    return positions


def expand_copies(labels):
    """Each label repeated ``copies`` times (default once)."""
    for label in labels:
        for _copy in range(max(1, int(label.get("copies") or 1))):
            yield label
