"""GS1 Digital Link URIs (uncompressed form).

A Digital Link carries GS1 elements in an ordinary web address::

    https://id.example.com/01/09506000134352/10/ABC%2F1?17=261231

The path holds one *primary key* (here 01, the GTIN) followed by its *key
qualifiers* in a fixed order (for a GTIN: 22 variant, 10 lot, 21 serial);
every other element (dates, measures...) is a *data attribute* in the query
string. Values are percent-encoded (RFC 3986), so a ``/`` in a lot number
becomes ``%2F``. Any domain and any path before the primary key are allowed:
the link belongs to whoever prints it.

Reading scans the path from its end in (AI, value) pairs until it meets a
primary key, which makes a leading path prefix harmless. The rules are those
of the standard and of GS1's syntax engine, taken from the GS1 Barcode
Syntax Dictionary (see :mod:`.ai`): which AIs are primary keys and which
qualifiers may follow each, in which order; only AIs flagged as data
attributes may be query parameters, and not a qualifier that belongs in the
path (``/01/.../?10=ABC`` is wrong, ``/01/.../235/...?10=ABC`` is fine); no
AI twice; no empty value; no trailing slash; ``+`` in the query is a space
(in the path a plus sign); a numeric query parameter must be a known AI,
while others (``linkType``, tracking tags) are ignored, as is the fragment.
Short names of earlier versions of the standard (``/gtin/...``,
``/lot/...``) and GTIN-8/12/13 are accepted; links are always written with
numeric AIs and GTIN-14.

>>> build_digital_link('https://id.example.com', '9506000134352', lot='ABC/1',
...                    extra={'17': '261231'})
'https://id.example.com/01/09506000134352/10/ABC%2F1?17=261231'
>>> parse_digital_link('https://id.example.com/gtin/09506000134352/lot/ABC%2F1?17=261231')
[('01', '09506000134352'), ('10', 'ABC/1'), ('17', '261231')]
"""
from urllib.parse import quote, unquote_to_bytes, urlsplit

from .ai import AI_SPECS, get_spec
from .associations import check_exclusions
from .checkdigit import is_digits, to_gtin14
from .encoder import coerce_elements, order_elements, validate_elements, validate_pairs
from .errors import (
    BAD_CHAR,
    BAD_LINK,
    DUPLICATE_AI,
    MSG_LINK_BASE,
    MSG_LINK_CHARS,
    MSG_LINK_EMPTY,
    MSG_LINK_IN_PATH,
    MSG_LINK_NO_KEY,
    MSG_LINK_NOT_ATTRIBUTE,
    MSG_LINK_PAIRS,
    MSG_LINK_QUALIFIER,
    MSG_LINK_REPEATED,
    MSG_LINK_SLASH,
    GS1Error,
    describe_char,
)

# Primary keys and the qualifier sequences allowed after each, in path order,
# from the "dlpkey" attributes of the GS1 Barcode Syntax Dictionary.
QUALIFIER_PATHS = {ai: spec.dl_qualifiers for ai, spec in AI_SPECS.items() if spec.dl_key}
PRIMARY_KEYS = frozenset(QUALIFIER_PATHS)
QUALIFIERS = frozenset(q for paths in QUALIFIER_PATHS.values()
                       for path in paths for q in path)

# Short names of early versions of the standard ("convenience alphas"),
# still read, never written.
SHORT_NAMES = {
    "gtin": "01", "itip": "8006", "cpid": "8010", "gln": "414", "party": "417",
    "gsrnp": "8017", "gsrn": "8018", "gcn": "255", "sscc": "00", "gdti": "253",
    "ginc": "401", "gsin": "402", "grai": "8003", "giai": "8004", "gmn": "8013",
    "cpv": "22", "lot": "10", "ser": "21", "cpsn": "8011", "glnx": "254",
    "srin": "8019", "refno": "8020",
}

# Characters RFC 3986 allows in a URI (percent sign included).
_URI_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "-._~:/?#[]@!$&'()*+,;=%")
# URI characters that cannot be part of a host name (or IP address, port).
_BAD_HOST_CHARS = frozenset("_~?#@!$&'()*+,;=%")
_SCHEMES = ("https://", "http://", "HTTPS://", "HTTP://")


def is_web_uri(text):
    """True if ``text`` starts like an http(s) URL (case-insensitive)."""
    return text[:8].lower().startswith(("http://", "https://"))


def _shown(url):
    """``url`` short enough for a message."""
    return url if len(url) <= 80 else url[:77] + "..."


def _link_error(url, template, **params):
    return GS1Error(BAD_LINK, template, dict(params, text=_shown(url)), ai=params.get("ai"))


def _title(ai):
    spec = get_spec(ai)
    return spec.title if spec else ""


