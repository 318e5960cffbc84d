"""The per-job cache of the batch workers (``JobCache``): clients that share the run's
catalogue, target and solver settings get them validated once per job. Every client must come
out as when its scenario is validated from plain mappings — the same scenario, or the same
error — whatever the mix of good and bad rows in the job."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from careerfit_opt.batch import BatchOptions, catalog_source, read_roster
from careerfit_opt.batch.store import comparable
from careerfit_opt.batch.worker import JobCache, load_client, run_job
from careerfit_opt.errors import InputError
from conftest import FIXTURES

TINY = FIXTURES / "foundation" / "tiny_catalog.yaml"


class _Uncached(JobCache):
    """The scenario parts left as plain mappings (validated with each client's scenario)."""

    def run_catalog(self, base_dir: str) -> tuple[Any, Any]:
        from careerfit_opt.batch.worker import worker_catalog

        return worker_catalog(self.options.catalog, base_dir)

    def part(self, name: str, data: dict[str, Any]) -> Any:
        return data


def _row(rng: random.Random, i: int) -> str:
    """A random client over the tiny catalogue; about a third are bad in some way."""
    row: dict[str, Any] = {
        "id": f"c{i:03d}",
        "levels": {"programming": round(rng.uniform(0, 5), 2), "writing": rng.choice([1, 2.5])},
    }
    if rng.random() < 0.5:
        row["interests"] = {
            c: rng.randint(1, 7)
            for c in ("realistic", "investigative", "artistic", "social", "enterprising",
                      "conventional")
        }  # fmt: skip
    kind = rng.randrange(12)
    if kind == 0:
        row["levels"]["programming"] = 99  # out of the dimension's range
    elif kind == 1:
        row["levels"]["nonsense"] = 1.0  # unknown dimension
    elif kind == 2:
        row["levels"]["writing"] = True  # a bool is not a number
    elif kind == 3:
        row["target"] = "no_such_job"
    elif kind == 4:
        row["solver"] = {"seed": 3}  # the client's own solver settings
    elif kind == 5:
        row["solver"] = {"seed": -1}  # bad solver settings
    elif kind == 6:
        row["target"] = {"recommend_top": 1}
    elif kind == 7:
        row["scoring"] = {"values_weight": 0.3}
    elif kind == 8:
        row["catalog"] = str(TINY)  # names its own catalogue
    elif kind == 9:
        row["catalog"] = 5  # a bad catalogue
    elif kind == 10:
        return "{not json"
    return json.dumps(row)


def _outcome(client: Any, options: BatchOptions, cache: JobCache) -> Any:
    try:
        scenario, catalog = load_client(client, options, cache)
    except InputError as exc:
        return ("error", str(exc))
    return ("ok", scenario, id(catalog))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("top", [None, 2])
def test_cached_parts_give_the_scenarios_and_errors_of_plain_validation(
    tmp_path: Path, seed: int, top: int | None
) -> None:
    rng = random.Random(seed)
    roster = tmp_path / "r.jsonl"
    roster.write_text("".join(_row(rng, i) + "\n" for i in range(60)))
    options = BatchOptions(catalog=catalog_source(str(TINY)), top=top, time_limit=2.0)
    clients = read_roster(roster).clients
    cache = JobCache(options)
    cached = [_outcome(c, options, cache) for c in clients]
    plain = [_outcome(c, options, _Uncached(options)) for c in clients]
    assert cached == plain
    kinds = {o[0] for o in cached}
    assert kinds == {"ok", "error"}, "the roster mixes good and bad clients"


def test_recommend_only_chunk_equals_one_client_per_job(tmp_path: Path) -> None:
    """A chunk (one cache, one kernel call per scoring group) gives each client the record
    it gets alone."""
    rng = random.Random(7)
    roster = tmp_path / "r.jsonl"
    roster.write_text("".join(_row(rng, i) + "\n" for i in range(80)))
    options = BatchOptions(catalog=catalog_source(str(TINY)), top=2, recommend_only=True)
    clients = read_roster(roster).clients
    chunk = [comparable(r) for r in run_job(clients, options.as_dict())]
    alone = [comparable(r) for c in clients for r in run_job([c], options.as_dict())]
    assert chunk == alone
    assert {r["status"] for r in chunk} == {"ok", "error"}
