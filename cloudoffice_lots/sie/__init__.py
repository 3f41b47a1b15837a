"""SIE 4 files (the Swedish standard for accounting data), without Odoo.

Every Swedish accounting program (Visma, Björn Lundén, Fortnox, Speedledger
and the rest) imports SIE. This package writes and reads type 4I import files
as the specification "SIE filformat, utgåva 4B" describes them, and packs the
batch/serial numbers of a product line into the transaction texts. It does
not import Odoo: the export wizard builds a :class:`SieFile` from journal
entries and calls :func:`write`; the tests read the result back with
:func:`read`.

Layout:

* :mod:`.fields` -- quoting and escapes, reading a line into fields, amounts,
  dates, CP437 and the characters it lacks;
* :mod:`.document` -- :class:`SieFile`, :class:`Voucher`, :class:`Transaction`;
* :mod:`.writer` -- the file's bytes with ``#KSUMMA``;
* :mod:`.reader` -- parsing and checking a file (balance, chart, checksum);
* :mod:`.lot_text` -- batch/serial numbers in texts of a given width.

Typical use::

    from odoo.addons.cloudoffice_lots.sie import SieFile, Voucher, Transaction, write, read

    data = write(SieFile(program="Odoo", program_version="11.0", generated=today,
                         company_name="Bolaget AB", vouchers=[...]))
    assert not read(data).errors
"""
from .document import SieFile, Transaction, Voucher
from .fields import clean_text, is_account_number
from .lot_text import lot_items, pack
from .reader import read
from .writer import UnbalancedVoucher, checksum, write
