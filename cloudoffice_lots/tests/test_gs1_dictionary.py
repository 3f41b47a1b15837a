"""Our AI table is GS1's Barcode Syntax Dictionary, AI for AI.

``data/gs1/gs1-syntax-dictionary.txt`` is the published dictionary file,
unchanged (see ``data/gs1/README.md`` for its source and licence). Every
entry of it is read here with a reader of its own, independent of the
package's, and compared with the table the package uses: the same AIs, the
same flags, components (character set, length, optional, content checks),
associations, Digital Link keys and titles. A new release of the dictionary
dropped in place shows exactly what changed.
"""
import os
import re

import pytest
from odoo.addons.cloudoffice_lots.gs1 import AI_SPECS, DICTIONARY_RELEASE, linters
from odoo.addons.cloudoffice_lots.gs1.ai import PREDEFINED_LENGTH, guess_ai, needs_separator

_PATH = os.path.join(os.path.dirname(__file__), "data", "gs1", "gs1-syntax-dictionary.txt")
with open(_PATH, encoding="utf-8") as _file:
    DICTIONARY_TEXT = _file.read()


def _published_entries():
    """``{ai: (flags, components, attributes, title)}`` as the file has them."""
    entries = {}
    for line in DICTIONARY_TEXT.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        body, _sep, title = line.partition("#")
        tokens = body.split()
        first, _dash, last = tokens[0].partition("-")
        ais = [str(n).zfill(len(first)) for n in range(int(first), int(last or first) + 1)]
        flags = tokens[1] if re.match(r"^[*?]+$", tokens[1]) else ""
        rest = tokens[2:] if flags else tokens[1:]
        components = [token for token in rest if re.match(r"^\[?[NXYZ]\d|^\[?[NXYZ]\.\.", token)]
        attributes = sorted(token for token in rest if token not in components)
        for ai in ais:
            entries[ai] = (flags, components, attributes, title.strip())
    return entries


PUBLISHED = _published_entries()


def _notation(component):
    """A component of ours written back in the dictionary's notation."""
    length = ("%d" % component.max_length if component.min_length == component.max_length
              else "..%d" % component.max_length)
    kind = component.cset + length
    if component.optional:
        kind = "[%s]" % kind
    return ",".join((kind,) + component.linters)


def _attributes(spec):
    attributes = []
    for alternatives in spec.requires:
        attributes.append("req=" + ",".join("+".join(group) for group in alternatives))
    if spec.excludes:
        attributes.append("ex=" + ",".join(spec.excludes))
    if spec.dl_key:
        attributes.append("dlpkey" + ("=" + "|".join(",".join(path) for path in spec.dl_qualifiers)
                                      if spec.dl_qualifiers else ""))
    return sorted(attributes)


def test_the_vendored_file_is_the_release_the_table_follows():
    assert "# Release: %s" % DICTIONARY_RELEASE in DICTIONARY_TEXT
    assert "Licensed under the Apache License, Version 2.0" in DICTIONARY_TEXT


def test_every_published_ai_is_in_our_table_and_no_other():
    missing = sorted(set(PUBLISHED) - set(AI_SPECS))
    extra = sorted(set(AI_SPECS) - set(PUBLISHED))
    assert (missing, extra) == ([], [])
    assert len(AI_SPECS) == 541
    # For example the release date of a shipment, new with this dictionary.
    assert AI_SPECS["4326"].title == "REL DATE"


@pytest.mark.parametrize("ai", sorted(PUBLISHED))
def test_format_and_flags_match_the_dictionary(ai):
    flags, components, attributes, title = PUBLISHED[ai]
    spec = AI_SPECS[ai]
    assert [_notation(component) for component in spec.components] == components
    assert (not spec.fnc1) == ("*" in flags)
    assert spec.dl_attribute == ("?" in flags)
    assert _attributes(spec) == attributes
    assert spec.title == title
    for component in spec.components:
        for name in component.linters:
            assert name in linters.LINTERS


@pytest.mark.parametrize("ai", sorted(PUBLISHED))
def test_separator_rule_agrees_with_the_predefined_length_table(ai):
    # The "*" flag and figure 7.8.5-2 of the General Specifications say the
    # same, and the predefined length is the value's length.
    spec = AI_SPECS[ai]
    assert needs_separator(ai) == spec.fnc1
    if not spec.fnc1:
        assert spec.fixed_length and len(ai) + spec.max_length == PREDEFINED_LENGTH[ai[:2]]


def test_ai_length_by_prefix_as_the_syntax_engine_has_it():
    # gs1-syntax-engine src/c-lib/ai.c, test_ai_checkAIlengthByPrefix.
    expected = {"00": 2, "01": 2, "02": 2, "10": 2, "11": 2, "17": 2, "20": 2, "21": 2,
                "22": 2, "23": 3, "24": 3, "25": 3, "30": 2, "31": 4, "36": 4, "37": 2,
                "39": 4, "40": 3, "41": 3, "42": 3, "43": 4, "70": 4, "71": 3, "72": 4,
                "80": 4, "81": 4, "82": 4, "90": 2, "91": 2, "99": 2}
    assert {prefix: len(guess_ai(prefix + "0000")) for prefix in expected} == expected
