"""Batch and serial numbers of a product line, packed into SIE texts.

SIE has no batch field: the numbers travel in the transaction text
(``transtext``) of the product line's ``#TRANS`` row. The specification sets
no length for it, but the programs that read the file cut long texts, so the
export packs the numbers into texts of a chosen width:

* a row reads ``<product>: <batch>:<qty>, <batch>:<qty>`` or, for serials,
  ``<product>: <serial>, <serial>``;
* a number is never cut or split over two rows;
* what does not fit goes on to further rows with the same product prefix.
  The export writes them as extra ``#TRANS`` rows of amount 0.00 on the same
  account right after the product row, so they sum to nothing and stay next
  to the line they describe (the voucher text is one per voucher and holds the
  entry's number instead);
* the product prefix is shortened first (to a third of the width at most),
  and left out of a row when even one number would not fit beside it;
* a number longer than the width itself is put alone on its row, uncut, and
  reported, so the export can ask for a wider text.
"""
from .fields import format_quantity

SEPARATOR = ", "


class Packed:
    """``rows``: the texts, first one for the product row; ``too_long``: the
    numbers that exceed the width on their own."""

    def __init__(self, rows, too_long):
        self.rows = rows
        self.too_long = too_long


def lot_items(lots):
    """Texts of ``[(number, quantity, is_serial)]``: a serial is its number
    (quantity 1 goes without saying), a batch ``number:quantity``.

    >>> lot_items([('B-17', 8.0, False), ('SN1', 1.0, True), ('SN2', 2.0, True)])
    ['B-17:8', 'SN1', 'SN2:2']
    """
    items = []
    for number, quantity, is_serial in lots:
        if is_serial and quantity == 1:
            items.append(number)
        else:
            items.append("%s:%s" % (number, format_quantity(quantity)))
    return items


def pack(prefix, items, width):
    """Pack ``items`` after ``prefix`` into rows of at most ``width`` characters.

    >>> pack('HON-500', ['B-17:8', 'B-18:4'], 30).rows
    ['HON-500: B-17:8, B-18:4']
    >>> pack('HON-500', ['B-17:8', 'B-18:4', 'B-19:12'], 23).rows
    ['HON-500: B-17:8, B-18:4', 'HON-500: B-19:12']
    """
    if width < 10:
        raise ValueError("a text width below 10 characters cannot hold a number")
    prefix = (prefix or "").strip()[:width // 3].rstrip()
    head = prefix + ": " if prefix else ""
    rows = []
    too_long = []
    current = []
    for item in items:
        if len(head + item) > width:
            # alone on its row, without the prefix; reported if even that is too long
            if current:
                rows.append(head + SEPARATOR.join(current))
                current = []
            rows.append(item)
            if len(item) > width:
                too_long.append(item)
        elif current and len(head + SEPARATOR.join(current + [item])) <= width:
            current.append(item)
        else:
            if current:
                rows.append(head + SEPARATOR.join(current))
            current = [item]
    if current:
        rows.append(head + SEPARATOR.join(current))
    return Packed(rows or [prefix], too_long)
