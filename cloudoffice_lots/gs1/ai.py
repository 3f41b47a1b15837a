"""GS1 Application Identifier (AI) table.

An element string is a sequence of AI + value pairs, for example ``01`` (GTIN)
followed by 14 digits. This module describes each supported AI with an
immutable :class:`AISpec`: its GS1 data title, allowed length, character set,
check digit, date format and, for measures and amounts, the implied decimal
position and unit. Parser, encoder and Digital Link code all read the same
table, so a rule is written once.

Two length notions matter and are deliberately kept apart:

* the length of the *value* (``min_length``/``max_length``, from the GS1
  General Specifications section 3), used for validation;
* whether the AI is in the GS1 *predefined length* table (figure 7.8.5-2:
  AIs starting 00-04, 11-20, 31-36, 41). Only those may be followed by the
  next AI without an FNC1 separator. AI 422 (N3) or 7003 (N10) are
  fixed-length but still need a separator, because a reader cannot know
  their length without the full table.

AIs are prefix-free (no AI is the start of another), so looking up the first
2, 3 then 4 digits of a string finds at most one AI.

>>> spec = lookup('3103000189')
>>> spec.ai, spec.title, spec.decimals, spec.unit
('3103', 'NET WEIGHT (kg)', 3, 'kg')
>>> needs_separator('10'), needs_separator('17'), needs_separator('422')
(True, False, True)
"""
from collections import namedtuple

# GS1 AI encodable character set 82 (GenSpecs figure 7.11-1).
CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
    "abcdefghijklmnopqrstuvwxyz")
