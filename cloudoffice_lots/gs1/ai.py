"""GS1 Application Identifier (AI) table, from the GS1 Barcode Syntax Dictionary.

An element string is a sequence of AI + value pairs, for example ``01`` (GTIN)
followed by 14 digits. The table below is GS1's own Barcode Syntax Dictionary
(github.com/gs1/gs1-syntax-dictionary, release :data:`DICTIONARY_RELEASE`,
Apache License 2.0), entry for entry in its own notation, so that a new
release can be compared line by line (a test does exactly that against the
published file). Each entry reads::

    AI(s)  [flags]  components  [attributes]  # TITLE

* flags: ``*`` the AI has a predefined length and needs no FNC1 separator
  after it; ``?`` it may be a query parameter (data attribute) of a GS1
  Digital Link URI;
* components: ``N`` digits, ``X`` GS1 character set 82, ``Y`` set 39 and
  ``Z`` base64url, with a fixed (``N6``) or variable (``X..20``) length,
  ``[...]`` when optional, each followed by the content checks of
  :mod:`.linters` (``csum`` check digit, ``yymmd0`` date allowing day 00...);
* attributes: ``req=`` AIs that must come with it (``01+21,02``: 01 with 21,
  or 02), ``ex=`` AIs it must not come with, ``dlpkey`` the AI is a Digital
  Link primary key, ``dlpkey=22,10,21|235`` with these key qualifiers in this
  order (two alternatives).

Every AI becomes an immutable :class:`AISpec`, read by parser, encoder and
Digital Link code alike, so a rule is written once.

Two length notions are kept apart: the length of the *value* (the
components) and whether the AI is in the GS1 *predefined length* table
(figure 7.8.5-2 of the General Specifications: AIs starting 00-04, 11-20,
31-36, 41). Only those may be followed by the next AI without an FNC1
separator. AI 422 (N3) or 7003 (N10) are fixed-length but still need one.

AIs are prefix-free (no AI is the start of another), so looking up the first
2, 3 then 4 digits of a string finds at most one AI.

>>> spec = lookup('3103000189')
>>> spec.ai, spec.title, spec.decimals, spec.unit
('3103', 'NET WEIGHT (kg)', 3, 'kg')
>>> needs_separator('10'), needs_separator('17'), needs_separator('422')
(True, False, True)
>>> get_spec('4326').title, get_spec('4326').date, get_spec('01').dl_qualifiers
('REL DATE', 'YYMMDD', (('22', '10', '21'), ('235',)))
"""
from collections import namedtuple

from .linters import CSET39, CSET64, CSET82  # noqa: F401 (re-exported)

DICTIONARY_RELEASE = "2026-01-27"

