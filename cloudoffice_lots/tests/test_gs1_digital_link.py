"""GS1 Digital Link: building URLs, reading them back, percent-encoding."""
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from odoo.addons.cloudoffice_lots.gs1 import (
    GS1Error,
    build_digital_link,
    elements_to_digital_link,
    get_spec,
    looks_like_gs1,
    parse,
    parse_digital_link,
)
from odoo.addons.cloudoffice_lots.tests.test_gs1_encoder import TODAY, element_lists, value_strategy

BASE = "https://id.example.com"


def test_example_from_the_specification_of_this_module():
    url = build_digital_link(BASE, "09506000134352", lot="ABC/1", extra={"17": "261231"})
    assert url == "https://id.example.com/01/09506000134352/10/ABC%2F1?17=261231"


def test_qualifiers_follow_the_standard_order():
    url = build_digital_link(BASE + "/", "9506000134352", lot="L1", serial="S1",
                             extra=[("15", datetime.date(2026, 12, 31)), ("22", "2A"),
                                    ("3103", "000189")])
    assert url == ("https://id.example.com/01/09506000134352/22/2A/10/L1/21/S1"
                   "?15=261231&3103=000189")


def test_base_url_may_carry_a_path():
    url = build_digital_link("https://example.com/dl", "96385074", serial="X")
    assert url == "https://example.com/dl/01/00000096385074/21/X"
    assert parse(url).elements == (("01", "00000096385074"), ("21", "X"))


def test_reserved_characters_are_percent_encoded():
    url = build_digital_link(BASE, "09506000134352", lot="A/B?C%D&E=F+G", serial="(1)*!")
    assert url == ("https://id.example.com/01/09506000134352/10/A%2FB%3FC%25D%26E%3DF%2BG"
                   "/21/%281%29%2A%21")
    assert parse(url).lot == "A/B?C%D&E=F+G"
    assert parse(url).serial == "(1)*!"


def test_other_primary_keys():
    assert elements_to_digital_link("https://id.gs1.org", {"00": "106141412345678908"}) \
        == "https://id.gs1.org/00/106141412345678908"
    assert elements_to_digital_link("https://id.gs1.org",
                                    [("254", "32a/b"), ("414", "9520123456788")]) \
        == "https://id.gs1.org/414/9520123456788/254/32a%2Fb"
    assert elements_to_digital_link(BASE, [("01", "09506000134352"), ("235", "T1")]) \
        == BASE + "/01/09506000134352/235/T1"


@pytest.mark.parametrize("call, reason", [
    (lambda: build_digital_link(BASE, "09506000134353"), "check_digit"),
    (lambda: build_digital_link("ftp://id.example.com", "09506000134352"), "bad_link"),
    (lambda: build_digital_link("", "09506000134352"), "bad_link"),
    (lambda: build_digital_link(BASE, "09506000134352", lot="A B"), "bad_char"),
    (lambda: build_digital_link(BASE, "09506000134352", extra={"17": "261331"}), "bad_date"),
    (lambda: build_digital_link(BASE, "09506000134352", lot="A", extra={"10": "B"}),
     "duplicate_ai"),
    (lambda: elements_to_digital_link(BASE, {"10": "A", "17": "261231"}), "bad_link"),
])
def test_invalid_links_are_refused(call, reason):
    with pytest.raises(GS1Error) as caught:
        call()
    assert caught.value.reason == reason


def test_query_plus_is_a_space_and_path_plus_is_a_plus():
    # GS1 Digital Link follows HTML forms in the query: "+" is a space, which
    # no GS1 value may hold; in the path it is a plus sign.
    assert parse("https://id.example.com/01/09506000134352/22/A+B").get("22") == "A+B"
    with pytest.raises(GS1Error) as caught:
        parse("https://id.example.com/01/09506000134352?240=A+B")
    assert caught.value.reason == "bad_char" and caught.value.ai == "240"
    assert parse("https://id.example.com/01/09506000134352?240=A%2BB").get("240") == "A+B"


def test_non_ai_parameters_and_fragments_are_ignored():
    result = parse("HTTPS://ID.EXAMPLE.COM/01/09506000134352?linkType=gs1:pip&utm_source=x"
                   "&17=261231#top", today=TODAY)
    assert result.elements == (("01", "09506000134352"), ("17", "261231"))
    assert result.symbology == "digital-link"


def test_unknown_numeric_query_parameter_is_an_unknown_ai():
    with pytest.raises(GS1Error) as caught:
        parse("https://id.example.com/01/09506000134352?23=1")
    assert caught.value.reason == "unknown_ai" and caught.value.ai == "23"


def test_an_ai_appears_once():
    for url in ("https://id.example.com/01/09506000134352/10/A?10=B",
                "https://id.example.com/01/09506000134352/10/A?10=A",
                "https://id.example.com/01/09506000134352?17=261231&17=261231"):
        with pytest.raises(GS1Error) as caught:
            parse(url, today=TODAY)
        assert caught.value.reason == "duplicate_ai"
        assert "appears more than once" in str(caught.value)


