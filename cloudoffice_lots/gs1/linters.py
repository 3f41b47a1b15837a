"""The content checks ("linters") of the GS1 Barcode Syntax Dictionary.

Each entry of the dictionary (see :mod:`.ai`) names, per component of an
AI's value, the checks that GS1's reference implementation runs on it
(``csum``, ``yymmd0``, ``iso3166``...). This module is their plain-Python
counterpart: :data:`LINTERS` maps a check's name to a function that takes
the component's text and returns None when it is fine, or
``(problem, start, end)``: a problem code and the part of the component
that is wrong. :mod:`.validation` turns that into a message for the user.

Dates: day ``00`` is allowed by ``yymmd0`` (the last day of the month for
expiry-like dates); two-digit years follow the century rule of
:func:`.validation.resolve_year`. The GS1 Company Prefix checks
(``gcppos1``/``gcppos2``) do what the reference implementation does without
an online prefix list: the first four digits must be digits.

The coupon checks (``couponcode``, ``couponposoffer``, North American
coupons) are not implemented: those AIs are checked for length and
characters only.

>>> LINTERS['csum']('09506000134352'), LINTERS['csum']('09506000134353')
(None, ('check_digit', 13, 14))
>>> LINTERS['iso3166']('752'), LINTERS['iso4217']('999'), LINTERS['yesno']('2')
(None, None, ('bad_part', 0, 1))
"""
from .checkdigit import check_digit

# Code lists, copied from the reference linters of the GS1 Barcode Syntax
# Dictionary (release 2026-01-27).
ISO3166 = frozenset("""
    004 008 010 012 016 020 024 028 031 032 036 040 044 048 050 051 052 056 060 064 068
    070 072 074 076 084 086 090 092 096 100 104 108 112 116 120 124 132 136 140 144 148
    152 156 158 162 166 170 174 175 178 180 184 188 191 192 196 203 204 208 212 214 218
    222 226 231 232 233 234 238 239 242 246 248 250 254 258 260 262 266 268 270 275 276
    288 292 296 300 304 308 312 316 320 324 328 332 334 336 340 344 348 352 356 360 364
    368 372 376 380 384 388 392 398 400 404 408 410 414 417 418 422 426 428 430 434 438
    440 442 446 450 454 458 462 466 470 474 478 480 484 492 496 498 499 500 504 508 512
    516 520 524 528 531 533 534 535 540 548 554 558 562 566 570 574 578 580 581 583 584
    585 586 591 598 600 604 608 612 616 620 624 626 630 634 638 642 643 646 652 654 659
    660 662 663 666 670 674 678 682 686 688 690 694 702 703 704 705 706 710 716 724 728
    729 732 740 744 748 752 756 760 762 764 768 772 776 780 784 788 792 795 796 798 800
    804 807 818 826 831 832 833 834 840 850 854 858 860 862 876 882 887 894
""".split())
ISO4217 = frozenset("""
    008 012 032 036 044 048 050 051 052 060 064 068 072 084 090 096 104 108 116 124 132
    136 144 152 156 170 174 188 192 203 208 214 222 230 232 238 242 262 270 292 320 324
    328 332 340 344 348 352 356 360 364 368 376 388 392 396 398 400 404 408 410 414 417
    418 422 426 430 434 446 454 458 462 480 484 496 498 504 512 516 524 532 533 548 554
    558 566 578 586 590 598 600 604 608 634 643 646 654 682 690 702 704 706 710 728 748
    752 756 760 764 776 780 784 788 800 807 818 826 834 840 858 860 882 886 901 924 925
    926 927 928 929 930 933 934 936 938 940 941 943 944 946 947 948 949 950 951 952 953
    955 956 957 958 959 960 961 962 963 964 965 967 968 969 970 971 972 973 975 976 977
    978 979 980 981 984 985 986 990 994 997 999
""".split())
ISO3166_ALPHA2 = frozenset("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
PACKAGE_TYPES = frozenset("""
    1A 1B 1D 1F 1G 1W 200 201 202 203 204 205 206 210 211 212 2C 3A 3H 43 44 4A 4B 4C 4D
    4F 4G 4H 5H 5L 5M 6H 6P 7A 7B 8 8A 8B 8C 9 AA AB AC AD AF AG AH AI AJ AL AM AP APE
    AT AV B4 BB BC BD BE BF BG BGE BH BI BJ BK BL BM BME BN BO BP BQ BR BRI BS BT BU BV
    BW BX BY BZ CA CB CBL CC CCE CD CE CF CG CH CI CJ CK CL CM CN CO CP CQ CR CS CT CU
    CV CW CX CY CZ DA DB DC DG DH DI DJ DK DL DM DN DP DPE DR DS DT DU DV DW DX DY E1 E2
    E3 EC ED EE EF EG EH EI EN FB FC FD FE FI FL FO FOB FP FPE FR FT FW FX GB GI GL GR
    GU GY GZ HA HB HC HG HN HR IA IB IC ID IE IF IG IH IK IL IN IZ JB JC JG JR JT JY KG
    KI LAB LE LG LT LU LV LZ MA MB MC ME MPE MR MS MT MW MX NA NE NF NG NS NT NU NV OA
    OB OC OD OE OF OK OPE OT OU P2 PA PAE PB PC PD PE PF PG PH PI PJ PK PL PLP PN PO POP
    PP PPE PR PT PU PUE PV PX PY PZ QA QB QC QD QF QG QH QJ QK QL QM QN QP QQ QR QS RB1
    RB2 RB3 RCB RD RG RJ RK RL RO RT RZ S1 SA SB SC SD SE SEC SH SI SK SL SM SO SP SS ST
    STL SU SV SW SX SY SZ T1 TB TC TD TE TEV TG THE TI TK TL TN TO TR TRE TS TT TTE TU
    TV TW TWE TY TZ UC UN UUE VA VG VI VK VL VN VO VP VQ VR VS VY WA WB WC WD WF WG WH
    WJ WK WL WM WN WP WQ WR WRP WS WT WU WV WW WX WY WZ X11 X12 X15 X16 X17 X18 X19 X20
    X3 XA XB XC XD XF XG XH XJ XK YA YB YC YD YF YG YH YJ YK YL YM YN YP YQ YR YS YT YV
    YW YX YY YZ ZA ZB ZC ZD ZF ZG ZH ZJ ZK ZL ZM ZN ZP ZQ ZR ZS ZT ZU ZV ZW ZX ZY ZZ
""".split())

CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
    "abcdefghijklmnopqrstuvwxyz")