# The entries of the dictionary, whitespace condensed; a line that starts
# with spaces continues the one before.
DICTIONARY = """
00 *? N18,csum,gcppos2 dlpkey  # SSCC
01 *? N14,csum,gcppos2 ex=255,37 dlpkey=22,10,21|235  # GTIN
02 *? N14,csum,gcppos2 ex=01,03 req=37  # CONTENT
03 * N14,csum,gcppos2 ex=01,02,37  # MTO GTIN
10 ? X..20 req=01,02,03,8006,8026  # BATCH/LOT
11 *? N6,yymmd0 req=01,02,03,8006,8026  # PROD DATE
12 *? N6,yymmd0 req=8020  # DUE DATE
13 *? N6,yymmd0 req=01,02,03,8006,8026  # PACK DATE
15 *? N6,yymmd0 req=01,02,03,8006,8026  # BEST BEFORE or BEST BY
16 *? N6,yymmd0 req=01,02,03,8006,8026  # SELL BY
17 *? N6,yymmd0 req=01,02,03,255,8006,8026  # USE BY or EXPIRY
20 *? N2 req=01,02,8006,8026  # VARIANT
21 X..20 req=01,03,8006 ex=235  # SERIAL
22 X..20 req=01  # CPV
235 X..28 req=01  # TPX
240 ? X..30 req=01,02,8006,8026  # ADDITIONAL ID
241 ? X..30 req=01,02,8006,8026  # CUST. PART No.
242 ? N..6 req=01,02,8006,8026  # MTO VARIANT
243 ? X..20 req=01  # PCN
250 ? X..30 req=01,8006 req=21  # SECONDARY SERIAL
251 ? X..30 req=01,8006  # REF. TO SOURCE
253 ? N13,csum,gcppos1 [X..17] dlpkey  # GDTI
254 X..20 req=414  # GLN EXTENSION COMPONENT
255 ? N13,csum,gcppos1 [N..12] dlpkey ex=01,02,415,8006,8020,8026  # GCN
30 ? N..8 req=01,02  # VAR. COUNT
3100-3105 *? N6 req=01,02 ex=310n  # NET WEIGHT (kg)
3110-3115 *? N6 req=01,02 ex=311n  # LENGTH (m)
3120-3125 *? N6 req=01,02 ex=312n  # WIDTH (m)
3130-3135 *? N6 req=01,02 ex=313n  # HEIGHT (m)
3140-3145 *? N6 req=01,02 ex=314n  # AREA (m²)
3150-3155 *? N6 req=01,02 ex=315n  # NET VOLUME (l)
3160-3165 *? N6 req=01,02 ex=316n  # NET VOLUME (m³)
3200-3205 *? N6 req=01,02 ex=320n  # NET WEIGHT (lb)
3210-3215 *? N6 req=01,02 ex=321n  # LENGTH (in)
3220-3225 *? N6 req=01,02 ex=322n  # LENGTH (ft)
3230-3235 *? N6 req=01,02 ex=323n  # LENGTH (yd)
3240-3245 *? N6 req=01,02 ex=324n  # WIDTH (in)
3250-3255 *? N6 req=01,02 ex=325n  # WIDTH (ft)
3260-3265 *? N6 req=01,02 ex=326n  # WIDTH (yd)
3270-3275 *? N6 req=01,02 ex=327n  # HEIGHT (in)
3280-3285 *? N6 req=01,02 ex=328n  # HEIGHT (ft)
3290-3295 *? N6 req=01,02 ex=329n  # HEIGHT (yd)
3300-3305 *? N6 req=00,01 ex=330n  # GROSS WEIGHT (kg)
3310-3315 *? N6 req=00,01 ex=331n  # LENGTH (m), log
3320-3325 *? N6 req=00,01 ex=332n  # WIDTH (m), log
3330-3335 *? N6 req=00,01 ex=333n  # HEIGHT (m), log
3340-3345 *? N6 req=00,01 ex=334n  # AREA (m²), log
3350-3355 *? N6 req=00,01 ex=335n  # VOLUME (l), log
3360-3365 *? N6 req=00,01 ex=336n  # VOLUME (m³), log
3370-3375 *? N6 req=01 ex=337n  # KG PER m²
3400-3405 *? N6 req=00,01 ex=340n  # GROSS WEIGHT (lb)
3410-3415 *? N6 req=00,01 ex=341n  # LENGTH (in), log
3420-3425 *? N6 req=00,01 ex=342n  # LENGTH (ft), log
3430-3435 *? N6 req=00,01 ex=343n  # LENGTH (yd), log
3440-3445 *? N6 req=00,01 ex=344n  # WIDTH (in), log
3450-3455 *? N6 req=00,01 ex=345n  # WIDTH (ft), log
3460-3465 *? N6 req=00,01 ex=346n  # WIDTH (yd), log
3470-3475 *? N6 req=00,01 ex=347n  # HEIGHT (in), log
3480-3485 *? N6 req=00,01 ex=348n  # HEIGHT (ft), log
3490-3495 *? N6 req=00,01 ex=349n  # HEIGHT (yd), log
3500-3505 *? N6 req=01,02 ex=350n  # AREA (in²)
3510-3515 *? N6 req=01,02 ex=351n  # AREA (ft²)
3520-3525 *? N6 req=01,02 ex=352n  # AREA (yd²)
3530-3535 *? N6 req=00,01 ex=353n  # AREA (in²), log
3540-3545 *? N6 req=00,01 ex=354n  # AREA (ft²), log
3550-3555 *? N6 req=00,01 ex=355n  # AREA (yd²), log
3560-3565 *? N6 req=01,02 ex=356n  # NET WEIGHT (tr oz)
3570-3575 *? N6 req=01,02 ex=357n  # NET VOLUME (oz)
3600-3605 *? N6 req=01,02 ex=360n  # NET VOLUME (qt (US))
3610-3615 *? N6 req=01,02 ex=361n  # NET VOLUME (gal.)
3620-3625 *? N6 req=00,01 ex=362n  # VOLUME (qt (US)), log
3630-3635 *? N6 req=00,01 ex=363n  # VOLUME (gal (US)), log
3640-3645 *? N6 req=01,02 ex=364n  # NET VOLUME (in³)
3650-3655 *? N6 req=01,02 ex=365n  # NET VOLUME (ft³)
3660-3665 *? N6 req=01,02 ex=366n  # NET VOLUME (yd³)
3670-3675 *? N6 req=00,01 ex=367n  # VOLUME (in³), log
3680-3685 *? N6 req=00,01 ex=368n  # VOLUME (ft³), log
3690-3695 *? N6 req=00,01 ex=369n  # VOLUME (yd³), log
37 ? N..8 req=00 req=02,8026  # COUNT
3900-3909 ? N..15 req=255,8020 ex=390n,391n,394n,8111  # AMOUNT
3910-3919 ? N3,iso4217 N..15 req=8020 ex=391n  # AMOUNT
3920-3929 ? N..15 req=01 req=30,31nn,32nn,35nn,36nn ex=392n,393n  # PRICE
3930-3939 ? N3,iso4217 N..15 req=30,31nn,32nn,35nn,36nn ex=393n  # PRICE
3940-3943 ? N4 req=255 ex=394n,8111  # PRCNT OFF
3950-3955 ? N6 req=30,31nn,32nn,35nn,36nn ex=392n,393n,395n,8005  # PRICE/UoM
400 ? X..30  # ORDER NUMBER
401 ? X..30,gcppos1 dlpkey  # GINC
402 ? N17,csum,gcppos1 dlpkey  # GSIN
403 ? X..30 req=00  # ROUTE
410 *? N13,csum,gcppos1  # SHIP TO LOC
411 *? N13,csum,gcppos1  # BILL TO
412 *? N13,csum,gcppos1  # PURCHASE FROM
413 *? N13,csum,gcppos1  # SHIP FOR LOC
414 *? N13,csum,gcppos1 dlpkey=254|7040  # LOC No.
415 *? N13,csum,gcppos1 req=8020 dlpkey=8020  # PAY TO
416 *? N13,csum,gcppos1  # PROD/SERV LOC
417 *? N13,csum,gcppos1 dlpkey=7040  # PARTY
420 ? X..20 ex=421  # SHIP TO POST
421 ? N3,iso3166 X..9 ex=4307  # SHIP TO POST
422 ? N3,iso3166 req=01,02,8006,8026 ex=426  # ORIGIN
423 ? N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166
    req=01,02 ex=426  # COUNTRY - INITIAL PROCESS
424 ? N3,iso3166 req=01,02 ex=426  # COUNTRY - PROCESS
425 ? N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166
    req=01,02 ex=426  # COUNTRY - DISASSEMBLY
426 ? N3,iso3166 req=01,02  # COUNTRY - FULL PROCESS
427 ? X..3 req=01,02 req=422  # ORIGIN SUBDIVISION
4300 ? X..35,pcenc req=00  # SHIP TO COMP
4301 ? X..35,pcenc req=00  # SHIP TO NAME
4302 ? X..70,pcenc req=00  # SHIP TO ADD1
4303 ? X..70,pcenc req=4302  # SHIP TO ADD2
4304 ? X..70,pcenc req=00  # SHIP TO SUB
4305 ? X..70,pcenc req=00  # SHIP TO LOC
4306 ? X..70,pcenc req=00  # SHIP TO REG
4307 ? X2,iso3166alpha2 req=00  # SHIP TO COUNTRY
4308 ? X..30 req=00  # SHIP TO PHONE
4309 ? N10,latitude N10,longitude req=00  # SHIP TO GEO
4310 ? X..35,pcenc req=00  # RTN TO COMP
4311 ? X..35,pcenc req=00  # RTN TO NAME
4312 ? X..70,pcenc req=00  # RTN TO ADD1
4313 ? X..70,pcenc req=4312  # RTN TO ADD2
4314 ? X..70,pcenc req=00  # RTN TO SUB
4315 ? X..70,pcenc req=00  # RTN TO LOC
4316 ? X..70,pcenc req=00  # RTN TO REG
4317 ? X2,iso3166alpha2 req=00  # RTN TO COUNTRY
4318 ? X..20 req=00  # RTN TO POST
4319 ? X..30 req=00  # RTN TO PHONE
4320 ? X..35,pcenc req=00  # SRV DESCRIPTION
4321 ? N1,yesno req=00  # DANGEROUS GOODS
4322 ? N1,yesno req=00  # AUTH TO LEAVE
4323 ? N1,yesno req=00  # SIG REQUIRED
4324 ? N6,yymmd0 N4,hhmi req=00  # NOT BEF DEL DT
4325 ? N6,yymmd0 N4,hhmi req=00  # NOT AFT DEL DT
4326 ? N6,yymmdd req=00  # REL DATE
4330 ? N6 [X1],hyphen req=00 ex=4331  # MAX TEMP F.
4331 ? N6 [X1],hyphen req=00 ex=4330  # MAX TEMP C.
4332 ? N6 [X1],hyphen req=00 ex=4333  # MIN TEMP F.
4333 ? N6 [X1],hyphen req=00 ex=4332  # MIN TEMP C.
7001 ? N13 req=01,02,8006,8026  # NSN
7002 ? X..30 req=01,02  # MEAT CUT
7003 ? N6,yymmdd N4,hhmi req=01,02  # EXPIRY TIME
7004 ? N..4 req=01+10  # ACTIVE POTENCY
7005 ? X..12 req=01,02  # CATCH AREA
7006 ? N6,yymmdd req=01,02  # FIRST FREEZE DATE
7007 ? N6,yymmdd [N6],yymmdd req=01,02  # HARVEST DATE
7008 ? X..3 req=01,02  # AQUATIC SPECIES
7009 ? X..10 req=01,02  # FISHING GEAR TYPE
7010 ? X..2 req=01,02  # PROD METHOD
7011 ? N6,yymmdd [N4],hhmi req=01,02  # TEST BY DATE
7020 ? X..20 req=01,8006 req=416  # REFURB LOT
7021 ? X..20 req=01,8006  # FUNC STAT
7022 ? X..20 req=7021  # REV STAT
7023 ? X..30,gcppos1  # GIAI - ASSEMBLY
7030 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 0
7031 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 1
7032 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 2
7033 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 3
7034 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 4
7035 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 5
7036 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 6
7037 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 7
7038 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 8
7039 ? N3,iso3166999 X..27 req=01,02  # PROCESSOR # 9
7040 N1 X1 X1 X1,importeridx  # UIC+EXT
7041 X..4,packagetype req=00  # UFRGT UNIT TYPE
710 ? X..20 req=01  # NHRN PZN
711 ? X..20 req=01  # NHRN CIP
712 ? X..20 req=01  # NHRN CN
713 ? X..20 req=01  # NHRN DRN
714 ? X..20 req=01  # NHRN AIM
715 ? X..20 req=01  # NHRN NDC
716 ? X..20 req=01  # NHRN AIC
717 ? X..20 req=01  # NHRN SRN
7230 ? X2 X..28 req=01,8004  # CERT # 1
7231 ? X2 X..28 req=01,8004  # CERT # 2
7232 ? X2 X..28 req=01,8004  # CERT # 3
7233 ? X2 X..28 req=01,8004  # CERT # 4
7234 ? X2 X..28 req=01,8004  # CERT # 5
7235 ? X2 X..28 req=01,8004  # CERT # 6
7236 ? X2 X..28 req=01,8004  # CERT # 7
7237 ? X2 X..28 req=01,8004  # CERT # 8
7238 ? X2 X..28 req=01,8004  # CERT # 9
7239 ? X2 X..28 req=01,8004  # CERT # 10
7240 ? X..20 req=01,8006  # PROTOCOL
7241 ? N2,mediatype req=8017,8018  # AIDC MEDIA TYPE
7242 ? X..25 req=8017,8018  # VCN
7250 ? N8,yyyymmdd req=8018 ex=7251  # DOB
7251 ? N8,yyyymmdd N4,hhmi req=8018 ex=7250  # DOB TIME
7252 ? N1,iso5218 req=8018  # BIO SEX
7253 ? X..40,pcenc req=8017,8018 ex=7256,7259  # FAMILY NAME
7254 ? X..40,pcenc req=8017,8018 ex=7256,7259  # GIVEN NAME
7255 ? X..10 req=8017,8018 ex=7256,7259  # SUFFIX
7256 ? X..90,pcenc req=8017,8018  # FULL NAME
7257 ? X..70,pcenc req=8018  # PERSON ADDR
7258 ? X3,posinseqslash req=8018+7259  # BIRTH SEQUENCE
7259 ? X..40,pcenc req=8018 ex=7256  # BABY
8001 ? N4,nonzero N5,nonzero N3,nonzero N1,winding N1 req=01  # DIMENSIONS
8002 ? X..20  # CMT No.
8003 ? N1,zero N13,csum,gcppos1 [X..16] dlpkey  # GRAI
8004 ? X..30,gcppos1 dlpkey=7040  # GIAI
8005 ? N6 req=01,02  # PRICE PER UNIT
8006 ? N14,csum,gcppos2 N4,pieceoftotal ex=01,37 dlpkey=22,10,21  # ITIP
8007 ? X..34,iban req=415  # IBAN
8008 ? N6,yymmdd N2,hh [N2],mi [N2],ss req=01,02  # PROD TIME
8009 ? X..50 req=00,01  # OPTSEN
8010 ? Y..30,gcppos1 dlpkey=8011  # CPID
8011 N..12,nozeroprefix req=8010  # CPID SERIAL
8012 ? X..20 req=01,8006  # VERSION
8013 ? X..25,csumalpha,gcppos1 dlpkey  # GMN
8014 X..25,csumalpha,gcppos1,hasnondigit req=01  # MUDI
8017 ? N18,csum,gcppos1 ex=8018 dlpkey=8019  # GSRN - PROVIDER
8018 ? N18,csum,gcppos1 ex=8017 dlpkey=8019  # GSRN - RECIPIENT
8019 N..10 req=8017,8018  # SRIN
8020 X..25 req=415  # REF No.
8026 ? N14,csum,gcppos2 N4,pieceoftotal req=37 ex=02,8006  # ITIP CONTENT
8030 ? Z..90 req=00,01+21,253,255,8003,8004,8006+21,8010+8011,8017,8018  # DIGSIG
8040 N15 req=01+21  # IMEI
8041 N15 req=01+21+8040  # IMEI2
8042 N32 req=01+21+8040  # ESIM
8043 N18 [N..2] req=01+21+8040  # PSIM
8110 ? X..70,couponcode
8111 ? N4 req=255  # POINTS
8112 ? X..70,couponposoffer
8200 X..70 req=01  # PRODUCT URL
90 ? X..30  # INTERNAL
91-99 ? X..90  # INTERNAL
"""

