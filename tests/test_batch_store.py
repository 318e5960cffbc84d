"""The results file's bytes: one JSON line per record, as ``json.dumps`` writes it."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from careerfit_opt.batch.store import ResultStore, read_results
from careerfit_opt.errors import InputError


def _records() -> list[dict[str, Any]]:
    return [
        {
            "id": "c1",
            "line": 1,
            "source": "/tmp/roster ü.jsonl",
            "run": "abc",
            "status": "ok",
            "best": None,
            "recommendations": [
                {"rank": 1, "occupation_id": "47-2161.00", "title": "Plasterers — Stucco “Masons”",
                 "combined": 0.8249},
                {"rank": 2, "occupation_id": "x", "title": 'quote " and \\ and \n',
                 "combined": None},
            ],
            "plans": [],
            "errors": [],
            "timings": {"recommend_s": 1e-06, "total_s": 0.000123},
        },
        {"id": "c2", "status": "error", "flag": True, "n": 10**20, "x": -0.0, "nan": math.nan,
         "errors": [{"field": "profile.levels.écrire", "message": "日本語", "text": ""}]},
    ]  # fmt: skip


def test_append_writes_what_json_dumps_writes(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    records = _records()
    with ResultStore.open(out) as store:
        store.append(records)
        store.append([])
    expected = "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
    )
    assert out.read_bytes() == expected.encode("utf-8")
    assert [r["id"] for r in read_results(out)] == ["c1", "c2"]


def test_a_results_line_nested_too_deeply_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    out.write_text("[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a result record"), ResultStore.open(out):
        pass
