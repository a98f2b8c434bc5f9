"""A CPU-time budget for pure-Python work that might not end (a degenerate recurrence rule).

``with cpu_budget(2.0, TooSlow):`` raises ``TooSlow`` inside the block once the thread has
spent two seconds of CPU time in it — CPU time, not wall time, so a busy machine does not make
ordinary work fail. It works in any thread (Prefect runs tasks in worker threads, where signals
cannot be used): a watcher thread reads the worker thread's CPU clock and asks the interpreter
to raise the exception asynchronously there (``PyThreadState_SetAsyncExc``), which happens at
its next bytecode — so it stops loops in Python code, not a single long call into C.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

POLL_S = 0.05


class BudgetExceeded(Exception):
    """The work did not finish within its CPU-time budget."""


def _thread_cpu(ident: int) -> float:
    return time.clock_gettime(time.pthread_getcpuclockid(ident))


@contextmanager
def cpu_budget(seconds: float, error: type[BudgetExceeded] = BudgetExceeded) -> Iterator[None]:
    target = threading.get_ident()
    start = _thread_cpu(target)
    lock = threading.Lock()
    done = threading.Event()
    state = {"active": True, "fired": False}

    def watch() -> None:
        while not done.wait(POLL_S):
            if _thread_cpu(target) - start >= seconds:
                with lock:
                    if state["active"]:
                        state["fired"] = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(target), ctypes.py_object(error)
                        )
                return

    watcher = threading.Thread(target=watch, name="cpu-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
        done.set()
        if state["fired"]:
            _absorb(error)


def _absorb(error: type[BudgetExceeded]) -> None:
    """The watcher fired: make sure a still pending exception is delivered here, not later."""
    try:
        for _ in range(1000):
            pass
    except error:
        pass
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)
