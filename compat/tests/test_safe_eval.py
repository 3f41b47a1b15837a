"""safe_eval on 3.11: what Odoo code evaluates works, what it refused stays refused."""
import sys

import odoo  # noqa: F401  (imports odoo.tools.safe_eval, patched on import)
import pytest

safe_eval_module = sys.modules["odoo.tools.safe_eval"]
safe_eval = safe_eval_module.safe_eval


@pytest.mark.parametrize("expr, context, expected", [
    ("[('state', '=', 'done'), ('qty', '>', 0)]", {}, [("state", "=", "done"), ("qty", ">", 0)]),
    ("[('id', 'in', ids)]", {"ids": [1, 2]}, [("id", "in", [1, 2])]),
    ("a in b and c is not None", {"a": 1, "b": [1], "c": 0}, True),
    ("x * 2 + y // 3 - z % 2", {"x": 5, "y": 9, "z": 3}, 12),
    ("{'default_tracking': 'lot', 'search_default_done': 1}", {},
     {"default_tracking": "lot", "search_default_done": 1}),
    ("sum(q for q in qtys if q > 1)", {"qtys": [1, 2, 3]}, 5),
    ("[x.upper() for x in names]", {"names": ["a", "b"]}, ["A", "B"]),
    ("dict(a=1, **extra)", {"extra": {"b": 2}}, {"a": 1, "b": 2}),
    ("(lambda v: v + 1)(1)", {}, 2),
    ("not flag or (1 if flag else 2)", {"flag": True}, 1),
    ("names[1:]", {"names": [1, 2, 3]}, [2, 3]),
    ("'%s-%s-15' % (year, month)", {"year": 2026, "month": 3}, "2026-3-15"),
    ("'%(a)s/%(b)r' % {'a': 1, 'b': 'x'}", {}, "1/'x'"),
])
def test_expressions_odoo_uses_still_evaluate(expr, context, expected):
    assert safe_eval(expr, context) == expected


def test_exec_mode_server_action_code():
    code = (
        "total = 0\n"
        "for i in range(4):\n"
        "    if i % 2:\n"
        "        continue\n"
        "    total += i\n"
        "while total < 10:\n"
        "    total += 3\n"
        "try:\n"
        "    missing = values['nope']\n"
        "except:\n"
        "    missing = None\n"
        "assert total == 11\n"
        "result = (total, missing)\n"
    )
    context = {"values": {}}
    safe_eval(code, context, mode="exec", nocopy=True)
    assert context["result"] == (11, None)


@pytest.mark.parametrize("expr", [
    "__import__('os').system('true')",
    "().__class__.__bases__[0].__subclasses__()",
    "open('/etc/passwd').read()",
    "exec('1')",
    "eval('1')",
    "(lambda: 1).__globals__",
    "f.gi_frame",
    "[c for c in ().__class__.__mro__]",
    "getattr(x, '__class__')",
])
def test_unsafe_expressions_are_refused(expr):
    with pytest.raises((ValueError, NameError)):
        safe_eval(expr, {"x": 1, "f": (i for i in ())})


@pytest.mark.parametrize("code", [
    "import os",
    "from os import path",
    "x.attribute = 1",
    "with open('f') as fh:\n    pass",
    "def outer():\n    v = 1\n    def inner():\n        return v\n    return inner()\nr = outer()",
    "a, *rest = [1, 2]",
    "r = f'{x.__class__}'",
    "del x.y",
    "global g\ng = 1",
])
def test_unsafe_statements_are_refused(code):
    with pytest.raises((ValueError, NameError, SyntaxError)):
        safe_eval(code, {"x": 1}, mode="exec", nocopy=True)


def test_const_and_expr_eval_stay_narrow():
    assert safe_eval_module.const_eval("[1, 2, (3, 4), {'a': 'b'}]") == [1, 2, (3, 4), {"a": "b"}]
    with pytest.raises(ValueError):
        safe_eval_module.const_eval("[1] + x")
    assert safe_eval_module.expr_eval("[1, 2] * 2") == [1, 2, 1, 2]
    with pytest.raises(ValueError):
        safe_eval_module.expr_eval("len([1])")
