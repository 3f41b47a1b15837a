"""Parsing scans: the corpus of real and specification examples, bad scans,
the AI table and the doctests of the whole package."""
import datetime
import doctest
import importlib
import json
import os
import pickle
from decimal import Decimal

import pytest
from odoo.addons.cloudoffice_lots.gs1 import (
    AI_SPECS,
    GS1Error,
    GS1Result,
    errors,
    looks_like_gs1,
    parse,
    resolve_year,
)
from odoo.addons.cloudoffice_lots.gs1.ai import PREDEFINED_LENGTH, needs_separator

CORPUS_PATH = os.path.join(os.path.dirname(__file__), "data", "gs1_corpus.json")
with open(CORPUS_PATH, encoding="utf-8") as corpus_file:
    CORPUS = json.load(corpus_file)
TODAY = datetime.date.fromisoformat(CORPUS["today"])

DATE_HELPERS = ("expiry", "best_before", "sell_by", "production_date", "packaging_date")


def _ids(cases):
    return [case["name"] for case in cases]


def _check_expectation(result, key, expected):
    if key in DATE_HELPERS:
        expected = expected and datetime.date.fromisoformat(expected)
        assert getattr(result, key) == expected
    elif key == "measures":
        assert {ai: (str(m.value), m.unit) for ai, m in result.measures.items()} \
            == {ai: tuple(value) for ai, value in expected.items()}
        for measure in result.measures.values():
            assert isinstance(measure.value, Decimal)
    elif key == "amounts":
        assert {ai: (str(a.value), a.currency) for ai, a in result.amounts.items()} \
            == {ai: tuple(value) for ai, value in expected.items()}
    elif key.isdigit():
        assert result.value(key).isoformat() == expected
    else:
        assert getattr(result, key) == expected


@pytest.mark.parametrize("case", CORPUS["valid"], ids=_ids(CORPUS["valid"]))
def test_corpus_valid(case):
    result = parse(case["input"], today=TODAY)
    assert result.symbology == case["symbology"]
    assert result.elements == tuple(tuple(pair) for pair in case["elements"])
    for key, expected in case.get("expect", {}).items():
        _check_expectation(result, key, expected)
    assert looks_like_gs1(case["input"])
    assert parse(case["input"], strict=False, today=TODAY) == result


@pytest.mark.parametrize("case", CORPUS["invalid"], ids=_ids(CORPUS["invalid"]))
def test_corpus_invalid(case):
    with pytest.raises(GS1Error) as caught:
        parse(case["input"], today=TODAY)
    error = caught.value
    assert error.reason == case["reason"]
    assert error.ai == case.get("ai")
    if "position" in case:
        assert error.position == case["position"]
    if "message" in case:
        assert str(error) == case["message"]
    if error.ai:
        # The user must be told which part of the scan is wrong.
        assert "(%s)" % error.ai in str(error)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("case", CORPUS["invalid"], ids=_ids(CORPUS["invalid"]))
def test_damaged_gs1_scans_are_not_taken_for_lot_names(case):
    if case.get("strict_only"):
        parse(case["input"], strict=False, today=TODAY)
        return
    if not looks_like_gs1(case["input"]):
        assert case["reason"] in ("not_gs1", "bad_link")
        assert parse(case["input"], strict=False) is None
        return
    with pytest.raises(GS1Error):
        parse(case["input"], strict=False, today=TODAY)


@pytest.mark.parametrize("text", CORPUS["not_gs1"])
def test_plain_text_is_not_gs1(text):
    assert not looks_like_gs1(text)
    assert parse(text, strict=False) is None


@pytest.mark.parametrize("text, reason", [
    ("LOT-2024-001", "not_gs1"),
    ("", "not_gs1"),
    ("]d1SERIAL-1", "not_gs1"),
    ("https://example.com/products/123", "bad_link"),
    ("0109506000134353", "check_digit"),
    ("2024-001", "unknown_ai"),
])
def test_strict_parse_of_plain_text_raises(text, reason):
    with pytest.raises(GS1Error) as caught:
        parse(text, today=TODAY)
    assert caught.value.reason == reason


