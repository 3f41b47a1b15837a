"""The SIE 4 writer and reader without Odoo: quoting and escapes, CP437,
#KSUMMA as the specification computes it, balanced vouchers, the golden file
built after the specification's examples, and packing batch/serial numbers
into texts."""
import datetime
import doctest
import importlib
import os
import zlib
from decimal import Decimal

import pytest
from odoo.addons.cloudoffice_lots.sie import (
    SieFile,
    Transaction,
    UnbalancedVoucher,
    Voucher,
    checksum,
    clean_text,
    lot_items,
    pack,
    read,
    write,
)
from odoo.addons.cloudoffice_lots.sie.fields import format_amount, quote, tokenize

GOLDEN = os.path.join(os.path.dirname(__file__), "data", "sie_spec_example.si")
D = datetime.date


def spec_example():
    """The records of the specification's examples (#VER with an object list,
    a quoted text with quotes inside, Swedish letters) plus an invoice whose
    product row carries its batches, one of them on a zero-amount row."""
    return SieFile(
        program="Odoo cloudoffice_lots", program_version="11.0.1.0.0",
        generated=D(2008, 9, 30), generated_by='Ivar "Ekon" Ekonom',
        company_name="Övningsbolaget AB", orgnr="555555-5555",
        years={0: (D(2008, 1, 1), D(2008, 12, 31))}, chart_type="BAS2014",
        accounts={"1510": "Kundfordringar", "1910": "Kassa", "2611": "Utgående moms 25 %",
                  "2640": "Ingående moms", "3011": "Försäljning inom Sverige, 25 % moms",
                  "7010": "Löner till kollektivanställda",
                  "7631": "Personalrepresentation, avdragsgill"},
        vouchers=[
            Voucher("A", "1", D(2008, 9, 4), 'Kaffebröd "Dopp"', D(2008, 9, 5), [
                Transaction("1910", "-195.00", D(2008, 9, 4), "Kaffebröd"),
                Transaction("2640", "39.00"),
                Transaction("7631", "156.00")]),
            Voucher("B", "", D(2008, 9, 15), "Faktura 1 Kund AB", None, [
                Transaction("1510", "1250.00"),
                Transaction("2611", "-250.00"),
                Transaction("3011", "-1000.00", D(2008, 9, 15), "HON-500: B-17:8, B-18:4", 24.0),
                Transaction("3011", "0", D(2008, 9, 15), "HON-500: B-19:12")]),
            Voucher("A", "2", D(2008, 9, 30), "Löner", None, [
                Transaction("7010", "13200.00", objects=("1", "456", "7", "47")),
                Transaction("1910", "-13200.00")]),
        ])


def spec_crc32(data):
    """The table algorithm printed in the specification (CRC-32, polynomial
    0xEDB88320), written out again so that zlib is not checked against itself."""
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
        table.append(crc)
    crc = 0xFFFFFFFF
    for byte in data:
        crc = ((crc >> 8) & 0x00FFFFFF) ^ table[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFFFFFF


def test_golden_file_is_written_byte_for_byte():
    with open(GOLDEN, "rb") as golden:
        expected = golden.read()
    assert write(spec_example()) == expected


def test_golden_file_reads_back_without_errors():
    with open(GOLDEN, "rb") as golden:
        sie = read(golden.read())
    assert sie.errors == []
    assert sie.checksum_ok is True
    assert sie.company_name == "Övningsbolaget AB"
    assert sie.generated_by == 'Ivar "Ekon" Ekonom'
    assert sie.vouchers == spec_example().vouchers
    assert sie.accounts == spec_example().accounts
    assert sie.years == {0: (D(2008, 1, 1), D(2008, 12, 31))}


def test_golden_checksum_is_the_specification_algorithm_over_labels_and_fields():
    with open(GOLDEN, "rb") as golden:
        data = golden.read()
    lines = data.decode("cp437").split("\r\n")
    assert lines[:2] == ["#FLAGGA 0", "#KSUMMA"]
    assert lines[-1] == "" and lines[-2].startswith("#KSUMMA ")
    # by hand: the first records' labels and field contents, no spaces, quotes or braces
    start = ("#PROGRAMOdoo cloudoffice_lots11.0.1.0.0#FORMATPC8#GEN20080930Ivar \"Ekon\" Ekonom"
             "#SIETYP4#FNAMNÖvningsbolaget AB").encode("cp437")
    assert checksum(lines[2:7]) == spec_crc32(start)
    # and the whole file
    content = b"".join(
        "".join(f if isinstance(f, str) else "".join(f) for f in tokenize(line)).encode("cp437")
        for line in lines[2:-2] if line not in ("{", "}"))
    assert int(lines[-2].split()[1]) == spec_crc32(content)
    assert b"#TRANS7010145674713200.00" in content


def test_cp437_round_trip_of_every_letter_it_holds():
    letters = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in '\\"') + "åäöÅÄÖéüÉß£¥½¼"
    sie = SieFile(program="p", program_version="1", generated=D(2026, 1, 1), company_name=letters,
                  accounts={"1930": letters})
    data = write(sie)
    assert "Å".encode("cp437") == b"\x8f" and b"\x8f" in data
    back = read(data)
    assert back.company_name == letters and back.accounts["1930"] == letters
    assert back.errors == []