def _path_ai(segment):
    """The AI a path segment names (numeric or short name), or None."""
    ai = SHORT_NAMES.get(segment, segment)
    return ai if ai in AI_SPECS else None


def _split_url(url):
    """``(path, query)`` of an http(s) URL; the fragment is dropped."""
    for index, char in enumerate(url):
        if char not in _URI_CHARS:
            raise GS1Error(BAD_CHAR, MSG_LINK_CHARS,
                           {"text": _shown(url),
                            "char": describe_char(char)}, position=index)
    scheme = next((scheme for scheme in _SCHEMES if url.startswith(scheme)), None)
    if scheme is None:
        raise _link_error(url, MSG_LINK_BASE)
    rest = url[len(scheme):]
    host, slash, rest = rest.partition("/")
    if not host or not slash or any(char in _BAD_HOST_CHARS for char in host):
        raise _link_error(url, MSG_LINK_BASE)
    rest = rest.partition("#")[0]
    path, _sep, query = rest.partition("?")
    return "/" + path, query


def _unescape(url, ai, text, query):
    """Percent-decoded ``text``; ``+`` is a space in the query only."""
    if query:
        text = text.replace("+", " ")
    try:
        value = unquote_to_bytes(text).decode("utf-8")
    except UnicodeDecodeError:
        value = unquote_to_bytes(text).decode("latin-1")
    if "\x00" in value:
        raise GS1Error(BAD_CHAR, MSG_LINK_CHARS,
                       {"text": _shown(url),
                        "char": describe_char("\x00")}, ai=ai)
    return value


def _split_path(url, path, strict=True):
    """Path ``(ai, value)`` pairs: primary key first, then qualifiers.

    The path is read from its end, pair by pair, until a primary key is
    found; what comes before it is the link's own (any path of the domain).
    """
    segments = path.split("/")[1:]
    if segments and segments[-1] == "":
        if strict:
            raise _link_error(url, MSG_LINK_SLASH)
        while segments and segments[-1] == "":
            segments.pop()
    pairs = []
    end = len(segments)
    while end >= 2:
        ai = _path_ai(segments[end - 2])
        if ai is None:
            break
        pairs.append((ai, segments[end - 1]))
        end -= 2
        if ai in PRIMARY_KEYS:
            pairs.reverse()
            for pair_ai, value in pairs:
                if not value:
                    raise _link_error(url, MSG_LINK_EMPTY, ai=pair_ai, title=_title(pair_ai))
            return [(pair_ai, _unescape(url, pair_ai, value, False))
                    for pair_ai, value in pairs]
    if pairs:
        raise _link_error(url, MSG_LINK_PAIRS)
    raise _link_error(url, MSG_LINK_NO_KEY)


def valid_path(ais):
    """True if ``ais`` (primary key, then qualifiers) is a valid path sequence."""
    key, qualifiers = ais[0], list(ais[1:])
    if key not in QUALIFIER_PATHS:
        return False
    if not qualifiers:
        return True
    for path in QUALIFIER_PATHS[key]:
        positions = [path.index(ai) if ai in path else -1 for ai in qualifiers]
        if -1 not in positions and positions == sorted(set(positions)):
            return True
    return False


def _check_qualifiers(url, pairs):
    ais = [ai for ai, _value in pairs]
    if not valid_path(ais):
        raise _link_error(url, MSG_LINK_QUALIFIER, ai=ais[1], key=ais[0])


def _split_query(url, query):
    pairs = []
    for parameter in query.split("&"):
        name, equals, value = parameter.partition("=")
        # Only numeric names are AIs; linkType, utm_* and the like are not data.
        if not equals or not is_digits(name):
            continue
        if name not in AI_SPECS:
            # A number that is not an AI is an error, not an ignored parameter.
            validate_pairs([(name, value)])
        if not value:
            raise _link_error(url, MSG_LINK_EMPTY, ai=name, title=_title(name))
        pairs.append((name, _unescape(url, name, value, True)))
    return pairs


def _check_attributes(url, path_ais, pairs, strict=True):
    seen = set()
    for ai, _value in pairs:
        if ai in seen:
            raise GS1Error(DUPLICATE_AI, MSG_LINK_REPEATED,
                           {"text": _shown(url),
                            "ai": ai, "title": _title(ai)}, ai=ai)
        seen.add(ai)
    if not strict:
        # At the dock: a lot or serial in the query of a supplier's link is
        # still the lot or serial, even if GS1 wants it in the path.
        return
    for ai, _value in pairs[len(path_ais):]:
        if not AI_SPECS[ai].dl_attribute:
            raise _link_error(url, MSG_LINK_NOT_ATTRIBUTE, ai=ai, title=_title(ai))
        # An attribute that would make a valid longer path belongs in the path.
        for index in range(1, len(path_ais) + 1):
            if valid_path(path_ais[:index] + [ai] + path_ais[index:]):
                raise _link_error(url, MSG_LINK_IN_PATH, ai=ai, title=_title(ai))


