"""GS1's own test cases, run against our parser.

The cases are the unit tests of GS1's Barcode Syntax Engine
(https://github.com/gs1/gs1-syntax-engine, Apache License 2.0, Copyright
GS1 AISBL), read from its C sources by ``data/gs1/extract_syntax_engine_cases.py``
into ``data/gs1/syntax_engine_cases.json``; the commit and the file and line
of every case are recorded there and shown in the test ids. They cover
bracketed and raw element strings, the content checks ("linters"), repeated,
exclusive and required AIs, scanner output with symbology identifiers and
GS1 Digital Link URIs, including the examples of the GS1 Digital Link
standard that the engine tests.

We follow the engine with its default options, except where
:data:`DIFFERENCES` says otherwise and why. Cases that test the engine
itself rather than GS1's rules (options we do not have, buffer limits,
composite symbols) are left out with a reason in :data:`NOT_APPLICABLE`.
"""
import json
import os

import pytest
from odoo.addons.cloudoffice_lots.gs1 import (
    GS1Error,
    check_requisites,
    elements_to_digital_link,
    looks_like_gs1,
    parse,
    parse_digital_link,
)
from odoo.addons.cloudoffice_lots.gs1.digital_link import _encode, _unescape, valid_path
from odoo.addons.cloudoffice_lots.gs1.parser import parse_element_string

_PATH = os.path.join(os.path.dirname(__file__), "data", "gs1", "syntax_engine_cases.json")
with open(_PATH, encoding="utf-8") as _file:
    ENGINE = json.load(_file)
CASES = ENGINE["cases"]
GS = "\x1d"

# Inputs on which we deliberately give another outcome than the engine with
# its default options: input -> (our outcome, why).
DIFFERENCES = {
    "https://a/gtin/12312312312333": (
        True, "short names of Digital Link 1.0 (gtin, lot, ser...) are read; the engine "
              "has them as an option, off by default"),
    "https://a/01/2112345678900": (
        True, "a GTIN-13 in a Digital Link is read as GTIN-14, as the engine does with "
              "its zero-suppressed GTIN option; labels printed that way exist"),
    "https://a/01/416000336108": (True, "GTIN-12 read as GTIN-14, see above"),
    "https://a/01/02345673": (True, "GTIN-8 read as GTIN-14, see above"),
    "https://a/8004/9520614141234567?01=2112345678900": (True, "GTIN-13 in the query, see above"),
    "https://a/8004/9520614141234567?01=02345673": (True, "GTIN-8 in the query, see above"),
    "(10)12345\\(11)991225": (
        False, "the engine's own escape for a parenthesis in bracketed input is not "
               "GS1 syntax; people type the printed text, where (11) starts an AI"),
    "(10)12345\\(": (False, "see above: no backslash escapes in typed text"),
    "(10) ": (False, "refused as the engine does, but as a missing value: typed text "
                     "loses trailing spaces"),
}

# Cases of the engine's suite that do not apply to a parser without its
# options and limits, by kind of case: input -> why.
NOT_APPLICABLE = {
    "unknown AIs": "the engine can be told to accept unknown AIs (89, 3338...); we never do",
    "coupon": "the North American coupon checks (AIs 8110, 8112) are not implemented: "
              "those values are checked for characters and length only",
    "composite": "composite symbols (linear and 2D parts joined by |) are not scanned "
                 "as one text here",
    "empty stem": "a Digital Link needs a web address to start with",
    "query spaces": "spaces are not GS1 characters, so we never write them as '+'",
}


def _not_applicable(case):
    text = " ".join(str(case.get(key) or "") for key in ("input", "expect", "stem"))
    options = case.get("options", {})
    if case["kind"] == "linter" and case["input"][:5] in ("(8110", "(8112"):
        return "coupon"
    if options.get("unknown_ais") and any(
            marker in text for marker in ("(89)", "^89", "89=", "/89/", "(3338)")):
        return "unknown AIs"
    if "|" in text and case["kind"] != "test_parseDLuri":
        return "composite"
    if case["kind"] == "test_testGenerateDLuri" and case.get("stem") == "":
        return "empty stem"
    if case["kind"] == "test_URIescape" and " " in case["input"]:
        return "query spaces"
    return None


def _cases(*kinds):
    chosen = [case for case in CASES if case["kind"] in kinds and not _not_applicable(case)]
    return pytest.mark.parametrize(
        "case", chosen, ids=["%s %s" % (case["source"], case["input"]) for case in chosen])


def _elements(raw):
    """Our reading of the engine's expected output, ``^`` being FNC1."""
    return [tuple(pair) for pair in parse_element_string(raw.lstrip("^").replace("^", GS))]