# Total length (AI digits + value) of the AIs in the predefined length table,
# keyed by their first two digits.
PREDEFINED_LENGTH = {
    "00": 20, "01": 16, "02": 16, "03": 16, "04": 18,
    "11": 8, "12": 8, "13": 8, "14": 8, "15": 8, "16": 8, "17": 8, "18": 8,
    "19": 8, "20": 4,
    "31": 10, "32": 10, "33": 10, "34": 10, "35": 10, "36": 10,
    "41": 16,
}

# Date formats, named after what the value holds.
DATE = "YYMMDD"
DATE_RANGE = "YYMMDD[YYMMDD]"
DATE_TIME = "YYMMDDHHMM"
DATE_OPTIONAL_TIME = "YYMMDD[HHMM]"
DATE_HOUR = "YYMMDDHH[MM[SS]]"
DATE_4 = "YYYYMMDD"
DATE_4_TIME = "YYYYMMDDHHMM"

# The date format an AI has, from the checks of its components.
_DATE_FORMATS = {
    ("yymmd0",): DATE, ("yymmdd",): DATE,
    ("yymmdd", "yymmdd"): DATE_RANGE,
    ("yymmdd", "hhmi"): DATE_TIME, ("yymmd0", "hhmi"): DATE_TIME,
    ("yymmdd", "[hhmi]"): DATE_OPTIONAL_TIME,
    ("yymmdd", "hh", "[mi]", "[ss]"): DATE_HOUR,
    ("yyyymmdd",): DATE_4, ("yyyymmdd", "hhmi"): DATE_4_TIME,
}

