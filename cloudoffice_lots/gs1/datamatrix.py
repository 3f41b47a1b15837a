"""A small GS1 DataMatrix (ECC 200) encoder in pure Python.

Why it exists: zxing-cpp 2.2 can write DataMatrix but has no way to put the
FNC1 codeword in it, so its symbols never read as GS1 (they decode as
``]d1``). zxing-cpp 3.0 and later can (``create_barcode(..., gs1=True)``);
:mod:`.render` uses that when it is installed and this module otherwise.

Scope is what GS1 data needs, following ISO/IEC 16022:

* ASCII encodation only: FNC1 (codeword 232) first and as separator, digit
  pairs in one codeword, other characters as ASCII + 1. GS1 data is mostly
  digits and limited to 7-bit characters, so the more compact text modes
  would save little;
* square symbols, 10x10 to 144x144 modules;
* Reed-Solomon error correction over GF(256) (polynomial 0x12D) with the
  block interleaving of the larger sizes;
* module placement per ISO/IEC 16022 annex F, then finder and clock
  patterns around each data region. Placement depends on the symbol size
  only, so it is worked out once per size and reused as a table of
  positions: encoding a label is then error correction plus table lookups.

The result is a list of rows of booleans (True = dark), without quiet zone.

>>> matrix = encode_element_string('0109506000134352')
>>> len(matrix), len(matrix[0])
(16, 16)
"""
from .errors import MSG_SYMBOL_TOO_LONG, TOO_LONG, GS1Error

FNC1_CODEWORD = 232
PAD_CODEWORD = 129
SEPARATORS = "\x1d\xf1"

# (symbol size, data region size, data codewords, error correction
# codewords per block, number of blocks), square ECC 200 symbols.
SYMBOL_SIZES = (
    (10, 8, 3, 5, 1), (12, 10, 5, 7, 1), (14, 12, 8, 10, 1), (16, 14, 12, 12, 1),
    (18, 16, 18, 14, 1), (20, 18, 22, 18, 1), (22, 20, 30, 20, 1),
    (24, 22, 36, 24, 1), (26, 24, 44, 28, 1), (32, 14, 62, 36, 1),
    (36, 16, 86, 42, 1), (40, 18, 114, 48, 1), (44, 20, 144, 56, 1),
    (48, 22, 174, 68, 1), (52, 24, 204, 42, 2), (64, 14, 280, 56, 2),
    (72, 16, 368, 36, 4), (80, 18, 456, 48, 4), (88, 20, 576, 56, 4),
    (96, 22, 696, 68, 4), (104, 24, 816, 56, 6), (120, 18, 1050, 68, 6),
    (132, 20, 1304, 62, 8), (144, 22, 1558, 62, 10),
)