def test_quotes_and_escapes():
    assert quote('Kaffe "Java"') == '"Kaffe \\"Java\\""'
    assert tokenize('#VER "A" "" 20260101 "Kaffe \\"Java\\" 2 kg"') == [
        "#VER", "A", "", "20260101", 'Kaffe "Java" 2 kg']
    # the specification has no escape for the backslash: it becomes a slash
    assert quote("C:\\lager\\") == '"C:/lager/"'
    assert clean_text("rad 1\nrad 2\ttab") == ("rad 1 rad 2 tab", [])
    with pytest.raises(ValueError):
        tokenize('#FNAMN "utan slut')
    with pytest.raises(ValueError):
        tokenize("#TRANS 1930 {1 2 100.00")


def test_characters_cp437_lacks_are_named():
    text, changed = clean_text("Pris 5 € – “bäst”")
    assert text == 'Pris 5 EUR - "bäst"'
    assert changed == ["€", "–", "“", "”"]
    assert clean_text("漢字")[0] == "??"


def test_amounts_have_two_decimals_and_a_point():
    assert [format_amount(v) for v in ("1234.5", "-0.001", "2.675", 0)] == [
        "1234.50", "0.00", "2.68", "0.00"]
    sie = read(write(spec_example()).replace(b"-195.00", b"-195,00"))
    assert any("not an amount" in error for error in sie.errors)


def test_every_voucher_sums_to_zero():
    sie = spec_example()
    sie.vouchers[0].transactions[1].amount = Decimal("39.01")
    with pytest.raises(UnbalancedVoucher):
        write(sie)
    data = write(spec_example()).replace(b"#TRANS 2640 {} 39.00", b"#TRANS 2640 {} 39.01")
    back = read(data)
    assert any("does not sum to zero" in error for error in back.errors)
    assert any("#KSUMMA" in error for error in back.errors)  # and the checksum caught it too


def test_checksum_mismatch_and_cut_off_file():
    data = write(spec_example())
    back = read(data.replace("Kaffebröd".encode("cp437"), "Kafebröd".encode("cp437")))
    assert back.checksum_ok is False
    cut = read(data[:data.rindex(b"#KSUMMA ")])
    assert "the closing #KSUMMA is missing: the file is cut off" in cut.errors


def test_whitespace_does_not_change_the_checksum():
    data = write(spec_example()).replace(b"#TRANS 2640 {} 39.00", b"#TRANS\t2640  { }   39.00")
    assert read(data).checksum_ok is True


def test_signed_checksum_is_accepted():
    data = write(spec_example())
    value = int(data.rsplit(b"#KSUMMA ", 1)[1])
    signed = value - (1 << 32) if value >= 1 << 31 else value
    back = read(data.replace(b"#KSUMMA %d" % value, b"#KSUMMA %d" % signed))
    assert back.checksum_ok is True


def test_reader_names_what_is_wrong():
    data = b"\r\n".join([
        b"#PROGRAM x 1", b"#FLAGGA 0", b"#FORMAT PC8", b"#GEN 20260101", b"#SIETYP 4",
        b'#FNAMN "AB"', b'#KONTO 1930 "Bank"', b"#TRANS 1930 {} 1.00",
        b'#VER "A" "1" 20260101 "x"', b"{", b"#TRANS 1930 {} 1.00", b"#TRANS 3001 {} -1.00", b"}"])
    errors = read(data).errors
    assert "line 2: #FLAGGA is not the first record" in errors
    assert "line 8: #TRANS outside a voucher" in errors
    assert "voucher x: account 3001 is not in the chart" in errors


def test_lot_items_and_packing_never_cut_a_number():
    items = lot_items([("CH-2026-%03d" % n, 12.5, False) for n in range(1, 8)]
                      + [("SN-%04d" % n, 1.0, True) for n in range(1, 11)])
    assert items[0] == "CH-2026-001:12.5" and items[-1] == "SN-0010"
    for width in (20, 30, 60, 100):
        packed = pack("Clover Honey 500 g jar", items, width)
        assert all(len(row) <= width for row in packed.rows), (width, packed.rows)
        found = [item for row in packed.rows for item in row.split(": ", 1)[-1].split(", ")]
        assert found == items
        assert packed.too_long == []
        if width >= 30:  # at 20 a batch does not fit beside even a shortened name
            assert packed.rows[0].startswith("Clover Honey 500 g jar"[:width // 3].rstrip() + ": ")
        assert len(packed.rows) == {20: 17, 30: 12, 60: 6, 100: 3}[width]


def test_a_number_wider_than_the_text_is_kept_whole_and_reported():
    packed = pack("P", ["SHORT", "A-VERY-LONG-SERIAL-NUMBER-000001", "LAST"], 20)
    assert packed.rows == ["P: SHORT", "A-VERY-LONG-SERIAL-NUMBER-000001", "P: LAST"]
    assert packed.too_long == ["A-VERY-LONG-SERIAL-NUMBER-000001"]
    # fits alone but not beside the prefix: the prefix is left out
    assert pack("HONEY", ["ABCDEFGHIJKLMN"], 16).rows == ["ABCDEFGHIJKLMN"]


def test_crc_of_python_is_the_specification_crc():
    data = "#KONTO1915Kassa \"special\"åäö".encode("cp437")
    assert spec_crc32(data) == zlib.crc32(data)


@pytest.mark.parametrize("name", ["fields", "writer", "reader", "lot_text"])
def test_doctests(name):
    module = importlib.import_module("odoo.addons.cloudoffice_lots.sie." + name)
    outcome = doctest.testmod(module)
    assert outcome.failed == 0
