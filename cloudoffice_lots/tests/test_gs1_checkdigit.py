"""GS1 mod-10 check digits against published examples and their properties."""
import pytest
from hypothesis import given
from hypothesis import strategies as st
from odoo.addons.cloudoffice_lots.gs1 import (
    GS1Error,
    check_digit,
    gtin_check_digit,
    is_valid_gln,
    is_valid_gtin,
    is_valid_sscc,
    to_gtin14,
    validate_gln,
    validate_gtin,
    validate_sscc,
)

# Published examples: GS1 General Specifications and Digital Link standard
# (GTIN-13, SSCC, GLN), and the usual EAN/UPC references.
PUBLISHED_GTINS = [
    "9506000134352",   # GS1 example GTIN-13
    "09506000134352",  # the same as GTIN-14
    "4006381333931",   # EAN-13
    "036000291452",    # UPC-A
    "614141000036",    # UPC-A, GS1 US
    "96385074",        # EAN-8
    "73513537",        # EAN-8
]


@pytest.mark.parametrize("code", PUBLISHED_GTINS)
def test_published_gtins_are_valid(code):
    assert is_valid_gtin(code)
    assert validate_gtin(code) == code
    assert gtin_check_digit(code[:-1]) == int(code[-1])


def test_published_sscc_and_gln():
    assert is_valid_sscc("106141411234567897")
    assert is_valid_sscc("106141412345678908")
    assert is_valid_gln("9520123456788")
    assert validate_sscc("106141411234567897") == "106141411234567897"
    assert validate_gln("9520123456788") == "9520123456788"
    assert not is_valid_sscc("106141411234567890")
    assert not is_valid_gln("9520123456789")


@pytest.mark.parametrize("code", [
    "9506000134353",     # wrong check digit
    "950600013435",      # 12 digits but not a valid UPC-A
    "95060001343",       # 11 digits: no such GTIN
    "123456789",         # 9 digits
    "095060001343520",   # 15 digits
    "0950600013435X",    # letter
    "\u0660" * 8,        # Arabic-Indic digits are digits to Python, not to GS1
    "",
])
def test_invalid_gtins(code):
    assert not is_valid_gtin(code)


def test_non_strings_are_not_gtins():
    assert not is_valid_gtin(9506000134352)
    assert not is_valid_gtin(None)


def test_to_gtin14_pads_with_zeros():
    assert to_gtin14("96385074") == "00000096385074"
    assert to_gtin14("036000291452") == "00036000291452"
    assert to_gtin14("9506000134352") == "09506000134352"
    assert to_gtin14("09506000134352") == "09506000134352"


def test_validate_gtin_gives_the_expected_digit():
    with pytest.raises(GS1Error) as caught:
        validate_gtin("09506000134353")
    error = caught.value
    assert error.reason == "check_digit"
    assert error.ai == "01"
    assert error.position == 13
    assert error.params["expected"] == 2
    assert str(error) == "AI (01) GTIN 09506000134353: check digit should be 2"


@pytest.mark.parametrize("code, reason", [
    ("950600013435", "check_digit"),
    ("95060001343", "truncated"),
    ("095060001343520", "too_long"),
    ("0950600013435X", "bad_char"),
])
def test_validate_gtin_reasons(code, reason):
    with pytest.raises(GS1Error) as caught:
        validate_gtin(code)
    assert caught.value.reason == reason
    assert "(01)" in str(caught.value)


def test_to_gtin14_rejects_invalid():
    with pytest.raises(GS1Error):
        to_gtin14("12345")


def test_validate_sscc_and_gln_name_their_ai():
    with pytest.raises(GS1Error, match=r"AI \(00\) SSCC .*should be 7"):
        validate_sscc("106141411234567890")
    with pytest.raises(GS1Error, match=r"AI \(414\) .*should be 8"):
        validate_gln("9520123456789")


def test_check_digit_rejects_non_digits():
    with pytest.raises(ValueError):
        check_digit("12a")
    with pytest.raises(ValueError):
        check_digit("")


def weighted_sum(code):
    """GenSpecs 7.9.1 on the whole key: from the right, the check digit
    weighs 1, the digit before it 3, then 1, 3, ..."""
    return sum(int(char) * (1 if index % 2 == 0 else 3)
               for index, char in enumerate(reversed(code)))


@given(st.text(alphabet="0123456789", min_size=1, max_size=17))
def test_appending_the_check_digit_makes_a_valid_key(digits):
    code = digits + str(check_digit(digits))
    # A valid key's weighted sum, check digit included, is a multiple of ten.
    assert weighted_sum(code) % 10 == 0
    if len(code) in (8, 12, 13, 14):
        assert is_valid_gtin(code)
    # Exactly one digit in ten does that.
    others = [digits + str(other) for other in range(10) if other != int(code[-1])]
    assert [weighted_sum(other) % 10 == 0 for other in others] == [False] * 9


@given(st.text(alphabet="0123456789", min_size=13, max_size=13),
       st.integers(min_value=0, max_value=13), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_is_detected(digits, index, shift):
    code = digits + str(check_digit(digits))
    wrong = code[:index] + str((int(code[index]) + shift) % 10) + code[index + 1:]
    assert not is_valid_gtin(wrong)


@given(st.text(alphabet="0123456789", min_size=7, max_size=13))
def test_leading_zeros_do_not_change_the_check_digit(digits):
    assert check_digit(digits) == check_digit(digits.rjust(17, "0"))