def test_strict_parse_reads_digits_as_elements():
    # Without markers, strict parsing takes the text at its word: the caller
    # asked for GS1. looks_like_gs1() is the guard for free text.
    assert parse("10ABC").elements == (("10", "ABC"),)


def test_unknown_ai_message_names_the_ai_and_position():
    with pytest.raises(GS1Error) as caught:
        parse("]C1010950600013435205123")
    assert str(caught.value) == "Unknown Application Identifier (05) at position 19"


def test_bad_char_message_shows_invisible_characters():
    with pytest.raises(GS1Error) as caught:
        parse("(10)AB\tC")
    assert caught.value.reason == "bad_char"
    assert "U+0009" in str(caught.value)


def test_error_templates_are_module_constants_for_translation():
    templates = {value for name, value in vars(errors).items() if name.startswith("MSG_")}
    for case in CORPUS["invalid"]:
        with pytest.raises(GS1Error) as caught:
            parse(case["input"], today=TODAY)
        error = caught.value
        assert error.template in templates
        assert error.template % error.params == error.message


def test_error_survives_pickling():
    with pytest.raises(GS1Error) as caught:
        parse("(01)09506000134353")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.reason, copy.ai, copy.position, str(copy)) == (
        "check_digit", "01", 4, str(caught.value))


@pytest.mark.parametrize("today, two_digits, year", [
    (datetime.date(2024, 6, 1), 74, 2074),   # +50: still ahead
    (datetime.date(2024, 6, 1), 75, 1975),   # +51: previous century
    (datetime.date(2024, 6, 1), 99, 1999),
    (datetime.date(2024, 6, 1), 0, 2000),
    (datetime.date(2080, 1, 1), 31, 2031),   # -49: same century
    (datetime.date(2080, 1, 1), 30, 2130),   # -50: next century
    (datetime.date(1999, 1, 1), 0, 2000),
])
def test_century_rule(today, two_digits, year):
    assert resolve_year(two_digits, today) == year


def test_today_is_injectable():
    assert parse("(17)991231", today=datetime.date(2024, 1, 1)).expiry \
        == datetime.date(1999, 12, 31)
    assert parse("(17)991231", today=datetime.date(2060, 1, 1)).expiry \
        == datetime.date(2099, 12, 31)
    # 29 February exists in 2000 but not in 2100.
    assert parse("(17)000229", today=datetime.date(2024, 1, 1)).expiry \
        == datetime.date(2000, 2, 29)
    with pytest.raises(GS1Error) as caught:
        parse("(17)000229", today=datetime.date(2080, 1, 1))
    assert caught.value.reason == "bad_date"


def test_result_is_immutable_and_reads_like_a_mapping():
    result = parse("]d20109506000134352\u001d10ABC\u001d17261231", today=TODAY)
    with pytest.raises(AttributeError):
        result.symbology = "qr"
    with pytest.raises(AttributeError):
        del result.elements
    assert isinstance(result.elements, tuple)
    assert "10" in result and "21" not in result
    assert result["10"] == "ABC"
    assert result.get("21", "-") == "-"
    assert result.as_dict() == {"01": "09506000134352", "10": "ABC", "17": "261231"}
    assert result.hri == "(01)09506000134352(10)ABC(17)261231"
    assert result.raw == "010950600013435210ABC\x1d17261231"
    assert len(result) == 3 and list(result)[0] == ("01", "09506000134352")
    assert result.value("17") == datetime.date(2026, 12, 31)
    assert result.value("99") is None
    assert result.quantity is None and result.measures == {} and result.amounts == {}
    assert hash(result) == hash(parse(result.raw, today=TODAY).__class__(
        result.elements, "datamatrix"))
    assert repr(result).startswith("GS1Result(")


def test_results_compare_by_elements_and_symbology():
    elements = (("01", "09506000134352"),)
    assert GS1Result(elements, "hri") == GS1Result(list(elements), "hri")
    assert GS1Result(elements, "hri") != GS1Result(elements, "qr")
    assert GS1Result(elements) != elements


