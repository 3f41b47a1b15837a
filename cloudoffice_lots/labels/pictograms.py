"""GHS hazard pictograms (GHS01-GHS09) as simple vector shapes.

Drawn here rather than shipped as files: no freely licensed set is packaged
on the registries this project uses, and shapes scale to any label and
printer. Each pictogram is the red-bordered diamond of the UN GHS with a
simplified black symbol, described in a unit square (x to the right, y
upwards) and drawn by two backends: reportlab (PDF labels) and Pillow
(bitmaps for ZPL printers, ``^GF``).

>>> sorted(PICTOGRAMS)[:3], len(PICTOGRAMS)
(['GHS01', 'GHS02', 'GHS03'], 9)
"""
import math

from PIL import Image, ImageDraw

RED = (0.85, 0.0, 0.0)
BLACK = (0.0, 0.0, 0.0)
WHITE = (1.0, 1.0, 1.0)

BORDER_WIDTH = 0.075
DIAMOND = ((0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5))


def _flame(cx, base, height, width):
    """A flame: a pointed, slightly wavy outline standing on ``base``."""
    half = width / 2
    return [
        (cx - half, base), (cx - half * 1.05, base + height * 0.35),
        (cx - half * 0.55, base + height * 0.62), (cx - half * 0.45, base + height * 0.45),
        (cx - half * 0.15, base + height * 0.78), (cx, base + height),
        (cx + half * 0.25, base + height * 0.7), (cx + half * 0.5, base + height * 0.82),
        (cx + half * 1.05, base + height * 0.35), (cx + half, base),
    ]


def _star(cx, cy, outer, inner, points=8, rotation=0.0):
    vertices = []
    for index in range(points * 2):
        radius = outer if index % 2 == 0 else inner
        angle = rotation + math.pi * index / points
        vertices.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return vertices


def _rotated_rect(cx, cy, length, width, angle):
    cos, sin = math.cos(angle), math.sin(angle)
    corners = ((-length / 2, -width / 2), (length / 2, -width / 2),
               (length / 2, width / 2), (-length / 2, width / 2))
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in corners]


# Shapes: ("polygon", points, colour), ("circle", cx, cy, r, colour),
# ("ring", cx, cy, r, line width, colour), ("line", points, line width, colour).
PICTOGRAMS = {
    # Exploding bomb: a bomb with fragments flying off.
    "GHS01": [
        ("polygon", _star(0.5, 0.47, 0.25, 0.1, 9), BLACK),
        ("circle", 0.5, 0.47, 0.09, WHITE),
        ("circle", 0.5, 0.47, 0.06, BLACK),
    ],
    # Flame.
    "GHS02": [
        ("polygon", _flame(0.5, 0.3, 0.42, 0.3), BLACK),
        ("polygon", [(0.3, 0.25), (0.7, 0.25), (0.7, 0.29), (0.3, 0.29)], BLACK),
    ],
    # Flame over circle (oxidisers).
    "GHS03": [
        ("ring", 0.5, 0.37, 0.11, 0.045, BLACK),
        ("polygon", _flame(0.5, 0.46, 0.26, 0.22), BLACK),
        ("polygon", [(0.3, 0.22), (0.7, 0.22), (0.7, 0.25), (0.3, 0.25)], BLACK),
    ],
    # Gas cylinder lying at an angle.
    "GHS04": [
        ("polygon", _rotated_rect(0.5, 0.47, 0.42, 0.15, math.radians(-25)), BLACK),
        ("polygon", _rotated_rect(0.71, 0.57, 0.08, 0.07, math.radians(-25)), BLACK),
    ],
    # Corrosion: liquid dripping from two tubes onto a surface and a hand.
    "GHS05": [
        ("polygon", _rotated_rect(0.37, 0.66, 0.2, 0.07, math.radians(-60)), BLACK),
        ("polygon", _rotated_rect(0.63, 0.66, 0.2, 0.07, math.radians(60)), BLACK),
        ("circle", 0.33, 0.48, 0.025, BLACK),
        ("circle", 0.67, 0.48, 0.025, BLACK),
        ("polygon", [(0.2, 0.3), (0.44, 0.3), (0.44, 0.38), (0.2, 0.38)], BLACK),
        ("polygon", [(0.56, 0.26), (0.8, 0.3), (0.8, 0.38), (0.56, 0.38)], BLACK),
    ],
    # Skull and crossbones.
    "GHS06": [
        ("line", [(0.3, 0.28), (0.7, 0.52)], 0.06, BLACK),
        ("line", [(0.3, 0.52), (0.7, 0.28)], 0.06, BLACK),
        ("circle", 0.5, 0.58, 0.13, BLACK),
        ("polygon", [(0.43, 0.42), (0.57, 0.42), (0.57, 0.5), (0.43, 0.5)], BLACK),
        ("circle", 0.45, 0.59, 0.035, WHITE),
        ("circle", 0.55, 0.59, 0.035, WHITE),
    ],
    # Exclamation mark.
    "GHS07": [
        ("polygon", [(0.46, 0.72), (0.54, 0.72), (0.52, 0.38), (0.48, 0.38)], BLACK),
        ("circle", 0.5, 0.3, 0.045, BLACK),
    ],
    # Health hazard: a person with a star burst on the chest.
    "GHS08": [
        ("circle", 0.5, 0.67, 0.07, BLACK),
        ("polygon", [(0.34, 0.22), (0.66, 0.22), (0.64, 0.52), (0.36, 0.52)], BLACK),
        ("polygon", _star(0.5, 0.38, 0.1, 0.045, 8), WHITE),
    ],
    # Environment: a dead tree and a dead fish.
    "GHS09": [
        ("line", [(0.36, 0.25), (0.36, 0.68)], 0.035, BLACK),
        ("line", [(0.36, 0.55), (0.26, 0.66)], 0.03, BLACK),
        ("line", [(0.36, 0.48), (0.47, 0.6)], 0.03, BLACK),
        ("line", [(0.22, 0.25), (0.78, 0.25)], 0.03, BLACK),
        ("polygon", [(0.48, 0.34), (0.58, 0.4), (0.7, 0.38), (0.76, 0.33), (0.8, 0.38),
                     (0.8, 0.29), (0.76, 0.33), (0.7, 0.29), (0.58, 0.28)], BLACK),
    ],
}

