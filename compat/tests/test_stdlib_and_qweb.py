"""The restored standard-library names and the QWeb AST fix."""
import ast
import base64
import collections
import inspect
import sys
import threading
import time

import odoo  # noqa: F401
import odoo11_compat
from odoo11_compat.qweb_ast import compile_fixed


def test_installed_once_and_idempotent():
    assert sys._odoo11_compat_installed
    odoo11_compat.install()
    finders = [f for f in sys.meta_path if type(f).__name__ == "PostImportFinder"]
    assert len(finders) == 1


def test_removed_names_are_back():
    assert collections.Mapping is collections.abc.Mapping
    assert inspect.getargspec(lambda a, b=2, *c, **d: 0) == (["a", "b"], "c", "d", (2,))
    assert base64.decodestring(base64.encodestring(b"lot")) == b"lot"
    assert threading.current_thread().isAlive()
    assert time.clock() >= 0


def test_element_tree_has_getchildren():
    import xml.etree.ElementTree as ET

    root = ET.fromstring("<a><b/><c><d/></c></a>")
    assert [e.tag for e in root.getchildren()] == ["b", "c"]
    assert [e.tag for e in root.getiterator("d")] == ["d"]


def test_yaml_load_without_loader():
    import yaml

    assert yaml.load("a: [1, 2]") == {"a": [1, 2]}


def test_qweb_style_ast_compiles():
    # Built the way Odoo 11's qweb.py does: Name('None'), arguments without
    # posonlyargs, a Module without type_ignores, positions from a parsed expr.
    expr = ast.parse("values.get('x')", mode="eval").body
    func = ast.FunctionDef(
        name="render",
        args=ast.arguments(args=[ast.arg(arg="values", annotation=None)], vararg=None,
                           kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
        body=[ast.Return(value=ast.BoolOp(op=ast.Or(), values=[expr, ast.Name(id="None", ctx=ast.Load())]))],
        decorator_list=[], returns=None,
    )
    module = ast.Module(body=[func])
    namespace = {}
    exec(compile_fixed(module, "<template>", "exec"), namespace)
    assert namespace["render"]({"x": 3}) == 3
    assert namespace["render"]({}) is None


def test_qweb_module_uses_fixed_compile():
    from odoo.addons.base.ir.ir_qweb import qweb

    assert qweb.compile is compile_fixed