def _galois_tables():
    exp = [0] * 512
    log = [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x12D
    # Doubled so that exp[log a + log b] needs no modulo.
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _galois_tables()
# Per-size tables (never per symbol): generator polynomials and layouts.
_GENERATORS = {}
_LAYOUTS = {}


def _generator_logs(degree):
    """Logs of the coefficients of prod(x - 2^i), i = 1..degree, leading 1 left out."""
    if degree not in _GENERATORS:
        poly = [1]
        for root in range(1, degree + 1):
            factor = _EXP[root]
            poly = [a ^ (_EXP[_LOG[b] + _LOG[factor]] if b else 0)
                    for a, b in zip(poly + [0], [0] + poly)]
        # Every coefficient of this generator is non-zero, so all have a log.
        _GENERATORS[degree] = [_LOG[coefficient] for coefficient in poly[1:]]
    return _GENERATORS[degree]


def reed_solomon(data, degree):
    """``degree`` error correction codewords for ``data`` (polynomial division)."""
    generator_logs = _generator_logs(degree)
    exp, log = _EXP, _LOG
    remainder = [0] * degree
    for codeword in data:
        feedback = codeword ^ remainder[0]
        remainder = remainder[1:]
        remainder.append(0)
        if feedback:
            log_feedback = log[feedback]
            remainder = [value ^ exp[coefficient + log_feedback]
                         for value, coefficient in zip(remainder, generator_logs)]
    return remainder


def ascii_codewords(element_string):
    """Data codewords of a GS1 element string, FNC1 first, GS as FNC1."""
    codewords = [FNC1_CODEWORD]
    text = element_string
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in SEPARATORS:
            codewords.append(FNC1_CODEWORD)
            index += 1
        elif char.isdigit() and index + 1 < length and text[index + 1].isdigit():
            codewords.append(130 + int(text[index:index + 2]))
            index += 2
        elif ord(char) < 128:
            codewords.append(ord(char) + 1)
            index += 1
        else:
            raise ValueError("GS1 DataMatrix data is 7-bit ASCII, got %r" % char)
    return codewords


def _pad(codewords, capacity):
    padded = list(codewords)
    if len(padded) < capacity:
        padded.append(PAD_CODEWORD)
    while len(padded) < capacity:
        # 253-state randomising keeps long pad runs from forming patterns.
        position = len(padded) + 1
        value = PAD_CODEWORD + (149 * position) % 253 + 1
        padded.append(value if value <= 254 else value - 254)
    return padded


def _with_error_correction(data, ecc_per_block, blocks):
    total_ecc = ecc_per_block * blocks
    result = data + [0] * total_ecc
    for block in range(blocks):
        ecc = reed_solomon(data[block::blocks], ecc_per_block)
        for index, codeword in enumerate(ecc):
            result[len(data) + block + index * blocks] = codeword
    return result


def _placement(nrow, ncol):
    """Annex F placement for an ``nrow`` x ``ncol`` mapping matrix.

    Each cell holds ``codeword * 8 + bit`` (bit 0 = most significant) or,
    for the fixed lower-right pattern of some sizes, True/False.
    """
    array = [[None] * ncol for _ in range(nrow)]

    def module(row, col, codeword, bit):
        if row < 0:
            row += nrow
            col += 4 - ((nrow + 4) % 8)
        if col < 0:
            col += ncol
            row += 4 - ((ncol + 4) % 8)
        array[row][col] = codeword * 8 + bit

    def utah(row, col, codeword):
        for bit, (dr, dc) in enumerate(((-2, -2), (-2, -1), (-1, -2), (-1, -1),
                                        (-1, 0), (0, -2), (0, -1), (0, 0))):
            module(row + dr, col + dc, codeword, bit)

    def corner(cells, codeword):
        for bit, (row, col) in enumerate(cells):
            module(row, col, codeword, bit)

    corners = {
        1: ((nrow - 1, 0), (nrow - 1, 1), (nrow - 1, 2), (0, ncol - 2),
            (0, ncol - 1), (1, ncol - 1), (2, ncol - 1), (3, ncol - 1)),
        2: ((nrow - 3, 0), (nrow - 2, 0), (nrow - 1, 0), (0, ncol - 4),
            (0, ncol - 3), (0, ncol - 2), (0, ncol - 1), (1, ncol - 1)),
        3: ((nrow - 3, 0), (nrow - 2, 0), (nrow - 1, 0), (0, ncol - 2),
            (0, ncol - 1), (1, ncol - 1), (2, ncol - 1), (3, ncol - 1)),
        4: ((nrow - 1, 0), (nrow - 1, ncol - 1), (0, ncol - 3), (0, ncol - 2),
            (0, ncol - 1), (1, ncol - 3), (1, ncol - 2), (1, ncol - 1)),
    }
    codeword = 0
    row, col = 4, 0
    while True:
        if row == nrow and col == 0:
            corner(corners[1], codeword)
            codeword += 1
        if row == nrow - 2 and col == 0 and ncol % 4:
            corner(corners[2], codeword)
            codeword += 1
        if row == nrow - 2 and col == 0 and ncol % 8 == 4:
            corner(corners[3], codeword)
            codeword += 1
        if row == nrow + 4 and col == 2 and not ncol % 8:
            corner(corners[4], codeword)
            codeword += 1
        while True:  # sweep up and right
            if row < nrow and col >= 0 and array[row][col] is None:
                utah(row, col, codeword)
                codeword += 1
            row -= 2
            col += 2
            if not (row >= 0 and col < ncol):
                break
        row += 1
        col += 3
        while True:  # sweep down and left
            if row >= 0 and col < ncol and array[row][col] is None:
                utah(row, col, codeword)
                codeword += 1
            row += 2
            col -= 2
            if not (row < nrow and col >= 0):
                break
        row += 3
        col += 1
        if not (row < nrow or col < ncol):
            break
    if array[nrow - 1][ncol - 1] is None:
        # Sizes whose region does not fill up get a fixed corner pattern.
        array[nrow - 1][ncol - 1] = array[nrow - 2][ncol - 2] = True
        array[nrow - 1][ncol - 2] = array[nrow - 2][ncol - 1] = False
    return array


def _layout(size, region):
    """``(template, positions)`` for one symbol size.

    The template has the finder and clock patterns (and any fixed corner
    pattern) set; ``positions[codeword * 8 + bit]`` is the (row, col) of that
    bit in the symbol. This depends on the size only, so it is computed once
    per size and shared by all symbols.
    """
    if size in _LAYOUTS:
        return _LAYOUTS[size]
    regions = size // (region + 2)
    template = [[False] * size for _ in range(size)]
    for region_row in range(regions):
        top = region_row * (region + 2)
        for region_col in range(regions):
            left = region_col * (region + 2)
            for offset in range(region + 2):
                template[top + region + 1][left + offset] = True  # solid bottom
                template[top + offset][left] = True  # solid left
                template[top][left + offset] = offset % 2 == 0  # clock on top
                template[top + offset][left + region + 1] = offset % 2 == 1  # clock right
    placement = _placement(regions * region, regions * region)
    positions = [None] * sum(1 for row in placement for cell in row
                             if not isinstance(cell, bool))
    for map_row, cells in enumerate(placement):
        row = (map_row // region) * (region + 2) + 1 + map_row % region
        for map_col, cell in enumerate(cells):
            col = (map_col // region) * (region + 2) + 1 + map_col % region
            if isinstance(cell, bool):
                template[row][col] = cell
            else:
                positions[cell] = (row, col)
    _LAYOUTS[size] = (template, positions)
    return _LAYOUTS[size]


def choose_size(data_length):
    """The smallest square symbol row holding ``data_length`` codewords, or None."""
    for size_row in SYMBOL_SIZES:
        if size_row[2] >= data_length:
            return size_row
    return None


def encode_codewords(data):
    """Module matrix for ASCII-encoded data codewords (FNC1 included)."""
    size_row = choose_size(len(data))
    if size_row is None:
        raise GS1Error(TOO_LONG, MSG_SYMBOL_TOO_LONG,
                       {"text": "GS1 DataMatrix", "symbology": "DataMatrix",
                        "length": len(data), "max_length": SYMBOL_SIZES[-1][2]})
    size, region, capacity, ecc_per_block, blocks = size_row
    codewords = _with_error_correction(_pad(data, capacity), ecc_per_block, blocks)
    template, positions = _layout(size, region)
    symbol = [list(row) for row in template]
    for index, codeword in enumerate(codewords):
        base = index * 8
        for bit in range(8):
            if codeword & (0x80 >> bit):
                row, col = positions[base + bit]
                symbol[row][col] = True
    return symbol


def encode_element_string(element_string):
    """Module matrix of a GS1 DataMatrix for a raw element string.

    :param element_string: AIs and values with GS (or FNC1) after
        variable-length fields, as :func:`.encoder.encode_raw` makes it
    """
    return encode_codewords(ascii_codewords(element_string))
