"""Standard-library names removed after Python 3.6 that Odoo 11 still uses."""
import base64
import collections
import collections.abc
import inspect
import sys
import threading
import time


def _restore_collections_abc():
    # Removed from ``collections`` in 3.10; Odoo 11 imports e.g. collections.Mapping.
    for name in collections.abc.__all__:
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))


def _restore_getargspec():
    # Removed in 3.11; used by odoo/api.py and odoo/tools/cache.py.
    if hasattr(inspect, "getargspec"):
        return
    ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")

    def getargspec(func):
        spec = inspect.getfullargspec(func)
        if spec.kwonlyargs or spec.annotations:
            raise ValueError("Function has keyword-only parameters or annotations"
                             ", use inspect.signature() API which can support them")
        return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)

    def formatargspec(args, varargs=None, varkw=None, defaults=None, *_unused, **_kw):
        parts = []
        first_default = len(args) - len(defaults or ())
        for index, arg in enumerate(args):
            if defaults and index >= first_default:
                parts.append("%s=%r" % (arg, defaults[index - first_default]))
            else:
                parts.append(arg)
        if varargs:
            parts.append("*" + varargs)
        if varkw:
            parts.append("**" + varkw)
        return "(" + ", ".join(parts) + ")"

    inspect.ArgSpec = ArgSpec
    inspect.getargspec = getargspec
    if not hasattr(inspect, "formatargspec"):
        inspect.formatargspec = formatargspec


def _restore_small_aliases():
    if not hasattr(base64, "encodestring"):  # 3.9
        base64.encodestring = base64.encodebytes
        base64.decodestring = base64.decodebytes
    if not hasattr(threading.Thread, "isAlive"):  # 3.9
        threading.Thread.isAlive = threading.Thread.is_alive
    if not hasattr(time, "clock"):  # 3.8
        time.clock = time.perf_counter


def _restore_element_methods():
    """``Element.getchildren``/``getiterator`` (removed in 3.9).

    The C ``Element`` type cannot take new methods, so the pure-Python
    ElementTree is used; the web client's template loading needs these.
    """
    if "xml.etree.ElementTree" in sys.modules:
        tree = sys.modules["xml.etree.ElementTree"]
        if hasattr(tree.Element, "getchildren"):
            return
        if not isinstance(tree.Element, type) or tree.Element.__module__ != tree.__name__:
            del sys.modules["xml.etree.ElementTree"]
    sys.modules["_elementtree"] = None  # makes ElementTree fall back to Python
    import xml.etree.ElementTree as tree

    tree.Element.getchildren = lambda self: list(self)
    tree.Element.getiterator = lambda self, tag=None: list(self.iter(tag))
    tree.ElementTree.getiterator = lambda self, tag=None: list(self.iter(tag))


def _yaml_default_loader():
    # PyYAML 6 requires a Loader; Odoo 11's YAML demo/test files use yaml.load(s).
    try:
        import yaml
    except ImportError:
        return
    if getattr(yaml.load, "_odoo11_compat", False):
        return
    original = yaml.load

    def load(stream, Loader=None):
        return original(stream, Loader=Loader or yaml.FullLoader)

    load._odoo11_compat = True
    yaml.load = load


def install():
    _restore_collections_abc()
    _restore_getargspec()
    _restore_small_aliases()
    _restore_element_methods()
    _yaml_default_loader()
