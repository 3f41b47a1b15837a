"""Patch Odoo modules right after they are imported, without editing them."""
import importlib.abc
import sys


def _patch_safe_eval(module):
    from .safe_eval_opcodes import widen_whitelists

    widen_whitelists(module)


def _patch_qweb(module):
    from .qweb_ast import compile_fixed

    module.compile = compile_fixed


def _patch_server(module):
    from .prefork_limits import patch

    patch(module)


def _patch_registry(module):
    from .db_outage import patch

    patch(module)


PATCHES = {
    "odoo.tools.safe_eval": _patch_safe_eval,
    "odoo.addons.base.ir.ir_qweb.qweb": _patch_qweb,
    "odoo.service.server": _patch_server,
    "odoo.modules.registry": _patch_registry,
}


class PostImportFinder(importlib.abc.MetaPathFinder):
    """Finds a patched module through the other finders, then wraps its loader."""

    def find_spec(self, fullname, path, target=None):
        patch = PATCHES.get(fullname)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            patch(module)

        spec.loader.exec_module = exec_and_patch
        return spec


def install():
    for name, patch in PATCHES.items():
        if name in sys.modules:  # imported before us: patch in place
            patch(sys.modules[name])
    if not any(isinstance(f, PostImportFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, PostImportFinder())
