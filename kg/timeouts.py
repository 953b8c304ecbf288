"""Time limits for work that may stall: one slow document, one stalled graph server.

Why a timer signal (``SIGALRM`` through ``setitimer``) and not a thread or a killable worker:
the work to bound runs in the thread that called it (the run's main thread, or a pool
worker's main thread, which is where ``ProcessPoolExecutor`` runs its tasks), and a signal
handler is the one thing that interrupts that thread from outside: pure-Python loops, the
model's layers, a blocking socket read (the driver waiting on a server that no longer
answers). The handler raises :class:`TimeLimit`, a ``BaseException`` so library code that
catches ``Exception`` cannot swallow it. Outside a main thread (a Dask worker runs tasks in
threads) signals cannot be used and the limit is not applied; code that runs entirely in C
without returning to Python is interrupted only when it does return.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

__all__ = ["TimeLimit", "Watchdog", "time_limit"]


class TimeLimit(BaseException):  # noqa: N818 - it is not an error of the code, it is the limit
    """The time given to a piece of work ran out."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def can_limit() -> bool:
    """True where a time limit can be applied: the main thread of a process, on a system with SIGALRM."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimit` inside the block once ``seconds`` have passed (None: no limit).

    Not nestable (one interval timer per process); outside the main thread it does nothing.
    """
    if seconds is None or not can_limit():
        yield
        return

    active = True

    def expire(_signum: int, _frame: object) -> None:
        if active:  # not once the block is done: the work finished in time
            raise TimeLimit(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Watchdog:
    """A time limit on *silence*: :meth:`progress` restarts the clock, so long work that keeps
    moving is never cut, while a wait with no progress for ``seconds`` raises :class:`TimeLimit`.

    After it fires it keeps firing every ``grace`` seconds until the block ends, so clean-up
    that blocks on the same stalled peer (a driver saying goodbye to a stopped server) is cut
    short too: the block always ends within ``seconds`` of the last progress plus a few graces.
    """

    def __init__(self, seconds: float | None, *, grace: float = 2.0) -> None:
        self.seconds = seconds
        self.grace = grace
        self.active = False
        self.fired = False
        self.previous: object = None

    def progress(self, *_args: object) -> None:
        if self.active and not self.fired:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def _expire(self, _signum: int, _frame: object) -> None:
        if not self.active:
            return
        self.fired = True
        signal.setitimer(signal.ITIMER_REAL, self.grace)
        raise TimeLimit(self.seconds or 0.0)

    def __enter__(self) -> Watchdog:
        if self.seconds is not None and can_limit():
            self.active = True
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active:
            self.active = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
