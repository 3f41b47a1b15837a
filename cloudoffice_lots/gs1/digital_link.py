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
primary key, which makes a leading path prefix harmless. Short names of
earlier versions of the standard (``/gtin/...``, ``/lot/...``) are accepted;
links are always written with numeric AIs. Query parameters that are not
AIs (``linkType``, tracking tags) are ignored.

>>> build_digital_link('https://id.example.com', '9506000134352', lot='ABC/1',
...                    extra={'17': '261231'})
'https://id.example.com/01/09506000134352/10/ABC%2F1?17=261231'
>>> parse_digital_link('https://id.example.com/gtin/09506000134352/lot/ABC%2F1?17=261231')
[('01', '09506000134352'), ('10', 'ABC/1'), ('17', '261231')]
"""
from urllib.parse import quote, unquote, urlsplit

from .checkdigit import is_digits, to_gtin14
from .encoder import coerce_elements, validate_elements, validate_pairs
from .errors import (
    BAD_LINK,
    MSG_LINK_BASE,
    MSG_LINK_NO_KEY,
    MSG_LINK_PAIRS,
    MSG_LINK_QUALIFIER,
    GS1Error,
)

# Primary keys and the qualifier sequences allowed after each, in path order.
QUALIFIER_PATHS = {
    "01": (("22", "10", "21"), ("235",)),
    "8006": (("22", "10", "21"),),
    "8010": (("8011",),),
    "414": (("254",),),
    "8017": (("8019",),),
    "8018": (("8019",),),
    "00": (), "253": (), "255": (), "401": (), "402": (), "417": (),
    "8003": (), "8004": (), "8013": (),
}
PRIMARY_KEYS = frozenset(QUALIFIER_PATHS)
QUALIFIERS = frozenset(q for paths in QUALIFIER_PATHS.values()
                       for path in paths for q in path)

SHORT_NAMES = {
    "gtin": "01", "itip": "8006", "cpid": "8010", "gln": "414", "party": "417",
    "gsrnp": "8017", "gsrn": "8018", "gcn": "255", "sscc": "00", "gdti": "253",
    "ginc": "401", "gsin": "402", "grai": "8003", "giai": "8004",
    "cpv": "22", "lot": "10", "ser": "21", "cpsn": "8011", "glnx": "254",
    "srin": "8019",
}

_SCHEMES = ("http", "https")


def is_web_uri(text):
    """True if ``text`` starts like an http(s) URL (case-insensitive)."""
    return text[:8].lower().startswith(("http://", "https://"))


def _link_error(url, template, **params):
    text = url if len(url) <= 80 else url[:77] + "..."
    return GS1Error(BAD_LINK, template, dict(params, text=text), ai=params.get("ai"))


def _path_ai(segment):
    """The AI a path segment names (numeric or short name), or None."""
    ai = SHORT_NAMES.get(segment, segment)
    return ai if ai in PRIMARY_KEYS or ai in QUALIFIERS else None


def _split_path(url, path):
    """Path ``(ai, value)`` pairs: primary key first, then qualifiers."""
    segments = path.split("/")
    while segments and segments[-1] == "":
        # A trailing slash carries no data.
        segments.pop()
    pairs = []
    end = len(segments)
    while end >= 2:
        ai = _path_ai(segments[end - 2])
        if ai is None:
            break
        pairs.append((ai, unquote(segments[end - 1])))
        end -= 2
        if ai in PRIMARY_KEYS:
            pairs.reverse()
            return pairs
    if pairs:
        raise _link_error(url, MSG_LINK_PAIRS)
    raise _link_error(url, MSG_LINK_NO_KEY)


def _check_qualifiers(url, pairs):
    key = pairs[0][0]
    qualifiers = [ai for ai, _value in pairs[1:]]
    if not qualifiers:
        return
    for path in QUALIFIER_PATHS[key]:
        positions = [path.index(ai) if ai in path else -1 for ai in qualifiers]
        if -1 not in positions and positions == sorted(set(positions)):
            return
    raise _link_error(url, MSG_LINK_QUALIFIER, ai=qualifiers[0], key=key)


def _split_query(query):
    pairs = []
    for parameter in query.split("&"):
        name, _sep, value = parameter.partition("=")
        name = unquote(name)
        # Only numeric names are AIs; linkType, utm_* and the like are not data.
        if is_digits(name):
            pairs.append((name, unquote(value)))
    return pairs


def looks_like_digital_link(url):
    """True if ``url`` is an http(s) URL whose path ends with GS1 key pairs."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return False
    try:
        _split_path(url, parts.path)
    except GS1Error:
        return False
    return True


def parse_digital_link(url, today=None, strict=True):
    """Elements of a GS1 Digital Link URI as ``(ai, value)`` pairs, validated.

    GTIN-8/12/13 in the path are padded to 14 digits. In strict mode the
    qualifiers must be allowed for the primary key and in standard order.

    :raises GS1Error: ``bad_link`` for a URL that is not a Digital Link, or
        any element error (``check_digit``, ``bad_date``...)
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        raise _link_error(url, MSG_LINK_BASE)
    pairs = _split_path(url, parts.path)
    if strict:
        _check_qualifiers(url, pairs)
    pairs += _split_query(parts.query)
    pairs = [(ai, _pad_gtin(value) if ai == "01" else value) for ai, value in pairs]
    # Not validate_elements: its coercion checks every AI first and would
    # report an unknown query parameter before a bad GTIN earlier in the link.
    return validate_pairs(pairs, today)


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
    # segments and query values alike, so no value can be misread as syntax.
    return quote(value, safe="")


def elements_to_digital_link(base_url, elements, today=None):
    """Digital Link for any elements that include a primary key.

    The first element that is a primary key goes to the path with its
    qualifiers (in standard order); all other elements become query
    parameters, in the order given.
    """
    base = _normalise_base(base_url)
    pairs = validate_elements(elements, today)
    values = dict(pairs)
    key = next((ai for ai, _value in pairs if ai in PRIMARY_KEYS), None)
    if key is None:
        raise _link_error(base, MSG_LINK_NO_KEY)
    path_ais = [key]
    for path in QUALIFIER_PATHS[key]:
        present = [ai for ai in path if ai in values]
        if present:
            path_ais += present
            break
    segments = ["%s/%s" % (ai, _encode(values[ai])) for ai in path_ais]
    query = ["%s=%s" % (ai, _encode(value)) for ai, value in pairs if ai not in path_ais]
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

