"""The parts of a SIE 4 file that we write and read, as plain objects."""
from decimal import Decimal


class Transaction:
    """One ``#TRANS`` row: account, amount (debit positive), and optionally a
    date, a text and a quantity."""

    def __init__(self, account, amount, date=None, text="", quantity=None, objects=()):
        self.account = account
        self.amount = Decimal(str(amount))
        self.date = date
        self.text = text or ""
        self.quantity = quantity
        self.objects = tuple(objects)

    def key(self):
        return (self.account, self.amount, self.date, self.text, self.quantity, self.objects)

    def __eq__(self, other):
        return isinstance(other, Transaction) and self.key() == other.key()

    def __repr__(self):
        return "Transaction(%r, %s, %r)" % (self.account, self.amount, self.text)


class Voucher:
    """One ``#VER`` with its rows. An empty ``number`` lets the importing
    program number the voucher in its series, as the specification allows
    for import files."""

    def __init__(self, series, number, date, text="", regdate=None, transactions=None):
        self.series = series or ""
        self.number = number or ""
        self.date = date
        self.text = text or ""
        self.regdate = regdate
        self.transactions = list(transactions or [])

    def total(self):
        return sum((row.amount for row in self.transactions), Decimal("0"))

    def key(self):
        return (self.series, self.number, self.date, self.text, self.regdate,
                tuple(row.key() for row in self.transactions))

    def __eq__(self, other):
        return isinstance(other, Voucher) and self.key() == other.key()

    def __repr__(self):
        return "Voucher(%r, %r, %r, %d rows)" % (self.series, self.number, self.text,
                                                 len(self.transactions))


class SieFile:
    """A SIE 4 file: header, chart of accounts and vouchers.

    ``years`` maps the year number (0 this year, -1 last year) to
    ``(start, end)`` dates; ``accounts`` maps an account number to its name.
    """

    def __init__(self, **values):
        self.flag = values.get("flag", 0)
        self.program = values.get("program", "")
        self.program_version = values.get("program_version", "")
        self.format = values.get("format", "PC8")
        self.generated = values.get("generated")
        self.generated_by = values.get("generated_by", "")
        self.sie_type = values.get("sie_type", "4")
        self.company_name = values.get("company_name", "")
        self.orgnr = values.get("orgnr", "")
        self.years = dict(values.get("years") or {})
        self.chart_type = values.get("chart_type", "")
        self.accounts = dict(values.get("accounts") or {})
        self.vouchers = list(values.get("vouchers") or [])
        # filled by the reader
        self.checksum_declared = None
        self.checksum_computed = None
        self.errors = []

    @property
    def checksum_ok(self):
        """None without ``#KSUMMA``; else whether it matches the content
        (signed and unsigned forms of the CRC both accepted)."""
        if self.checksum_declared is None:
            return None
        return (self.checksum_declared & 0xFFFFFFFF) == self.checksum_computed
