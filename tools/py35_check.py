"""What vermin cannot see in the add-ons' code: Python 3.5 is the floor.

vermin (run by `make lint` with `-t=3.5-`) knows the standard library by
name, but a method called on a value of unknown type (``text.isascii()``)
and a module-level ``__getattr__`` (PEP 562, Python 3.7) escape it. This
script parses every add-on file with the 3.5 grammar and looks for those.

    python tools/py35_check.py cloudoffice_lots cloudoffice_fortnox

Prints one line per finding and exits 1 if there is any. Tests are not
checked: they run on the host's Python only.
"""
import ast
import os
import sys

# str/bytes methods newer than 3.5, called on values whose type vermin cannot know.
NEW_METHODS = {
    "isascii": "3.7",
    "removeprefix": "3.9",
    "removesuffix": "3.9",
}
# Module-level functions that Python calls from 3.7 on only (PEP 562).
MODULE_HOOKS = {"__getattr__": "3.7", "__dir__": "3.7"}


def python_files(roots):
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("tests", "__pycache__"))
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(folder, name)


def findings(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, path, feature_version=(3, 5))
    except SyntaxError as err:
        yield err.lineno or 0, "syntax of Python > 3.5: %s" % err.msg
        return
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in MODULE_HOOKS:
            yield node.lineno, "module-level %s() needs Python %s" % (
                node.name, MODULE_HOOKS[node.name])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in NEW_METHODS:
            yield node.lineno, ".%s() needs Python %s" % (node.attr, NEW_METHODS[node.attr])


def main(roots):
    count = 0
    for path in python_files(roots):
        for line, message in findings(path):
            print("%s:%s: %s" % (path, line, message))
            count += 1
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["cloudoffice_lots", "cloudoffice_fortnox"]))
