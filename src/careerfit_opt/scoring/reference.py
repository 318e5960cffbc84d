"""The fit scores in plain NumPy: this module *defines* the numbers (docs/scoring.md).

Written for clarity, not speed: it broadcasts profiles × occupations × dimensions in chunks of
profiles. The numba kernel (:mod:`careerfit_opt.scoring.kernel`) must agree with it to 1e-5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from careerfit_opt.model.scenario import InterestIndex
from careerfit_opt.scoring.arrays import IACHAN_MAX, IACHAN_WEIGHTS, holland_code

Array = npt.NDArray[np.floating]
#: Largest Euclidean distance between two RIASEC profiles on the 1–7 scale: √(6·6²).
EUCLIDEAN_MAX = float(np.sqrt(6 * 36.0))


@dataclass(frozen=True)
class Scores:
    """Score matrices, P profiles × R occupations.

    ``passion`` is ``NaN`` where it is unknown (no interests on either side); ``combined`` is
    then the qualification fit alone.
    """

    qualification: Array
    passion: Array
    combined: Array
    coverage: Array


@dataclass(frozen=True)
class QualificationParts:
    """The pieces of qualification fit over the *known* weighted dimensions (P × R each).

    ``shortfall`` = Σ w·max(0, L − h), ``over`` = Σ w·max(0, h − L),
    ``scale`` = Σ w·max(L, h), ``known_weight`` = Σ w over known dimensions;
    ``total_weight`` (R) = Σ w over all dimensions.
    """

    shortfall: Array
    over: Array
    scale: Array
    known_weight: Array
    total_weight: Array


def qualification_parts(
    level: Array, req: Array, weight: Array, dtype: type = np.float64, chunk: int = 256
) -> QualificationParts:
    """Sums behind qualification fit, for profile levels ``level`` (P × K, ``NaN`` unknown)
    against requirements ``req`` and weights ``weight`` (R × K).

    An unknown level contributes to no sum: it is neither a gap nor a match.
    """
    h_all: Array = np.asarray(level, dtype=dtype)
    big_l: Array = np.asarray(req, dtype=dtype)[None, :, :]
    w: Array = np.asarray(weight, dtype=dtype)[None, :, :]
    n_p, n_r = h_all.shape[0], big_l.shape[1]
    out: dict[str, Array] = {n: np.empty((n_p, n_r), dtype=dtype) for n in ("s", "o", "d", "kw")}
    for start in range(0, n_p, chunk):
        stop = min(start + chunk, n_p)
        known = ~np.isnan(h_all[start:stop])
        h: Array = np.where(known, h_all[start:stop], 0.0).astype(dtype)[:, None, :]
        wk = w * known[:, None, :]
        diff = big_l - h
        out["s"][start:stop] = (wk * np.maximum(diff, 0.0)).sum(axis=2)
        out["o"][start:stop] = (wk * np.maximum(-diff, 0.0)).sum(axis=2)
        out["d"][start:stop] = (wk * np.maximum(big_l, h)).sum(axis=2)
        out["kw"][start:stop] = wk.sum(axis=2)
    return QualificationParts(
        shortfall=out["s"],
        over=out["o"],
        scale=out["d"],
        known_weight=out["kw"],
        total_weight=np.asarray(weight, dtype=dtype).sum(axis=1),
    )


def qualification_fit(parts: QualificationParts, beta: float) -> tuple[Array, Array]:
    """Qualification fit q and coverage from :func:`qualification_parts`.

    q = 1 − (shortfall + β·over) / scale over the known weighted dimensions; q = 1 when every
    known requirement and level is 0 (scale 0), and q = 0 when no weighted dimension is known
    (nothing supports a fit). Coverage = known weight / total weight (0 when the occupation
    weighs nothing).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        q = 1.0 - (parts.shortfall + beta * parts.over) / parts.scale
        coverage = parts.known_weight / parts.total_weight[None, :]
    q = np.where(parts.scale > 0, q, np.where(parts.known_weight > 0, 1.0, 0.0))
    coverage = np.where(parts.total_weight[None, :] > 0, coverage, 0.0)
    return np.clip(q, 0.0, 1.0), np.clip(coverage, 0.0, 1.0)


