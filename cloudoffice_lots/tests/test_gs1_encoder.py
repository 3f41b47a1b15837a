"""Encoding element strings: order, separators, value conversion, validation,
and the round trip parse(encode(x)) == x over generated data.

The Hypothesis strategies here generate valid values for every AI in the
table; the Digital Link and rendering tests reuse them.
"""
import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from odoo.addons.cloudoffice_lots.gs1 import (
    AI_SPECS,
    GS1Error,
    check_digit,
    encode_hri,
    encode_raw,
    order_elements,
    parse,
    validate_elements,
)
from odoo.addons.cloudoffice_lots.gs1.ai import (
    CSET39,
    CSET82,
    DATE_4,
    DATE_4_TIME,
    DATE_HOUR,
    DATE_OPTIONAL_TIME,
    DATE_RANGE,
    DATE_TIME,
    needs_separator,
)
from odoo.addons.cloudoffice_lots.gs1.associations import check_exclusions

TODAY = datetime.date(2024, 6, 1)
GS = "\x1d"

# Dates the century rule maps back to themselves when read on TODAY.
_dates = st.dates(min_value=datetime.date(TODAY.year - 49, 1, 1),
                  max_value=datetime.date(TODAY.year + 50, 12, 31))


def _digits(min_size, max_size=None):
    return st.text(alphabet="0123456789", min_size=min_size,
                   max_size=min_size if max_size is None else max_size)


def _date_value(spec):
    if spec.date == DATE_RANGE:
        return st.tuples(_dates, _dates).map(
            lambda pair: min(pair).strftime("%y%m%d") + max(pair).strftime("%y%m%d"))
    if spec.date == DATE_TIME:
        return st.builds(lambda day, hour, minute: day.strftime("%y%m%d")
                         + "%02d%02d" % (hour, minute),
                         _dates, st.integers(0, 23), st.integers(0, 59))
    if spec.date == DATE_HOUR:
        return st.builds(lambda day, hour, rest: day.strftime("%y%m%d") + "%02d" % hour + rest,
                         _dates, st.integers(0, 23), st.sampled_from(["", "59", "0059"]))
    plain = _dates.map(lambda day: day.strftime("%y%m%d"))
    if spec.day_zero:
        return st.one_of(plain, _dates.map(lambda day: day.strftime("%y%m") + "00"))
    return plain


def value_strategy(spec, alphabet=None):
    """Valid values for ``spec``; ``alphabet`` narrows the free-text characters."""
    if spec.date:
        return _date_value(spec)
    charset = CSET39 if spec.charset == "39" else CSET82
    charset = sorted(charset & set(alphabet) if alphabet else charset)
    if spec.check_digit:
        key = _digits(spec.check_digit - 1).map(lambda digits: digits + str(check_digit(digits)))
        rest_min = max(spec.min_length - spec.check_digit, 0)
        rest_max = spec.max_length - spec.check_digit
        rest = _digits(rest_min, rest_max) if spec.numeric else \
            st.text(alphabet=charset, min_size=rest_min, max_size=rest_max)
        return st.builds(lambda a, b: a + b, key, rest)
    if spec.numeric:
        return _digits(spec.min_length, spec.max_length)
    prefix = spec.numeric_prefix
    if "gcppos1" in spec.components[0].linters:
        # A GS1 Company Prefix starts the value: at least four digits.
        prefix = max(prefix, 4)
    text = st.text(alphabet=charset, min_size=max(spec.min_length - prefix, 1),
                   max_size=spec.max_length - prefix)
    if prefix:
        return st.builds(lambda a, b: a + b, _digits(prefix), text)
    return text


# Content checks the strategies above satisfy; AIs with others (country
# codes, IBAN, pieces of a total...) have tests of their own.
_GENERATED_CHECKS = frozenset(["csum", "gcppos1", "gcppos2", "yymmdd", "yymmd0", "hh",
                               "mi", "ss", "hhmi"])
GENERATED_AIS = sorted(
    ai for ai, spec in AI_SPECS.items()
    if spec.linters <= _GENERATED_CHECKS and spec.charset != "64"
    and spec.date not in (DATE_4, DATE_4_TIME, DATE_OPTIONAL_TIME)
    and not (spec.date == DATE_TIME and spec.day_zero))


def _compatible(chosen):
    """No two AIs that exclude each other (01 and 02, 3102 and 3103...)."""
    try:
        check_exclusions([(ai, "") for ai in chosen])
    except GS1Error:
        return False
    return True


def element_lists(ais=None, min_size=1, max_size=6, alphabet=None):
    """Lists of distinct (ai, value) pairs with valid values."""
    pool = sorted(ais or GENERATED_AIS)
    return st.lists(st.sampled_from(pool), min_size=min_size, max_size=max_size,
                    unique=True).filter(_compatible).flatmap(
        lambda chosen: st.tuples(*[value_strategy(AI_SPECS[ai], alphabet) for ai in chosen])
        .map(lambda values: list(zip(chosen, values, strict=True))))


EXAMPLE = [("01", "09506000134352"), ("10", "ABC123"), ("17", "261231")]


def test_hri_puts_fixed_length_elements_first():
    assert encode_hri(EXAMPLE) == "(01)09506000134352(17)261231(10)ABC123"
    assert encode_hri(EXAMPLE, keep_order=True) == "(01)09506000134352(10)ABC123(17)261231"
    assert encode_hri(EXAMPLE, brackets="[]") == "[01]09506000134352[17]261231[10]ABC123"


