"""The numba scoring kernel: the reference's numbers (to 1e-5), in float32, fast.

Layout and why (docs/performance.md has the measurements):

* Qualification fit (docs/scoring.md) needs, per profile p and occupation r, sums over the
  dimensions k of three products: ``A = Σ a·u·L·min(h, L)`` (demand met), ``B = Σ a·h·min(h, L)``
  (capability used) and, per dimension family f, ``C_f = Σ ĥ·L`` with ĥ the person's levels
  centred on their mean over the family's known dimensions (the Pearson numerator: as Σ ĥ = 0,
  Σ ĥ·(L − L̄) = Σ ĥ·L). Unknown levels are stored as 0 in h, a·h and ĥ, so they add nothing to
  any of the three; everything else the fit needs (Σ a·u·L², Σ L, Σ L² over the *known*
  dimensions, Σ w for coverage) is an occupation total minus the terms of the person's few
  unknown dimensions, and Σ a·h², the family variances of h are per profile.
* The hot loop (:func:`_hot`) is one min and three multiply-adds per profile, occupation and
  dimension. Occupations are cut into tiles of ``TILE`` and stored tile-major
  (``[tile][dimension][L, a·u·L, w][TILE]``); dimensions are grouped by family, each family
  padded with weightless rows to a multiple of ``KU``; a block of ``PB`` profiles shares every
  requirement load. Register-blocked with explicit 16-lane vectors (``scoring/simd.py``): for
  each block of 16 occupations of a tile, the twelve sums of the block's profiles stay in
  vector registers over every dimension (written as loops over occupations, LLVM vectorised
  only the innermost loop, so each pass over ``KU`` dimensions loaded and stored the sums and
  spilled its 48 broadcast levels: ~73 cycles per 16-lane step, ~2× slower). The ``KU``
  products are summed first, then added, fused exactly as before (bitwise the same results):
  a chain of fused multiply-adds into the accumulator doubled the rounding error of profiles
  that know little. The block's levels are repacked [dimension][profile][h, a·h, ĥ] so that
  a pass's broadcasts are adjacent. All indices are cast to unsigned: numba then emits no
  negative-index wraparound.
* Tiles are the outer loop over a block of ``SB`` profiles: a tile's requirements and side
  terms stay in the core's L2 cache while the block's profiles pass over it (profile-outer,
  every block of four streamed all 1.3 MiB of requirements and 3.5 MiB of float64 side terms
  from L3).
* The known-dimension sums are occupation totals (float64) minus the unknown dimensions' terms,
  four dimensions of a family per pass (:func:`_known_sums`; L and L² come exactly from the
  float32 levels, only a·u·L² is kept in float64), then turned into float32 per pair once, so
  that :func:`_epilogue` runs in float32 only, branch-free. The logarithms and exponentials
  of the geometric means are :func:`fast_log` / :func:`fast_exp`, float32 polynomials on the
  exponent bits (relative error ~1e-7): they vectorise, where ``math.log`` is a scalar libm
  call per pair (28× slower, measured, no SVML here). The shape's and met·used's logarithms
  are one (of S^α·μ^β), and q's exponential is taken only when q is returned: the top k cost
  two logarithms and one exponential per pair (were three and two).
* Top-k: a lower bound of the k-th best from the maxima of strided groups, then a branch-free
  gather and ranking of the few candidates (see :func:`_select_top`).
* Helpers take whole arrays and indices, never row views (a view costs two atomic
  reference-count updates). One serial ``nogil`` kernel serves both the matrix and the top-k
  entry points; chunks of profiles run on a thread pool (``parallel=True`` compiled for 30 s).
* ``fastmath`` allows contraction only (fused multiply-add): unknown passion is written as NaN
  from flags and tested with ``x != x``, which stricter fast-math flags would break.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt
from numba import njit

from careerfit_opt.model.scenario import InterestIndex, ScoringSettings
from careerfit_opt.scoring.arrays import (
    F32,
    IACHAN_MAX,
    IACHAN_WEIGHTS,
    OccupationArrays,
    ProfileArrays,
)
from careerfit_opt.scoring.reference import (
    EUCLIDEAN_MAX,
    FLAT,
    MIN_SHAPE_DIMS,
    SHAPE_FLOOR,
    ZONE_TOLERANCE,
    Scores,
)
from careerfit_opt.scoring.simd import LANES, vadd, vload, vmin, vmul, vsplat, vstore, vzero

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
#: Profiles scored together against one tile of requirements.
PB = 4
#: Dimensions summed per pass over the occupations (each family padded to a multiple).
KU = 4
#: Occupations per tile (occupations are padded to a multiple; a multiple of LANES). 224 =
#: 14 vectors of 16: each profile's per-tile epilogue and known-part set-up (and, before the
#: register-blocked hot loop, each pass's set-up) are spread over more occupations than with
#: 128 (−15–20% per profile on O*NET 30.1, bitwise the same results); O*NET 30.1's 894
#: occupations are four tiles with two of padding (with 128: seven, also two). The tile's data
#: (~600 KiB) still stays in the core's 2-MiB L2 cache.
TILE = 224
assert TILE % LANES == 0  # the hot loop's vector blocks
#: Unknown dimensions subtracted together (one store per UG loads).
UG = 4
#: Rows per dimension in a tile: level L, a·u·L, threshold weight w.
NROW = 3
#: Per-occupation float32 rows of the tile constants: interests known (1/0), interests (6;
#: centred unit vectors for Pearson), values (6, 0 where unknown), job zone (NaN unknown).
IKNOWN, INT0, VAL0, ZONE, NQ = 0, 1, 7, 13, 14
#: Per-occupation float64 totals (then per family Σ L_f and Σ L_f²): Σ a·u·L², Σ w. The sums
#: over the known dimensions are these minus the unknown dimensions' terms, in float64 so that
#: no cancellation shows when little is known.
T_AUL2, T_W, T_FAM = 0, 1, 2
#: Float64 rows per dimension the totals are formed from: a·u·L², w, L, L² (only a·u·L² is
#: kept per dimension: the others are exact from the float32 ``req``).
NSIDE = 4
#: Scratch rows of TILE per profile, before the per-family C_f: sums A, B, π in, shape product,
#: outputs q, π, F, coverage. After the NF rows C_f (at FAMS + NF + …): the float32 known-part
#: terms Σ a·u·L² (DEN), coverage (COVK) and per family 1/√(n·var L) (ISD + f).
A_S, B_S, PI_IN, LSHAPE, Q_OUT, PI_OUT, F_OUT, COV_OUT, FAMS = range(9)
DEN, COVK, ISD = 0, 1, 2
#: Top-k: strided groups of occupations, and the lanes their maxima are folded into (GROUPS
#: must divide the padded count, a multiple of TILE, and be a multiple of SUPER).
GROUPS = TILE
SUPER = 32
#: Profiles scored tile by tile together (a multiple of PB): each tile's requirements and
#: side terms (~600 KiB) stay in the core's L2 cache while all of them pass over it.
SB = 32
#: Profiles per task handed to a thread (a multiple of SB).
CHUNK = 512
_FM = {"contract"}
_INDEX_CODE = {InterestIndex.PEARSON: 0, InterestIndex.EUCLIDEAN: 1, InterestIndex.IACHAN: 2}
_F = TypeVar("_F", bound=Callable[..., Any])
_U = np.uint64  # unsigned indices: no negative-index wraparound in the compiled loops
_LN2 = float(np.log(2.0))


def _inner(fn: _F) -> _F:
    """Compile ``fn`` as a helper called only from compiled code: no Python wrapper to build
    (a wrapper per helper cost ~0.1 s of cold compile each)."""
    # ``no_cpython_wrapper`` is a real njit option that numba's type stubs do not list.
    jit: Any = njit
    return cast(_F, jit(nogil=True, error_model="numpy", fastmath=_FM, no_cpython_wrapper=True)(fn))


def _inline(fn: _F) -> _F:
    """Like :func:`_inner`, inlined into the caller (numba IR inlining): the loops that call
    it stay vectorisable."""
    jit: Any = njit
    return cast(
        _F,
        jit(nogil=True, error_model="numpy", fastmath=_FM, no_cpython_wrapper=True,
            inline="always")(fn),
    )  # fmt: skip


@_inline
def fast_log(x: Any) -> np.float32:
    """Natural logarithm in float32 (relative error ~1e-7), −inf for x ≤ 0: exponent bits plus
    an odd series in t = (m − 1)/(m + 1), m ∈ [√½, √2)."""
    b = np.float32(max(x, np.float32(1.2e-38))).view(np.int32)
    e = np.float32((b >> 23) - 127)
    m = np.int32((b & 0x007FFFFF) | 0x3F800000).view(np.float32)
    big = m > np.float32(1.4142135)
    m = m * np.float32(0.5) if big else m
    e = e + np.float32(1.0) if big else e
    t = (m - np.float32(1.0)) / (m + np.float32(1.0))
    t2 = t * t
    p = np.float32(2.0 / 9.0)
    p = p * t2 + np.float32(2.0 / 7.0)
    p = p * t2 + np.float32(2.0 / 5.0)
    p = p * t2 + np.float32(2.0 / 3.0)
    p = p * t2 + np.float32(2.0)
    out = e * np.float32(_LN2) + t * p
    return out if x > np.float32(0.0) else np.float32(-np.inf)


@_inline
def fast_exp(x: Any) -> np.float32:
    """e^x in float32 (relative error ~1e-7) for x ≤ 88; 0 below −87: x = n·ln 2 + r, a
    degree-7 polynomial for e^r and the exponent bits for 2^n."""
    y = np.float32(min(max(x, np.float32(-87.0)), np.float32(88.0)))
    n = np.floor(y * np.float32(1.0 / _LN2) + np.float32(0.5))
    r = y - n * np.float32(0.693145751953125) - n * np.float32(1.428606765330187e-06)
    p = np.float32(1.0 / 5040.0)
    p = p * r + np.float32(1.0 / 720.0)
    p = p * r + np.float32(1.0 / 120.0)
    p = p * r + np.float32(1.0 / 24.0)
    p = p * r + np.float32(1.0 / 6.0)
    p = p * r + np.float32(0.5)
    p = p * r + np.float32(1.0)
    p = p * r + np.float32(1.0)
    scale = np.int32((np.int32(n) + 127) << 23).view(np.float32)
    return p * scale if x >= np.float32(-87.0) else np.float32(0.0)


@dataclass(frozen=True)
class KernelOccupations:
    """Occupation arrays in the kernel's layout: float32, padded, tile-major.

    Kernel dimension i is catalogue dimension ``dims[i]`` (−1: a weightless padding row);
    family f holds kernel dimensions ``fstart[f]`` … ``fstart[f + 1] − 1`` (a multiple of KU).
    """

    dims: I32  # K'
    kfam: I64  # K': family of each kernel dimension
    fstart: I64  # NF + 1
    dim_weight: F32  # K': a per kernel dimension (0 for padding)
    req: F32  # [tile][K' + 1][NROW][TILE]: L, a·u·L, w (last dimension zero)
    side: F64  # [tile][K' + 1][TILE]: a·u·L² (float64; last row zero)
    totals: F64  # [tile][2 + 2·NF][TILE]: T_AUL2, T_W, Σ L_f, Σ L_f²
    tiles: F32  # [tile][NQ][TILE]: the per-occupation float32 constants
    orow: F32  # 21 × Rp: –, Σ w, interests known, interests (6), values (6), values known (6)
    code_t: I32  # 3 × Rp (Holland code letters, -1 unknown)
    values_complete: bool  # every occupation knows all six values
    n: int  # R
    occ_dims: tuple[str, ...]  # the occupation arrays' dimension ids
    #: Occupations that leave some requirement unrated (catalogue indices), scored pair by
    #: pair in float64 by :func:`_fix_partial` with their levels, importances and rated flags
    #: (n_partial × K); empty for plain O*NET, which rates every dimension (with the bundled
    #: credential overlay every O*NET occupation leaves most credentials unrated).
    partial: I64
    plevel: F64
    pimp: F64
    prated: npt.NDArray[np.bool_]
    #: The catalogue dimensions some partial occupation leaves unrated: a profile that knows
    #: none of them gets the exact result from the fast path (its known dimensions are rated
    #: by every occupation), and only pairs with a known unrated dimension are redone.
    pcols: I64
    cfam: I64  # K: family of each catalogue dimension
    cweight: F64  # K: a per catalogue dimension
    ozone: F64  # R: job zones (NaN unknown)
    #: [tile][K' + 1]: 1 where the dimension is all zero on the tile (L, a·u·L, w and
    #: a·u·L²: no occupation of the tile rates or weighs it, as for most credentials of an
    #: overlay), so a profile's unknown-dimension pass subtracts nothing there and is skipped.
    zero: I32

    @property
    def padded(self) -> int:
        """Rp: occupations including the padding."""
        return int(self.orow.shape[1])

    @property
    def families(self) -> int:
        """NF: dimension families."""
        return len(self.fstart) - 1


def _pad(a: npt.NDArray[Any], rows: int, width: int, value: float = 0.0) -> npt.NDArray[Any]:
    out = np.full((rows, width), value, dtype=a.dtype)
    out[: a.shape[0], : a.shape[1]] = a
    return out


def _tile_major(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``a`` (… × Rp) as [tile][…][TILE], flattened."""
    lead = a.shape[:-1]
    t = a.reshape(*lead, a.shape[-1] // TILE, TILE)
    order = (len(lead), *range(len(lead)), len(lead) + 1)
    return np.ascontiguousarray(t.transpose(order)).ravel()


def unit_centred(scores: F32) -> F32:
    """Rows minus their mean, scaled to unit length (zero for flat rows, NaN rows to zero).

    A flat row has no direction, so its correlation with anything is defined as 0.
    """
    x = np.nan_to_num(np.asarray(scores, dtype=np.float64))
    z = x - x.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(z, axis=1, keepdims=True)
    z = np.where(norm > 1e-9, z / np.where(norm > 1e-9, norm, 1.0), 0.0)
    return z.astype(np.float32)


def kernel_occupations(occ: OccupationArrays, index: InterestIndex) -> KernelOccupations:
    """The kernel layout of ``occ`` for ``index`` (cached with the arrays)."""
    key = f"kernel:{index.value}"
    hit = occ.extras.get(key)
    if isinstance(hit, KernelOccupations):
        return hit
    r = occ.size
    rp = max(TILE, -(-r // TILE) * TILE)
    n_f = len(occ.families)
    fam = np.asarray(occ.family, dtype=np.int64)
    dims_l: list[int] = []
    kfam_l: list[int] = []
    fstart = np.zeros(n_f + 1, np.int64)
    for f in range(n_f):
        members = np.flatnonzero(fam == f).tolist()
        width = max(KU, -(-len(members) // KU) * KU)
        dims_l += members + [-1] * (width - len(members))
        kfam_l += [f] * width
        fstart[f + 1] = len(dims_l)
    dims = np.array(dims_l, np.int32)
    real = dims >= 0
    pick = np.where(real, dims, 0)
    a = np.where(real, np.asarray(occ.dim_weight, np.float64)[pick], 0.0)
    lvl = np.where(real[:, None], occ.level.T.astype(np.float64)[pick], 0.0)  # K' × R
    imp = np.where(real[:, None], occ.importance.T.astype(np.float64)[pick], 0.0)
    w = np.where(real[:, None], occ.weight.T.astype(np.float64)[pick], 0.0)
    aul = a[:, None] * imp * lvl
    req = np.stack([_pad(x.astype(np.float32), len(dims), rp) for x in (lvl, aul, w)], axis=1)
    # One more dimension, all zero: groups of unknown dimensions are padded with it.
    req = np.concatenate([req, np.zeros((1, NROW, rp), np.float32)])
    n_tiles = rp // TILE
    req_t = np.ascontiguousarray(
        req.reshape(len(dims) + 1, NROW, n_tiles, TILE).transpose(2, 0, 1, 3)
    ).ravel()
    interests, values = occ.interests, occ.values
    known_int = np.asarray(~np.isnan(interests).any(axis=1), dtype=np.bool_)
    ints = unit_centred(interests) if index is InterestIndex.PEARSON else interests
    val_known = ~np.isnan(values)
    # The float64 terms from the float32 inputs, exactly as the reference forms them.
    aul2 = a[:, None] * imp * lvl * lvl
    side = np.stack([_pad(x, len(dims), rp) for x in (aul2, w, lvl, lvl * lvl)], axis=1)
    # Only a·u·L² is kept per dimension (w, L and so L² are exact from the float32 ``req``),
    # with the zero dimension as in ``req``.
    side_z = np.concatenate([side[:, 0], np.zeros((1, rp))])
    side_t = np.ascontiguousarray(
        side_z.reshape(len(dims) + 1, n_tiles, TILE).transpose(1, 0, 2)
    ).ravel()
    totals = np.zeros((T_FAM + 2 * n_f, rp), np.float64)
    totals[T_AUL2] = side[:, 0].sum(axis=0)
    totals[T_W] = side[:, 1].sum(axis=0)
    for f in range(n_f):
        rows = slice(int(fstart[f]), int(fstart[f + 1]))
        totals[T_FAM + f] = side[rows, 2].sum(axis=0)
        totals[T_FAM + n_f + f] = side[rows, 3].sum(axis=0)
    consts = np.zeros((NQ, r), np.float64)
    consts[IKNOWN] = known_int
    consts[INT0:VAL0] = np.nan_to_num(ints).T
    consts[VAL0:ZONE] = np.nan_to_num(values).T
    consts[ZONE] = occ.zone
    consts_p = _pad(consts.astype(np.float32), NQ, rp)
    consts_p[ZONE, r:] = np.nan
    orow = np.concatenate(
        [
            np.zeros((1, r)),
            occ.weight.astype(np.float64).sum(axis=1)[None, :],
            known_int[None, :].astype(np.float64),
            np.nan_to_num(ints).T,
            np.nan_to_num(values).T,
            val_known.T.astype(np.float64),
        ]
    )
    rated = np.ones(occ.level.shape, np.bool_) if occ.rated is None else occ.rated
    partial = np.flatnonzero(~rated.all(axis=1)).astype(np.int64)
    out = KernelOccupations(
        dims=dims,
        kfam=np.array(kfam_l, np.int64),
        fstart=fstart,
        dim_weight=a.astype(np.float32),
        req=req_t.astype(np.float32),
        side=side_t,
        totals=_tile_major(totals),
        tiles=_tile_major(consts_p),
        orow=_pad(orow.astype(np.float32), orow.shape[0], rp),
        code_t=_pad(occ.codes.T.astype(np.int32), 3, rp, -1),
        values_complete=bool(val_known.all()),
        n=r,
        occ_dims=tuple(occ.dimension_ids),
        partial=partial,
        plevel=np.ascontiguousarray(occ.level[partial], np.float64),
        pimp=np.ascontiguousarray(occ.importance[partial], np.float64),
        prated=np.ascontiguousarray(rated[partial]),
        pcols=np.flatnonzero(~rated[partial].all(axis=0)).astype(np.int64),
        cfam=fam,
        cweight=np.asarray(occ.dim_weight, np.float64),
        ozone=np.asarray(occ.zone, np.float64),
        zero=np.ascontiguousarray(
            (
                (req.reshape(len(dims) + 1, NROW, n_tiles, TILE) == 0).all(axis=(1, 3))
                & (side_z.reshape(len(dims) + 1, n_tiles, TILE) == 0).all(axis=2)
            ).T.astype(np.int32)
        ).ravel(),
    )
    occ.extras[key] = out
    return out


@_inner
def _prepare(p0: int, nb: int, g0: int, level: F32, zone_p: F32, dims: I32, kfam: I64, fstart: I64,
             dim_weight: F32, hk: F32, hkt: F32, unk: I64, fstat: F64) -> None:  # fmt: skip
    """Levels of profiles p0 … p0+nb−1 on the kernel's dimensions (rows past ``nb``: all
    unknown): hk[3b] = h (0 unknown), hk[3b + 1] = a·h, hk[3b + 2] = ĥ (centred per family
    over the known levels; 0 unknown or in a family without direction); the unknown kernel
    dimensions in unk[g, 1:], by family in groups of UG (padded with K', the side terms' zero
    row), their count in unk[g, 0]. fstat[b]: 0 Σ a·h², 1 any level known
    (1/0), 2 families with direction, 3 the person's zone (NaN unknown), then per family f at
    4 + 3f: known count n_f, 1/√(Σ ĥ²) (0: no direction), direction (1/0)."""
    n_f = len(fstart) - 1
    zero = np.float32(0.0)
    for b in range(PB):
        g = g0 + b
        valid = b < nb
        p = p0 + b if valid else p0  # rows past nb read a real row and count it unknown
        n = 0
        hh = 0.0
        anyk = 0.0
        n_dir = 0.0
        for f in range(n_f):
            k0, k1 = fstart[f], fstart[f + 1]
            s1 = 0.0
            s2 = 0.0
            cnt = 0.0
            # Branch-free (a tenth of the levels unknown at random mispredicted every test):
            # the unknown kernel dimensions are compacted into unk by a conditional count.
            for k in range(k0, k1):
                d = dims[k]
                real = d >= 0
                v = level[p, d if real else 0]
                known = real and valid and v == v
                x = v if known else zero
                hk[3 * g, k] = x
                hk[3 * g + 1, k] = dim_weight[k] * x
                hk[3 * g + 2, k] = np.float32(1.0) if known else zero  # flag until centred
                hh += float(dim_weight[k]) * float(x) * float(x)
                s1 += float(x)
                s2 += float(x) * float(x)
                cnt += 1.0 if known else 0.0
                anyk = 1.0 if known else anyk
                unk[g, n + 1] = k
                n += 1 if (real and not known) else 0
            while n % UG != 0:  # whole groups within the family: pad with the zero row
                n += 1
                unk[g, n] = hk.shape[1]
            mean = s1 / cnt if cnt > 0 else 0.0
            var = 0.0
            for k in range(k0, k1):
                c = float(hk[3 * g, k]) - mean if hk[3 * g + 2, k] > zero else 0.0
                var += c * c
            direction = cnt >= MIN_SHAPE_DIMS and var > FLAT * s2
            for k in range(k0, k1):
                centred = np.float32(float(hk[3 * g, k]) - mean)
                hk[3 * g + 2, k] = centred if (hk[3 * g + 2, k] > zero and direction) else zero
            fstat[g, 4 + 3 * f] = cnt
            fstat[g, 5 + 3 * f] = 1.0 / math.sqrt(var) if direction else 0.0
            fstat[g, 6 + 3 * f] = 1.0 if direction else 0.0
            n_dir += 1.0 if direction else 0.0
        unk[g, 0] = n
        fstat[g, 0] = hh
        fstat[g, 1] = anyk
        fstat[g, 2] = n_dir
        fstat[g, 3] = zone_p[p0 + b] if valid else np.nan
        # The block's levels for the hot loop, [dimension][profile][h, a·h, ĥ]: the 3·PB·KU
        # values one pass broadcasts are adjacent.
        q = g0 * 3 * len(dims) + 3 * b
        for k in range(len(dims)):
            hkt[q + 3 * PB * k] = hk[3 * g, k]
            hkt[q + 3 * PB * k + 1] = hk[3 * g + 1, k]
            hkt[q + 3 * PB * k + 2] = hk[3 * g + 2, k]


@_inner
def _dims4(hkt: F32, j: int, l0: Any, l1: Any, l2: Any, l3: Any, u0: Any, u1: Any, u2: Any,
           u3: Any) -> tuple[Any, Any, Any]:  # fmt: skip
    """One profile's terms of KU dimensions on 16 occupations (levels h, a·h, ĥ of dimension
    i at ``hkt[j + 3·PB·i …]``): Σ a·u·L·min(h, L), Σ a·h·min(h, L), Σ ĥ·L, each summed as
    ((p₀ + p₁) + p₂) + p₃."""
    m0 = vmin(vsplat(hkt[_U(j)]), l0)
    m1 = vmin(vsplat(hkt[_U(j + 3 * PB)]), l1)
    m2 = vmin(vsplat(hkt[_U(j + 6 * PB)]), l2)
    m3 = vmin(vsplat(hkt[_U(j + 9 * PB)]), l3)
    ta = vadd(vadd(vadd(vmul(u0, m0), vmul(u1, m1)), vmul(u2, m2)), vmul(u3, m3))
    g0, g1 = vsplat(hkt[_U(j + 1)]), vsplat(hkt[_U(j + 1 + 3 * PB)])
    g2, g3 = vsplat(hkt[_U(j + 1 + 6 * PB)]), vsplat(hkt[_U(j + 1 + 9 * PB)])
    tb = vadd(vadd(vadd(vmul(g0, m0), vmul(g1, m1)), vmul(g2, m2)), vmul(g3, m3))
    c0, c1 = vsplat(hkt[_U(j + 2)]), vsplat(hkt[_U(j + 2 + 3 * PB)])
    c2, c3 = vsplat(hkt[_U(j + 2 + 6 * PB)]), vsplat(hkt[_U(j + 2 + 9 * PB)])
    tc = vadd(vadd(vadd(vmul(c0, l0), vmul(c1, l1)), vmul(c2, l2)), vmul(c3, l3))
    return ta, tb, tc


@_inner
def _hot(hkt: F32, q0: int, req: F32, base: int, fstart: I64, ws: F32, nrow: int) -> None:
    """ws rows A_S, B_S and FAMS + f (profile b at b·nrow·TILE) for the PB profiles whose
    levels start at ``hkt[q0]`` ([dimension][profile][h, a·h, ĥ]) over one tile whose
    requirements start at ``req[base]``: A = Σ a·u·L·min(h, L), B = Σ a·h·min(h, L),
    C_f = Σ ĥ·L.

    Register-blocked: for each block of 16 occupations, the twelve sums (A, B, C of each
    profile) stay in vector registers over every dimension, and each requirement load feeds
    the PB profiles. KU dimensions are summed first, then added (``acc + (((p₀ + p₁) + p₂) +
    p₃)``, fused into the same multiply-adds as the scalar code's): a chain of fused
    multiply-adds into the accumulator doubled the rounding error of profiles that know
    little.
    """
    n_f = len(fstart) - 1
    s1, s2, s3 = nrow * TILE, 2 * nrow * TILE, 3 * nrow * TILE
    for rb in range(0, TILE, LANES):
        a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = vzero()
        for f in range(n_f):
            c0 = c1 = c2 = c3 = vzero()
            for k0 in range(fstart[f], fstart[f + 1], KU):
                kb = base + k0 * NROW * TILE + rb
                l0, u0 = vload(req, _U(kb)), vload(req, _U(kb + TILE))
                l1, u1 = vload(req, _U(kb + 3 * TILE)), vload(req, _U(kb + 4 * TILE))
                l2, u2 = vload(req, _U(kb + 6 * TILE)), vload(req, _U(kb + 7 * TILE))
                l3, u3 = vload(req, _U(kb + 9 * TILE)), vload(req, _U(kb + 10 * TILE))
                q = q0 + k0 * 3 * PB
                ta, tb, tc = _dims4(hkt, q, l0, l1, l2, l3, u0, u1, u2, u3)
                a0, b0, c0 = vadd(a0, ta), vadd(b0, tb), vadd(c0, tc)
                ta, tb, tc = _dims4(hkt, q + 3, l0, l1, l2, l3, u0, u1, u2, u3)
                a1, b1, c1 = vadd(a1, ta), vadd(b1, tb), vadd(c1, tc)
                ta, tb, tc = _dims4(hkt, q + 6, l0, l1, l2, l3, u0, u1, u2, u3)
                a2, b2, c2 = vadd(a2, ta), vadd(b2, tb), vadd(c2, tc)
                ta, tb, tc = _dims4(hkt, q + 9, l0, l1, l2, l3, u0, u1, u2, u3)
                a3, b3, c3 = vadd(a3, ta), vadd(b3, tb), vadd(c3, tc)
            c = (FAMS + f) * TILE + rb
            vstore(ws, _U(c), c0)
            vstore(ws, _U(c + s1), c1)
            vstore(ws, _U(c + s2), c2)
            vstore(ws, _U(c + s3), c3)
        a, bb = A_S * TILE + rb, B_S * TILE + rb
        vstore(ws, _U(a), a0)
        vstore(ws, _U(a + s1), a1)
        vstore(ws, _U(a + s2), a2)
        vstore(ws, _U(a + s3), a3)
        vstore(ws, _U(bb), b0)
        vstore(ws, _U(bb + s1), b1)
        vstore(ws, _U(bb + s2), b2)
        vstore(ws, _U(bb + s3), b3)


@_inner
def _known_sums(b: int, g: int, tile: int, unk: I64, kfam: I64, n_f: int, fstat: F64,
                req: F32, side: F64, zt: I32, totals: F64, k64: F64, ws: F32, nrow: int,
                cov: bool) -> None:  # fmt: skip
    """Profile b's (block member g) float64 sums over its known dimensions on one tile, into
    k64 rows (b·NT + …): the occupation totals (Σ a·u·L², Σ w, per family Σ L, Σ L²) minus
    the terms of its unknown dimensions, UG of one family per pass (a·u·L² from ``side``; L,
    L² and w exactly from the float32 ``req``; rows no pass touches — every row of a profile
    that knows every dimension — are read from the totals, uncopied); then what the epilogue
    needs of them, in float32, into ws rows DEN (Σ a·u·L² over the known dimensions, 0 where
    nothing is demanded), COVK (coverage; only with ``cov``) and ISD + f (1/√(n·var L) of
    family f, 0 for a flat job) — so that the epilogue runs in float32 only. A pass over four
    dimensions that are all zero on the tile (``zt``) is skipped: it would subtract exact
    zeros."""
    nt = T_FAM + 2 * n_f
    s = b * nt * TILE
    tb = tile * nt * TILE
    zero = np.float32(0.0)
    one = np.float32(1.0)
    w0 = b * nrow * TILE + (FAMS + n_f) * TILE
    kd1 = len(kfam) + 1
    z0 = tile * kd1
    n_unk = unk[g, 0]
    j = 1
    # The first pass that subtracts from a row writes totals − terms (the same operation as a
    # copy then a subtraction); rows no pass touches are read from the totals, uncopied. Each
    # case is its own loop: a source chosen per pass lost the loop's vectorisation.
    started = False  # rows Σ a·u·L² (and Σ w) hold the known part
    for f in range(n_f):
        touched = False  # the family's rows Σ L, Σ L² hold it
        o1 = s + (T_FAM + f) * TILE
        o2 = s + (T_FAM + n_f + f) * TILE
        t1 = tb + (T_FAM + f) * TILE
        t2 = tb + (T_FAM + n_f + f) * TILE
        while j <= n_unk and kfam[unk[g, j]] == f:  # the family's groups are contiguous
            k1, k2, k3, k4 = unk[g, j], unk[g, j + 1], unk[g, j + 2], unk[g, j + 3]
            j += UG
            if zt[z0 + k1] + zt[z0 + k2] + zt[z0 + k3] + zt[z0 + k4] == UG:
                continue
            a1, a2 = (z0 + k1) * TILE, (z0 + k2) * TILE
            a3, a4 = (z0 + k3) * TILE, (z0 + k4) * TILE
            q1, q2 = a1 * NROW, a2 * NROW
            q3, q4 = a3 * NROW, a4 * NROW
            if started:
                for r in range(TILE):
                    k64[_U(s + r)] -= (side[_U(a1 + r)] + side[_U(a2 + r)]) + (
                        side[_U(a3 + r)] + side[_U(a4 + r)])  # fmt: skip
            else:
                for r in range(TILE):
                    k64[_U(s + r)] = totals[_U(tb + r)] - (
                        (side[_U(a1 + r)] + side[_U(a2 + r)])
                        + (side[_U(a3 + r)] + side[_U(a4 + r)])
                    )  # fmt: skip
            # L exactly (float32 → float64), and L² exactly (a product of two float32 values).
            if touched:
                for r in range(TILE):
                    l1, l2 = np.float64(req[_U(q1 + r)]), np.float64(req[_U(q2 + r)])
                    l3, l4 = np.float64(req[_U(q3 + r)]), np.float64(req[_U(q4 + r)])
                    k64[_U(o1 + r)] -= (l1 + l2) + (l3 + l4)
                    k64[_U(o2 + r)] -= (l1 * l1 + l2 * l2) + (l3 * l3 + l4 * l4)
            else:
                for r in range(TILE):
                    l1, l2 = np.float64(req[_U(q1 + r)]), np.float64(req[_U(q2 + r)])
                    l3, l4 = np.float64(req[_U(q3 + r)]), np.float64(req[_U(q4 + r)])
                    k64[_U(o1 + r)] = totals[_U(t1 + r)] - ((l1 + l2) + (l3 + l4))
                    k64[_U(o2 + r)] = totals[_U(t2 + r)] - (
                        (l1 * l1 + l2 * l2) + (l3 * l3 + l4 * l4))  # fmt: skip
            if cov:
                # np.float64, not float(): numba keeps float() of a float32 in float32.
                if started:
                    for r in range(TILE):
                        w1 = np.float64(req[_U(q1 + 2 * TILE + r)])
                        w2 = np.float64(req[_U(q2 + 2 * TILE + r)])
                        w3 = np.float64(req[_U(q3 + 2 * TILE + r)])
                        w4 = np.float64(req[_U(q4 + 2 * TILE + r)])
                        k64[_U(s + TILE + r)] -= (w1 + w2) + (w3 + w4)
                else:
                    for r in range(TILE):
                        w1 = np.float64(req[_U(q1 + 2 * TILE + r)])
                        w2 = np.float64(req[_U(q2 + 2 * TILE + r)])
                        w3 = np.float64(req[_U(q3 + 2 * TILE + r)])
                        w4 = np.float64(req[_U(q4 + 2 * TILE + r)])
                        k64[_U(s + TILE + r)] = totals[_U(tb + TILE + r)] - ((w1 + w2) + (w3 + w4))
            started = True
            touched = True
        if fstat[g, 6 + 3 * f] <= 0.0:
            continue
        inv_n = 1.0 / fstat[g, 4 + 3 * f]
        fsrc, f1, f2 = (k64, o1, o2) if touched else (totals, t1, t2)
        dst = w0 + (ISD + f) * TILE
        for r in range(TILE):
            s1 = fsrc[_U(f1 + r)]
            s2 = fsrc[_U(f2 + r)]
            var = s2 - s1 * s1 * inv_n
            ok = var > FLAT * s2
            isd = one / np.sqrt(np.float32(var if ok else 1.0))
            ws[_U(dst + r)] = isd if ok else zero
    ksrc, ks = (k64, s) if started else (totals, tb)
    for r in range(TILE):
        den = ksrc[_U(ks + r)]
        ws[_U(w0 + DEN * TILE + r)] = np.float32(den) if den > 1e-9 * totals[_U(tb + r)] else zero
    if cov:
        for r in range(TILE):
            wk = ksrc[_U(ks + TILE + r)]
            w_all = totals[_U(tb + TILE + r)]
            cv = np.float32(wk) / np.float32(w_all) if wk > 1e-9 * w_all else zero
            ws[_U(w0 + COVK * TILE + r)] = min(max(cv, zero), one)


@_inner
def _epilogue(b: int, g: int, tile: int, tb: int, n_f: int, fstat: F64,
              flag: int, small: F32, vw: float, pw: float, ws: F32, tiles: F32,
              allowed: npt.NDArray[np.bool_], nrow: int, full: bool) -> None:  # fmt: skip
    """F (and with ``full`` q, π and coverage) of profile b (block member g) on one tile
    (constants at ``tiles[tb]``, known-part terms in ws rows from :func:`_known_sums`) into its
    ws rows Q_OUT … COV_OUT; F is −1 where not ``allowed``. Float32 only, so that it vectorises
    as wide as float32 does (mixed with float64 it ran 4 lanes wide).

    Per pair: met = A / (Σ a·u·L² − unknown part) (1 where nothing is demanded), used =
    B / Σ a·h² (1 where Σ a·h² = 0), per family with direction r_f = C_f / √(Σ ĥ²·var L)
    (var L from the known-dimension Σ L, Σ L²; r = 0 for a flat job), S = Π max((1 + r_f)/2,
    floor), log q = (log S)/n + ½·log(met·used) + log Z over the n families with direction,
    and F = e^((1−w)·log q + w·log π). The first two terms are one logarithm:
    (log S)/n + ½·log μ = c·log(S^α·μ^β) with (α, β, c) = (0, 1, ½), (2, 1, ½), (1, 1, ½),
    (1, 3/2, ⅓) for n = 0 … 3 (μ below 1e-20 raised to it: q moves by < 1e-10; S ≥ 0.01ⁿ, so
    no underflow); more than three families (not O*NET) take scalar libm calls, which add no
    inlined copies to compile. q = e^(log q) is needed only with ``full`` (the top k need F
    alone): one logarithm for q, one for π and one exponential per pair. π is the Pearson
    congruence blended with the values when the profile is fused (``flag`` 3), else ws row
    PI_IN (the precomputed π); ``flag`` bit 1: interests known.
    """
    zero = np.float32(0.0)
    one = np.float32(1.0)
    half = np.float32(0.5)
    nan = np.float32(np.nan)
    t0 = tile * TILE
    s = b * nrow * TILE
    w0 = s + (FAMS + n_f) * TILE
    xs = s + LSHAPE * TILE
    # The shape product: Π over families with direction of max((1 + r)/2, floor) (≥ 0.01ⁿ,
    # no underflow for n ≤ 3).
    for r in range(TILE):
        ws[_U(xs + r)] = one
    for f in range(n_f):
        if fstat[g, 6 + 3 * f] <= 0.0:
            continue
        inv_sh = np.float32(fstat[g, 5 + 3 * f])
        floor = np.float32(SHAPE_FLOOR)
        c = s + (FAMS + f) * TILE
        isd = w0 + (ISD + f) * TILE
        for r in range(TILE):
            rr = ws[_U(c + r)] * inv_sh * ws[_U(isd + r)]
            rr = min(max(rr, -one), one)
            ws[_U(xs + r)] *= max((one + rr) * half, floor)
    n_dir = int(fstat[g, 2])
    hh = fstat[g, 0]
    inv_hh = np.float32(1.0 / hh) if hh > 0.0 else zero
    used_one = hh <= 0.0
    tiny = np.float32(1e-20)
    # μ = met·used per pair (exactly 0 stays 0), then X = S^α·μ^β in place of S.
    for r in range(TILE):
        a_sum = ws[_U(s + A_S * TILE + r)]
        den = ws[_U(w0 + DEN * TILE + r)]
        used = one if used_one else ws[_U(s + B_S * TILE + r)] * inv_hh
        mu = a_sum * used / den if den > zero else used
        ws[_U(s + Q_OUT * TILE + r)] = max(mu, tiny) if mu > zero else zero
    mus = s + Q_OUT * TILE
    if n_dir == 3:
        for r in range(TILE):
            mu = ws[_U(mus + r)]
            ws[_U(xs + r)] *= mu * np.sqrt(mu)
    elif n_dir == 2:
        for r in range(TILE):
            ws[_U(xs + r)] *= ws[_U(mus + r)]
    elif n_dir == 1:
        for r in range(TILE):
            x = ws[_U(xs + r)]
            ws[_U(xs + r)] = x * x * ws[_U(mus + r)]
    elif n_dir == 0:
        for r in range(TILE):
            ws[_U(xs + r)] = ws[_U(mus + r)]
    else:  # more than three families (not O*NET): scalar libm calls, no inlined copies
        inv_dir = 1.0 / n_dir
        for r in range(TILE):
            sh, mu = np.float64(ws[_U(xs + r)]), np.float64(ws[_U(mus + r)])
            lx = math.log(sh) * inv_dir + 0.5 * math.log(mu) if mu > 0.0 else -np.inf
            ws[_U(xs + r)] = np.float32(math.exp(lx))
    cx = np.float32(1.0 / 3.0) if n_dir == 3 else (one if n_dir > 3 else half)
    any_known = fstat[g, 1] > 0.0
    zp = np.float32(fstat[g, 3])
    fused = flag >= 2
    ok_int = flag % 2 == 1
    thr = zero if ok_int else np.float32(2.0)
    w_v = np.float32(vw) if fused else zero
    w_i = one - np.float32(vw) if fused else zero
    sv = w_v / np.float32(36.0)
    wq = one - np.float32(pw)
    wp = np.float32(pw)
    q_only = wp <= zero
    pi_only = wp >= one
    x, v = 3 * g, 3 * g + 1
    c0, c1, c2 = small[x, 0], small[x, 1], small[x, 2]
    c3, c4, c5 = small[x, 3], small[x, 4], small[x, 5]
    v0, v1, v2 = small[v, 0], small[v, 1], small[v, 2]
    v3, v4, v5 = small[v, 3], small[v, 4], small[v, 5]
    ln2 = np.float32(_LN2)
    ztol = np.float32(ZONE_TOLERANCE)
    for r in range(TILE):
        zg = abs(tiles[_U(tb + ZONE * TILE + r)] - zp) - ztol
        lz = -ln2 * max(zg, zero) if zg == zg else zero
        lq = cx * fast_log(ws[_U(xs + r)]) + lz
        lq = min(lq, zero) if any_known else np.float32(-np.inf)
        dot = (
            c0 * tiles[_U(tb + INT0 * TILE + r)] + c1 * tiles[_U(tb + (INT0 + 1) * TILE + r)]
            + c2 * tiles[_U(tb + (INT0 + 2) * TILE + r)]
            + c3 * tiles[_U(tb + (INT0 + 3) * TILE + r)]
            + c4 * tiles[_U(tb + (INT0 + 4) * TILE + r)]
            + c5 * tiles[_U(tb + (INT0 + 5) * TILE + r)]
        )  # fmt: skip
        d = (
            abs(v0 - tiles[_U(tb + VAL0 * TILE + r)])
            + abs(v1 - tiles[_U(tb + (VAL0 + 1) * TILE + r)])
            + abs(v2 - tiles[_U(tb + (VAL0 + 2) * TILE + r)])
            + abs(v3 - tiles[_U(tb + (VAL0 + 3) * TILE + r)])
            + abs(v4 - tiles[_U(tb + (VAL0 + 4) * TILE + r)])
            + abs(v5 - tiles[_U(tb + (VAL0 + 5) * TILE + r)])
        )  # fmt: skip
        ic = (min(max(dot, -one), one) + one) * half
        pi = w_i * ic + w_v - sv * d + ws[_U(s + PI_IN * TILE + r)]
        pi = min(max(pi, zero), one)
        known = tiles[_U(tb + IKNOWN * TILE + r)] > thr
        # F = q where the occupation's interests are unknown or w = 0, π where w = 1.
        lf = wq * lq + wp * fast_log(pi)
        fit = fast_exp(lq if (q_only or not known) else lf)
        fit = pi if (pi_only and known) else fit
        ws[_U(s + F_OUT * TILE + r)] = fit if allowed[_U(t0 + r)] else -one
        ws[_U(s + Q_OUT * TILE + r)] = lq
        ws[_U(s + PI_OUT * TILE + r)] = pi if known else nan
    if full:
        for r in range(TILE):
            ws[_U(s + Q_OUT * TILE + r)] = fast_exp(ws[_U(s + Q_OUT * TILE + r)])
            ws[_U(s + COV_OUT * TILE + r)] = ws[_U(w0 + COVK * TILE + r)]


@_inner
def _interest(n: int, index: int, x: F32, code: I64, orow: F32, code_t: I32, iach: F32,
              out: F32) -> None:  # fmt: skip
    """Interest congruence of one profile (``x``: centred unit vector for Pearson, raw scores
    for Euclidean; ``code`` for Iachan) with every occupation (interests in orow[3:9]), into
    ``out``. (Pearson with every value known, the usual case, is fused into
    :func:`_epilogue`.)"""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    half = np.float32(0.5)
    c0, c1, c2, c3, c4, c5 = x[0], x[1], x[2], x[3], x[4], x[5]
    if index == 0:
        for r in range(n):
            dot = (
                c0 * orow[3, r]
                + c1 * orow[4, r]
                + c2 * orow[5, r]
                + c3 * orow[6, r]
                + c4 * orow[7, r]
                + c5 * orow[8, r]
            )
            out[r] = (min(max(dot, -one), one) + one) * half
    elif index == 1:
        inv_emax = np.float32(1.0 / EUCLIDEAN_MAX)
        for r in range(n):
            e0, e1, e2 = c0 - orow[3, r], c1 - orow[4, r], c2 - orow[5, r]
            e3, e4, e5 = c3 - orow[6, r], c4 - orow[7, r], c5 - orow[8, r]
            d2 = e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + e4 * e4 + e5 * e5
            out[r] = one - math.sqrt(d2) * inv_emax
    else:
        inv_imax = np.float32(1.0 / IACHAN_MAX)
        for r in range(n):
            out[r] = zero
        for i in range(3):
            g = code[i]
            for j in range(3):
                wgt = iach[i, j]
                for r in range(n):
                    out[r] += wgt if code_t[j, r] == g else zero
        for r in range(n):
            out[r] *= inv_imax


@_inner
def _blend_values(n: int, v: F32, vk: F32, complete: bool, orow: F32, vw: float, dv: F32,
                  cnt: F32, out: F32) -> None:  # fmt: skip
    """π = (1 − vw)·I + vw·V in place of I, V = 1 − mean|Δ|/6 over values known on both
    sides (``vk`` 1/0 for the profile, orow[15:21] for occupations; values in orow[9:15]); I
    alone where none is."""
    zero = np.float32(0.0)
    one = np.float32(1.0)
    w = np.float32(vw)
    w1 = one - w
    n_known = 0
    for j in range(6):
        n_known += 1 if vk[j] > zero else 0
    if complete and n_known == 6:
        sv = w / np.float32(36.0)
        v0, v1, v2, v3, v4, v5 = v[0], v[1], v[2], v[3], v[4], v[5]
        t0, t1, t2, t3, t4, t5 = orow[9], orow[10], orow[11], orow[12], orow[13], orow[14]
        for r in range(n):
            d = (
                abs(v0 - t0[r]) + abs(v1 - t1[r]) + abs(v2 - t2[r])
                + abs(v3 - t3[r]) + abs(v4 - t4[r]) + abs(v5 - t5[r])
            )  # fmt: skip
            out[r] = w1 * out[r] + w - sv * d
        return
    if n_known == 0:
        return
    for r in range(n):
        dv[r] = zero
        cnt[r] = zero
    for j in range(6):
        if vk[j] > zero:
            a = v[j]
            vj = orow[9 + j]
            mj = orow[15 + j]
            for r in range(n):
                dv[r] += mj[r] * abs(a - vj[r])
                cnt[r] += mj[r]
    for r in range(n):
        c = cnt[r]
        val = one - dv[r] / (np.float32(6.0) * c)
        out[r] = w1 * out[r] + w * val if c > zero else out[r]


@_inner
def _select_top(keys: F32, bits: I32, off: int, rp: int, order: I64, gmax: I32, cand: I64,
                fbuf: F32, top_idx: I32, top_f: F32, p: int) -> None:  # fmt: skip
    """The k best occupations by F into top_idx[p]/top_f[p] (k = their length; catalogue
    indices, ``order`` maps kernel positions), best first, ties to the lower index; -1 / NaN
    pad. The key row (from :func:`_epilogue`: F, −1 = not allowed) is ``keys[off:off + rp]``,
    its int32 bits ``bits[off:off + rp]``.

    Keys ≥ 0 order like their int32 bits, so maxima are integer reductions, which vectorise.
    The maxima of GROUPS strided groups (r mod GROUPS), folded into SUPER lanes, are distinct
    occupations: the k-th largest of them bounds the k-th best from below. Only groups reaching
    that bound are scanned, branch-free, for candidates (~11 on O*NET), and only those are
    ranked, by counting (branch-free too).
    """
    kk = top_idx.shape[1]
    for g in range(GROUPS):
        gmax[g] = bits[_U(off + g)]
    for j in range(1, rp // GROUPS):
        for g in range(GROUPS):
            gmax[g] = max(gmax[g], bits[_U(off + j * GROUPS + g)])
    for s in range(SUPER):
        gmax[GROUPS + s] = gmax[s]
    for j in range(1, GROUPS // SUPER):
        for s in range(SUPER):
            gmax[GROUPS + s] = max(gmax[GROUPS + s], gmax[j * SUPER + s])
    # The k-th largest lane (or, for a large k, group) maximum, branch-free: the largest with
    # at least k at or above it; -1 when there are fewer than k.
    lo, n = (GROUPS, SUPER) if kk <= SUPER else (0, GROUPS)
    kth = np.int32(-1)
    for i in range(n):
        m = gmax[lo + i]
        n_ge = np.int32(0)
        for j in range(n):
            n_ge += np.int32(gmax[lo + j] >= m)
        kth = max(kth, m if n_ge >= kk else np.int32(-1))
    t = max(kth, 0)
    ng = 0
    for g in range(GROUPS):
        cand[ng] = g
        ng += 1 if gmax[g] >= t else 0
    nc = 0
    for i in range(ng):
        for r in range(cand[i], rp, GROUPS):
            cand[ng + nc] = r
            nc += 1 if bits[_U(off + r)] >= t else 0
    for c in range(nc):
        fbuf[c] = keys[_U(off + cand[ng + c])]
        cand[ng + c] = order[cand[ng + c]]
    filled = min(nc, kk)
    if nc <= 256:
        # Rank = how many candidates beat this one (F, then the lower index): all distinct.
        for i in range(nc):
            fi = fbuf[i]
            ri = cand[ng + i]
            rank = 0
            for j in range(nc):
                fj = fbuf[j]
                rank += 1 if fj > fi or (fj == fi and cand[ng + j] < ri) else 0
            if rank < kk:
                top_f[p, rank] = fi
                top_idx[p, rank] = ri
    else:
        filled = 0
        idx, top = top_idx[p], top_f[p]  # a rare path: views are fine here
        for c in range(nc):
            f = fbuf[c]
            r = cand[ng + c]
            last = kk - 1
            if filled == kk and (f < top[last] or (f == top[last] and r > idx[last])):
                continue
            pos = filled if filled < kk else last
            while pos > 0 and (top[pos - 1] < f or (top[pos - 1] == f and idx[pos - 1] > r)):
                if pos < kk:
                    top[pos] = top[pos - 1]
                    idx[pos] = idx[pos - 1]
                pos -= 1
            top[pos] = f
            idx[pos] = r
            if filled < kk:
                filled += 1
    for j in range(filled, kk):
        top_f[p, j] = np.float32(np.nan)
        top_idx[p, j] = -1


@_inner
def _profile_constants(index: int, interests: F32, values: F32, p: int, small: F32, ismall: I64,
                       b: int) -> bool:  # fmt: skip
    """Per-profile constants of profile p, as block member b: interests as the kernel wants
    them into small[3b] (centred unit vector for Pearson, raw for Euclidean) or ismall[b] (the
    Holland code, for Iachan), values into small[3b + 1] (0 where unknown) and small[3b + 2]
    (1/0 known); False when the interests are unknown. Whole arrays and indices, no row views:
    each view costs two atomic reference-count updates."""
    for j in range(6):
        vj = values[p, j]
        known = vj == vj
        small[3 * b + 2, j] = np.float32(1.0) if known else np.float32(0.0)
        small[3 * b + 1, j] = vj if known else np.float32(0.0)
    s = 0.0
    for j in range(6):
        if interests[p, j] != interests[p, j]:
            return False
        s += interests[p, j]
    if index == 0:
        mean = s / 6.0
        ss = 0.0
        for j in range(6):
            z = interests[p, j] - mean
            ss += z * z
        norm = math.sqrt(ss)
        for j in range(6):
            small[3 * b, j] = (
                np.float32((interests[p, j] - mean) / norm) if norm > 1e-9 else np.float32(0.0)
            )
    elif index == 1:
        for j in range(6):
            small[3 * b, j] = interests[p, j]
    else:
        # Three highest, ties in RIASEC order (a stable sort of the negated scores).
        for i in range(3):
            best = -1
            for j in range(6):
                taken = False
                for m in range(i):
                    taken = taken or ismall[b, m] == j
                if not taken and (best < 0 or interests[p, j] > interests[p, best]):
                    best = j
            ismall[b, i] = best
    return True


@_inner
def _fix_partial(p: int, b: int, level: F32, zone_p: F32, pweight: F32, partial: I64,
                 plevel: F64, pimp: F64, prated: npt.NDArray[np.bool_], pcols: I64,
                 cfam: I64, n_f: int, cweight: F64, ozone: F64,
                 allowed: npt.NDArray[np.bool_], rows: F32) -> None:  # fmt: skip
    """q and F of profile p (block member b) against the occupations that leave a requirement
    unrated which p knows, pair by pair in float64 exactly as the reference defines them: a
    dimension counts only when the level is known and the occupation rates it. Overwrites rows
    4b (q) and 4b + 2 (F, −1 where not allowed); π (row 4b + 1) and coverage are unaffected.
    Every other pair keeps the fast path's result, which is then the same sum: the profile's
    known dimensions are all rated."""
    # The profile's known levels among the dimensions some occupation leaves unrated (most
    # profiles know none: an O*NET catalogue with a credential overlay rates each credential
    # for a handful of occupations, and a client without credentials needs no pair redone).
    kl = np.empty(len(pcols), np.int64)
    n_kl = 0
    for j in range(len(pcols)):
        v = level[p, pcols[j]]
        if v == v:
            kl[n_kl] = pcols[j]
            n_kl += 1
    if n_kl == 0:
        return
    fs = np.zeros((n_f, 6))  # per family: n, Σ h, Σ h², Σ L, Σ L², Σ h·L
    w = float(pweight[p])
    zp = float(zone_p[p])
    # Every known level of the profile, listed once: a pair's sums run over these alone (an
    # unknown level adds nothing, so it is the same operations in the same order as over every
    # dimension: bitwise the same results; ~35 of 179 levels known for a typical client).
    kd = np.empty(plevel.shape[1], np.int64)
    n_kd = 0
    for k in range(plevel.shape[1]):
        if level[p, k] == level[p, k]:
            kd[n_kd] = k
            n_kd += 1
    for i in range(len(partial)):
        needed = False
        for j in range(n_kl):
            if not prated[i, kl[j]]:
                needed = True
                break
        if not needed:
            continue
        r = partial[i]
        fs[:] = 0.0
        met_num = met_den = used_num = used_den = 0.0
        known = False
        for j in range(n_kd):
            k = kd[j]
            v = level[p, k]
            if not prated[i, k]:
                continue
            known = True
            h = float(v)
            big_l = plevel[i, k]
            a = cweight[k]
            m = min(h, big_l)
            met_num += a * pimp[i, k] * big_l * m
            met_den += a * pimp[i, k] * big_l * big_l
            used_num += a * h * m
            used_den += a * h * h
            f = cfam[k]
            fs[f, 0] += 1.0
            fs[f, 1] += h
            fs[f, 2] += h * h
            fs[f, 3] += big_l
            fs[f, 4] += big_l * big_l
            fs[f, 5] += h * big_l
        met = met_num / met_den if met_den > 0.0 else 1.0
        used = used_num / used_den if used_den > 0.0 else 1.0
        log_shape = 0.0
        n_dir = 0
        for f in range(n_f):
            n = fs[f, 0]
            nn = max(n, 1.0)
            var_h = max(fs[f, 2] - fs[f, 1] * fs[f, 1] / nn, 0.0)
            if not (n >= MIN_SHAPE_DIMS and var_h > FLAT * fs[f, 2]):
                continue
            var_l = fs[f, 4] - fs[f, 3] * fs[f, 3] / nn
            rr = 0.0
            if var_l > FLAT * fs[f, 4]:
                cov = fs[f, 5] - fs[f, 1] * fs[f, 3] / nn
                rr = min(max(cov / math.sqrt(var_h * var_l), -1.0), 1.0)
            log_shape += math.log(max((1.0 + rr) / 2.0, SHAPE_FLOOR))
            n_dir += 1
        shape = math.exp(log_shape / n_dir) if n_dir > 0 else 1.0
        gap = abs(ozone[r] - zp) - ZONE_TOLERANCE
        zone = 2.0 ** -max(gap, 0.0) if gap == gap else 1.0
        q = min(max(shape * math.sqrt(met * used) * zone, 0.0), 1.0) if known else 0.0
        pi = float(rows[4 * b + 1, r])
        fit = q if pi != pi else q ** (1.0 - w) * pi**w
        rows[4 * b, r] = np.float32(q)
        rows[4 * b + 2, r] = np.float32(fit) if allowed[r] else np.float32(-1.0)


@njit(cache=True, nogil=True, error_model="numpy", fastmath=_FM)
def _score_rows(
    p_start: int,
    p_stop: int,
    level: F32,
    interests: F32,
    values: F32,
    pweight: F32,
    zone_p: F32,
    dims: I32,
    kfam: I64,
    fstart: I64,
    dim_weight: F32,
    req: F32,
    side: F64,
    zt: I32,
    totals: F64,
    tiles: F32,
    orow: F32,
    code_t: I32,
    iach: F32,
    index: int,
    values_weight: float,
    values_complete: bool,
    n_occ: int,
    partial: I64,
    plevel: F64,
    pimp: F64,
    prated: npt.NDArray[np.bool_],
    pcols: I64,
    cfam: I64,
    cweight: F64,
    ozone: F64,
    topk: bool,
    allowed: npt.NDArray[np.bool_],
    top_idx: I32,
    top_f: F32,
    out: F32,
    hk: F32,
    hkt: F32,
    unk: I64,
    fstat: F64,
    ws: F32,
    k64: F64,
    rows: F32,
    flat: F32,
    bits: I32,
    small: F32,
    ismall: I64,
    gmax: I32,
    cand: I64,
    fbuf: F32,
) -> None:
    """Scores of profiles ``p_start`` … ``p_stop − 1``: into ``out[0…3][p]`` (q, π, F,
    coverage), or with ``topk`` only their best ``top_idx.shape[1]`` occupations into
    ``top_idx``/``top_f``. ``allowed`` covers the padded occupations; ``req``, ``tiles``,
    ``orow`` as in :class:`KernelOccupations`; the rest is scratch (``flat`` is ``rows``
    flattened, ``bits`` its int32 view)."""
    rp = rows.shape[1]
    n_f = len(fstart) - 1
    nrow = FAMS + 2 * n_f + 2
    n_k = len(dims)
    order = np.arange(rp)
    flags = ismall[SB + 1]
    for s0 in range(p_start, p_stop, SB):
        ns = min(SB, p_stop - s0)
        # The top k need F alone, unless a profile of the block has pairs to redo (it knows a
        # dimension some occupation leaves unrated: _fix_partial reads π and keeps coverage).
        full = not topk
        for g in range(ns):
            for j in range(len(pcols)):
                v = level[s0 + g, pcols[j]]
                full = full or v == v
        for g0 in range(0, ns, PB):
            _prepare(s0 + g0, min(PB, ns - g0), g0, level, zone_p, dims, kfam, fstart,
                     dim_weight, hk, hkt, unk, fstat)  # fmt: skip
        for g in range(ns):
            p = s0 + g
            ok = _profile_constants(index, interests, values, p, small, ismall, g)
            n_vals = 0
            for j in range(6):
                n_vals += 1 if small[3 * g + 2, j] > 0 else 0
            fused = index == 0 and values_complete and n_vals == 6
            flags[g] = (1 if ok else 0) + (2 if fused else 0)
            pirow = rows[4 * g + 1]
            if ok and not fused:
                cen, pv, vk = small[3 * g], small[3 * g + 1], small[3 * g + 2]
                _interest(n_occ, index, cen, ismall[g], orow, code_t, iach, pirow)
                _blend_values(n_occ, pv, vk, values_complete, orow, values_weight,
                              rows[4 * g + 2], rows[4 * g + 3], pirow)  # fmt: skip
            else:
                for r in range(rp):
                    pirow[r] = np.float32(0.0)
            for r in range(n_occ, rp):
                pirow[r] = np.float32(0.0)
        # Tile by tile, every profile of the block: the tile's data stays in cache.
        for tile in range(rp // TILE):
            base = tile * (n_k + 1) * NROW * TILE
            tb = tile * NQ * TILE
            t0 = tile * TILE
            for g0 in range(0, ns, PB):
                _hot(hkt, 3 * g0 * n_k, req, base, fstart, ws, nrow)
                for b in range(min(PB, ns - g0)):
                    g = g0 + b
                    s = b * nrow * TILE
                    src_pi = (4 * g + 1) * rp + t0
                    for r in range(TILE):
                        ws[_U(s + PI_IN * TILE + r)] = flat[_U(src_pi + r)]
                    _known_sums(b, g, tile, unk, kfam, n_f, fstat, req, side, zt, totals, k64, ws,
                                nrow, full)  # fmt: skip
                    _epilogue(b, g, tile, tb, n_f, fstat, flags[g], small, values_weight,
                              pweight[s0 + g], ws, tiles, allowed, nrow, full)  # fmt: skip
                    for j in range(4):
                        if j != 2 and not full:
                            continue  # the top k need F only
                        src = s + (Q_OUT + j) * TILE
                        dst = (4 * g + j) * rp + t0
                        for r in range(TILE):
                            flat[_U(dst + r)] = ws[_U(src + r)]
        if len(partial):
            for g in range(ns):
                _fix_partial(s0 + g, g, level, zone_p, pweight, partial, plevel, pimp, prated,
                             pcols, cfam, n_f, cweight, ozone, allowed, rows)  # fmt: skip
        for g in range(ns):
            p = s0 + g
            if topk:
                _select_top(flat, bits, (4 * g + 2) * rp, rp, order, gmax, cand, fbuf,
                            top_idx, top_f, p)  # fmt: skip
            else:
                for j in range(4):
                    for r in range(n_occ):
                        out[j, p, r] = rows[4 * g + j, r]


_POOLS: dict[int, ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


def default_threads() -> int:
    """Threads used for many profiles: numba's thread count (``NUMBA_NUM_THREADS``, default
    the number of CPUs)."""
    return max(1, int(numba.config.NUMBA_NUM_THREADS))  # type: ignore[attr-defined]


def _pool(threads: int) -> ThreadPoolExecutor:
    with _POOLS_LOCK:
        pool = _POOLS.get(threads)
        if pool is None:
            pool = _POOLS[threads] = ThreadPoolExecutor(threads, "careerfit-score")
        return pool


def _run(
    prof: ProfileArrays,
    ko: KernelOccupations,
    settings: ScoringSettings,
    threads: int | None,
    tail: tuple[Any, ...],
) -> None:
    """Run the kernel over every profile, in chunks spread over ``threads`` threads."""
    # The kernel does no bounds checks: shapes are checked here.
    if prof.level.shape[1] != len(ko.occ_dims):
        raise ValueError("profiles and occupations use different dimensions")
    head = (
        np.ascontiguousarray(prof.level, np.float32),
        np.ascontiguousarray(prof.interests, np.float32),
        np.ascontiguousarray(prof.values, np.float32),
        np.ascontiguousarray(prof.passion_weight, np.float32),
        np.ascontiguousarray(prof.zone, np.float32),
        ko.dims, ko.kfam, ko.fstart, ko.dim_weight, ko.req, ko.side, ko.zero, ko.totals, ko.tiles,
        ko.orow,
        ko.code_t, IACHAN_WEIGHTS, _INDEX_CODE[settings.interest_index],
        float(settings.values_weight), ko.values_complete, ko.n,
        ko.partial, ko.plevel, ko.pimp, ko.prated, ko.pcols, ko.cfam, ko.cweight, ko.ozone,
    )  # fmt: skip
    kp, rp, n_f = len(ko.dims), ko.padded, ko.families
    nrow = FAMS + 2 * n_f + 2

    def task(start: int, stop: int) -> None:
        # Scratch per task (~100 KiB): the kernel allocates nothing.
        rows = np.empty((4 * SB, rp), np.float32)
        scratch = (
            np.empty((3 * SB, kp), np.float32),
            np.empty(3 * SB * kp, np.float32),
            np.empty((SB, kp + 1 + UG * n_f), np.int64),
            np.empty((SB, 4 + 3 * n_f), np.float64),
            np.empty(PB * nrow * TILE, np.float32),
            np.empty(PB * (T_FAM + 2 * n_f) * TILE, np.float64),
            rows,
            rows.reshape(-1),
            rows.reshape(-1).view(np.int32),
            # Zeros: the epilogue multiplies the interest row by 0 where it is not used (Iachan
            # writes none), and garbage could be NaN.
            np.zeros((3 * SB, 6), np.float32),
            np.empty((SB + 2, SB), np.int64),
            np.empty(GROUPS + SUPER, np.int32),
            np.empty(rp + GROUPS, np.int64),
            np.empty(rp, np.float32),
        )
        _score_rows(start, stop, *head, *tail, *scratch)  # type: ignore[call-arg]

    n_p = prof.size
    n_threads = default_threads() if threads is None else max(1, threads)
    if n_threads == 1 or n_p <= CHUNK:
        task(0, n_p)
        return
    # Dynamic scheduling over many small chunks keeps both cores busy on a shared machine.
    pool = _pool(n_threads)
    futures = [pool.submit(task, s, min(s + CHUNK, n_p)) for s in range(0, n_p, CHUNK)]
    for fut in futures:
        fut.result()


_NO_I32 = np.zeros((0, 0), np.int32)
_NO_F32 = np.zeros((0, 0), np.float32)
_NO_OUT = np.zeros((4, 0, 0), np.float32)


def numba_scores(
    prof: ProfileArrays,
    occ: OccupationArrays,
    settings: ScoringSettings,
    threads: int | None = None,
) -> Scores:
    """Every score of ``prof`` × ``occ`` with the numba kernel (float32 P × R matrices).

    ``threads`` defaults to :func:`default_threads`; at most ``CHUNK`` profiles run on the
    calling thread.
    """
    ko = kernel_occupations(occ, settings.interest_index)
    out = np.empty((4, prof.size, occ.size), np.float32)
    if prof.size and occ.size:
        everything = np.zeros(ko.padded, np.bool_)
        everything[: occ.size] = True  # kernel positions past R are padding
        _run(prof, ko, settings, threads, (False, everything, _NO_I32, _NO_F32, out))
    return Scores(qualification=out[0], passion=out[1], combined=out[2], coverage=out[3])


def numba_top_k(
    prof: ProfileArrays,
    occ: OccupationArrays,
    settings: ScoringSettings,
    k: int = 10,
    allowed: npt.NDArray[np.bool_] | None = None,
    threads: int | None = None,
) -> tuple[I32, F32]:
    """Indices and combined fits of the ``k`` best occupations per profile (P × k), best first;
    ties go to the lower occupation index; ``-1`` / NaN pad when fewer are allowed.

    Never materialises the P × R matrix: memory is O(P·k) plus O(R) per thread.
    """
    ko = kernel_occupations(occ, settings.interest_index)
    mask = np.ones(occ.size, np.bool_) if allowed is None else np.asarray(allowed, np.bool_)
    if mask.shape != (occ.size,):
        raise ValueError(f"allowed has shape {mask.shape}, expected ({occ.size},)")
    idx = np.full((prof.size, k), -1, np.int32)
    top = np.full((prof.size, k), np.nan, np.float32)
    if prof.size and occ.size and k > 0:
        padded = np.zeros(ko.padded, np.bool_)
        padded[: occ.size] = mask
        tail = (True, padded, idx, top, _NO_OUT)
        _run(prof, ko, settings, threads, tail)
    return idx, top