# What a day "00" (allowed by the yymmd0 check) stands for: the last day of
# the month for best-before, sell-by, expiry and "not after" dates, the
# first day for production, due, packaging and "not before" dates.
LAST_DAY = "last"
FIRST_DAY = "first"
_LAST_DAY_AIS = frozenset(["15", "16", "17", "4325"])

# Units of the trade and logistic measures 31nn-36nn (the 4th digit is the
# implied decimal position): 3103 000189 is 0.189 kg.
_UNITS = {
    "310": "kg", "311": "m", "312": "m", "313": "m", "314": "m2", "315": "l",
    "316": "m3", "320": "lb", "321": "in", "322": "ft", "323": "yd", "324": "in",
    "325": "ft", "326": "yd", "327": "in", "328": "ft", "329": "yd", "330": "kg",
    "331": "m", "332": "m", "333": "m", "334": "m2", "335": "l", "336": "m3",
    "337": "kg/m2", "340": "lb", "341": "in", "342": "ft", "343": "yd", "344": "in",
    "345": "ft", "346": "yd", "347": "in", "348": "ft", "349": "yd", "350": "in2",
    "351": "ft2", "352": "yd2", "353": "in2", "354": "ft2", "355": "yd2",
    "356": "oz t", "357": "oz", "360": "qt", "361": "gal", "362": "qt", "363": "gal",
    "364": "in3", "365": "ft3", "366": "yd3", "367": "in3", "368": "ft3", "369": "yd3",
}
# Amounts, prices, percentages with implied decimals in the last AI digit.
_DECIMAL_PREFIXES = ("390", "391", "392", "393", "394", "395")


