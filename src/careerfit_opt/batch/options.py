"""The settings of a batch run: plain data, the same in every worker, with a fingerprint."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from careerfit_opt.errors import InputError, Problem

#: Recommendations planned per client when neither the roster nor ``top`` says otherwise.
DEFAULT_TOP = 3
OBJECTIVES = ("lexicographic", "fastest", "cheapest", "balanced")


def catalog_source(
    text: str | None, base_dir: Path | None = None, actions: list[str] | None = None
) -> dict[str, Any]:
    """A catalogue choice as a scenario ``catalog`` mapping: a bundled name (``default``), a
    catalogue file, an O*NET directory or an installed O*NET release name; ``actions`` adds
    action files (or ``bundled``: the bundled actions for O*NET occupations).

    >>> catalog_source("default")
    {'bundled': 'default'}
    """
    source = _base_source(text, base_dir)
    if actions:
        source["actions"] = [
            a if a == "bundled" else str((base_dir or Path.cwd()) / Path(a).expanduser())
            for a in actions
        ]
    return source


def _base_source(text: str | None, base_dir: Path | None) -> dict[str, Any]:
    if text is None or not text.strip():
        return {"bundled": "default"}
    text = text.strip()
    path = Path(text).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    from careerfit_opt.io.files import path_kind

    kind = path_kind(path)
    if kind == "dir":
        return {"onet": str(path.resolve())}
    if kind == "file":
        return {"path": str(path.resolve())}
    from careerfit_opt.data.bundled import bundled_catalog_names
    from careerfit_opt.data.onet.releases import installed_releases

    if text in bundled_catalog_names():
        return {"bundled": text}
    # Before the path test below: a release name has a dot ("30.1").
    if text in installed_releases():
        return {"onet": text}
    if "/" in text or "\\" in text or "." in text:
        installed = ", ".join(installed_releases()) or "none"
        raise InputError(
            [Problem("--catalog", f"no catalogue file, O*NET folder or installed O*NET release "
                     f"at {text!r} (installed releases: {installed}; install one with "
                     "`careerfit data onet`)")]
        )  # fmt: skip
    choices = [*bundled_catalog_names(), *installed_releases()]
    raise InputError(
        [Problem("--catalog", f"unknown catalogue {text!r}; use one of {', '.join(choices)}, "
                 "a catalogue file or an O*NET folder")]
    )  # fmt: skip


@dataclass(frozen=True)
class BatchOptions:
    """How every client of a batch is run.

    ``catalog`` is the scenario ``catalog`` mapping used for clients that do not name their
    own; ``top`` overrides the number of recommendations planned (``None``: the client's own
    ``target``, else :data:`DEFAULT_TOP`); ``objective`` and ``time_limit`` override the
    clients' (``None``: theirs). ``recommend_only`` skips planning and scores clients in chunks
    of ``chunk`` with the streaming top-k kernel. CP-SAT always runs one worker per client.
    """

    catalog: dict[str, Any] = field(default_factory=lambda: {"bundled": "default"})
    top: int | None = None
    objective: str | None = None
    time_limit: float | None = None
    recommend_only: bool = False
    chunk: int = 1000
    #: Explain infeasible plans and remaining gaps (costs up to half the time limit again).
    explain: bool = True

    def __post_init__(self) -> None:
        problems = []
        if self.top is not None and not 1 <= self.top <= 100:
            problems.append(Problem("--top", f"must be within 1–100 (got {self.top})"))
        if self.objective is not None and self.objective not in OBJECTIVES:
            problems.append(
                Problem(
                    "--objective",
                    f"unknown objective {self.objective!r}; use one of {', '.join(OBJECTIVES)}",
                )
            )
        if self.time_limit is not None and not 0 < self.time_limit <= 3600:
            problems.append(
                Problem("--time-limit", f"must be > 0 and ≤ 3600 s (got {self.time_limit:g})")
            )
        if self.chunk < 1:
            problems.append(Problem("chunk", f"must be ≥ 1 (got {self.chunk})"))
        if problems:
            raise InputError(problems)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (what crosses to the workers)."""
        return asdict(self)

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of everything that changes a client's result (not ``chunk``): a run
        resumed with other options would mix results, so the records carry it."""
        data = self.as_dict()
        data.pop("chunk")
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]
