"""Where jobs run, behind one small interface: in this process, a local process pool, or Dask.

An :class:`Executor` takes a function and an iterable of jobs and yields ``(job, result)`` as
each finishes, keeping a bounded number in flight (so a 100,000-client roster is not
submitted at once). A job that raises yields the exception as its result; the runner turns it
into error records and the batch goes on. Only plain data (lists of
:class:`~careerfit_opt.batch.roster.Client`, option mappings, record dicts) crosses process
boundaries; each worker builds its own catalogue arrays and CP-SAT models.

Dask is optional (``pip install 'careerfit-opt[dask]'``) and imported only when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from careerfit_opt.errors import InputError, Problem

J = TypeVar("J")
R = TypeVar("R")


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover — not on Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    """Runs jobs somewhere and yields them back as they finish."""

    #: A short description for progress output, e.g. ``process pool (2 workers)``.
    name: str
    #: How many jobs run at once.
    workers: int

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | Exception]]:
        """``(job, fn(job))`` for every job, in the order they finish; an exception a job
        raised (or its worker's death) comes back in place of its result."""
        ...

    def close(self) -> None:
        """Stop the workers."""
        ...


class InlineExecutor:
    """Runs every job in this process, one after another (debugging, small rosters, tests)."""

    def __init__(self) -> None:
        self.name = "this process"
        self.workers = 1

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | Exception]]:
        """See :meth:`Executor.run`."""
        for job in jobs:
            try:
                yield job, fn(job)
            except Exception as exc:
                yield job, exc

    def close(self) -> None:
        """Nothing to stop."""


class PoolExecutor:
    """A local pool of worker processes (``spawn``: no state inherited from this process).

    Each worker caps its threads at one before any heavy import. A worker that dies (out of
    memory, killed) fails only the jobs in flight: they come back as errors and a fresh pool
    carries on with the rest.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or available_cores()
        if self.workers < 1:
            raise InputError([Problem("--workers", f"must be ≥ 1 (got {self.workers})")])
        self.name = f"process pool ({self.workers} worker{'s' if self.workers > 1 else ''})"
        self._pool: Any = None
        self._in_flight: dict[Any, Any] = {}

    def _new_pool(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from careerfit_opt.batch.worker import pool_initializer

        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=pool_initializer,
        )

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | Exception]]:
        """See :meth:`Executor.run`."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pending = iter(jobs)
        in_flight: dict[Any, J] = {}
        self._in_flight = in_flight
        limit = 2 * self.workers
        if self._pool is None:
            self._pool = self._new_pool()
        while True:
            while len(in_flight) < limit:
                job = next(pending, None)
                if job is None:
                    break
                in_flight[self._pool.submit(fn, job)] = job
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                job = in_flight.pop(fut)
                exc = fut.exception()
                if isinstance(exc, BrokenProcessPool):
                    broken = True
                    yield job, RuntimeError("a worker process died while running this job")
                elif exc is not None:
                    yield job, exc if isinstance(exc, Exception) else RuntimeError(str(exc))
                else:
                    yield job, fut.result()
            if broken:
                # Every job still in flight died with the pool: report them, start afresh.
                for job in in_flight.values():
                    yield job, RuntimeError("a worker process died while running this job")
                in_flight.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()

    def close(self) -> None:
        """Shut the pool down; workers still running a job (an interrupted run: their results
        would not be written anyway) are terminated rather than waited for."""
        if self._pool is None:
            return
        busy = any(not f.done() for f in self._in_flight)
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=not busy, cancel_futures=True)
        if busy:
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(5)
        self._pool = None
        self._in_flight = {}


def _distributed() -> Any:
    """The ``distributed`` module (typed loosely: it ships no type information)."""
    import importlib

    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise InputError(
            [
                Problem(
                    "--scheduler/--dask-local",
                    "Dask is not installed; install it with pip install 'careerfit-opt[dask]'",
                )
            ]
        ) from None


class DaskExecutor:
    """Jobs on a Dask distributed cluster: an existing one (``scheduler`` address) or a
    ``LocalCluster`` of ``local_workers`` single-threaded worker processes on 127.0.0.1."""

    def __init__(self, scheduler: str | None = None, local_workers: int | None = None) -> None:
        if (scheduler is None) == (local_workers is None):
            raise InputError([Problem("--scheduler/--dask-local", "give exactly one of the two")])
        dd = _distributed()
        self._cluster: Any = None
        if local_workers is not None:
            if local_workers < 1:
                raise InputError([Problem("--dask-local", f"must be ≥ 1 (got {local_workers})")])
            self._cluster = dd.LocalCluster(
                n_workers=local_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                env=dict.fromkeys(_thread_variables(), "1"),
            )
            self._client = dd.Client(self._cluster)
            self.name = f"Dask LocalCluster ({local_workers} workers)"
        else:
            assert scheduler is not None
            try:
                self._client = dd.Client(scheduler, timeout=10)
            except (OSError, TimeoutError) as exc:
                raise InputError(
                    [Problem("--scheduler", f"cannot reach {scheduler!r}: {exc}")]
                ) from None
            self.name = f"Dask cluster at {scheduler}"
        threads = self._client.nthreads()
        self.workers = max(1, sum(threads.values()))

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | Exception]]:
        """See :meth:`Executor.run`."""
        pending = iter(jobs)
        in_flight: dict[Any, J] = {}
        queue = _distributed().as_completed()
        for _ in range(2 * self.workers):
            job = next(pending, None)
            if job is None:
                break
            fut = self._client.submit(fn, job, pure=False)
            in_flight[fut] = job
            queue.add(fut)
        for fut in queue:
            job = in_flight.pop(fut)
            try:
                result = fut.result()
            except Exception as exc:
                yield job, exc
            else:
                yield job, result
            fut.release()
            nxt = next(pending, None)
            if nxt is not None:
                new = self._client.submit(fn, nxt, pure=False)
                in_flight[new] = nxt
                queue.add(new)

    def close(self) -> None:
        """Close the client (and the local cluster, when this executor started one)."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _thread_variables() -> tuple[str, ...]:
    from careerfit_opt.batch.worker import THREAD_VARIABLES

    return THREAD_VARIABLES


def make_executor(
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
    inline: bool = False,
) -> Executor:
    """The executor the options ask for: Dask when ``scheduler`` or ``dask_local`` is given,
    this process when ``inline``, else a local process pool of ``workers`` (default: every
    core)."""
    if scheduler is not None and dask_local is not None:
        raise InputError([Problem("--scheduler/--dask-local", "give one of the two, not both")])
    if scheduler is not None or dask_local is not None:
        if workers is not None:
            raise InputError(
                [Problem("--workers", "sizes the local pool; with Dask the cluster decides")]
            )
        return DaskExecutor(scheduler, dask_local)
    if inline:
        return InlineExecutor()
    return PoolExecutor(workers)
