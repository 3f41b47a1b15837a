"""Read SIE 4 bytes into a :class:`~.document.SieFile` and check them.

The reader is strict where an importing program would be: it notes, with the
line number, every record it cannot read, a ``#TRANS`` outside a voucher, a
voucher that does not sum to zero, an account used but not in the chart
(when the file has one), a missing mandatory record, and a ``#KSUMMA`` that
does not match. Labels it does not know are skipped, as the specification
asks of readers.
"""
import zlib

from .document import SieFile, Transaction, Voucher
from .fields import ENCODING, checksum_bytes, parse_amount, parse_date, tokenize

MANDATORY = ("#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN")


def _text(fields, index):
    return fields[index] if len(fields) > index and not isinstance(fields[index], tuple) else ""


class _Reader:
    def __init__(self):
        self.sie = SieFile(program="", generated=None, sie_type="")
        self.seen = set()
        self.voucher = None
        self.in_block = False
        self.crc = None  # running CRC once the opening #KSUMMA is read

    def error(self, number, message):
        self.sie.errors.append("line %d: %s" % (number, message))

    def feed(self, number, line):
        stripped = line.strip()
        if not stripped:
            return
        if stripped == "{":
            if self.voucher is None or self.in_block:
                self.error(number, "{ without #VER")
            self.in_block = True
            return
        if stripped == "}":
            if not self.in_block:
                self.error(number, "} without {")
            else:
                self._close_voucher(number)
            return
        try:
            fields = tokenize(stripped)
        except ValueError as exc:
            self.error(number, str(exc))
            return
        label = fields[0].upper() if fields and not isinstance(fields[0], tuple) else ""
        if not label.startswith("#"):
            self.error(number, "not a record: %s" % stripped)
            return
        if label == "#KSUMMA":
            self._ksumma(number, fields)
            return
        if self.crc is not None:
            self.crc = zlib.crc32(checksum_bytes(fields), self.crc)
        self.seen.add(label)
        handler = getattr(self, "_" + label[1:].lower(), None)
        if handler:
            try:
                handler(number, fields)
            except (ValueError, IndexError) as exc:
                self.error(number, "%s: %s" % (label, exc))

    def _ksumma(self, number, fields):
        if len(fields) == 1:
            if self.crc is not None:
                self.error(number, "second opening #KSUMMA")
            self.crc = 0
        elif self.crc is None:
            self.error(number, "closing #KSUMMA without the opening one")
        else:
            self.sie.checksum_declared = int(fields[1])
            self.sie.checksum_computed = self.crc & 0xFFFFFFFF

    def _flagga(self, number, fields):
        if self.seen != {"#FLAGGA"}:
            self.error(number, "#FLAGGA is not the first record")
        self.sie.flag = int(fields[1])

    def _program(self, number, fields):
        self.sie.program, self.sie.program_version = _text(fields, 1), _text(fields, 2)

    def _format(self, number, fields):
        self.sie.format = fields[1]
        if fields[1] != "PC8":
            self.error(number, "#FORMAT must be PC8")

    def _gen(self, number, fields):
        self.sie.generated = parse_date(fields[1])
        self.sie.generated_by = _text(fields, 2)

    def _sietyp(self, number, fields):
        self.sie.sie_type = fields[1]

    def _fnamn(self, number, fields):
        self.sie.company_name = fields[1]

    def _orgnr(self, number, fields):
        self.sie.orgnr = fields[1]

    def _rar(self, number, fields):
        self.sie.years[int(fields[1])] = (parse_date(fields[2]), parse_date(fields[3]))

    def _kptyp(self, number, fields):
        self.sie.chart_type = fields[1]

    def _konto(self, number, fields):
        self.sie.accounts[fields[1]] = _text(fields, 2)

    def _ver(self, number, fields):
        if self.voucher is not None:
            self.error(number, "#VER inside another voucher")
        self.voucher = Voucher(fields[1], _text(fields, 2), parse_date(fields[3]), _text(fields, 4),
                               parse_date(fields[5]) if _text(fields, 5) else None)
        self.voucher_line = number

    def _trans(self, number, fields):
        if self.voucher is None or not self.in_block:
            self.error(number, "#TRANS outside a voucher")
            return
        objects = fields[2] if len(fields) > 2 and isinstance(fields[2], tuple) else None
        if objects is None:
            raise ValueError("object list {} missing")
        date = _text(fields, 4)
        quantity = _text(fields, 6)
        self.voucher.transactions.append(Transaction(
            fields[1], parse_amount(fields[3]), parse_date(date) if date else None, _text(fields, 5),
            float(quantity) if quantity else None, objects))

    def _close_voucher(self, number):
        voucher = self.voucher
        self.in_block = False
        self.voucher = None
        if voucher.total() != 0:
            self.error(self.voucher_line, "voucher %s does not sum to zero (%s)" % (
                voucher.text or voucher.number, voucher.total()))
        self.sie.vouchers.append(voucher)

    def finish(self):
        for label in MANDATORY:
            if label not in self.seen:
                self.sie.errors.append("%s is missing" % label)
        if self.voucher is not None:
            self.sie.errors.append("the last voucher is not closed with }")
        if self.crc is not None and self.sie.checksum_declared is None:
            self.sie.errors.append("the closing #KSUMMA is missing: the file is cut off")
        elif self.sie.checksum_ok is False:
            self.sie.errors.append("#KSUMMA %s does not match the content (%s)" % (
                self.sie.checksum_declared, self.sie.checksum_computed))
        if self.sie.accounts:
            for voucher in self.sie.vouchers:
                for row in voucher.transactions:
                    if row.account not in self.sie.accounts:
                        self.sie.errors.append("voucher %s: account %s is not in the chart" % (
                            voucher.text or voucher.number, row.account))
        return self.sie


def read(data):
    """Parse SIE 4 ``data`` (bytes in CP437, or text). The result's
    ``errors`` list what is wrong; an empty list means an accounting program
    can import the file as it is."""
    text = data.decode(ENCODING) if isinstance(data, bytes) else data
    reader = _Reader()
    for number, line in enumerate(text.splitlines(), 1):
        reader.feed(number, line)
    return reader.finish()
