"""Whole-number resource limits for Odoo 11's prefork workers.

Before each request a worker (``odoo.service.server.Worker.process_limit``)
sets its CPU-time limit to the CPU seconds it has used so far plus
``limit_time_cpu``: ``resource.setrlimit(RLIMIT_CPU, (cpu_time + limit, hard))``
where ``cpu_time`` is a float from ``getrusage``. Python 3.5/3.6 accepted a
float there; 3.10+ raises ``TypeError: 'float' object cannot be interpreted as
an integer``, so every worker dies at once and the master respawns it in a
loop (``--workers N`` never serves a request).

Only ``odoo.service.server`` sees the fix: its module-level name ``resource``
is replaced by a proxy whose ``setrlimit`` rounds a fractional limit up (a
worker never gets less CPU time than configured); everything else is the real
``resource`` module, and the rest of the process keeps it unchanged.
"""
import math


def whole_limit(value):
    """A limit as ``setrlimit`` on 3.10+ takes it: an int, fractions rounded up.

    >>> whole_limit(61.25), whole_limit(60), whole_limit(_resource.RLIM_INFINITY) == _resource.RLIM_INFINITY
    (62, 60, True)
    """
    if isinstance(value, float):
        return int(math.ceil(value))
    return value


class ResourceWithWholeLimits:
    """The ``resource`` module, with ``setrlimit`` accepting float limits."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        return getattr(self._module, name)

    def setrlimit(self, kind, limits):
        soft, hard = limits
        return self._module.setrlimit(kind, (whole_limit(soft), whole_limit(hard)))


def patch(server_module):
    """Give ``odoo.service.server`` the rounding proxy (idempotent)."""
    current = getattr(server_module, "resource", None)
    if current is None or isinstance(current, ResourceWithWholeLimits):
        return  # not POSIX (no resource module), or patched already
    server_module.resource = ResourceWithWholeLimits(current)
