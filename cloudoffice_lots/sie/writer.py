"""Write a :class:`~.document.SieFile` as SIE 4 bytes (CP437, ``#KSUMMA``).

Records come in the order the specification lists them: identification
(``#FLAGGA`` first, then the empty ``#KSUMMA`` that opens the checksum,
``#PROGRAM #FORMAT #GEN #SIETYP #FNAMN #ORGNR #RAR #KPTYP``), the chart
(``#KONTO``), the vouchers, and the closing ``#KSUMMA`` with the CRC-32 of
every label and field between the two (Python's ``zlib.crc32``, written as an
unsigned decimal number).

The writer refuses a voucher that does not sum to zero: an import file whose
vouchers do not balance is rejected by every accounting program.
"""
import re
import zlib

from .fields import (
    ENCODING,
    checksum_bytes,
    format_amount,
    format_date,
    format_quantity,
    quote,
    tokenize,
)

EOL = "\r\n"
_BARE = re.compile(r"^[A-Za-z0-9.\-]+$")


class UnbalancedVoucher(ValueError):
    def __init__(self, voucher):
        super().__init__("voucher %s %s %s does not sum to zero (%s)" % (
            voucher.series, voucher.number, voucher.text, voucher.total()))
        self.voucher = voucher


def _plain(text):
    """A field that needs no quotes stays bare (``#FORMAT PC8``, an orgnr)."""
    return text if _BARE.match(text or "") else quote(text)


def _trans_line(row):
    parts = ["#TRANS", row.account, "{%s}" % " ".join(quote(obj) for obj in row.objects),
             format_amount(row.amount)]
    optional = [format_date(row.date) if row.date else '""',
                quote(row.text) if row.text else '""',
                format_quantity(row.quantity) if row.quantity is not None else None]
    while optional and optional[-1] in (None, '""'):
        optional.pop()
    parts.extend(value if value is not None else '""' for value in optional)
    return " ".join(parts)


def lines(sie):
    """The record lines between the two ``#KSUMMA`` records."""
    out = ["#PROGRAM %s %s" % (quote(sie.program), quote(sie.program_version)),
           "#FORMAT PC8",
           "#GEN %s%s" % (format_date(sie.generated),
                          " " + quote(sie.generated_by) if sie.generated_by else ""),
           "#SIETYP %s" % sie.sie_type,
           "#FNAMN %s" % quote(sie.company_name)]
    if sie.orgnr:
        out.append("#ORGNR %s" % _plain(sie.orgnr))
    for year in sorted(sie.years, reverse=True):
        start, end = sie.years[year]
        out.append("#RAR %d %s %s" % (year, format_date(start), format_date(end)))
    if sie.chart_type:
        out.append("#KPTYP %s" % _plain(sie.chart_type))
    for number in sorted(sie.accounts):
        out.append("#KONTO %s %s" % (number, quote(sie.accounts[number])))
    for voucher in sie.vouchers:
        if voucher.total() != 0:
            raise UnbalancedVoucher(voucher)
        head = "#VER %s %s %s %s" % (quote(voucher.series), quote(voucher.number),
                                     format_date(voucher.date), quote(voucher.text))
        if voucher.regdate:
            head += " " + format_date(voucher.regdate)
        out.append(head)
        out.append("{")
        out.extend(_trans_line(row) for row in voucher.transactions)
        out.append("}")
    return out


def checksum(record_lines):
    """CRC-32 of the labels and fields of ``record_lines`` (``{``/``}`` lines
    and whitespace do not count), as the specification computes it."""
    crc = 0
    for line in record_lines:
        if line.strip() in ("{", "}"):
            continue
        fields = tokenize(line)
        if fields:
            crc = zlib.crc32(checksum_bytes(fields), crc)
    return crc & 0xFFFFFFFF


def write(sie):
    """The file's bytes.

    >>> from datetime import date
    >>> from .document import SieFile
    >>> data = write(SieFile(program='Odoo', program_version='11.0', generated=date(2026, 1, 2),
    ...                      company_name='Bolaget AB'))
    >>> data.split(b'\\r\\n')[:3]
    [b'#FLAGGA 0', b'#KSUMMA', b'#PROGRAM "Odoo" "11.0"']
    """
    body = lines(sie)
    text = EOL.join(["#FLAGGA %d" % sie.flag, "#KSUMMA"] + body
                    + ["#KSUMMA %d" % checksum(body)]) + EOL
    return text.encode(ENCODING)