class Component(namedtuple("Component", "cset min_length max_length optional linters")):
    """One part of an AI's value: character set ``N``/``X``/``Y``/``Z``,
    length range, whether it may be left out, and its content checks."""

    __slots__ = ()


_FIELDS = ("ai title min_length max_length numeric numeric_prefix "
           "check_digit charset date day_zero decimals unit iso_prefix "
           "components fnc1 dl_attribute dl_key dl_qualifiers requires excludes")


class AISpec(namedtuple("AISpec", _FIELDS)):
    """Format of one Application Identifier.

    ``components`` is the dictionary's definition; the other fields are
    derived from it for convenience. ``numeric`` means every character is a
    digit; ``numeric_prefix`` gives how many leading characters are digits
    when the rest is not (AI 421: ISO country code then postal code).
    ``check_digit`` is the length of the leading part that ends with a GS1
    mod-10 check digit (0 if none). ``iso_prefix`` is ``'currency'`` or
    ``'country'`` when the value starts with a 3-digit ISO 4217 / 3166 code.
    ``fnc1`` is True when a separator must follow the value if another
    element comes after it. ``dl_attribute`` tells whether the AI may be a
    Digital Link query parameter, ``dl_key`` whether it is a primary key,
    ``dl_qualifiers`` its alternative qualifier sequences. ``requires`` is a
    tuple of alternatives, each a tuple of AI patterns that must all be
    present (``n`` matches any digit); ``excludes`` the patterns that must
    not be present.
    """

    __slots__ = ()

    @property
    def fixed_length(self):
        return self.min_length == self.max_length

    @property
    def linters(self):
        """Names of all content checks of the AI."""
        return frozenset(name for component in self.components for name in component.linters)