def interest_congruence(person: Array, occupation: Array, index: InterestIndex) -> Array:
    """Interest congruence in [0, 1] (P × R) of RIASEC scores (P × 6 and R × 6, ``NaN`` rows
    unknown); ``NaN`` where either side is unknown.

    ``pearson``: (r + 1) / 2 with r the correlation of the six scores; a flat profile (zero
    variance) has no direction, so r = 0 (congruence 0.5). ``euclidean``: 1 − distance / √216.
    ``iachan``: Iachan's M on the three-letter Holland codes, divided by its maximum 28.
    """
    a = np.asarray(person, dtype=np.float64)
    b = np.asarray(occupation, dtype=np.float64)
    unknown: npt.NDArray[np.bool_] = (
        np.asarray(np.isnan(a).any(axis=1))[:, None] | np.asarray(np.isnan(b).any(axis=1))[None, :]
    )
    if index is InterestIndex.PEARSON:
        za = a - a.mean(axis=1, keepdims=True)
        zb = b - b.mean(axis=1, keepdims=True)
        na = np.linalg.norm(za, axis=1, keepdims=True)
        nb = np.linalg.norm(zb, axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            za = np.where(na > 1e-9, za / na, 0.0)
            zb = np.where(nb > 1e-9, zb / nb, 0.0)
        out = (np.clip(za @ zb.T, -1.0, 1.0) + 1.0) / 2.0
    elif index is InterestIndex.EUCLIDEAN:
        dist = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2))
        out = 1.0 - dist / EUCLIDEAN_MAX
    else:
        ca, cb = holland_code(a.astype(np.float32)), holland_code(b.astype(np.float32))
        match = ca[:, None, :, None] == cb[None, :, None, :]  # P × R × 3 × 3
        out = (match * IACHAN_WEIGHTS.astype(np.float64)).sum(axis=(2, 3)) / IACHAN_MAX
    return np.where(unknown, np.nan, out)


def values_congruence(person: Array, occupation: Array) -> Array:
    """Work-values congruence 1 − mean |Δ| / 6 over the values known on both sides (P × R);
    ``NaN`` where no value is known on both sides."""
    a = np.asarray(person, dtype=np.float64)[:, None, :]
    b = np.asarray(occupation, dtype=np.float64)[None, :, :]
    both = ~np.isnan(a) & ~np.isnan(b)
    diff = np.where(both, np.abs(np.nan_to_num(a) - np.nan_to_num(b)), 0.0).sum(axis=2)
    count = both.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 1.0 - diff / (6.0 * count)
    return np.where(count > 0, out, np.nan)


def passion_fit(
    person_interests: Array,
    occupation_interests: Array,
    person_values: Array,
    occupation_values: Array,
    index: InterestIndex,
    values_weight: float,
) -> Array:
    """π = (1 − v)·interest + v·values; interests alone when values are unknown; ``NaN`` when
    interests are unknown (values alone are too coarse to stand for passion)."""
    interest = interest_congruence(person_interests, occupation_interests, index)
    values = values_congruence(person_values, occupation_values)
    blended = (1.0 - values_weight) * interest + values_weight * values
    return np.where(np.isnan(values), interest, blended)


def combined_fit(qualification: Array, passion: Array, passion_weight: Array) -> Array:
    """F = q^(1−w)·π^w with w each profile's passion weight; q alone where π is unknown."""
    w = np.asarray(passion_weight, dtype=np.float64)[:, None]
    q = np.asarray(qualification, dtype=np.float64)
    pi = np.asarray(passion, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        both = q ** (1.0 - w) * np.nan_to_num(pi) ** w
    return np.where(np.isnan(pi), q, both)


def score_arrays(
    level: Array,
    person_interests: Array,
    person_values: Array,
    passion_weight: Array,
    req: Array,
    weight: Array,
    occupation_interests: Array,
    occupation_values: Array,
    beta: float,
    index: InterestIndex,
    values_weight: float,
    dtype: type = np.float64,
) -> Scores:
    """Every score for P profiles × R occupations, from compiled arrays."""
    parts = qualification_parts(level, req, weight, dtype=dtype)
    q, coverage = qualification_fit(parts, beta)
    pi = passion_fit(
        person_interests,
        occupation_interests,
        person_values,
        occupation_values,
        index,
        values_weight,
    )
    return Scores(
        qualification=q,
        passion=pi,
        combined=combined_fit(q, pi, passion_weight),
        coverage=coverage,
    )
