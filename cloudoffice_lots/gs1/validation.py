"""Validation and conversion of single GS1 element values.

The parser (reading scans) and the encoder (building symbols) apply exactly
the same rules through :func:`validate_element`, so that nothing the encoder
accepts is rejected by the parser and an invalid GTIN never reaches a
printed label.

Dates are two-digit years. GS1 GenSpecs section 7.12 resolves the century
relative to the current year: the year is taken within -49..+50 years of
today. ``today`` is a parameter everywhere so that tests do not depend on the
clock.

>>> from datetime import date
>>> resolve_year(99, date(2024, 6, 1)), resolve_year(74, date(2024, 6, 1))
(1999, 2074)
>>> parse_date('17', '261200', date(2024, 6, 1))
datetime.date(2026, 12, 31)
>>> to_python('3103', '000189')
Decimal('0.189')
"""
import calendar
import datetime
from decimal import Decimal, InvalidOperation

from . import ai as ai_table
from .checkdigit import check_digit, is_digits
from .errors import (
    BAD_CHAR,
    BAD_DATE,
    BAD_VALUE,
    CHECK_DIGIT,
    MSG_BAD_AI_KEY,
    MSG_BAD_CHAR,
    MSG_BAD_DATE,
    MSG_CHECK_DIGIT,
    MSG_DECIMALS,
    MSG_EMPTY,
    MSG_NOT_A_NUMBER,
    MSG_NOT_NUMERIC,
    MSG_TOO_LONG,
    MSG_TRUNCATED,
    MSG_UNKNOWN_AI,
    TOO_LONG,
    TRUNCATED,
    UNKNOWN_AI,
    GS1Error,
    describe_char,
)

_CHARSETS = {"82": ai_table.CSET82, "39": ai_table.CSET39}


def get_spec_or_raise(ai, position=None):
    """The spec of ``ai``; :class:`GS1Error` ``unknown_ai`` if there is none."""
    spec = ai_table.get_spec(ai)
    if spec is None:
        raise GS1Error(UNKNOWN_AI, MSG_UNKNOWN_AI, {"ai": ai, "position": position},
                       ai=ai, position=position)
    return spec


def validate_element(ai, value, today=None, position=None, value_position=None):
    """Check one value against the rules of its AI and return the AI's spec.

    :param position: offset of the AI in the scanned text, used to report
        where a problem is
    :param value_position: offset of the value, if not right after the AI
        (in the HRI form a parenthesis comes between); a bad character is
        reported at its own offset
    :raises GS1Error: with reason ``unknown_ai``, ``too_long``, ``truncated``,
        ``bad_char``, ``check_digit`` or ``bad_date``
    """
    spec = get_spec_or_raise(ai, position)
    params = {"ai": ai, "title": spec.title, "value": value}
    value_offset = value_position
    if value_offset is None and position is not None:
        value_offset = position + len(ai)
    if not value:
        raise GS1Error(TRUNCATED, MSG_EMPTY, params, ai=ai, position=value_offset)
    if len(value) > spec.max_length:
        raise GS1Error(TOO_LONG, MSG_TOO_LONG, dict(params, max_length=spec.max_length),
                       ai=ai, position=value_offset)
    _check_characters(spec, value, params, value_offset)
    if len(value) < spec.min_length:
        raise GS1Error(TRUNCATED, MSG_TRUNCATED, dict(params, expected=spec.min_length),
                       ai=ai, position=value_offset)
    if spec.check_digit:
        key = value[:spec.check_digit]
        expected = check_digit(key[:-1])
        if expected != int(key[-1]):
            raise GS1Error(CHECK_DIGIT, MSG_CHECK_DIGIT, dict(params, expected=expected),
                           ai=ai, position=value_offset)
    if spec.date:
        parse_date(ai, value, today, value_offset)
    return spec


def _check_characters(spec, value, params, value_offset):
    charset = _CHARSETS[spec.charset]
    numeric_length = len(value) if spec.numeric else spec.numeric_prefix
    for index, char in enumerate(value):
        if index < numeric_length:
            allowed, template = ("0" <= char <= "9"), MSG_NOT_NUMERIC
        else:
            allowed, template = char in charset, MSG_BAD_CHAR
        if not allowed:
            raise GS1Error(BAD_CHAR, template, dict(params, char=describe_char(char)),
                           ai=spec.ai,
                           position=None if value_offset is None else value_offset + index)


def resolve_year(two_digit_year, today=None):
    """Four-digit year for ``two_digit_year`` per GS1 GenSpecs section 7.12."""
    today = today or datetime.date.today()
    century = today.year - today.year % 100
    difference = two_digit_year - today.year % 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    return century + two_digit_year


def _bad_date(ai, value, position, spec):
    return GS1Error(BAD_DATE, MSG_BAD_DATE,
                    {"ai": ai, "title": spec.title, "value": value, "format": spec.date},
                    ai=ai, position=position)


def _yymmdd(ai, text, today, position, spec, value):
    """A date from 6 digits; day 00 as the spec of ``ai`` says, if allowed."""
    year = resolve_year(int(text[0:2]), today)
    month, day = int(text[2:4]), int(text[4:6])
    if not 1 <= month <= 12:
        raise _bad_date(ai, value, position, spec)
    last_day = calendar.monthrange(year, month)[1]
    if day == 0 and spec.day_zero == ai_table.LAST_DAY:
        day = last_day
    elif day == 0 and spec.day_zero == ai_table.FIRST_DAY:
        day = 1
    if not 1 <= day <= last_day:
        raise _bad_date(ai, value, position, spec)
    return datetime.date(year, month, day)