def test_key_qualifiers_belong_in_the_path():
    with pytest.raises(GS1Error) as caught:
        parse("https://id.example.com/01/09506000134352?10=ABC")
    assert caught.value.reason == "bad_link" and caught.value.ai == "10"
    assert str(caught.value) == (
        "https://id.example.com/01/09506000134352?10=ABC: AI (10) BATCH/LOT belongs in "
        "the path of the Digital Link, not in its query")
    # A scan at the dock still reads it.
    assert parse("https://id.example.com/01/09506000134352?10=ABC", strict=False).lot == "ABC"
    # With the other qualifier (235) in the path, the lot is an attribute.
    assert parse("https://id.example.com/01/09506000134352/235/T1?10=ABC").lot == "ABC"


def test_ais_that_are_not_data_attributes():
    for ai, value in (("21", "S1"), ("8200", "http%3A%2F%2Fexample.com"), ("235", "T1")):
        with pytest.raises(GS1Error) as caught:
            parse("https://id.example.com/01/09506000134352?%s=%s" % (ai, value))
        assert caught.value.reason == "bad_link" and caught.value.ai == ai
        assert "cannot be a query parameter" in str(caught.value)
    # Any other primary key may be an attribute: a GTIN beside a GIAI.
    assert parse("https://id.example.com/8004/9520614141234567?01=09520123456788").gtin \
        == "09520123456788"


def test_trailing_slash_and_empty_values():
    url = "https://id.example.com/01/09506000134352/10/L1/"
    with pytest.raises(GS1Error) as caught:
        parse(url)
    assert "must not end with a slash" in str(caught.value)
    # A scanner's reading is lenient: the slash carries no data.
    assert parse(url, strict=False).lot == "L1"
    for url in ("https://id.example.com/01//09506000134352",
                "https://id.example.com/01/09506000134352?17="):
        with pytest.raises(GS1Error):
            parse(url)


def test_unknown_numeric_parameter_and_ignored_others():
    with pytest.raises(GS1Error) as caught:
        parse("https://id.example.com/01/09506000134352?999=faux")
    assert caught.value.reason == "unknown_ai"
    result = parse("https://id.example.com/01/09506000134352?&&linkType=all&single&17=261231",
                   today=TODAY)
    assert result.elements == (("01", "09506000134352"), ("17", "261231"))


def test_new_primary_keys_and_qualifiers_of_the_dictionary():
    # 415 (pay to) with its reference number 8020; 414 with an importer index.
    assert parse("https://id.example.com/415/5412345678908/8020/REF1").elements == (
        ("415", "5412345678908"), ("8020", "REF1"))
    assert parse("https://id.example.com/414/9520123456788/7040/1ABC").elements == (
        ("414", "9520123456788"), ("7040", "1ABC"))


@pytest.mark.parametrize("url", [
    "https://id.example.com/01",
    "https://id.example.com/",
    "https://id.example.com/10/ABC",
    "https://id.example.com/01/09506000134352/10",
    "https:///01/09506000134352",
])
def test_urls_without_a_primary_key_pair(url):
    assert not looks_like_gs1(url)
    assert parse(url, strict=False) is None
    with pytest.raises(GS1Error) as caught:
        parse_digital_link(url)
    assert caught.value.reason == "bad_link"


def test_qualifier_order_is_relaxed_when_not_strict():
    url = "https://id.example.com/01/09506000134352/21/S/10/L"
    with pytest.raises(GS1Error):
        parse(url)
    assert parse(url, strict=False).elements == (
        ("01", "09506000134352"), ("21", "S"), ("10", "L"))


def test_wrong_qualifier_for_the_key():
    with pytest.raises(GS1Error) as caught:
        parse("https://id.example.com/00/106141412345678908/10/L")
    assert caught.value.reason == "bad_link" and caught.value.ai == "10"


_TRADE_ITEM = st.fixed_dictionaries(
    {"gtin": value_strategy(get_spec("01"))},
    optional={"lot": value_strategy(get_spec("10")),
              "serial": value_strategy(get_spec("21"))})

_ATTRIBUTES = ["11", "13", "15", "16", "17", "22", "3103", "3922", "30", "240", "7003", "91"]


@settings(max_examples=200, deadline=None)
@given(_TRADE_ITEM, element_lists(_ATTRIBUTES, min_size=0, max_size=4))
def test_round_trip(item, attributes):
    url = build_digital_link(BASE, item["gtin"], lot=item.get("lot"), serial=item.get("serial"),
                             extra=attributes, today=TODAY)
    result = parse(url, today=TODAY)
    expected = {"01": item["gtin"], **dict(attributes)}
    if "lot" in item:
        expected["10"] = item["lot"]
    if "serial" in item:
        expected["21"] = item["serial"]
    assert result.as_dict() == expected
    # Path first (key, then qualifiers in standard order), then the query.
    path_ais = [ai for ai, _value in result.elements if ai in ("01", "22", "10", "21")]
    assert path_ais == [ai for ai in ("01", "22", "10", "21") if ai in expected]
