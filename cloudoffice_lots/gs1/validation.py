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
from . import linters
from .checkdigit import check_digit, is_digits
from .errors import (
    BAD_CHAR,
    BAD_DATE,
    BAD_VALUE,
    CHECK_DIGIT,
    MSG_BAD_AI_KEY,
    MSG_BAD_CHAR,
    MSG_BAD_COUNTRY,
    MSG_BAD_CURRENCY,
    MSG_BAD_DATE,
    MSG_BAD_IBAN,
    MSG_BAD_PART,
    MSG_CHECK_DIGIT,
    MSG_CHECK_PAIR,
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

_DIGITS = frozenset("0123456789")
_DATE_CHECKS = frozenset(["yymmdd", "yymmd0", "yyyymmdd", "yyyymmd0", "hhmi", "hh", "mi", "ss"])
# The content checks that have a message of their own; any other names
# the part of the value that is wrong.
_LINTER_MESSAGES = {
    "iso3166": MSG_BAD_COUNTRY, "iso3166999": MSG_BAD_COUNTRY,
    "iso3166alpha2": MSG_BAD_COUNTRY, "iso4217": MSG_BAD_CURRENCY,
    "iban": MSG_BAD_IBAN,
}


def get_spec_or_raise(ai, position=None):
    """The spec of ``ai``; :class:`GS1Error` ``unknown_ai`` if there is none."""
    spec = ai_table.get_spec(ai)
    if spec is None:
        raise GS1Error(UNKNOWN_AI, MSG_UNKNOWN_AI, {"ai": ai, "position": position},
                       ai=ai, position=position)
    return spec


def validate_element(ai, value, today=None, position=None, value_position=None):
    """Check one value against the rules of its AI and return the AI's spec.

    The value is cut into the components of the AI's dictionary entry; each
    is checked for its character set and length, then by its content checks
    (:mod:`.linters`), in order.

    :param position: offset of the AI in the scanned text, used to report
        where a problem is
    :param value_position: offset of the value, if not right after the AI
        (in the HRI form a parenthesis comes between); a bad character is
        reported at its own offset
    :raises GS1Error: with reason ``unknown_ai``, ``too_long``, ``truncated``,
        ``bad_char``, ``check_digit``, ``bad_date`` or ``bad_value``
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
    parts, complete = split_components(spec, value)
    for start, component, text in parts:
        _check_characters(spec, component, text, start, params, value_offset)
    if not complete:
        raise GS1Error(TRUNCATED, MSG_TRUNCATED, dict(params, expected=spec.min_length),
                       ai=ai, position=value_offset)
    for start, component, text in parts:
        for name in component.linters:
            _run_linter(spec, name, text, start, today, params, value_offset)
    return spec


def split_components(spec, value):
    """``([(start, component, text)...], complete)`` for ``value``.

    Components take their length in turn; optional ones are left out once
    the value is used up. ``complete`` is False when a component is cut
    short (a fixed-length component with too few characters).
    """
    parts = []
    position = 0
    for component in spec.components:
        if position >= len(value) and (component.optional or parts):
            if not component.optional:
                return parts, False
            break
        text = value[position:position + component.max_length]
        parts.append((position, component, text))
        position += len(text)
        if len(text) < component.min_length:
            return parts, False
    return parts, position == len(value)


def _check_characters(spec, component, text, start, params, value_offset):
    if component.cset == "Z":
        # base64url, with "=" padding only at the end.
        problem = linters.cset64(text)
        if problem is not None and problem[0] != "bad_char":
            raise GS1Error(BAD_VALUE, MSG_BAD_PART,
                           dict(params, part=text[problem[1]:problem[2]]), ai=spec.ai,
                           position=None if value_offset is None
                           else value_offset + start + problem[1])
        allowed_set, template = linters.CSET64 | {"="}, MSG_BAD_CHAR
    elif component.cset == "N":
        allowed_set, template = _DIGITS, MSG_NOT_NUMERIC
    else:
        allowed_set = linters.CSET39 if component.cset == "Y" else linters.CSET82
        template = MSG_BAD_CHAR
    for index, char in enumerate(text):
        if char not in allowed_set:
            raise GS1Error(BAD_CHAR, template, dict(params, char=describe_char(char)),
                           ai=spec.ai,
                           position=None if value_offset is None
                           else value_offset + start + index)


def _run_linter(spec, name, text, start, today, params, value_offset):
    check = linters.LINTERS[name]
    problem = check(text, today) if name in linters.DATE_LINTERS else check(text)
    if problem is None:
        return
    reason, begin, end = problem
    position = None if value_offset is None else value_offset + start + begin
    if reason == "check_digit":
        # Reported at the start of the key, the number people compare.
        expected = check_digit(text[:-1])
        raise GS1Error(CHECK_DIGIT, MSG_CHECK_DIGIT, dict(params, expected=expected),
                       ai=spec.ai, position=None if value_offset is None
                       else value_offset + start)
    if reason == "check_pair":
        raise GS1Error(CHECK_DIGIT, MSG_CHECK_PAIR,
                       dict(params, expected=linters.check_pair(text)),
                       ai=spec.ai, position=position)
    if reason in ("bad_date", "bad_time") or name in _DATE_CHECKS:
        raise _bad_date(spec.ai, params["value"], position, spec)
    if reason == "bad_char":
        raise GS1Error(BAD_CHAR, MSG_BAD_CHAR,
                       dict(params, char=describe_char(text[begin])),
                       ai=spec.ai, position=position)
    part = text[begin:end] or text
    template = _LINTER_MESSAGES.get(name, MSG_BAD_PART)
    raise GS1Error(BAD_VALUE, template, dict(params, part=part), ai=spec.ai,
                   position=position)


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
    return _date(ai, year, text[2:6], position, spec, value)


def _date(ai, year, text, position, spec, value):
    month, day = int(text[0:2]), int(text[2:4])
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


_TIMED = (ai_table.DATE_TIME, ai_table.DATE_HOUR, ai_table.DATE_OPTIONAL_TIME,
          ai_table.DATE_4_TIME)


def parse_date(ai, value, today=None, position=None):
    """The date (or datetime) a date AI value stands for.

    ``position`` is the offset of the value in the scanned text, for errors.

    AIs with a time (7003, 4324, 4325, 7011 when it has one, 7251) give a
    ``datetime`` to the minute, 8008 to the hour, minute or second; 7007
    (harvest date, possibly a range) gives its first date; 7250 and 7251 have
    four-digit years.
    """
    spec = get_spec_or_raise(ai)
    if not spec.date or not is_digits(value):
        raise _bad_date(ai, value, position, spec)
    complete = split_components(spec, value)[1]
    if not complete:
        raise _bad_date(ai, value, position, spec)
    if spec.date in (ai_table.DATE_4, ai_table.DATE_4_TIME):
        day = _date(ai, int(value[:4]), value[4:8], position, spec, value)
        rest = value[8:]
    else:
        day = _yymmdd(ai, value[:6], today, position, spec, value)
        rest = value[6:]
    if spec.date == ai_table.DATE_RANGE and rest:
        end = _yymmdd(ai, rest, today, position, spec, value)
        if end < day:
            raise _bad_date(ai, value, position, spec)
    if spec.date not in _TIMED or (spec.date == ai_table.DATE_OPTIONAL_TIME and not rest):
        return day
    hour = int(rest[0:2])
    minute = int(rest[2:4] or 0)
    second = int(rest[4:6] or 0)
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
    timed = isinstance(value, datetime.datetime)
    if spec.date in (ai_table.DATE_4, ai_table.DATE_4_TIME):
        # strftime refuses years before 1900 on some platforms; format by hand.
        text = "%04d%02d%02d" % (value.year, value.month, value.day)
        if spec.date == ai_table.DATE_4_TIME:
            text += "%02d%02d" % ((value.hour, value.minute) if timed else (0, 0))
        return text
    if spec.date == ai_table.DATE_TIME:
        return value.strftime("%y%m%d%H%M") if timed else value.strftime("%y%m%d0000")
    if spec.date == ai_table.DATE_OPTIONAL_TIME:
        return value.strftime("%y%m%d%H%M") if timed else value.strftime("%y%m%d")
    if spec.date == ai_table.DATE_HOUR:
        if not timed:
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