CSET39 = frozenset("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
CSET64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

# Media types of AI 7241 (ICCBBA assignments and local use).
MEDIA_TYPES = frozenset(["%02d" % n for n in range(1, 11)] + [str(n) for n in range(80, 100)])

_CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_CSET82_ORDER = ("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
                 "abcdefghijklmnopqrstuvwxyz")
_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
           73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151,
           157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233,
           239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317,
           331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419,
           421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509]
GCP_MIN_LENGTH = 4
_IBAN_MIN_LENGTH = 10
_IBAN_MAX_LENGTH = 34

BAD_PART = "bad_part"


def _digits(text):
    return bool(text) and all("0" <= char <= "9" for char in text)


def _whole(text):
    return (BAD_PART, 0, len(text))


def csum(text):
    """GS1 mod-10 check digit in the last position."""
    if not _digits(text) or len(text) < 2:
        return _whole(text)
    if check_digit(text[:-1]) != int(text[-1]):
        return ("check_digit", len(text) - 1, len(text))
    return None


def check_pair(text):
    """The two check characters of a GMN (AI 8013), or None if ``text`` is too short."""
    if len(text) < 2 or len(text) > len(_PRIMES) + 2:
        return None
    if len(text) == 2:
        return "22"
    total = 0
    for index, char in enumerate(text[:-2]):
        weight = _CSET82_ORDER.find(char)
        if weight < 0:
            return None
        total += weight * _PRIMES[len(text) - 3 - index]
    total %= 1021
    return _CSET32[total >> 5] + _CSET32[total & 31]


