"""The fit scores in plain NumPy: this module *defines* the numbers (docs/scoring.md).

Written for clarity, not speed: it broadcasts profiles × occupations × dimensions in chunks of
profiles, in float64. The numba kernel (:mod:`careerfit_opt.scoring.kernel`) must agree with it
to 1e-5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from careerfit_opt.model.scenario import InterestIndex
from careerfit_opt.scoring.arrays import (
    IACHAN_MAX,
    IACHAN_WEIGHTS,
    OccupationArrays,
    ProfileArrays,
    holland_code,
)

Array = npt.NDArray[np.floating]
#: Largest Euclidean distance between two RIASEC profiles on the 1–7 scale: √(6·6²).
EUCLIDEAN_MAX = float(np.sqrt(6 * 36.0))
#: A variance at most this share of the sum of squares counts as zero (a flat profile).
FLAT = 1e-6
#: Known dimensions a family needs before its profile has a direction: with two, the
#: correlation is always ±1 and says nothing about the kind of work.
MIN_SHAPE_DIMS = 3
#: Floor of (1 + r)/2 in the shape term: a correlation below −0.98 counts as −0.98. Near
#: r = −1 the root of the geometric mean turns float32 rounding into visible differences;
#: real occupations never come close (the lowest r between two O*NET 30.1 occupations is −0.58).
SHAPE_FLOOR = 0.01
#: Job zones apart that cost nothing; each zone beyond halves the qualification fit.
ZONE_TOLERANCE = 1.0


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
    """The factors of qualification fit q = S·G·Z (P × R each, docs/scoring.md).

    ``met`` = Σ a·u·L·min(h, L) / Σ a·u·L² and ``used`` = Σ a·h·min(h, L) / Σ a·h² over the
    known levels (1 where the denominator is 0); ``shape`` S = the geometric mean over dimension
    families of (1 + r)/2, r the Pearson correlation of the person's and the job's levels (1
    where no family's known levels have a direction); ``zone`` Z = 2^−max(0, |Δzone| − 1) (1
    where a zone is unknown); ``known`` whether any level is known on a dimension the
    occupation rates.
    """

    met: Array
    used: Array
    shape: Array
    zone: Array
    known: npt.NDArray[np.bool_]


def zone_factor(person_zone: Array, occupation_zone: Array) -> Array:
    """Z = 2^−max(0, |z_job − z_person| − 1) (P × R); 1 where either zone is unknown (NaN).

    >>> zone_factor(np.array([4.0, np.nan]), np.array([1.0, 3.0, 4.0])).tolist()
    [[0.25, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """
    zp = np.asarray(person_zone, dtype=np.float64)[:, None]
    zr = np.asarray(occupation_zone, dtype=np.float64)[None, :]
    gap = np.maximum(np.abs(zr - zp) - ZONE_TOLERANCE, 0.0)
    return np.where(np.isnan(gap), 1.0, np.exp2(-np.nan_to_num(gap)))


def qualification_parts(
    level: Array,
    req: Array,
    importance: Array,
    family: npt.NDArray[np.integer],
    dim_weight: Array,
    person_zone: Array,
    occupation_zone: Array,
    chunk: int = 128,
    rated: npt.NDArray[np.bool_] | None = None,
) -> QualificationParts:
    """The factors of qualification fit for profile levels ``level`` (P × K, ``NaN`` unknown)
    against required levels ``req`` and importance weights ``importance`` (R × K), dimension
    families ``family`` (K) and per-dimension weights ``dim_weight`` (K, see
    :attr:`OccupationArrays.dim_weight`).

    ``rated`` (R × K, ``None``: all) marks the requirements each occupation rates. A
    dimension enters a pair's sums only when the person's level is known *and* the occupation
    rates it: an unknown level or an unrated requirement is neither a gap nor a match.
    """
    h_all = np.asarray(level, dtype=np.float64)
    big_l = np.asarray(req, dtype=np.float64)[None, :, :]
    u = np.asarray(importance, dtype=np.float64)[None, :, :]
    a = np.asarray(dim_weight, dtype=np.float64)[None, None, :]
    fam = np.asarray(family)
    n_p, n_r = h_all.shape[0], big_l.shape[1]
    rates = None if rated is None else np.asarray(rated, dtype=np.bool_)[None, :, :]
    out = {n: np.empty((n_p, n_r)) for n in ("met", "used", "shape")}
    any_known = np.empty((n_p, n_r), dtype=np.bool_)
    for start in range(0, n_p, chunk):
        stop = min(start + chunk, n_p)
        known = ~np.isnan(h_all[start:stop])[:, None, :]
        if rates is not None:
            known = known & rates  # (chunk, R, K): known on both sides
        h = np.where(known, np.nan_to_num(h_all[start:stop])[:, None, :], 0.0)
        m = np.minimum(h, big_l)
        kl = known * big_l
        met_den = (a * u * kl * big_l).sum(axis=2)
        used_den = (a * h * h).sum(axis=2)
        with np.errstate(invalid="ignore", divide="ignore"):
            met = np.where(met_den > 0, (a * u * kl * m).sum(axis=2) / met_den, 1.0)
            used = np.where(used_den > 0, (a * h * m).sum(axis=2) / used_den, 1.0)
        log_shape = np.zeros((stop - start, n_r))
        n_dir = np.zeros((stop - start, n_r))
        for f in np.unique(fam):
            in_f = known & (fam == f)[None, None, :]
            n = in_f.sum(axis=2)  # (chunk, 1), or (chunk, R) with unrated requirements
            hf = np.where(in_f, h, 0.0)
            mean = hf.sum(axis=2, keepdims=True) / np.maximum(n, 1)[..., None]
            hc = np.where(in_f, hf - mean, 0.0)
            var_h = (hc * hc).sum(axis=2)
            direction = (n >= MIN_SHAPE_DIMS) & (var_h > FLAT * (hf * hf).sum(axis=2))
            lf = np.where(in_f, big_l, 0.0)
            s1, s2 = lf.sum(axis=2), (lf * lf).sum(axis=2)
            var_l = s2 - s1 * s1 / np.maximum(n, 1)
            cov = (hc * lf).sum(axis=2)
            with np.errstate(invalid="ignore", divide="ignore"):
                r = np.where(var_l > FLAT * s2, cov / np.sqrt(var_h * var_l), 0.0)
                term = np.log(np.maximum((1.0 + np.clip(r, -1.0, 1.0)) / 2.0, SHAPE_FLOOR))
            log_shape += np.where(direction, term, 0.0)
            n_dir += direction
        with np.errstate(invalid="ignore", divide="ignore"):
            shape = np.where(n_dir > 0, np.exp(log_shape / np.maximum(n_dir, 1)), 1.0)
        out["met"][start:stop] = met
        out["used"][start:stop] = used
        out["shape"][start:stop] = shape
        any_known[start:stop] = known.any(axis=2)
    return QualificationParts(
        met=out["met"],
        used=out["used"],
        shape=out["shape"],
        zone=zone_factor(person_zone, occupation_zone),
        known=any_known,
    )


def qualification_fit(parts: QualificationParts) -> Array:
    """q = S · √(met · used) · Z where some level the occupation rates is known, else 0
    (nothing supports a fit)."""
    q = parts.shape * np.sqrt(parts.met * parts.used) * parts.zone
    return np.where(parts.known, np.clip(q, 0.0, 1.0), 0.0)


def coverage(level: Array, weight: Array) -> Array:
    """Σ w over the known levels / Σ w (P × R), w the thresholded requirement weights; 0 when
    the occupation weighs nothing."""
    known = (~np.isnan(np.asarray(level, dtype=np.float64))).astype(np.float64)
    w = np.asarray(weight, dtype=np.float64)
    total = w.sum(axis=1)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (known @ w.T) / total
    return np.clip(np.where(total > 0, cov, 0.0), 0.0, 1.0)


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
    prof: ProfileArrays, occ: OccupationArrays, index: InterestIndex, values_weight: float
) -> Scores:
    """Every score for the P compiled profiles × R compiled occupations."""
    parts = qualification_parts(
        prof.level,
        occ.level,
        occ.importance,
        occ.family,
        occ.dim_weight,
        prof.zone,
        occ.zone,
        rated=occ.rated,
    )
    q = qualification_fit(parts)
    pi = passion_fit(prof.interests, occ.interests, prof.values, occ.values, index, values_weight)
    return Scores(
        qualification=q,
        passion=pi,
        combined=combined_fit(q, pi, prof.passion_weight),
        coverage=coverage(prof.level, occ.weight),
    )