def test_bytes_from_a_scanner_are_accepted():
    result = parse(b"]C10109506000134352\x1d", today=TODAY)
    assert result.gtin == "09506000134352" and result.symbology == "gs1-128"


def test_repeated_identical_element_is_kept_once():
    assert parse("(10)A(10)A").elements == (("10", "A"),)


def test_ean_scan_with_bad_check_digit():
    with pytest.raises(GS1Error) as caught:
        parse("]E09506000134353")
    assert caught.value.reason == "check_digit"


def test_ai_table_is_prefix_free():
    # Splitting raw data relies on no AI being the start of another one.
    for ai in AI_SPECS:
        for other in AI_SPECS:
            assert ai == other or not other.startswith(ai)


def test_predefined_length_table_agrees_with_ai_table():
    for ai, spec in AI_SPECS.items():
        if ai[:2] in PREDEFINED_LENGTH:
            assert spec.fixed_length, ai
            assert len(ai) + spec.min_length == PREDEFINED_LENGTH[ai[:2]], ai
            assert not needs_separator(ai)
        else:
            assert needs_separator(ai)


@pytest.mark.parametrize("ai", [
    "00", "01", "02", "10", "11", "12", "13", "15", "16", "17", "20", "21", "22",
    "240", "241", "250", "30", "37", "3100", "3103", "3695", "3900", "3919", "3929",
    "3939", "400", "401", "402", "403", "410", "417", "420", "421", "422", "7003",
    "8004", "8008", "90", "91", "99",
])
def test_required_ais_are_known(ai):
    assert ai in AI_SPECS


def test_measure_titles_and_units():
    assert AI_SPECS["3103"].title == "NET WEIGHT (kg)" and AI_SPECS["3103"].decimals == 3
    assert AI_SPECS["3300"].unit == "kg" and AI_SPECS["3612"].unit == "gal"
    assert AI_SPECS["3932"].iso_prefix == "currency"


GS1_MODULES = ["errors", "ai", "linters", "associations", "checkdigit", "validation", "encoder",
               "result", "parser",
               "digital_link", "datamatrix", "code128"]


@pytest.mark.parametrize("name", GS1_MODULES)
def test_doctests(name):
    module = importlib.import_module("odoo.addons.cloudoffice_lots.gs1." + name)
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted > 0
    assert outcome.failed == 0


def test_exclusive_ais_are_refused_when_strict_and_read_at_the_dock():
    # GS1 reserves the count (37) for logistic units of (02) contents; labels
    # with a GTIN (01) and a count exist and must still be received.
    scan = "(01)09506000134352(37)4(10)B-1"
    with pytest.raises(GS1Error) as caught:
        parse(scan, today=TODAY)
    assert caught.value.reason == "excluded_ai"
    assert str(caught.value) == "AI (01) GTIN and AI (37) COUNT cannot be in the same barcode"
    assert parse(scan, strict=False, today=TODAY).quantity == 4
    assert parse("(00)106141412345678908(02)09506000134352(37)4", today=TODAY).quantity == 4


def test_new_ais_of_the_dictionary_are_read():
    result = parse("(00)106141412345678908(4326)261231(4324)2612000800(7011)261231",
                   today=TODAY)
    assert result.value("4326") == datetime.date(2026, 12, 31)
    # Day 00 of a "not before" date is the first of the month.
    assert result.value("4324") == datetime.datetime(2026, 12, 1, 8, 0)
    assert result.value("7011") == datetime.date(2026, 12, 31)
    with pytest.raises(GS1Error) as caught:
        parse("(00)106141412345678908(4326)261200", today=TODAY)
    assert caught.value.reason == "bad_date" and caught.value.ai == "4326"
    with pytest.raises(GS1Error) as caught:
        parse("(01)09506000134352(422)999", today=TODAY)
    assert str(caught.value) == "AI (422) ORIGIN 999: 999 is not an ISO country code"