def _parse_component(text):
    optional = text.startswith("[")
    kind, _sep, rest = text.partition(",") if not optional else (
        text[1:text.index("]")], "", text[text.index("]") + 2:])
    if optional and "," in kind:
        kind, _sep, rest = kind.partition(",")
    cset, length = kind[0], kind[1:]
    if length.startswith(".."):
        low, high = 1, int(length[2:])
    else:
        low = high = int(length)
    linters = tuple(name for name in rest.split(",") if name)
    return Component(cset, low, high, optional, linters)


def _ai_range(text):
    first, _sep, last = text.partition("-")
    last = last or first
    return [str(number).zfill(len(first)) for number in range(int(first), int(last) + 1)]


def _entries(dictionary):
    """``(ais, flags, components, attributes, title)`` per dictionary entry."""
    lines = []
    for line in dictionary.splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        elif line.strip() and not line.startswith("#"):
            lines.append(line)
    for line in lines:
        body, _sep, title = line.partition("#")
        tokens = body.split()
        ais = _ai_range(tokens.pop(0))
        flags = ""
        if tokens and not tokens[0][0].isalpha() and not tokens[0].startswith("["):
            flags = tokens.pop(0)
        components = [token for token in tokens
                      if token[0] in "NXYZ[" and "=" not in token and token != "dlpkey"]
        attributes = [token for token in tokens if token not in components]
        yield ais, flags, components, attributes, title.strip()


