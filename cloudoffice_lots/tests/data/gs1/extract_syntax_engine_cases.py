"""Extract the test vectors of GS1's Barcode Syntax Engine into JSON.

Usage (from a checkout of github.com/gs1/gs1-syntax-engine)::

    python3 extract_syntax_engine_cases.py ENGINE_CHECKOUT COMMIT > syntax_engine_cases.json

The unit tests of the engine's C library (src/c-lib/ai.c, dl.c and
scandata.c, inside ``#ifdef UNIT_TESTS``) are calls such as
``test_parseDLuri(true, "https://a/01/12312312312333", "^0112312312312333")``.
This script reads those calls with their options (zero-suppressed GTINs,
convenience alphas, unknown AIs) as set by the lines before them, and keeps
the file and line of each, so that every case in our suite names its source.
Cases built in C loops (buffer limits) are not literal calls and are left out.
"""
import json
import re
import sys

_STRING = r'"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*'


def _c_string(text):
    """The value of one or more adjacent C string literals."""
    return "".join(_c_literal(part) for part in re.findall(r'"((?:[^"\\]|\\.)*)"', text))


def _c_literal(raw):
    """One C string literal's body, escapes resolved (hex escapes are greedy,
    which is why C code splits literals after them)."""
    out = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\":
            nxt = raw[index + 1]
            if nxt == "x":
                match = re.match(r"[0-9A-Fa-f]+", raw[index + 2:])
                out.append(chr(int(match.group(0), 16)))
                index += 2 + len(match.group(0))
                continue
            out.append({"n": "\n", "t": "\t", "\\": "\\", '"': '"', "0": "\0"}[nxt])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _source_lines(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().split("\n")


def _calls(lines, name, first_line):
    """``(line number, argument text, options)`` of each call to ``name``."""
    options = dict.fromkeys(("zero_suppressed_gtin", "convenience_alphas", "unknown_ais",
                             "unknown_ai_dl_attributes"), False)
    text = "\n".join(lines)
    pattern = re.compile(
        r"gs1_encoder_setPermitZeroSuppressedGTINinDLuris\(ctx, (true|false)\)"
        r"|ctx->permitConvenienceAlphas = (true|false)"
        r"|gs1_encoder_setPermitUnknownAIs\(ctx, (true|false)\)"
        r"|gs1_encoder_vUNKNOWN_AI_NOT_DL_ATTR, (true|false)\)"
        r"|(gs1_encoder_unit_test_init)"
        r"|\b" + name + r"\((.*?)\);", re.S)
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line < first_line:
            continue
        if match.group(1):
            options["zero_suppressed_gtin"] = match.group(1) == "true"
        elif match.group(2):
            options["convenience_alphas"] = match.group(2) == "true"
        elif match.group(3):
            options["unknown_ais"] = match.group(3) == "true"
        elif match.group(4):
            options["unknown_ai_dl_attributes"] = match.group(4) == "false"
        elif match.group(5):
            # Each test function starts from the engine's defaults.
            options = dict.fromkeys(options, False)
        else:
            yield line, match.group(6), dict(options)


def _args(text):
    """Split C call arguments: booleans, NULL, identifiers and strings."""
    return re.findall(
        _STRING + r"|\btrue\b|\bfalse\b|\bNULL\b|[A-Za-z_][A-Za-z0-9_]*", text)


def _value(arg):
    if arg in ("true", "false"):
        return arg == "true"
    if arg == "NULL":
        return None
    if arg.startswith('"'):
        return _c_string(arg)
    return arg


def _unit_tests_start(lines):
    return next(index for index, line in enumerate(lines) if "#ifdef UNIT_TESTS" in line) + 1


def extract(root):
    cases = []
    simple = [
        ("src/c-lib/ai.c", "test_parseAIdata", ("ok", "input", "expect")),
        ("src/c-lib/ai.c", "test_processAIdata", ("ok", "input")),
        ("src/c-lib/ai.c", "test_validateAIs", ("ok", "check", "input")),
        ("src/c-lib/dl.c", "test_parseDLuri", ("ok", "input", "expect")),
        ("src/c-lib/dl.c", "test_URIunescape", ("input", "path", "query")),
        ("src/c-lib/dl.c", "test_URIescape", ("input", "path", "query")),
        ("src/c-lib/dl.c", "test_testGenerateDLuri", ("ok", "stem", "input", "expect")),
        ("src/c-lib/scandata.c", "test_testProcessScanData",
         ("ok", "input", "symbology", "expect")),
    ]
    for path, name, fields in simple:
        lines = _source_lines(root + "/" + path)
        for line, arguments, options in _calls(lines, name, _unit_tests_start(lines)):
            args = _args(arguments)
            if len(args) != len(fields) or "#define" in lines[line - 1]:
                continue
            # A variable instead of a literal: a case built in a loop.
            if any(re.match(r"[A-Za-z_]", arg) and arg not in ("true", "false", "NULL")
                   and field not in ("check", "symbology")
                   for field, arg in zip(fields, args)):
                continue
            values = [_value(arg) for arg in args]
            case = dict(zip(fields, values))
            case.update(kind=name, source="%s:%d" % (path, line), options=options)
            cases.append(case)
    # Table-driven tests: the linter table and the valid Digital Link paths.
    lines = _source_lines(root + "/src/c-lib/ai.c")
    for index, line in enumerate(lines):
        match = re.match(r'\s*\{ (' + _STRING + r'),\s+(GS1_LINTER_[A-Z0-9_]+) \},', line)
        if match:
            cases.append({"kind": "linter", "input": _c_string(match.group(1)),
                          "ok": match.group(2) == "GS1_LINTER_OK",
                          "linter_error": match.group(2),
                          "source": "src/c-lib/ai.c:%d" % (index + 1)})
    lines = _source_lines(root + "/src/c-lib/dl.c")
    start = next(index for index, line in enumerate(lines)
                 if "void test_dl_testValidateDLpathAIseq" in line)
    for index in range(start, len(lines)):
        if lines[index].startswith("}"):
            break
        match = re.match(r"\s*\{ (" + r'"[0-9]+"(?:, "[0-9]+")*' + r") \},", lines[index])
        if match:
            cases.append({"kind": "dl_path", "ok": True,
                          "input": re.findall(r'"([0-9]+)"', match.group(1)),
                          "source": "src/c-lib/dl.c:%d" % (index + 1)})
    return cases


def main():
    root, commit = sys.argv[1], sys.argv[2]
    document = {
        "source": "https://github.com/gs1/gs1-syntax-engine",
        "commit": commit,
        "licence": "Apache-2.0, Copyright (c) 2021-2026 GS1 AISBL",
        "cases": extract(root),
    }
    json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