def csumalpha(text):
    expected = check_pair(text)
    if expected is None:
        return _whole(text)
    if text[-2:] != expected:
        return ("check_pair", len(text) - 2, len(text))
    return None


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _check_yyyymmdd(text, year, day_zero):
    month, day = int(text[-4:-2]), int(text[-2:])
    if not 1 <= month <= 12:
        return ("bad_date", len(text) - 4, len(text) - 2)
    days = [31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if day > days[month - 1] or (day == 0 and not day_zero):
        return ("bad_date", len(text) - 2, len(text))
    return None


def _two_digit_year(text, today):
    # Imported here: validation imports this module.
    from .validation import resolve_year
    return resolve_year(int(text[:2]), today)


def _yymmdd(day_zero):
    def lint(text, today=None):
        if len(text) != 6 or not _digits(text):
            return _whole(text)
        return _check_yyyymmdd(text, _two_digit_year(text, today), day_zero)
    return lint


def _yyyymmdd(day_zero):
    def lint(text, today=None):
        if len(text) != 8 or not _digits(text):
            return _whole(text)
        return _check_yyyymmdd(text, int(text[:4]), day_zero)
    return lint


def _number_below(limit, length):
    def lint(text):
        if len(text) != length or not _digits(text) or int(text) >= limit:
            return _whole(text)
        return None
    return lint


def hhmi(text):
    if len(text) != 4 or not _digits(text):
        return _whole(text)
    if int(text[:2]) > 23:
        return ("bad_time", 0, 2)
    if int(text[2:]) > 59:
        return ("bad_time", 2, 4)
    return None


def _time_part(limit):
    def lint(text):
        if len(text) != 2 or not _digits(text) or int(text) > limit:
            return ("bad_time", 0, len(text))
        return None
    return lint


def _in(codes):
    def lint(text):
        return None if text in codes else _whole(text)
    return lint


def iso3166999(text):
    return None if text == "999" or text in ISO3166 else _whole(text)


def iban(text):
    """ISO 13616 IBAN: country code, then mod-97 of the rearranged text is 1."""
    if len(text) < 4 or text[:2] not in ISO3166_ALPHA2:
        return (BAD_PART, 0, min(len(text), 2))
    if not _IBAN_MIN_LENGTH < len(text) <= _IBAN_MAX_LENGTH:
        return _whole(text)
    total = 0
    for index in list(range(4, len(text))) + list(range(4)):
        char = text[index]
        if "0" <= char <= "9":
            total = (total * 10 + int(char)) % 97
        elif "A" <= char <= "Z":
            total = (total * 100 + ord(char) - 55) % 97
        else:
            return (BAD_PART, index, index + 1)
    return None if total == 1 else ("bad_iban", 2, 4)


def gcppos1(text):
    """A GS1 Company Prefix starts the text: at least its four first digits."""
    if len(text) < GCP_MIN_LENGTH:
        return _whole(text)
    for index in range(GCP_MIN_LENGTH):
        if not "0" <= text[index] <= "9":
            return (BAD_PART, index, index + 1)
    return None


def gcppos2(text):
    problem = gcppos1(text[1:])
    if len(text) < 2 or problem is not None:
        return _whole(text)
    return None


def nonzero(text):
    return None if _digits(text) and text.strip("0") else _whole(text)


def zero(text):
    return None if text == "0" else _whole(text)


def nozeroprefix(text):
    return _whole(text) if text[:1] == "0" else None


def hasnondigit(text):
    return None if any(not "0" <= char <= "9" for char in text) else _whole(text)


def hyphen(text):
    return None if text and text == "-" * len(text) else _whole(text)


def pcenc(text):
    """Percent-encoded text: every ``%`` starts two hexadecimal digits."""
    hexdigits = "0123456789abcdefABCDEF"
    for index, char in enumerate(text):
        if char == "%":
            if index + 2 >= len(text) or text[index + 1] not in hexdigits \
                    or text[index + 2] not in hexdigits:
                return (BAD_PART, index, min(index + 3, len(text)))
    return None


def pieceoftotal(text):
    """Piece number then total count, both of half the length, 0 < piece <= total."""
    half = len(text) // 2
    if not _digits(text) or len(text) % 2:
        return _whole(text)
    piece, total = text[:half], text[half:]
    if not piece.strip("0"):
        return (BAD_PART, 0, half)
    if not total.strip("0"):
        return (BAD_PART, half, len(text))
    if piece > total:
        return _whole(text)
    return None


def posinseqslash(text):
    """Position in a sequence, ``<position>/<end>`` without leading zeros."""
    position, slash, end = text.partition("/")
    if not slash or not _digits(position) or not _digits(end):
        return _whole(text)
    if position[0] == "0":
        return (BAD_PART, 0, 1)
    if end[0] == "0":
        return (BAD_PART, len(position) + 1, len(position) + 2)
    if (len(position), position) > (len(end), end):
        return _whole(text)
    return None


def importeridx(text):
    char_ok = len(text) == 1 and (text in "-_" or text.isalnum()) and ord(text) < 128
    return None if char_ok else _whole(text)


def cset64(text):
    """base64url characters, with at most two ``=`` of padding."""
    stripped = text.rstrip("=")
    pads = len(text) - len(stripped)
    if pads > 2 or (pads and len(text) % 3):
        return (BAD_PART, len(stripped), len(text))
    for index, char in enumerate(stripped):
        if char not in CSET64:
            return ("bad_char", index, index + 1)
    return None


# Checks that need the reference date (two-digit years).
DATE_LINTERS = frozenset(["yymmdd", "yymmd0"])

LINTERS = {
    "csum": csum,
    "csumalpha": csumalpha,
    "gcppos1": gcppos1,
    "gcppos2": gcppos2,
    "yymmdd": _yymmdd(False),
    "yymmd0": _yymmdd(True),
    "yyyymmdd": _yyyymmdd(False),
    "yyyymmd0": _yyyymmdd(True),
    "hhmi": hhmi,
    "hh": _time_part(23),
    "mi": _time_part(59),
    "ss": _time_part(59),
    "iso3166": _in(ISO3166),
    "iso3166999": iso3166999,
    "iso3166alpha2": _in(ISO3166_ALPHA2),
    "iso4217": _in(ISO4217),
    "iso5218": _in(frozenset("0129")),
    "yesno": _in(frozenset("01")),
    "winding": _in(frozenset("019")),
    "mediatype": _in(MEDIA_TYPES),
    "packagetype": _in(PACKAGE_TYPES),
    "iban": iban,
    "nonzero": nonzero,
    "zero": zero,
    "nozeroprefix": nozeroprefix,
    "hasnondigit": hasnondigit,
    "hyphen": hyphen,
    "pcenc": pcenc,
    "pieceoftotal": pieceoftotal,
    "posinseqslash": posinseqslash,
    "importeridx": importeridx,
    "latitude": _number_below(1800000001, 10),
    "longitude": _number_below(3600000001, 10),
    # Not implemented (see the module documentation): always accepted.
    "couponcode": lambda text: None,
    "couponposoffer": lambda text: None,
}