def _expected_ok(case):
    if case["input"] in DIFFERENCES:
        return DIFFERENCES[case["input"]][0]
    return case["ok"]


def test_the_cases_name_their_source():
    assert ENGINE["source"] == "https://github.com/gs1/gs1-syntax-engine"
    assert len(ENGINE["commit"]) == 40
    assert all(case["source"].startswith("src/c-lib/") for case in CASES)
    # Most of the suite applies; the rest is set aside with a reason.
    skipped = [case for case in CASES if _not_applicable(case)]
    assert len(skipped) < len(CASES) / 5


@_cases("test_parseAIdata")
def test_bracketed_element_strings(case):
    if not _expected_ok(case):
        with pytest.raises(GS1Error):
            parse(case["input"])
        return
    assert list(parse(case["input"]).elements) == _elements(case["expect"])


@_cases("test_processAIdata")
def test_raw_element_strings(case):
    text = case["input"]
    if not text.startswith("^"):
        # No FNC1 in first position: not GS1 data at all.
        assert not case["ok"]
        assert not looks_like_gs1(text)
        return
    scan = "]C1" + text[1:].replace("^", GS)
    if not case["ok"]:
        with pytest.raises(GS1Error):
            parse(scan)
        return
    assert list(parse(scan).elements) == _elements(text.rstrip("^"))


@_cases("linter")
def test_content_checks(case):
    if not _expected_ok(case):
        with pytest.raises(GS1Error):
            parse(case["input"])
        return
    assert parse(case["input"]).elements


@_cases("test_validateAIs")
def test_repeated_exclusive_and_required_ais(case):
    if case["check"] in ("validateAIrequisites", "validateDigSigRequiresSerialisedKey"):
        elements = parse(case["input"]).elements
        if case["ok"]:
            check_requisites(elements)
        else:
            with pytest.raises(GS1Error) as caught:
                check_requisites(elements)
            assert caught.value.reason == "required_ai"
        return
    if case["ok"]:
        assert parse(case["input"]).elements
        return
    with pytest.raises(GS1Error) as caught:
        parse(case["input"])
    expected = {"validateAIrepeats": "duplicate_ai", "validateAImutex": "excluded_ai"}
    assert caught.value.reason == expected[case["check"]]


@_cases("test_parseDLuri")
def test_digital_link_uris(case):
    if not _expected_ok(case):
        with pytest.raises(GS1Error):
            parse_digital_link(case["input"])
        return
    pairs = parse_digital_link(case["input"])
    if case["input"] in DIFFERENCES:
        assert pairs
        return
    assert [tuple(pair) for pair in pairs] == _elements(case["expect"])


@_cases("dl_path")
def test_valid_digital_link_paths(case):
    assert valid_path(case["input"])


@_cases("test_URIunescape")
def test_percent_decoding(case):
    assert _unescape("https://a/", "10", case["input"], False) == case["path"]
    assert _unescape("https://a/", "10", case["input"], True) == case["query"]


@_cases("test_URIescape")
def test_percent_encoding(case):
    assert _encode(case["input"]) == case["path"] == case["query"]


@_cases("test_testGenerateDLuri")
def test_writing_digital_links(case):
    elements = parse(case["input"]).elements
    stem = case["stem"] or "https://id.gs1.org"
    if not case["ok"]:
        with pytest.raises(GS1Error):
            elements_to_digital_link(stem, elements)
        return
    assert elements_to_digital_link(stem, elements) == case["expect"]


@_cases("test_testProcessScanData")
def test_scanner_output(case):
    text = case["input"]
    if text[:3] in ("]Q1", "]d1", "]J0") and not text[3:].lower().startswith("http"):
        # Plain text in a symbol without FNC1: the engine carries it as
        # text, we tell the caller it is not GS1 (a lot name, say).
        assert parse(text, strict=False) is None
        return
    if not case["ok"]:
        assert parse(text, strict=False) is None if not looks_like_gs1(text) else True
        with pytest.raises(GS1Error):
            parse(text)
        return
    if text[3:].lower().startswith("http"):
        # Digital Link URIs in QR Code, Data Matrix and DotCode; a scheme in
        # mixed case is not one (the engine keeps it as plain text).
        if text[3:].startswith(("http", "HTTP")) and text[3:7] in ("http", "HTTP"):
            assert parse(text).elements == tuple(
                tuple(pair) for pair in parse_digital_link(text[3:]))
        else:
            assert parse(text, strict=False) is None
        return
    if case["symbology"] in ("EAN13", "EAN8"):
        assert parse(text).elements == (("01", case["expect"].rjust(14, "0")),)
        return
    assert list(parse(text).elements) == _elements(case["expect"])
