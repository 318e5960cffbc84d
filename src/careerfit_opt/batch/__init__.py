"""Many clients at once: rosters, resumable results files, executors (local pool or Dask).

>>> import careerfit_opt
>>> for record in careerfit_opt.batch("roster.jsonl", "results.jsonl"):  # doctest: +SKIP
...     print(record["id"], record["status"])

The package is itself callable — ``careerfit_opt.batch(...)`` is :func:`run_batch` — since the
name ``careerfit_opt.batch`` is both this package and the function users call. Nothing heavy
(numba, OR-Tools, Dask) is imported here.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from typing import Any

from careerfit_opt.batch.options import BatchOptions, catalog_source
from careerfit_opt.batch.roster import Client, Roster, read_roster
from careerfit_opt.batch.runner import BatchRun, run_batch, start_batch
from careerfit_opt.batch.store import ResultStore, comparable, read_results, summary_path
from careerfit_opt.batch.summary import summarise

__all__ = [
    "BatchOptions",
    "BatchRun",
    "Client",
    "ResultStore",
    "Roster",
    "catalog_source",
    "comparable",
    "read_results",
    "read_roster",
    "run_batch",
    "start_batch",
    "summarise",
    "summary_path",
]


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`run_batch`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        return run_batch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