def test_raw_separates_only_variable_fields_that_are_not_last():
    assert encode_raw(EXAMPLE) == "01095060001343521726123110ABC123"
    assert encode_raw(EXAMPLE, keep_order=True) == "010950600013435210ABC123" + GS + "17261231"
    assert encode_raw(EXAMPLE + [("21", "S1")]) == \
        "01095060001343521726123110ABC123" + GS + "21S1"
    assert encode_raw(EXAMPLE + [("21", "S1")], separator="\xf1") == \
        "01095060001343521726123110ABC123\xf121S1"


def test_fixed_length_ai_outside_the_predefined_table_needs_a_separator():
    raw = encode_raw([("422", "276"), ("7003", "2612311430"), ("01", "09506000134352")],
                     keep_order=True)
    assert raw == "422276" + GS + "70032612311430" + GS + "0109506000134352"
    assert encode_raw([("422", "276"), ("01", "09506000134352")]) == \
        "0109506000134352422276"


def test_order_is_otherwise_stable():
    pairs = [("21", "S"), ("10", "L"), ("17", "261231"), ("01", "09506000134352")]
    assert order_elements(pairs) == [pairs[2], pairs[3], pairs[0], pairs[1]]


def test_python_values_are_converted():
    raw = encode_raw([
        ("01", 9506000134352),
        ("17", datetime.date(2026, 12, 31)),
        ("7003", datetime.datetime(2026, 12, 31, 14, 30)),
        ("3103", Decimal("0.189")),
        ("3922", Decimal("2.99")),
        ("37", 24),
        ("(10)", "L1"),
    ], keep_order=True)
    assert raw == ("010950600013435217261231" "70032612311430" + GS + "3103000189"
                   "3922299" + GS + "3724" + GS + "10L1")


@pytest.mark.parametrize("value, expected", [
    (datetime.datetime(2024, 6, 1, 8, 0, 0), "2406010800"),
    (datetime.datetime(2024, 6, 1, 8, 5, 9), "240601080509"),
    (datetime.date(2024, 6, 1), "24060100"),
])
def test_production_time_precision(value, expected):
    assert encode_raw([("8008", value)]) == "8008" + expected


def test_mapping_and_result_inputs():
    mapping = {"01": "09506000134352", "10": "ABC123", "17": "261231"}
    assert encode_hri(mapping) == "(01)09506000134352(17)261231(10)ABC123"
    result = parse("(01)09506000134352(10)ABC123", today=TODAY)
    assert encode_raw(result) == "010950600013435210ABC123"


@pytest.mark.parametrize("elements, reason, ai", [
    ([("01", "09506000134353")], "check_digit", "01"),
    ([("17", "261331")], "bad_date", "17"),
    ([("17", datetime.date(2026, 2, 28)), ("15", "260230")], "bad_date", "15"),
    ([("10", "A" * 21)], "too_long", "10"),
    ([("10", "")], "truncated", "10"),
    ([("10", "AB CD")], "bad_char", "10"),
    ([("10", "Lot-Å")], "bad_char", "10"),
    ([("01", "0950600013435")], "truncated", "01"),
    ([("23", "X")], "unknown_ai", "23"),
    ([("1", "X")], "unknown_ai", "1"),
    ([("XX", "X")], "unknown_ai", "XX"),
    ([("10", "A"), ("10", "B")], "duplicate_ai", "10"),
    ([("3103", Decimal("0.1895"))], "bad_value", "3103"),
    ([("3103", Decimal("-1"))], "bad_value", "3103"),
    ([("3103", float("nan"))], "bad_value", "3103"),
    ([("3103", Decimal("1000"))], "too_long", "3103"),
    ([("37", True)], "bad_value", "37"),
    ([], "bad_value", None),
])
def test_invalid_data_never_reaches_a_symbol(elements, reason, ai):
    with pytest.raises(GS1Error) as caught:
        encode_raw(elements, today=TODAY)
    assert caught.value.reason == reason
    assert caught.value.ai == ai
    if ai and ai.isdigit() and len(ai) > 1:
        assert "(%s)" % ai in str(caught.value)


def test_text_is_not_mistaken_for_elements():
    with pytest.raises(TypeError, match="parse"):
        encode_raw("(01)09506000134352")


def test_identical_repeats_are_encoded_once():
    assert validate_elements([("10", "A"), ("10", "A")]) == [("10", "A")]


@settings(max_examples=300, deadline=None)
@given(element_lists())
def test_round_trip_raw_in_given_order(elements):
    raw = encode_raw(elements, keep_order=True, today=TODAY)
    assert parse(raw, today=TODAY).elements == tuple(elements)
    assert parse("]d2" + raw, today=TODAY).elements == tuple(elements)


@settings(max_examples=300, deadline=None)
@given(element_lists())
def test_round_trip_raw_in_recommended_order(elements):
    raw = encode_raw(elements, today=TODAY)
    ordered = order_elements(elements)
    assert parse("]C1" + raw, today=TODAY).elements == tuple(ordered)
    # The separator count is the minimum: one per variable field but the last.
    assert raw.count(GS) == sum(1 for ai, _value in ordered[:-1] if needs_separator(ai))


_NO_PARENTHESES = sorted(CSET82 - set("()"))


@settings(max_examples=200, deadline=None)
@given(element_lists(alphabet=_NO_PARENTHESES))
def test_round_trip_hri(elements):
    hri = encode_hri(elements, keep_order=True, today=TODAY)
    result = parse(hri, today=TODAY)
    assert result.elements == tuple(elements)
    assert result.hri == hri
