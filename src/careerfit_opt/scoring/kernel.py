"""The numba scoring kernel: the reference's numbers (to 1e-5), in float32, fast.

Layout and why (docs/performance.md has the measurements):

* Qualification fit needs, per profile p and occupation r, four sums over dimensions k. Three
  are linear and one is not. With h₀ = the level where known and 0 where unknown (0 is only an
  *arithmetic* stand-in: every term it enters is multiplied by zero or clipped to zero), they are
  ``over = Σ w·max(0, h₀ − L)`` and ``lin = Σ w·h₀`` — exact over the known dimensions because
  L ≥ 0 — plus ``Σ w·L`` and ``Σ w`` over known dimensions, which are the occupation's totals
  minus the few unknown dimensions' terms. Then shortfall + β·over = Σ w·L − lin + (1 + β)·over
  and Σ w·max(L, h) = Σ w·L + over. The hot loop is branch-free: no NaN reaches it.
* Occupations are cut into tiles of ``TILE``; every per-occupation array is stored tile-major
  (``[tile][quantity][TILE]``), and a block of ``PB`` profiles is scored tile by tile in two
  calls: :func:`_hot` sums into a small per-thread scratch ``ws``, then :func:`_epilogue` turns
  the sums into q, π and a ranking key in one straight-line, branch-free loop per profile and
  copies what is needed into the profile's rows. All the indices inside these loops are a
  loop-invariant base plus a compile-time offset plus ``r``, cast to unsigned: numba then emits
  no negative-index wraparound, and LLVM sees constant distances between the scratch rows, so
  the loops vectorise with few runtime alias checks (a runtime row stride or a signed computed
  index left the same loops scalar or gathered, 5–10× slower; many distinct row pointers made
  LLVM's alias-check preamble as long as the loop).
* Occupations are reordered so that those weighing the same rare dimensions share a tile, and
  each tile stores only the dimensions it weighs (on O*NET 28 of 36 per tile on average): the
  hot loop does ~20% less work. Results are mapped back to catalogue order; ties still go to
  the lower catalogue index.
* Hot loop: occupations innermost (AVX-512: 16 lanes), a block of ``PB`` profiles shares each
  requirement load, and ``KU`` dimensions are summed per pass, so each accumulator is loaded and
  stored once per ``KU`` dimensions; a tile's accumulators stay in L1.
* Top-k: a lower bound of the k-th best from the maxima of strided groups, then a branch-free
  gather and ranking of the few candidates (see :func:`_select_top`).
* Helpers take whole arrays and indices, never row views (a view costs two atomic
  reference-count updates), and as few array arguments as possible (each is 7 words on the
  stack).
* One serial ``nogil`` kernel serves both the matrix and the top-k entry points; chunks of
  profiles run on a thread pool. With ``parallel=True`` (parfors) the previous three kernels
  took 30 s to compile cold and 0.7 s to start warm (docs/performance.md).
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
from careerfit_opt.scoring.reference import EUCLIDEAN_MAX, Scores

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
#: Profiles scored together against one tile of requirements.
PB = 4
#: Dimensions summed per pass over the occupations (requirements padded to a multiple).
KU = 4
#: Occupations per tile (occupations are padded to a multiple).
TILE = 128
#: Quantities per occupation in the tile-major constants: Σw·L, Σw, interests known (1/0),
#: interests (6; centred unit vectors for Pearson), values (6, 0 where unknown).
NQ = 15
#: Scratch rows of TILE per profile (ws, profile-major, so every distance between two rows a
#: loop touches is a compile-time constant): sums over and lin, unknown terms Σw·L and Σw,
#: π when precomputed, then the outputs q, π, key, known weight.
NR = 9
OVER, LIN, U_WL, U_W, PI_IN, Q_OUT, PI_OUT, KEY_OUT, WK_OUT = range(NR)
#: Top-k: strided groups of occupations, and the lanes their maxima are folded into.
GROUPS = 128
SUPER = 32
#: Profiles per task handed to a thread (a multiple of PB).
CHUNK = 512
_FM = {"contract"}
_INDEX_CODE = {InterestIndex.PEARSON: 0, InterestIndex.EUCLIDEAN: 1, InterestIndex.IACHAN: 2}
_F = TypeVar("_F", bound=Callable[..., Any])
_U = np.uint64  # unsigned indices: no negative-index wraparound in the compiled loops


def _inner(fn: _F) -> _F:
    """Compile ``fn`` as a helper called only from compiled code: no Python wrapper to build
    (a wrapper per helper cost ~0.1 s of cold compile each)."""
    # ``no_cpython_wrapper`` is a real njit option that numba's type stubs do not list.
    jit: Any = njit
    return cast(_F, jit(nogil=True, error_model="numpy", fastmath=_FM, no_cpython_wrapper=True)(fn))


@dataclass(frozen=True)
class KernelOccupations:
    """Occupation arrays in the kernel's layout: float32, padded, tile-major, reordered.

    Only dimensions some occupation weighs are kept (the others add nothing to any sum); the
    kept ones are padded with a weightless row to a multiple of ``KU``. Occupations are padded
    to a multiple of ``TILE`` (weightless, never allowed) and reordered so that occupations
    weighing the same rare dimensions share tiles: each tile then stores and sums only the
    dimensions one of its occupations weighs (60% of the weights are 0 on O*NET; a tile of
    128 weighs ~25 of 35 dimensions). Kernel position i holds occupation ``order[i]``.
    """

    dims: I32  # K': positions in the catalogue's dimension order, -1 for padding
    req: F32  # per tile t, from toff[t]: [tk[t]][3][TILE]: level L, weight w, w·L
    toff: I64  # ntile: where each tile's requirements start in req
    tk: I64  # ntile: dimensions stored per tile (a multiple of KU, the last weightless)
    tdims: I64  # ntile × K': the tile's stored dimensions (kernel indices; K' − 1 = none)
    tmap: I64  # ntile × K': kernel dimension → its row in the tile, or the weightless row
    order: I64  # Rp: catalogue index of each kernel position (padding: the position itself)
    tiles: F32  # [tile][NQ][TILE]: the first NQ rows of orow, tile-major
    orow: F32  # 21 × Rp: Σw·L, Σw, interests known (1/0), interests (6; centred unit vectors
    #            for Pearson), values (6, 0 where unknown), values known (6, 1/0)
    code_t: I32  # 3 × Rp (Holland code letters, -1 unknown)
    values_complete: bool  # every occupation knows all six values
    n: int  # R
    occ_dims: tuple[str, ...]  # the occupation arrays' dimension ids

    @property
    def padded(self) -> int:
        """Rp: occupations including the padding."""
        return int(self.orow.shape[1])


def _pad(a: npt.NDArray[Any], rows: int, width: int, value: float = 0.0) -> npt.NDArray[Any]:
    out = np.full((rows, width), value, dtype=a.dtype)
    out[: a.shape[0], : a.shape[1]] = a
    return out


def _tile_major(a: F32) -> F32:
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
    used = np.flatnonzero((occ.weight > 0).any(axis=0)).astype(np.int32)
    # At least one weightless row at the end: the kernel's stand-in for 'no dimension'.
    kp = -(-(len(used) + 1) // KU) * KU
    dims = np.full(kp, -1, np.int32)
    dims[: len(used)] = used
    weighs = occ.weight[:, used] > 0
    # Sort by which dimensions are weighed, the rarest deciding first (lexsort: last key first).
    rare_first = np.argsort(weighs.mean(axis=0), kind="stable")
    order = np.lexsort([weighs[:, d] for d in rare_first[::-1]]) if len(used) else np.arange(r)
    order = np.concatenate([order, np.arange(r, rp)]).astype(np.int64)
    pick = order[:r]
    lvl = occ.level[pick][:, used].T.astype(np.float32)
    w = occ.weight[pick][:, used].T.astype(np.float32)
    wl = (lvl.astype(np.float64) * w).astype(np.float32)
    interests, values = occ.interests[pick], occ.values[pick]
    known_int = np.asarray(~np.isnan(interests).any(axis=1), dtype=np.bool_)
    ints = unit_centred(interests) if index is InterestIndex.PEARSON else interests
    val_known = ~np.isnan(values)
    wl_sum = wl.astype(np.float64).sum(axis=0).astype(np.float32)
    w_sum = occ.weight[pick].astype(np.float64).sum(axis=1).astype(np.float32)
    orow = np.concatenate(
        [
            wl_sum[None, :],
            w_sum[None, :],
            known_int[None, :].astype(np.float32),
            np.nan_to_num(ints).T.astype(np.float32),
            np.nan_to_num(values).T.astype(np.float32),
            val_known.T.astype(np.float32),
        ]
    )
    orow = _pad(orow, orow.shape[0], rp)
    req_full = np.stack([_pad(lvl, kp, rp), _pad(w, kp, rp), _pad(wl, kp, rp)], axis=1)
    n_tiles = rp // TILE
    toff = np.zeros(n_tiles, np.int64)
    tk = np.zeros(n_tiles, np.int64)
    tdims = np.full((n_tiles, kp), kp - 1, np.int64)
    tmap = np.zeros((n_tiles, kp), np.int64)
    blocks = []
    offset = 0
    for t in range(n_tiles):
        cols = slice(t * TILE, (t + 1) * TILE)
        active = np.flatnonzero((req_full[:, 1, cols] > 0).any(axis=1))
        n_k = -(-(len(active) + 1) // KU) * KU
        tdims[t, : len(active)] = active
        tmap[t] = n_k - 1
        tmap[t, active] = np.arange(len(active))
        block = np.zeros((n_k, 3, TILE), np.float32)
        block[: len(active)] = req_full[active][:, :, cols]
        blocks.append(block.ravel())
        toff[t], tk[t] = offset, n_k
        offset += block.size
    out = KernelOccupations(
        dims=dims,
        req=np.concatenate(blocks),
        toff=toff,
        tk=tk,
        tdims=tdims,
        tmap=tmap,
        order=order,
        tiles=_tile_major(orow[:NQ]),
        orow=orow,
        code_t=_pad(occ.codes[pick].T.astype(np.int32), 3, rp, -1),
        values_complete=bool(val_known.all()),
        n=r,
        occ_dims=tuple(occ.dimension_ids),
    )
    occ.extras[key] = out
    return out


@_inner
def _prepare(p0: int, nb: int, level: F32, dims: I32, h0: F32, unk: I64, n_unk: I64) -> None:
    """Levels of profiles p0 … p0+nb−1 on the kernel's dimensions, 0 where unknown (rows past
    ``nb`` all 0), and the unknown dimensions listed per profile."""
    zero = np.float32(0.0)
    for b in range(h0.shape[0]):
        n = 0
        for k in range(h0.shape[1]):
            d = dims[k]
            v = zero
            if b < nb and d >= 0:
                v = level[p0 + b, d]
                if v != v:
                    unk[b, n] = k
                    n += 1
                    v = zero
            h0[b, k] = v
        n_unk[b] = n


@_inner
def _hot(h0: F32, req: F32, base: int, n_k: int, tdims: I64, tile: int, ws: F32) -> None:
    """ws rows OVER = Σ_k w·max(0, h₀ − L) and LIN = Σ_k w·h₀ over one tile, for the PB
    profiles of h0; the tile's ``n_k`` dimensions (``tdims[tile]``) start at ``req[base]``.

    KU dimensions per pass over the tile: each accumulator is loaded and stored once per KU
    dimensions, and each requirement load feeds PB profiles.
    """
    zero = np.float32(0.0)
    for b in range(PB):
        for r in range(2 * TILE):
            ws[_U((b * NR + OVER) * TILE + r)] = zero
    for k0 in range(0, n_k, KU):
        d0, d1 = tdims[tile, k0], tdims[tile, k0 + 1]
        d2, d3 = tdims[tile, k0 + 2], tdims[tile, k0 + 3]
        a00, a01, a02, a03 = h0[0, d0], h0[0, d1], h0[0, d2], h0[0, d3]
        a10, a11, a12, a13 = h0[1, d0], h0[1, d1], h0[1, d2], h0[1, d3]
        a20, a21, a22, a23 = h0[2, d0], h0[2, d1], h0[2, d2], h0[2, d3]
        a30, a31, a32, a33 = h0[3, d0], h0[3, d1], h0[3, d2], h0[3, d3]
        kb = base + k0 * 3 * TILE
        for r in range(TILE):
            l0, w0 = req[_U(kb + r)], req[_U(kb + TILE + r)]
            l1, w1 = req[_U(kb + 3 * TILE + r)], req[_U(kb + 4 * TILE + r)]
            l2, w2 = req[_U(kb + 6 * TILE + r)], req[_U(kb + 7 * TILE + r)]
            l3, w3 = req[_U(kb + 9 * TILE + r)], req[_U(kb + 10 * TILE + r)]
            ws[_U(OVER * TILE + r)] += (
                w0 * max(a00 - l0, zero) + w1 * max(a01 - l1, zero)
                + w2 * max(a02 - l2, zero) + w3 * max(a03 - l3, zero)
            )  # fmt: skip
            ws[_U(LIN * TILE + r)] += w0 * a00 + w1 * a01 + w2 * a02 + w3 * a03
            ws[_U((NR + OVER) * TILE + r)] += (
                w0 * max(a10 - l0, zero) + w1 * max(a11 - l1, zero)
                + w2 * max(a12 - l2, zero) + w3 * max(a13 - l3, zero)
            )  # fmt: skip
            ws[_U((NR + LIN) * TILE + r)] += w0 * a10 + w1 * a11 + w2 * a12 + w3 * a13
            ws[_U((2 * NR + OVER) * TILE + r)] += (
                w0 * max(a20 - l0, zero) + w1 * max(a21 - l1, zero)
                + w2 * max(a22 - l2, zero) + w3 * max(a23 - l3, zero)
            )  # fmt: skip
            ws[_U((2 * NR + LIN) * TILE + r)] += w0 * a20 + w1 * a21 + w2 * a22 + w3 * a23
            ws[_U((3 * NR + OVER) * TILE + r)] += (
                w0 * max(a30 - l0, zero) + w1 * max(a31 - l1, zero)
                + w2 * max(a32 - l2, zero) + w3 * max(a33 - l3, zero)
            )  # fmt: skip
            ws[_U((3 * NR + LIN) * TILE + r)] += w0 * a30 + w1 * a31 + w2 * a32 + w3 * a33


@_inner
def _epilogue(nb: int, tile: int, ob: int, base: int, n_k: int, tmap: I64, unk: I64,
              ismall: I64, small: F32, vw: float, beta1: float, ws: F32, tiles: F32,
              allowed: npt.NDArray[np.bool_], req: F32, rows: F32, rp: int) -> None:  # fmt: skip
    """For each profile b < nb of the block, on one tile (occupations from t0 = tile·TILE,
    constants at ``tiles[ob]``, requirements at ``req[base]``, ``n_k`` rows ``tmap[tile]``):
    q, π (NaN where unknown), a ranking key and the known weight into its ws rows Q_OUT …
    WK_OUT, then the rows that are needed into its full rows (``rows`` flat: row 4b + j of
    (q, π, key, known weight) starts at (4b + j)·Rp). One call per tile, the loops inline:
    a call passes ~40 words, as many as a vector iteration's work.

    q = 1 − (Σw·L − lin + (1 + β)·over) / (Σw·L + over) over the known dimensions: the
    occupation totals minus the w·L and w rows of the first four unknown dimensions (padded
    with the tile's weightless last row), and minus the rest's, which are rare, summed into ws
    rows U_WL, U_W first. π is the Pearson congruence blended with the values (centred unit
    interests ``small[3b]``, values ``small[3b + 1]``) when profile b is fused (flags in
    ``ismall[PB + 1]``: 1 interests known, 2 fused), else ws row PI_IN, copied from the
    precomputed π row. The key orders like F for w = ½: F² = q·π (q² where π is unknown), −1
    where not ``allowed``: no square root per pair.
    """
    t0 = tile * TILE
    zero = np.float32(0.0)
    one = np.float32(1.0)
    half = np.float32(0.5)
    tiny = np.float32(1e-5)
    nan = np.float32(np.nan)
    b1 = np.float32(beta1)
    for b in range(nb):
        n_unk = ismall[PB, b]
        flag = ismall[PB + 1, b]
        fused = flag >= 2
        ok = flag % 2 == 1
        s0 = b * NR * TILE
        if tile == 0 or n_unk > 4:
            # Σ w·L, Σ w over the unknown dimensions past the first four; zero π_in.
            ou = s0 + U_WL * TILE
            for r in range(3 * TILE):
                ws[_U(ou + r)] = zero
            for j in range(4, n_unk):
                kb = base + tmap[tile, unk[b, j]] * 3 * TILE + TILE
                for r in range(TILE):
                    ws[_U(ou + r)] += req[_U(kb + TILE + r)]
                    ws[_U(ou + TILE + r)] += req[_U(kb + r)]
        if flag == 1:
            src = (4 * b + 1) * rp + t0
            for r in range(TILE):
                ws[_U(s0 + PI_IN * TILE + r)] = rows[_U(src + r)]
        # The tile rows of the first four unknown dimensions (or the weightless row).
        u0 = tmap[tile, unk[b, 0]] if n_unk > 0 else n_k - 1
        u1 = tmap[tile, unk[b, 1]] if n_unk > 1 else n_k - 1
        u2 = tmap[tile, unk[b, 2]] if n_unk > 2 else n_k - 1
        u3 = tmap[tile, unk[b, 3]] if n_unk > 3 else n_k - 1
        # The interests-known flag is 0 or 1: a threshold of 2 makes every π unknown.
        thr = zero if ok else np.float32(2.0)
        # π = (1 − vw)·I + vw·V + π_in, branch-free: for a fused profile π_in (ws row PI_IN)
        # is 0; otherwise the blend weights are 0 and π_in is the precomputed π.
        w = np.float32(vw) if fused else zero
        w1 = one - np.float32(vw) if fused else zero
        sv = w / np.float32(36.0)
        x, v = 3 * b, 3 * b + 1
        c0, c1, c2 = small[x, 0], small[x, 1], small[x, 2]
        c3, c4, c5 = small[x, 3], small[x, 4], small[x, 5]
        v0, v1, v2 = small[v, 0], small[v, 1], small[v, 2]
        v3, v4, v5 = small[v, 3], small[v, 4], small[v, 5]
        k0, k1 = base + u0 * 3 * TILE + TILE, base + u1 * 3 * TILE + TILE
        k2, k3 = base + u2 * 3 * TILE + TILE, base + u3 * 3 * TILE + TILE
        # All loads unconditional and every choice a select: no masked loads in the vector loop.
        for r in range(TILE):
            o = ws[_U(s0 + OVER * TILE + r)]
            lin = ws[_U(s0 + LIN * TILE + r)]
            pi_in = ws[_U(s0 + PI_IN * TILE + r)]
            wl_all = tiles[_U(ob + r)]
            w_all = tiles[_U(ob + TILE + r)]
            int_known = tiles[_U(ob + 2 * TILE + r)]
            ok_r = allowed[_U(t0 + r)]
            w_unk = ws[_U(s0 + U_W * TILE + r)] + (
                (req[_U(k0 + r)] + req[_U(k1 + r)]) + (req[_U(k2 + r)] + req[_U(k3 + r)])
            )
            wl_unk = ws[_U(s0 + U_WL * TILE + r)] + (
                (req[_U(k0 + TILE + r)] + req[_U(k1 + TILE + r)])
                + (req[_U(k2 + TILE + r)] + req[_U(k3 + TILE + r)])
            )
            dot = (
                c0 * tiles[_U(ob + 3 * TILE + r)] + c1 * tiles[_U(ob + 4 * TILE + r)]
                + c2 * tiles[_U(ob + 5 * TILE + r)] + c3 * tiles[_U(ob + 6 * TILE + r)]
                + c4 * tiles[_U(ob + 7 * TILE + r)] + c5 * tiles[_U(ob + 8 * TILE + r)]
            )  # fmt: skip
            d = (
                abs(v0 - tiles[_U(ob + 9 * TILE + r)]) + abs(v1 - tiles[_U(ob + 10 * TILE + r)])
                + abs(v2 - tiles[_U(ob + 11 * TILE + r)]) + abs(v3 - tiles[_U(ob + 12 * TILE + r)])
                + abs(v4 - tiles[_U(ob + 13 * TILE + r)]) + abs(v5 - tiles[_U(ob + 14 * TILE + r)])
            )  # fmt: skip
            wk = w_all - w_unk
            # Totals minus unknown terms leave float residue where nothing is known: snap it.
            some = wk > tiny * w_all
            wl = wl_all - wl_unk
            wl = wl if some else zero
            scale = wl + o
            q = one - (wl - lin + b1 * o) / scale
            q = q if scale > zero else (one if some else zero)
            q = min(max(q, zero), one)
            ic = (min(max(dot, -one), one) + one) * half
            pi = w1 * ic + w - sv * d + pi_in
            pi = min(max(pi, zero), one)
            known = int_known > thr
            key = q * pi if known else q * q
            ws[_U(s0 + Q_OUT * TILE + r)] = q
            ws[_U(s0 + PI_OUT * TILE + r)] = pi if known else nan
            ws[_U(s0 + KEY_OUT * TILE + r)] = key if ok_r else -one
            ws[_U(s0 + WK_OUT * TILE + r)] = wk
        # Top-k with w = ½ needs only the key (F = √key, see _select_top); else all four.
        j0 = ismall[PB + 1, PB + b]
        for j in range(j0, 4 - j0 // 2):
            src = s0 + (Q_OUT + j) * TILE
            dst = (4 * b + j) * rp + t0
            for r in range(TILE):
                rows[_U(dst + r)] = ws[_U(src + r)]


@_inner
def _power_mean(q: float, pi: float, w: float | np.float32) -> float | np.float32:
    """F = q^(1−w)·π^w; q where π is unknown (NaN)."""
    zero = np.float32(0.0)
    one = np.float32(1.0)
    if pi != pi or w <= zero:
        return q
    if w >= one:
        return pi
    if q <= zero or pi <= zero:
        return zero
    return math.exp((one - w) * math.log(q) + w * math.log(pi))


@_inner
def _coverage(n: int, wk: F32, w_sum: F32, cov: F32) -> None:
    """Coverage Σ_known w / Σ w (0 when the occupation weighs nothing)."""
    zero = np.float32(0.0)
    one = np.float32(1.0)
    tiny = np.float32(1e-5)
    for r in range(n):
        ws = w_sum[r]
        c = wk[r] / ws if wk[r] > tiny * ws else zero
        cov[r] = min(max(c, zero), one)


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
def _combined(n: int, ok: bool, w: float, qrow: F32, pirow: F32, frow: F32) -> None:
    """F = q^(1−w)·π^w (a square root for w = ½); q where π is unknown."""
    wf = np.float32(w)
    if ok and wf != np.float32(0.5):
        for r in range(n):
            frow[r] = _power_mean(qrow[r], pirow[r], wf)
        return
    for r in range(n):
        q = qrow[r]
        pi = pirow[r]
        frow[r] = math.sqrt(q * pi) if pi == pi else q


@_inner
def _select_top(w: float, keys: F32, bits: I32, off: int, rp: int, order: I64, gmax: I32,
                cand: I64, fbuf: F32, top_idx: I32, top_f: F32, p: int) -> None:  # fmt: skip
    """The k best occupations by F into top_idx[p]/top_f[p] (k = their length; catalogue
    indices, ``order`` maps kernel positions), best first, ties to the lower index; -1 / NaN
    pad. The key row (from :func:`_epilogue`, −1 = not allowed) is ``keys[off:off + rp]``, its
    int32 bits ``bits[off:off + rp]``; it orders like F.

    Keys ≥ 0 order like their int32 bits, so maxima are integer reductions, which vectorise.
    The maxima of GROUPS strided groups (r mod GROUPS), folded into SUPER lanes, are distinct
    occupations: the k-th largest of them bounds the k-th best from below. Only groups reaching
    that bound are scanned, branch-free, for candidates (~11 on O*NET), and only those are
    ranked, by counting (branch-free too). F is computed exactly for the candidates: for
    w = ½ it is √key, which equals :func:`_combined`'s √(q·π), and q where π is unknown
    (key = q², and √fl(q²) = q for q = 0 or q ≥ 2⁻²⁴, which q = 1 − y always is).
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
    # A few ulps of slack: F = √key rounds, so a tie in F may hide under a smaller key.
    t = max(kth - 16, 0)
    ng = 0
    for g in range(GROUPS):
        cand[ng] = g
        ng += 1 if gmax[g] >= t else 0
    nc = 0
    for i in range(ng):
        for r in range(cand[i], rp, GROUPS):
            cand[ng + nc] = r
            nc += 1 if bits[_U(off + r)] >= t else 0
    half = np.float32(w) == np.float32(0.5)
    for c in range(nc):
        f = keys[_U(off + cand[ng + c])]
        fbuf[c] = math.sqrt(f) if half else f
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


@njit(cache=True, nogil=True, error_model="numpy", fastmath=_FM)
def _score_rows(
    p_start: int,
    p_stop: int,
    level: F32,
    interests: F32,
    values: F32,
    pweight: F32,
    dims: I32,
    req: F32,
    toff: I64,
    tk: I64,
    tdims: I64,
    tmap: I64,
    order: I64,
    tiles: F32,
    orow: F32,
    code_t: I32,
    iach: F32,
    beta: float,
    index: int,
    values_weight: float,
    values_complete: bool,
    n_occ: int,
    topk: bool,
    allowed: npt.NDArray[np.bool_],
    top_idx: I32,
    top_f: F32,
    out: F32,
    h0: F32,
    unk: I64,
    ws: F32,
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
    w_sum = orow[1]
    beta1 = 1.0 + beta
    n_unk = ismall[PB]
    flags = ismall[PB + 1]
    for p0 in range(p_start, p_stop, PB):
        nb = min(PB, p_stop - p0)
        _prepare(p0, nb, level, dims, h0, unk, n_unk)
        for b in range(nb):
            p = p0 + b
            ok = _profile_constants(index, interests, values, p, small, ismall, b)
            n_vals = 0
            for j in range(6):
                n_vals += 1 if small[3 * b + 2, j] > 0 else 0
            fused = index == 0 and values_complete and n_vals == 6
            flags[b] = (1 if ok else 0) + (2 if fused else 0)
            if ok and not fused:
                cen, pv, vk = small[3 * b], small[3 * b + 1], small[3 * b + 2]
                pirow = rows[4 * b + 1]
                _interest(n_occ, index, cen, ismall[b], orow, code_t, iach, pirow)
                _blend_values(n_occ, pv, vk, values_complete, orow, values_weight,
                              rows[4 * b + 2], rows[4 * b + 3], pirow)  # fmt: skip
        for b in range(nb):
            # Top-k with w = ½ needs only the key: F = √key exactly (see _select_top).
            half = topk and np.float32(pweight[p0 + b]) == np.float32(0.5)
            ismall[PB + 1, PB + b] = 2 if half else 0
        for tile in range(rp // TILE):
            base, n_k = toff[tile], tk[tile]
            _hot(h0, req, base, n_k, tdims, tile, ws)
            _epilogue(nb, tile, tile * NQ * TILE, base, n_k, tmap, unk, ismall, small,
                      values_weight, beta1, ws, tiles, allowed, req, flat, rp)  # fmt: skip
        for b in range(nb):
            p = p0 + b
            w = pweight[p]
            if topk:
                if np.float32(w) != np.float32(0.5):
                    for r in range(n_occ):
                        if allowed[r]:
                            f = _power_mean(rows[4 * b, r], rows[4 * b + 1, r], np.float32(w))
                            rows[4 * b + 2, r] = f
                _select_top(w, flat, bits, (4 * b + 2) * rp, rp, order, gmax, cand, fbuf,
                            top_idx, top_f, p)  # fmt: skip
            else:
                # F and coverage in place of the key and the known weight, then back to
                # catalogue order.
                qrow, pirow = rows[4 * b], rows[4 * b + 1]
                _combined(n_occ, flags[b] % 2 == 1, w, qrow, pirow, rows[4 * b + 2])
                _coverage(n_occ, rows[4 * b + 3], w_sum, rows[4 * b + 3])
                for j in range(4):
                    for r in range(n_occ):
                        out[j, p, order[r]] = rows[4 * b + j, r]


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
        ko.dims, ko.req, ko.toff, ko.tk, ko.tdims, ko.tmap, ko.order, ko.tiles, ko.orow,
        ko.code_t, IACHAN_WEIGHTS,
        float(settings.overqualification_weight), _INDEX_CODE[settings.interest_index],
        float(settings.values_weight), ko.values_complete, ko.n,
    )  # fmt: skip
    kp, rp = len(ko.dims), ko.padded

    def task(start: int, stop: int) -> None:
        # Scratch per task (~100 KiB): the kernel allocates nothing.
        rows = np.empty((4 * PB, rp), np.float32)
        scratch = (
            np.empty((PB, kp), np.float32),
            np.empty((PB, kp), np.int64),
            np.empty(PB * NR * TILE, np.float32),
            rows,
            rows.reshape(-1),
            rows.reshape(-1).view(np.int32),
            np.empty((3 * PB, 6), np.float32),
            np.empty((PB + 2, 2 * PB), np.int64),
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
        padded[: occ.size] = mask[ko.order[: occ.size]]  # in kernel order
        tail = (True, padded, idx, top, _NO_OUT)
        _run(prof, ko, settings, threads, tail)
    return idx, top
