"""One Ctrl-C ends a planning run, also in the middle of a CP-SAT solve.

CP-SAT, left to itself, takes a SIGINT that arrives during a solve as "stop this solve" and
returns as if its limit had been reached: Python never hears of it, the run goes on to the next
solve, and the user has to press Ctrl-C again (and again). So solves run with CP-SAT's own
handler off (``catch_sigint_signal = False``) and Python's in place: while a solve runs, Python's
signal wake-up descriptor points at a socket a small thread watches; a SIGINT wakes the thread,
which stops the search at once (``CpSolver.stop_search``), and when the solve returns Python
raises ``KeyboardInterrupt`` as for any Ctrl-C — the CLI ends with exit 130, a batch keeps the
records it has written.

Outside the main thread (where Python neither receives signals nor may set the wake-up
descriptor), when the program handles SIGINT its own way, or when someone else already uses the
wake-up descriptor (an asyncio loop), the solve runs as before, with CP-SAT's own handler; a
process that ignores SIGINT (a batch's pool worker) solves with CP-SAT's handler off too.
"""

from __future__ import annotations

import contextlib
import select
import signal
import socket
import threading
from collections.abc import Callable
from typing import TypeVar

from ortools.sat.python import cp_model

T = TypeVar("T")

#: The byte that tells the watcher the solve is over (no signal has number 0).
_DONE = b"\x00"


def _watch(reader: socket.socket, stop: Callable[[], None]) -> None:
    """Wait for bytes on ``reader``: a SIGINT's number stops the search, :data:`_DONE` ends."""
    while True:
        select.select([reader], [], [])
        try:
            data = reader.recv(64)
        except BlockingIOError:
            continue
        if not data:
            return
        if signal.SIGINT in data:
            stop()
        if _DONE[0] in data:
            return


def interruptible(solver: cp_model.CpSolver, run: Callable[[], T]) -> T:
    """``run()`` (a solve with ``solver``) such that one Ctrl-C stops the search at once and
    then raises ``KeyboardInterrupt`` in the caller."""
    if threading.current_thread() is not threading.main_thread():
        return run()
    handler = signal.getsignal(signal.SIGINT)
    if handler is signal.SIG_IGN:
        # The process ignores Ctrl-C (a batch's pool worker): so does the solve.
        solver.parameters.catch_sigint_signal = False
        return run()
    if handler is not signal.default_int_handler:
        return run()  # someone handles Ctrl-C their own way: leave it to them and CP-SAT
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main interpreter thread after all
        reader.close()
        writer.close()
        return run()
    if previous != -1:  # another wake-up descriptor is in use (an event loop): keep it
        signal.set_wakeup_fd(previous)
        reader.close()
        writer.close()
        return run()
    solver.parameters.catch_sigint_signal = False
    watcher = threading.Thread(
        target=_watch, args=(reader, solver.stop_search), name="careerfit-ctrl-c", daemon=True
    )
    watcher.start()
    try:
        return run()
    finally:
        signal.set_wakeup_fd(-1)
        with contextlib.suppress(OSError):
            writer.send(_DONE)
        watcher.join(timeout=5.0)
        reader.close()
        writer.close()