def looks_like_digital_link(url):
    """True if ``url`` is an http(s) URL whose path ends with GS1 key pairs."""
    try:
        path, _query = _split_url(url.strip())
        _split_path(url, path, strict=False)
    except GS1Error:
        return False
    return True


def parse_digital_link(url, today=None, strict=True):
    """Elements of a GS1 Digital Link URI as ``(ai, value)`` pairs, validated.

    Follows the GS1 Digital Link standard and GS1's syntax engine: the path
    must end with a primary key and its qualifiers in the dictionary's
    order; query parameters with numeric names must be AIs that may be data
    attributes, and not ones that belong in the path; no AI twice; ``+``
    in the query is a space. GTIN-8/12/13 in the path are padded to 14
    digits. When not strict (scanning), qualifiers are accepted in any
    order and in the query, trailing slashes are ignored and AIs that
    exclude each other are accepted together (see :func:`.parser.parse`).

    :raises GS1Error: ``bad_link`` for a URL that is not a Digital Link, or
        any element error (``check_digit``, ``bad_date``...)
    """
    url = url.strip()
    path, query = _split_url(url)
    pairs = _split_path(url, path, strict)
    path_ais = [ai for ai, _value in pairs]
    if strict:
        _check_qualifiers(url, pairs)
    pairs += _split_query(url, query)
    pairs = [(ai, _pad_gtin(value) if ai == "01" else value) for ai, value in pairs]
    _check_attributes(url, path_ais, pairs, strict)
    # Not validate_elements: its coercion checks every AI first and would
    # report an unknown query parameter before a bad GTIN earlier in the link.
    pairs = validate_pairs(pairs, today)
    if strict:
        check_exclusions(pairs)
    return pairs


def _pad_gtin(value):
    if len(value) in (8, 12, 13) and value.isdigit():
        return value.rjust(14, "0")
    return value


def _normalise_base(base_url):
    base = (base_url or "").strip()
    if not is_web_uri(base) or not urlsplit(base).netloc:
        raise _link_error(base, MSG_LINK_BASE)
    return base.rstrip("/")


def _encode(value):
    # Everything but RFC 3986 unreserved characters is escaped, in path
    # segments and query values alike, so no value can be misread as syntax
    # ("~" listed: Python before 3.7 escapes it).
    return quote(value, safe="~")


def _best_path(key, values):
    """The qualifiers to put in the path: the longest sequence the data
    satisfies, the dictionary's first alternative on a tie."""
    best = []
    for path in QUALIFIER_PATHS[key]:
        present = [ai for ai in path if ai in values]
        if len(present) > len(best):
            best = present
    return best


def elements_to_digital_link(base_url, elements, today=None):
    """Digital Link for any elements that include a primary key.

    The first element that is a primary key goes to the path with as many
    of its qualifiers as the data has (in standard order); all other
    elements become query parameters, those of predefined length first,
    each group in the order given, as GS1's syntax engine writes them.
    """
    base = _normalise_base(base_url)
    pairs = validate_elements(elements, today)
    check_exclusions(pairs)
    values = dict(pairs)
    key = next((ai for ai, _value in pairs if ai in PRIMARY_KEYS), None)
    if key is None:
        raise _link_error(base, MSG_LINK_NO_KEY)
    path_ais = [key] + _best_path(key, values)
    attributes = [(ai, value) for ai, value in pairs if ai not in path_ais]
    for ai, _value in attributes:
        if not AI_SPECS[ai].dl_attribute:
            raise _link_error(base, MSG_LINK_NOT_ATTRIBUTE, ai=ai, title=_title(ai))
    segments = ["%s/%s" % (ai, _encode(values[ai])) for ai in path_ais]
    query = ["%s=%s" % (ai, _encode(value)) for ai, value in order_elements(attributes)]
    url = "%s/%s" % (base, "/".join(segments))
    return url + ("?" + "&".join(query) if query else "")


def build_digital_link(base_url, gtin, lot=None, serial=None, extra=None, today=None):
    """Digital Link for a trade item: ``<base>/01/<GTIN-14>[/22/..][/10/lot][/21/serial]``.

    :param gtin: GTIN-8, -12, -13 or -14 (validated, written as GTIN-14)
    :param extra: further elements, mapping or pairs; 22 (variant) joins the
        path, the rest (15, 17, 11, 3103...) the query string
    """
    elements = [("01", to_gtin14(str(gtin)))]
    if lot is not None:
        elements.append(("10", lot))
    if serial is not None:
        elements.append(("21", serial))
    if extra:
        elements += coerce_elements(extra)
    return elements_to_digital_link(base_url, elements, today)