def parse_date(ai, value, today=None, position=None):
    """The date (or datetime) a date AI value stands for.

    ``position`` is the offset of the value in the scanned text, for errors.

    AI 7003 gives a ``datetime`` to the minute, 8008 to the hour, minute or
    second; 7007 (harvest date, possibly a range) gives its first date.
    """
    spec = get_spec_or_raise(ai)
    if not spec.date or not is_digits(value):
        raise _bad_date(ai, value, position, spec)
    if spec.date == ai_table.DATE_RANGE and len(value) not in (6, 12):
        raise _bad_date(ai, value, position, spec)
    if spec.date == ai_table.DATE_HOUR and len(value) not in (8, 10, 12):
        raise _bad_date(ai, value, position, spec)
    day = _yymmdd(ai, value[:6], today, position, spec, value)
    if spec.date == ai_table.DATE_RANGE and len(value) == 12:
        end = _yymmdd(ai, value[6:], today, position, spec, value)
        if end < day:
            raise _bad_date(ai, value, position, spec)
    if spec.date not in (ai_table.DATE_TIME, ai_table.DATE_HOUR):
        return day
    hour = int(value[6:8])
    minute = int(value[8:10] or 0)
    second = int(value[10:12] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _bad_date(ai, value, position, spec)
    return datetime.datetime.combine(day, datetime.time(hour, minute, second))


def to_python(ai, value, today=None):
    """The typed value of a valid element.

    Dates become ``date``/``datetime``, measures and amounts ``Decimal``
    (without the ISO currency/country prefix), counts ``int``; anything
    else stays the string it is.
    """
    spec = get_spec_or_raise(ai)
    if spec.date:
        return parse_date(ai, value, today)
    if spec.decimals is not None:
        digits = value[3:] if spec.iso_prefix else value
        return Decimal(int(digits)).scaleb(-spec.decimals)
    if ai in ("30", "37"):
        return int(value)
    return value


def normalise_ai(ai):
    """``'(01)'``, ``'01'`` -> ``'01'``; raises GS1Error for anything else."""
    text = str(ai).strip()
    if text[:1] in "([" and text[-1:] in ")]":
        text = text[1:-1]
    if not (2 <= len(text) <= 4 and is_digits(text)):
        raise GS1Error(UNKNOWN_AI, MSG_BAD_AI_KEY, {"ai": text}, ai=text)
    return text


def normalise_value(ai, value):
    """Turn a Python value into the text of an element, ready for validation.

    * ``date`` for date AIs -> ``YYMMDD``; ``datetime`` for 7003 and 8008 ->
      ``YYMMDDHHMM`` (8008 adds seconds when not zero);
    * ``Decimal``/``int`` for measures and amounts -> digits with the implied
      decimals of the AI, zero-padded for the fixed-length measures;
    * ``int`` for a fixed-length numeric AI -> zero-padded to its length
      (a GTIN given as a number keeps its leading zero).

    >>> normalise_value('3103', Decimal('0.189')), normalise_value('01', 9506000134352)
    ('000189', '09506000134352')
    """
    spec = get_spec_or_raise(ai)
    if isinstance(value, bool):
        raise GS1Error(BAD_VALUE, MSG_NOT_A_NUMBER,
                       {"ai": ai, "title": spec.title, "value": value}, ai=ai)
    if spec.date and isinstance(value, datetime.date):
        return _format_date(spec, value)
    if spec.decimals is not None and isinstance(value, (int, float, Decimal)):
        return _format_decimal(spec, value)
    if spec.numeric and isinstance(value, int):
        text = str(value)
        return text.rjust(spec.min_length, "0") if spec.fixed_length else text
    return str(value)


def _format_date(spec, value):
    if spec.date == ai_table.DATE_TIME:
        return value.strftime("%y%m%d%H%M") if isinstance(value, datetime.datetime) \
            else value.strftime("%y%m%d0000")
    if spec.date == ai_table.DATE_HOUR:
        if not isinstance(value, datetime.datetime):
            return value.strftime("%y%m%d00")
        return value.strftime("%y%m%d%H%M%S" if value.second else "%y%m%d%H%M")
    return value.strftime("%y%m%d")


def _format_decimal(spec, value):
    params = {"ai": spec.ai, "title": spec.title, "value": value,
              "decimals": spec.decimals}
    try:
        scaled = Decimal(str(value)).scaleb(spec.decimals)
    except InvalidOperation:
        raise GS1Error(BAD_VALUE, MSG_NOT_A_NUMBER, params, ai=spec.ai) from None
    if not scaled.is_finite() or scaled < 0:
        raise GS1Error(BAD_VALUE, MSG_NOT_A_NUMBER, params, ai=spec.ai)
    if scaled != scaled.to_integral_value():
        raise GS1Error(BAD_VALUE, MSG_DECIMALS, params, ai=spec.ai)
    text = str(int(scaled))
    return text.rjust(spec.min_length, "0") if spec.fixed_length else text
