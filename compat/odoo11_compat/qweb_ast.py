"""Make the ASTs built by Odoo 11's QWeb compiler valid for CPython 3.8+."""
import ast
import builtins

_CONSTANT_NAMES = {"None": None, "True": True, "False": False}


class _Modernise(ast.NodeTransformer):
    def visit_Name(self, node):
        if node.id in _CONSTANT_NAMES:
            return ast.copy_location(ast.Constant(value=_CONSTANT_NAMES[node.id]), node)
        return node

    def visit_arguments(self, node):
        for field in ("posonlyargs", "kwonlyargs", "kw_defaults", "defaults"):
            if getattr(node, field, None) is None:
                setattr(node, field, [])
        return self.generic_visit(node)

    def visit_Module(self, node):
        if getattr(node, "type_ignores", None) is None:
            node.type_ignores = []
        return self.generic_visit(node)


def _flatten_positions(tree):
    # QWeb mixes nodes parsed from template expressions (with positions) and
    # nodes built by hand (without); 3.11 rejects the inconsistent ranges.
    for node in ast.walk(tree):
        if "lineno" in node._attributes:
            node.lineno = node.end_lineno = 1
            node.col_offset = node.end_col_offset = 0


def compile_fixed(source, filename, mode, *args, **kwargs):
    """``compile`` for qweb.py's module namespace."""
    if isinstance(source, ast.AST):
        source = _Modernise().visit(source)
        _flatten_positions(source)
    return builtins.compile(source, filename, mode, *args, **kwargs)
