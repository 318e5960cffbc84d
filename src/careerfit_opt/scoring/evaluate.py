"""Recommendation quality against expert-judged related occupations (docs/evaluation.md).

For every source occupation A of a related-occupations table that the catalogue holds, a
person working in A today (``Profile.from_occupation(A)``) asks for the top k, A excluded; the
hits are A's related occupations among them. Means over sources with confidence intervals:
bootstrap over sources (seeded) or the normal approximation.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.evaluation import (
    CiMethod,
    Evaluation,
    Measure,
    RelatedTable,
    SourceResult,
)
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import ScoringSettings
from careerfit_opt.scoring.arrays import compile_catalog, compile_profiles

#: Profiles scored per kernel call (bounds memory on very large tables).
BATCH = 4096


def confidence_interval(
    values: npt.ArrayLike,
    method: CiMethod = "bootstrap",
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> Measure:
    """The mean of ``values`` with a ``confidence`` interval.

    ``bootstrap``: the percentile interval of the means of ``resamples`` resamples of the values
    with replacement (``numpy.random.default_rng(seed)``: the same seed gives the same interval).
    ``normal``: mean ± z·s/√n, s the sample standard deviation. One value: the interval is the
    value itself.

    >>> confidence_interval([0.0, 1.0, 1.0, 0.0], "normal").value
    0.5
    """
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0:
        raise ValueError("no values to summarise")
    mean = float(x.mean())
    if x.size == 1:
        return Measure(value=mean, low=mean, high=mean)
    tail = (1.0 - confidence) / 2.0
    if method == "normal":
        half = NormalDist().inv_cdf(1.0 - tail) * float(x.std(ddof=1)) / np.sqrt(x.size)
        return Measure(value=mean, low=mean - half, high=mean + half)
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(resamples, x.size))].mean(axis=1)
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return Measure(value=mean, low=float(low), high=float(high))


def evaluate(
    catalog: Catalog,
    related: RelatedTable,
    k: int = 10,
    settings: ScoringSettings = ScoringSettings(),
    ci: CiMethod = "bootstrap",
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
    per_source: bool = False,
) -> Evaluation:
    """Precision@k, recall@k and MRR@k of ``catalog``'s recommendations against ``related``.

    Sources the catalogue lacks are skipped and listed; related occupations it lacks count as
    misses (they can never be recommended). ``per_source`` keeps every source's top k in the
    result. Raises :class:`InputError` when no source of the table is in the catalogue.
    """
    problems = []
    if k < 1:
        problems.append(Problem("k", f"must be ≥ 1 (got {k})"))
    if not 0.0 < confidence < 1.0:
        problems.append(Problem("confidence", f"must be between 0 and 1 (got {confidence})"))
    if resamples < 1:
        problems.append(Problem("resamples", f"must be ≥ 1 (got {resamples})"))
    if problems:
        raise InputError(problems)
    from careerfit_opt.scoring.kernel import numba_top_k

    by_id = catalog.occupation_by_id
    sources = [s for s in related.links if s in by_id]
    missing = [s for s in related.links if s not in by_id]
    if not sources:
        raise InputError(
            [Problem("related", f"none of its {len(related.links)} source occupations is in "
                     f"catalogue {catalog.name!r} (e.g. {next(iter(related.links))!r}): use the "
                     "catalogue the table was made for (O*NET 30.x codes for Related "
                     "Occupations 30.x, 23.x codes for the Career Changers Matrix)")],
            source=related.name,
        )  # fmt: skip
    occ = compile_catalog(catalog, settings.importance_threshold)
    index = {o: i for i, o in enumerate(occ.ids)}
    results: list[SourceResult] = []
    for start in range(0, len(sources), BATCH):
        chunk = sources[start : start + BATCH]
        prof = compile_profiles(
            [Profile.from_occupation(by_id[s]) for s in chunk], occ.dimension_ids
        )
        idx, _ = numba_top_k(prof, occ, settings, k + 1)
        for s, row in zip(chunk, idx, strict=True):
            top = [occ.ids[r] for r in row if r >= 0 and r != index[s]][:k]
            links = set(related.links[s])
            hit_ranks = [i for i, t in enumerate(top, start=1) if t in links]
            hits = len(hit_ranks)
            first = hit_ranks[0] if hit_ranks else None
            results.append(
                SourceResult(
                    source=s,
                    related=len(links),
                    hits=hits,
                    first_hit_rank=first,
                    precision=hits / k,
                    recall=hits / len(links),
                    reciprocal_rank=1.0 / first if first else 0.0,
                    top=top if per_source else [],
                )
            )
    missing_targets = sum(1 for s in sources for t in related.links[s] if t not in by_id)

    def measure(name: str) -> Measure:
        values = [getattr(r, name) for r in results]
        return confidence_interval(values, ci, confidence, resamples, seed)

    notes = []
    if missing:
        notes.append(f"{len(missing)} source occupations of the table are not in the catalogue "
                     "and were skipped")  # fmt: skip
    if missing_targets:
        notes.append(f"{missing_targets} related occupations are not in the catalogue: they "
                     "count as misses")  # fmt: skip
    return Evaluation(
        catalog=catalog.name,
        related_file=related.name,
        related_format=related.format,
        k=k,
        sources=len(results),
        links=sum(len(related.links[s]) for s in sources),
        precision=measure("precision"),
        recall=measure("recall"),
        mrr=measure("reciprocal_rank"),
        ci_method=ci,
        confidence=confidence,
        resamples=resamples if ci == "bootstrap" else None,
        seed=seed if ci == "bootstrap" else None,
        missing_sources=missing,
        missing_targets=missing_targets,
        per_source=results if per_source else [],
        notes=notes,
    )