# Character set 39 (figure 7.11-2), used by a few identifiers such as CPID.
CSET39 = frozenset("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Total length (AI digits + value) of the AIs in the predefined length table,
# keyed by their first two digits.
PREDEFINED_LENGTH = {
    "00": 20, "01": 16, "02": 16, "03": 16, "04": 18,
    "11": 8, "12": 8, "13": 8, "14": 8, "15": 8, "16": 8, "17": 8, "18": 8,
    "19": 8, "20": 4,
    "31": 10, "32": 10, "33": 10, "34": 10, "35": 10, "36": 10,
    "41": 16,
}

# Date formats understood by the validation module.
DATE = "YYMMDD"
DATE_RANGE = "YYMMDD[YYMMDD]"
DATE_TIME = "YYMMDDHHMM"
DATE_HOUR = "YYMMDDHH[MM[SS]]"

# What a day "00" stands for: the spec defines it for best-before, sell-by
# and expiry dates as the last day of the month. For production, due and
# packaging dates the earliest possible day is used (see validation.py).
LAST_DAY = "last"
FIRST_DAY = "first"

_FIELDS = ("ai title min_length max_length numeric numeric_prefix "
           "check_digit charset date day_zero decimals unit iso_prefix")


class AISpec(namedtuple("AISpec", _FIELDS)):
    """Format of one Application Identifier.

    ``numeric`` means every character is a digit; ``numeric_prefix`` gives how
    many leading characters are digits when the rest is alphanumeric (AI 421:
    ISO country code then postal code). ``check_digit`` is the length of the
    leading part that ends with a GS1 mod-10 check digit (0 if none).
    ``iso_prefix`` is ``'currency'`` or ``'country'`` when the value starts
    with a 3-digit ISO 4217 / ISO 3166 code.
    """

    __slots__ = ()

    @property
    def fixed_length(self):
        return self.min_length == self.max_length


def _spec(ai, title, min_length, max_length=None, numeric=False, numeric_prefix=0,
          check_digit=0, charset="82", date="", day_zero="", decimals=None, unit="",
          iso_prefix=""):
    return AISpec(ai, title, min_length, min_length if max_length is None else max_length,
                  numeric, numeric_prefix, check_digit, charset, date, day_zero,
                  decimals, unit, iso_prefix)


def _n(ai, title, length, max_length=None, **kw):
    """Numeric AI; ``max_length`` only for variable length ones."""
    return _spec(ai, title, length, max_length, numeric=True, **kw)


def _x(ai, title, max_length, **kw):
    """Alphanumeric AI of 1 to ``max_length`` characters."""
    return _spec(ai, title, 1, max_length, **kw)


_BASE = [
    _n("00", "SSCC", 18, check_digit=18),
    _n("01", "GTIN", 14, check_digit=14),
    _n("02", "CONTENT", 14, check_digit=14),
    _n("03", "MTO GTIN", 14, check_digit=14),
    _x("10", "BATCH/LOT", 20),
    _n("11", "PROD DATE", 6, date=DATE, day_zero=FIRST_DAY),
    _n("12", "DUE DATE", 6, date=DATE, day_zero=FIRST_DAY),
    _n("13", "PACK DATE", 6, date=DATE, day_zero=FIRST_DAY),
    _n("15", "BEST BEFORE or BEST BY", 6, date=DATE, day_zero=LAST_DAY),
    _n("16", "SELL BY", 6, date=DATE, day_zero=LAST_DAY),
    _n("17", "USE BY OR EXPIRY", 6, date=DATE, day_zero=LAST_DAY),
    _n("20", "VARIANT", 2),
    _x("21", "SERIAL", 20),
    _x("22", "CPV", 20),
    _x("235", "TPX", 28),
    _x("240", "ADDITIONAL ID", 30),
    _x("241", "CUST. PART No.", 30),
    _n("242", "MTO VARIANT", 1, 6),
    _x("243", "PCN", 20),
    _x("250", "SECONDARY SERIAL", 30),
    _x("251", "REF. TO SOURCE", 30),
    _spec("253", "GDTI", 13, 30, numeric_prefix=13, check_digit=13),
    _x("254", "GLN EXTENSION COMPONENT", 20),
    _n("255", "GCN", 13, 25, check_digit=13),
    _n("30", "VAR. COUNT", 1, 8),
    _n("37", "COUNT", 1, 8),
    _x("400", "ORDER NUMBER", 30),
    _x("401", "GINC", 30),
    _n("402", "GSIN", 17, check_digit=17),
    _x("403", "ROUTE", 30),
    _n("410", "SHIP TO LOC", 13, check_digit=13),
    _n("411", "BILL TO", 13, check_digit=13),
    _n("412", "PURCHASE FROM", 13, check_digit=13),
    _n("413", "SHIP FOR LOC", 13, check_digit=13),
    _n("414", "LOC No.", 13, check_digit=13),
    _n("415", "PAY TO", 13, check_digit=13),
    _n("416", "PROD/SERV LOC", 13, check_digit=13),
    _n("417", "PARTY", 13, check_digit=13),
    _x("420", "SHIP TO POST", 20),
    _spec("421", "SHIP TO POST", 4, 12, numeric_prefix=3, iso_prefix="country"),
    _n("422", "ORIGIN", 3, iso_prefix="country"),
    _n("423", "COUNTRY - INITIAL PROCESS", 3, 15, iso_prefix="country"),
    _n("424", "COUNTRY - PROCESS", 3, iso_prefix="country"),
    _n("425", "COUNTRY - DISASSEMBLY", 3, 15, iso_prefix="country"),
    _n("426", "COUNTRY - FULL PROCESS", 3, iso_prefix="country"),
    _x("427", "ORIGIN SUBDIVISION", 3),
    _n("7001", "NSN", 13),
    _x("7002", "MEAT CUT", 30),
    _n("7003", "EXPIRY TIME", 10, date=DATE_TIME),
    _n("7004", "ACTIVE POTENCY", 1, 4),
    _x("7005", "CATCH AREA", 12),
    _n("7006", "FIRST FREEZE DATE", 6, date=DATE),
    _n("7007", "HARVEST DATE", 6, 12, date=DATE_RANGE),
    _x("7008", "AQUATIC SPECIES", 3),
    _x("7009", "FISHING GEAR TYPE", 10),
    _x("7010", "PROD METHOD", 2),
    _x("7020", "REFURB LOT", 20),
    _x("7021", "FUNC STAT", 20),
    _x("7022", "REV STAT", 20),
    _x("7023", "GIAI - ASSEMBLY", 30),
    _x("710", "NHRN PZN", 20),
    _x("711", "NHRN CIP", 20),
    _x("712", "NHRN CN", 20),
    _x("713", "NHRN DRN", 20),
    _x("714", "NHRN AIM", 20),
    _x("715", "NHRN NDC", 20),
    _n("8001", "DIMENSIONS", 14),
    _x("8002", "CMT No.", 20),
    _spec("8003", "GRAI", 14, 30, numeric_prefix=14, check_digit=14),
    _x("8004", "GIAI", 30),
    _n("8005", "PRICE PER UNIT", 6),
    _n("8006", "ITIP", 18, check_digit=14),
    _x("8007", "IBAN", 34),
    _n("8008", "PROD TIME", 8, 12, date=DATE_HOUR),
    _x("8009", "OPTSEN", 50),
    _x("8010", "CPID", 30, charset="39"),
    _n("8011", "CPID SERIAL", 1, 12),
    _x("8012", "VERSION", 20),
    _x("8013", "GMN", 25),
    _n("8017", "GSRN - PROVIDER", 18, check_digit=18),
    _n("8018", "GSRN - RECIPIENT", 18, check_digit=18),
    _n("8019", "SRIN", 1, 10),
    _x("8020", "REF No.", 25),
    _n("8026", "ITIP CONTENT", 18, check_digit=14),
    _x("8200", "PRODUCT URL", 70),
    _x("90", "INTERNAL", 30),
] + [_x(str(ai), "INTERNAL", 90) for ai in range(91, 100)]

# Measures: the 4th digit n of 31nn-36nn is the implied decimal position
# (0-5), so 3103 000189 is 0.189 kg.
_MEASURES = {
    "310": ("NET WEIGHT (kg)", "kg"), "311": ("LENGTH (m)", "m"),
    "312": ("WIDTH (m)", "m"), "313": ("HEIGHT (m)", "m"),
    "314": ("AREA (m2)", "m2"), "315": ("NET VOLUME (l)", "l"),
    "316": ("NET VOLUME (m3)", "m3"),
    "320": ("NET WEIGHT (lb)", "lb"), "321": ("LENGTH (in)", "in"),
    "322": ("LENGTH (ft)", "ft"), "323": ("LENGTH (yd)", "yd"),
    "324": ("WIDTH (in)", "in"), "325": ("WIDTH (ft)", "ft"),
    "326": ("WIDTH (yd)", "yd"), "327": ("HEIGHT (in)", "in"),
    "328": ("HEIGHT (ft)", "ft"), "329": ("HEIGHT (yd)", "yd"),
    "330": ("GROSS WEIGHT (kg)", "kg"), "331": ("LENGTH (m), log", "m"),
    "332": ("WIDTH (m), log", "m"), "333": ("HEIGHT (m), log", "m"),
    "334": ("AREA (m2), log", "m2"), "335": ("VOLUME (l), log", "l"),
    "336": ("VOLUME (m3), log", "m3"), "337": ("KG PER m2", "kg/m2"),
    "340": ("GROSS WEIGHT (lb)", "lb"), "341": ("LENGTH (in), log", "in"),
    "342": ("LENGTH (ft), log", "ft"), "343": ("LENGTH (yd), log", "yd"),
    "344": ("WIDTH (in), log", "in"), "345": ("WIDTH (ft), log", "ft"),
    "346": ("WIDTH (yd), log", "yd"), "347": ("HEIGHT (in), log", "in"),
    "348": ("HEIGHT (ft), log", "ft"), "349": ("HEIGHT (yd), log", "yd"),
    "350": ("AREA (in2)", "in2"), "351": ("AREA (ft2)", "ft2"),
    "352": ("AREA (yd2)", "yd2"), "353": ("AREA (in2), log", "in2"),
    "354": ("AREA (ft2), log", "ft2"), "355": ("AREA (yd2), log", "yd2"),
    "356": ("NET WEIGHT (troy oz)", "oz t"), "357": ("NET VOLUME (oz)", "oz"),
    "360": ("NET VOLUME (qt)", "qt"), "361": ("NET VOLUME (gal.)", "gal"),
    "362": ("VOLUME (qt), log", "qt"), "363": ("VOLUME (gal.), log", "gal"),
    "364": ("VOLUME (in3)", "in3"), "365": ("VOLUME (ft3)", "ft3"),
    "366": ("VOLUME (yd3)", "yd3"), "367": ("VOLUME (in3), log", "in3"),
    "368": ("VOLUME (ft3), log", "ft3"), "369": ("VOLUME (yd3), log", "yd3"),
}

_MEASURE_SPECS = [
    _n(prefix + str(n), title, 6, decimals=n, unit=unit)
    for prefix, (title, unit) in _MEASURES.items() for n in range(6)
]

# Amounts: 390n-393n with n decimals (0-9); 391n and 393n start with the ISO
# 4217 numeric currency code.
_AMOUNT_SPECS = (
    [_n("390%d" % n, "AMOUNT", 1, 15, decimals=n) for n in range(10)]
    + [_n("391%d" % n, "AMOUNT", 4, 18, decimals=n, iso_prefix="currency")
       for n in range(10)]
    + [_n("392%d" % n, "PRICE", 1, 15, decimals=n) for n in range(10)]
    + [_n("393%d" % n, "PRICE", 4, 18, decimals=n, iso_prefix="currency")
       for n in range(10)]
    + [_n("394%d" % n, "PRCNT OFF", 4, decimals=n) for n in range(5)]
    + [_n("395%d" % n, "PRICE/UoM", 6, decimals=n) for n in range(6)]
)

AI_SPECS = {spec.ai: spec for spec in _BASE + _MEASURE_SPECS + _AMOUNT_SPECS}

# AI length by first two digits, derived from the table: used to name the
# AI in "unknown AI" messages with a plausible number of digits.
_AI_LENGTH_BY_PREFIX = {ai[:2]: len(ai) for ai in AI_SPECS}


def get_spec(ai):
    """The :class:`AISpec` of ``ai``, or None if this package does not know it."""
    return AI_SPECS.get(ai)


def lookup(text, start=0):
    """The spec of the AI that ``text`` starts with (at ``start``), or None."""
    for length in (2, 3, 4):
        spec = AI_SPECS.get(text[start:start + length])
        if spec is not None:
            return spec
    return None


def guess_ai(text, start=0):
    """The digits at ``start`` most likely meant as an AI (for messages)."""
    length = _AI_LENGTH_BY_PREFIX.get(text[start:start + 2], 2)
    return text[start:start + length]


def needs_separator(ai):
    """True if a variable or non-predefined length value must be followed by
    FNC1 when another element comes after it."""
    return ai[:2] not in PREDEFINED_LENGTH


def predefined_value_length(ai):
    """Length of the value of a predefined-length AI, else None."""
    total = PREDEFINED_LENGTH.get(ai[:2])
    return None if total is None else total - len(ai)
