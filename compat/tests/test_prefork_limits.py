"""Prefork workers set whole-number resource limits (``--workers N`` serves on 3.11).

Odoo's own ``Worker.process_limit`` runs here unchanged, in a forked child
(it lowers that process's CPU and memory limits), exactly as a worker runs it
before each request.
"""
import multiprocessing
import resource

import pytest
from odoo.service import server
from odoo.tools import config
from odoo11_compat.prefork_limits import ResourceWithWholeLimits, whole_limit


def _run_process_limit(queue):
    try:
        # Burn a little CPU so that the used time has a fraction.
        sum(i * i for i in range(200000))
        worker = server.Worker(server.PreforkServer(app=None))
        worker.process_limit()
        used = resource.getrusage(resource.RUSAGE_SELF)
        queue.put(("ok", resource.getrlimit(resource.RLIMIT_CPU)[0],
                   used.ru_utime + used.ru_stime, resource.getrlimit(resource.RLIMIT_AS)[0]))
    except Exception as error:  # reported to the test, which fails with it
        queue.put(("error", repr(error), None, None))


def test_worker_sets_its_limits_without_type_error():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_run_process_limit, args=(queue,))
    child.start()
    status, cpu_soft, cpu_used, memory_hard = queue.get(timeout=60)
    child.join(60)
    assert status == "ok", cpu_soft
    assert isinstance(cpu_soft, int)
    # the configured CPU time is granted on top of what the worker used, never less
    assert cpu_used + config["limit_time_cpu"] <= cpu_soft <= cpu_used + config["limit_time_cpu"] + 1
    assert memory_hard == config["limit_memory_hard"]


def test_only_the_server_module_gets_the_proxy():
    assert isinstance(server.resource, ResourceWithWholeLimits)
    assert server.resource.RLIMIT_CPU == resource.RLIMIT_CPU
    assert server.resource.getrusage is resource.getrusage
    # the real module is untouched: it still refuses floats, as on 3.11
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    with pytest.raises(TypeError):
        resource.setrlimit(resource.RLIMIT_CPU, (float(soft if soft >= 0 else 10 ** 6), hard))


def test_whole_limit_rounds_fractions_up_and_keeps_integers():
    assert whole_limit(120.01) == 121
    assert whole_limit(120.0) == 120
    assert whole_limit(7) == 7
    assert whole_limit(resource.RLIM_INFINITY) == resource.RLIM_INFINITY