def _patterns(text):
    return tuple(tuple(group.split("+")) for group in text.split(","))


def _date_format(components):
    names = []
    for component in components:
        for name in component.linters:
            if name in ("yymmdd", "yymmd0", "yyyymmdd", "hhmi", "hh", "mi", "ss"):
                names.append("[%s]" % name if component.optional and name != "yymmdd"
                             else name)
    return _DATE_FORMATS.get(tuple(names), "")


def _make_spec(ai, flags, component_texts, attributes, title):
    components = tuple(_parse_component(text) for text in component_texts)
    mandatory = [component for component in components if not component.optional]
    min_length = sum(component.max_length if component.min_length == component.max_length
                     else component.min_length for component in mandatory)
    max_length = sum(component.max_length for component in components)
    numeric = all(component.cset == "N" for component in components)
    numeric_prefix = 0
    check_digit = 0
    position = 0
    for component in components:
        fixed = component.min_length == component.max_length and not component.optional
        if "csum" in component.linters:
            check_digit = position + component.max_length
        if component.cset == "N" and fixed and numeric_prefix == position:
            numeric_prefix = position + component.max_length
        position += component.max_length
    charset = {"Y": "39", "Z": "64"}.get(components[0].cset, "82")
    date = _date_format(components)
    day_zero = ""
    if any("yymmd0" in component.linters for component in components):
        day_zero = LAST_DAY if ai in _LAST_DAY_AIS else FIRST_DAY
    decimals = unit = None
    if ai[:3] in _UNITS:
        decimals, unit = int(ai[3]), _UNITS[ai[:3]]
    elif ai[:3] in _DECIMAL_PREFIXES:
        decimals = int(ai[3])
    iso_prefix = ""
    if "iso4217" in components[0].linters:
        iso_prefix = "currency"
    elif "iso3166" in components[0].linters and numeric_prefix:
        iso_prefix = "country"
    requires, excludes = (), ()
    dl_key, dl_qualifiers = False, ()
    for attribute in attributes:
        name, _sep, value = attribute.partition("=")
        if name == "req":
            # Repeated "req" attributes must each be satisfied.
            requires += (_patterns(value),)
        elif name == "ex":
            excludes += tuple(value.split(","))
        elif name == "dlpkey":
            dl_key = True
            dl_qualifiers = tuple(tuple(path.split(",")) for path in value.split("|")
                                  if value)
    return AISpec(ai, title, min_length, max_length, numeric,
                  0 if numeric else numeric_prefix, check_digit, charset, date, day_zero,
                  decimals, unit or "", iso_prefix, components, "*" not in flags,
                  "?" in flags, dl_key, dl_qualifiers, requires, excludes)


def build_table(dictionary):
    """``{ai: AISpec}`` from dictionary text in GS1's notation."""
    table = {}
    for ais, flags, components, attributes, title in _entries(dictionary):
        for ai in ais:
            table[ai] = _make_spec(ai, flags, components, attributes, title)
    return table


AI_SPECS = build_table(DICTIONARY)

# AI length by first two digits, derived from the table: used to name the
# AI in "unknown AI" messages with a plausible number of digits.
_AI_LENGTH_BY_PREFIX = {ai[:2]: len(ai) for ai in AI_SPECS}


def get_spec(ai):
    """The :class:`AISpec` of ``ai``, or None if the dictionary does not know it."""
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


def matches(pattern, ai):
    """True if ``ai`` matches a dictionary pattern such as ``31nn`` or ``01``."""
    return len(pattern) == len(ai) and all(
        want == "n" or want == have for want, have in zip(pattern, ai))
