"""Code 128 and GS1-128 symbol encoding (ISO/IEC 15417), as bar widths.

Why not a library: reportlab's ``Code128`` loses a digit when FNC1 sits
between certain digit runs (``'\\xf1370\\xf139000'`` reads back as
``370<GS>9000``: a wrong count on a label, with a valid check character),
and python-barcode's PNG writer rounds bars to uneven pixel widths. Both
were found by decoding generated symbols. The encoder here is short enough
to read in one go, and the tests decode what it produces.

Only code sets B and C are used: GS1 data and printable lot names need no
control characters (set A). Runs of four or more digits go to set C, two
digits per symbol character; FNC1 (``'\\xf1'``) is valid in both sets.

>>> symbol_values('\\xf10109506000134352')
[105, 102, 1, 9, 50, 60, 0, 13, 43, 52, 94]
>>> sum(width for _dark, width in bar_runs('\\xf10109506000134352'))
134
"""
FNC1_CHAR = "\xf1"

# Bar, space, bar, space, bar and space widths of symbol values 0-105.
_WIDTHS = (
    "212222222122222221121223121322131222122213122312132212221213221312231212"
    "112232122132122231113222123122123221223211221132221231213212223112312131"
    "311222321122321221312212322112322211212123212321232121111323131123131321"
    "112313132113132311211313231113231311112133112331132131113123113321133121"
    "313121211331231131213113213311213131311123311321331121312113312311332111"
    "314111221411431111111224111422121124121421141122141221112214112412122114"
    "122411142112142211241211221114413111241112134111111242121142121241114212"
    "124112124211411212421112421211212141214121412121111143111341131141114113"
    "114311411113411311113141114131311141411131211412211214211232"
)
PATTERNS = tuple(_WIDTHS[index:index + 6] for index in range(0, len(_WIDTHS), 6))
STOP_PATTERN = "2331112"

FNC1 = 102
SWITCH_TO_B = 100  # "Code B" in set C
SWITCH_TO_C = 99  # "Code C" in set B
START_B = 104
START_C = 105
# Digits worth a switch to set C: four digits cost four characters in set B
# and at most four (switch, two pairs, switch back) in set C.
MIN_DIGITS_FOR_SET_C = 4


def _is_digit(char):
    return "0" <= char <= "9"


def _digit_run(text, start):
    end = start
    while end < len(text) and _is_digit(text[end]):
        end += 1
    return end - start


def _set_b_value(char):
    code = ord(char)
    if not 32 <= code <= 126:
        raise ValueError("Code 128 set B has no character %r" % char)
    return code - 32


def _start_in_set_c(text):
    first = 0
    while first < len(text) and text[first] == FNC1_CHAR:
        first += 1
    digits = _digit_run(text, first)
    all_digits = first + digits == len(text)
    return digits >= MIN_DIGITS_FOR_SET_C or (all_digits and digits and digits % 2 == 0)


def symbol_values(text):
    """Symbol character values: start, data, check character (no stop).

    ``text`` holds printable ASCII and ``'\\xf1'`` for FNC1; a GS1-128
    symbol is ``'\\xf1'`` followed by the element string with ``'\\xf1'``
    separators.
    """
    in_set_c = _start_in_set_c(text)
    values = [START_C if in_set_c else START_B]
    index = 0
    while index < len(text):
        char = text[index]
        if char == FNC1_CHAR:
            values.append(FNC1)
            index += 1
        elif in_set_c:
            if _is_digit(char) and index + 1 < len(text) and _is_digit(text[index + 1]):
                values.append(int(text[index:index + 2]))
                index += 2
            else:
                values.append(SWITCH_TO_B)
                in_set_c = False
        else:
            run = _digit_run(text, index)
            if run >= MIN_DIGITS_FOR_SET_C:
                if run % 2:
                    # An odd digit stays in set B so that set C gets pairs only.
                    values.append(_set_b_value(char))
                    index += 1
                values.append(SWITCH_TO_C)
                in_set_c = True
            else:
                values.append(_set_b_value(char))
                index += 1
    checksum = values[0] + sum(position * value
                               for position, value in enumerate(values[1:], 1))
    values.append(checksum % 103)
    return values


def bar_runs(text):
    """``[(dark, width in modules), ...]`` of the symbol, quiet zones excluded."""
    widths = "".join(PATTERNS[value] for value in symbol_values(text)) + STOP_PATTERN
    return [(index % 2 == 0, int(width)) for index, width in enumerate(widths)]
