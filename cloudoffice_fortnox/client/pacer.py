"""Keeping under Fortnox's limit: 25 requests per 5 seconds, sliding window,
per client id and tenant.

The pacer keeps, per tenant, the times of the last ``limit`` requests sent. A
new request may leave when the ``limit``-th latest one is more than
``window + margin`` seconds old, so a burst of 25 goes at once and the rest
follow at the pace the window allows: the least time the limit permits, plus
the margin that absorbs differences in network delay.

The state lives in a *store*, so several processes can share it: the store
hands out the state under a lock and saves what the pacer reserved. In Odoo
the store is a database row locked with ``SELECT ... FOR UPDATE``; here
:class:`MemoryStore` serves one process. Each request reserves its slot
under the lock and sleeps outside it, so waiting never holds the lock.

>>> clock = FakeClock()
>>> pacer = Pacer(limit=2, window=1.0, margin=0.0, clock=clock.time, sleep=clock.sleep)
>>> [pacer.wait("t") for _ in range(5)]
[0.0, 0.0, 1.0, 1.0, 2.0]
>>> clock.now
2.0
"""
import contextlib
import threading
import time

LIMIT = 25
WINDOW = 5.0
MARGIN = 0.15


class MemoryStore:
    """Pacing state of one process: ``{key: [send times]}`` under a lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self._state = {}

    @contextlib.contextmanager
    def locked(self, key):
        """Yield the list of send times of ``key``; changes to it are kept."""
        with self._lock:
            times = self._state.setdefault(key, [])
            yield times


class FakeClock:
    """A clock for doctests and unit tests: sleeping moves time forward."""

    def __init__(self, start=0.0):
        self.now = start

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.now += max(0.0, seconds)


class Pacer:
    """Reserve a send time for each request so that no window overflows."""

    def __init__(self, limit=LIMIT, window=WINDOW, margin=MARGIN, store=None,
                 clock=time.time, sleep=time.sleep):
        self.limit = limit
        self.window = window
        self.margin = margin
        self.store = store or MemoryStore()
        self.clock = clock
        self.sleep = sleep

    def reserve(self, key):
        """Return the time at which the next request of ``key`` may leave."""
        with self.store.locked(key) as times:
            now = self.clock()
            recent = sorted(t for t in times if t > now - self.window - self.margin)
            at = now
            if len(recent) >= self.limit:
                at = max(now, recent[-self.limit] + self.window + self.margin)
            recent.append(at)
            times[:] = recent[-self.limit:]
        return at

    def wait(self, key):
        """Block until a request of ``key`` may leave; return its reserved slot."""
        slot = self.reserve(key)
        delay = max(0.0, slot - self.clock())
        if delay:
            self.sleep(delay)
        return slot

    def finished(self, key, slot):
        """The request of ``slot`` got its answer: count it from now on.

        Fortnox counts a request when it arrives, somewhere between our slot
        and the answer; a busy machine or network can delay that by more than
        the margin. Counting the window from the answer is always safe.
        """
        now = self.clock()
        if now - slot <= self.margin:
            return  # on time: the margin covers it, spare the store a round trip
        with self.store.locked(key) as times:
            if slot in times:
                times[times.index(slot)] = now

    def penalise(self, key, seconds):
        """After a 429, hold every request of ``key`` back for ``seconds``."""
        with self.store.locked(key) as times:
            until = self.clock() + seconds - self.window - self.margin
            times[:] = [until] * min(self.limit, 1000)  # a pacer without a real limit: no hold
