"""Running a batch: read the roster, skip the clients already done, run the rest on an
executor, append each record to the results file as it arrives, and yield it."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerfit_opt.batch.executors import Executor, make_executor
from careerfit_opt.batch.options import BatchOptions
from careerfit_opt.batch.roster import Client, Roster, read_roster
from careerfit_opt.batch.store import ResultStore, slim, summary_path, write_summary
from careerfit_opt.batch.worker import base_record, dask_job, run_job


@dataclass
class BatchRun:
    """A batch about to run (or running): iterate over it for the records as they finish.

    ``skipped`` counts clients found finished in the results file, ``pending`` the clients to
    run now. Iterating runs them; leaving the loop early (or an interrupt) stops the workers,
    and every record yielded so far is already on disk.
    """

    roster: Roster
    options: BatchOptions
    executor: Executor
    store: ResultStore | None
    pending: list[Client]
    skipped: int
    #: Slim records of every client of the roster finished so far (resumed ones first).
    finished: list[dict[str, Any]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    #: Where the CSV summary was written (after a complete iteration with a results file).
    summary_file: Path | None = None
    #: Whether the run stops the executor when it ends (it does when it started it).
    owns_executor: bool = True
    _closed: bool = False

    @property
    def total(self) -> int:
        """Clients in the roster."""
        return len(self.roster)

    def _jobs(self) -> Iterator[list[Client]]:
        size = self.options.chunk if self.options.recommend_only else 1
        for start in range(0, len(self.pending), size):
            yield self.pending[start : start + size]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        from careerfit_opt.batch.executors import DaskExecutor

        entry = dask_job if isinstance(self.executor, DaskExecutor) else run_job
        fn = functools.partial(entry, options=self.options.as_dict())
        try:
            for job, result in self.executor.run(fn, self._jobs()):
                records = (
                    _failed_job(job, self.options, result)
                    if isinstance(result, Exception)
                    else result
                )
                if self.store is not None:
                    self.store.append(records)
                for record in records:
                    self.finished.append(slim(record))
                    yield record
            self.write_summary()
        finally:
            self.close()

    def write_summary(self) -> Path | None:
        """Rewrite the CSV summary beside the results, in roster order."""
        if self.store is None:
            return None
        order = {c.id: i for i, c in enumerate(self.roster.clients)}
        rows = sorted(self.finished, key=lambda r: order.get(r["id"], len(order)))
        self.summary_file = write_summary(rows, summary_path(self.store.path))
        return self.summary_file

    def close(self) -> None:
        """Stop the executor and close the results file."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.owns_executor:
                self.executor.close()
        finally:
            if self.store is not None:
                self.store.close()


def _failed_job(job: list[Client], options: BatchOptions, exc: Exception) -> list[dict[str, Any]]:
    message = f"job failed: {type(exc).__name__}: {exc}"
    out = []
    for client in job:
        record = base_record(client, options)
        record["errors"] = [{"field": "", "message": message, "text": message}]
        # Not the client's fault: dropped from the file and run again on resume.
        record["transient"] = True
        out.append(record)
    return out


def start_batch(
    roster: str | Path | Roster,
    out: str | Path | None = None,
    *,
    options: BatchOptions | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
) -> BatchRun:
    """Prepare a batch: read ``roster``, open ``out`` (resuming it) and start the executor.

    An ``executor`` passed in stays open when the run ends (reuse it, then close it); one made
    here from ``workers``, ``scheduler`` or ``dask_local`` is closed with the run.

    Raises :class:`~careerfit_opt.errors.InputError` for a bad roster (unknown columns,
    duplicate ids), a results file made with other options, or bad executor settings.
    """
    options = options or BatchOptions()
    if not isinstance(roster, Roster):
        roster = read_roster(roster)
    owns = executor is None
    store = ResultStore.open(out, run=options.fingerprint) if out is not None else None
    try:
        ids = {c.id for c in roster.clients}
        finished = [r for i, r in store.done.items() if i in ids] if store else []
        done = {r["id"] for r in finished}
        pending = [c for c in roster.clients if c.id not in done]
        if executor is None:
            executor = make_executor(workers, scheduler, dask_local)
    except BaseException:
        if store is not None:
            store.close()
        raise
    return BatchRun(
        roster, options, executor, store, pending, len(finished), finished, owns_executor=owns
    )


def run_batch(
    roster: str | Path | Roster,
    out: str | Path | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
    catalog: str | None = None,
    actions: list[str] | None = None,
    top: int | None = None,
    objective: str | None = None,
    time_limit: float | None = None,
    recommend_only: bool = False,
    explain: bool = True,
    inline: bool = False,
) -> Iterator[dict[str, Any]]:
    """Run every client of ``roster`` and yield each result record as it finishes.

    Parameters
    ----------
    roster
        A ``.jsonl`` file (one profile or scenario per line), a ``.csv`` file (one client per
        row) or a folder of scenario files (docs/batch.md).
    out
        The results file (JSON lines). Records are appended and fsynced as they finish; a
        rerun with the same ``out`` skips the clients already in it. ``None``: no file.
    workers, scheduler, dask_local, inline
        A local process pool of ``workers`` (default: every core), a Dask cluster at
        ``scheduler``, a Dask ``LocalCluster`` of ``dask_local`` workers, or this process.
    catalog, actions, top, objective, time_limit, recommend_only, explain
        See :class:`~careerfit_opt.batch.options.BatchOptions`; ``catalog`` is a bundled name,
        a catalogue file or an O*NET folder, ``actions`` action files to add (``bundled``: the
        bundled actions for O*NET occupations).

    >>> for record in run_batch("roster.jsonl", "results.jsonl"):  # doctest: +SKIP
    ...     print(record["id"], record["status"])
    """
    from careerfit_opt.batch.options import catalog_source

    options = BatchOptions(
        catalog=catalog_source(catalog, actions=actions),
        top=top,
        objective=objective,
        time_limit=time_limit,
        recommend_only=recommend_only,
        explain=explain,
    )
    if not isinstance(roster, Roster):
        roster = read_roster(roster)
    executor = make_executor(workers, scheduler, dask_local, inline=inline)
    try:
        run = start_batch(roster, out, options=options, executor=executor)
        run.owns_executor = True
    except BaseException:
        executor.close()
        raise
    yield from run