TITLES = {
    "GHS01": "Explosive",
    "GHS02": "Flammable",
    "GHS03": "Oxidising",
    "GHS04": "Gas under pressure",
    "GHS05": "Corrosive",
    "GHS06": "Acute toxicity",
    "GHS07": "Harmful / irritant",
    "GHS08": "Health hazard",
    "GHS09": "Hazardous to the environment",
}


def _check(code):
    if code not in PICTOGRAMS:
        raise ValueError("unknown GHS pictogram %r, expected one of %s"
                         % (code, ", ".join(sorted(PICTOGRAMS))))
    return PICTOGRAMS[code]


# reportlab --------------------------------------------------------------

def draw_pictogram(canvas, code, x, y, size):
    """Draw pictogram ``code`` in the square (x, y, size) of a reportlab canvas."""
    shapes = _check(code)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size, size)
    inset = BORDER_WIDTH / 2
    canvas.setLineWidth(BORDER_WIDTH)
    canvas.setStrokeColorRGB(*RED)
    canvas.setFillColorRGB(*WHITE)
    canvas.setLineJoin(1)
    path = canvas.beginPath()
    path.moveTo(0.5, inset)
    path.lineTo(1 - inset, 0.5)
    path.lineTo(0.5, 1 - inset)
    path.lineTo(inset, 0.5)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)
    for shape in shapes:
        kind = shape[0]
        if kind == "polygon":
            canvas.setFillColorRGB(*shape[2])
            path = canvas.beginPath()
            points = shape[1]
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            path.close()
            canvas.drawPath(path, stroke=0, fill=1)
        elif kind == "circle":
            canvas.setFillColorRGB(*shape[4])
            canvas.circle(shape[1], shape[2], shape[3], stroke=0, fill=1)
        elif kind == "ring":
            canvas.setStrokeColorRGB(*shape[5])
            canvas.setLineWidth(shape[4])
            canvas.circle(shape[1], shape[2], shape[3], stroke=1, fill=0)
        else:
            canvas.setStrokeColorRGB(*shape[3])
            canvas.setLineWidth(shape[2])
            canvas.setLineCap(1)
            path = canvas.beginPath()
            path.moveTo(*shape[1][0])
            for point in shape[1][1:]:
                path.lineTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


# Pillow ------------------------------------------------------------------

def pictogram_image(code, size_px):
    """A 1-bit Pillow image of the pictogram, ``size_px`` square.

    Thermal printers print black only, so the red border becomes black,
    as GHS allows for labels printed in one colour on packages that stay
    inside one country's transport rules.
    """
    shapes = _check(code)
    scale = size_px - 1
    image = Image.new("L", (size_px, size_px), 255)
    draw = ImageDraw.Draw(image)

    def point(x, y):
        return (x * scale, (1 - y) * scale)

    def colour(rgb):
        return 255 if rgb == WHITE else 0

    draw.polygon([point(*p) for p in DIAMOND], fill=0)
    inner = BORDER_WIDTH * 1.4
    draw.polygon([point(0.5, inner), point(1 - inner, 0.5), point(0.5, 1 - inner),
                  point(inner, 0.5)], fill=255)
    for shape in shapes:
        kind = shape[0]
        if kind == "polygon":
            draw.polygon([point(*p) for p in shape[1]], fill=colour(shape[2]))
        elif kind in ("circle", "ring"):
            _kind, cx, cy, radius = shape[:4]
            box = [point(cx - radius, cy + radius), point(cx + radius, cy - radius)]
            if kind == "circle":
                draw.ellipse(box, fill=colour(shape[4]))
            else:
                draw.ellipse(box, outline=colour(shape[5]),
                             width=max(1, int(shape[4] * scale)))
        else:
            draw.line([point(*p) for p in shape[1]], fill=colour(shape[3]),
                      width=max(1, int(shape[2] * scale)))
    return image.convert("1")
