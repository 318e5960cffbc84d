"""The numba scoring kernel: the reference's numbers (to 1e-5), in float32, fast.

Layout and why (docs/performance.md has the measurements):

* Qualification fit needs, per profile p and occupation r, four sums over dimensions k. Three
  are linear and one is not. With h₀ = the level where known and 0 where unknown (0 is only an
  *arithmetic* stand-in: every term it enters is multiplied by zero or clipped to zero), they are
  ``over = Σ w·max(0, h₀ − L)`` and ``lin = Σ w·h₀`` — exact over the known dimensions because
  L ≥ 0 — plus ``Σ w·L`` and ``Σ w`` over known dimensions, which are the occupation's totals
  minus the few unknown dimensions' terms. Then shortfall + β·over = Σ w·L − lin + (1 + β)·over
  and Σ w·max(L, h) = Σ w·L + over. The hot loop is branch-free: no NaN reaches it.
* The hot loop runs over occupations, contiguous in memory (requirements stored dimension-major,
  K × R), so it vectorises without horizontal reductions. Register blocking in both other
  directions: one requirement tile feeds a block of ``PB`` profiles, and ``KU`` dimensions are
  summed per pass, so each accumulator is loaded and stored once per ``KU`` dimensions instead
  of once per dimension (the store port, not arithmetic, bounded the one-dimension loop).
* Everything after the sums (division, passion, values, combined fit, top-k) is a handful of
  fused passes over one profile's row, each a vectorised loop over occupations, with the
  per-profile constants (centred interests, Holland code, known values) computed once.
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
#: Occupations padded to a multiple of this (one AVX-512 vector of float32).
LANES = 16
#: Profiles per task handed to a thread (a multiple of PB).
CHUNK = 512
_FM = {"contract"}
_INDEX_CODE = {InterestIndex.PEARSON: 0, InterestIndex.EUCLIDEAN: 1, InterestIndex.IACHAN: 2}
_F = TypeVar("_F", bound=Callable[..., Any])


def _inner(fn: _F) -> _F:
    """Compile ``fn`` as a helper called only from compiled code: no Python wrapper to build
    (a wrapper per helper cost ~0.1 s of cold compile each)."""
    # ``no_cpython_wrapper`` is a real njit option that numba's type stubs do not list.
    jit: Any = njit
    return cast(_F, jit(nogil=True, error_model="numpy", fastmath=_FM, no_cpython_wrapper=True)(fn))


@dataclass(frozen=True)
class KernelOccupations:
    """Occupation arrays in the kernel's layout: dimension-major, padded, float32.

    Only dimensions some occupation weighs are kept (the others add nothing to any sum); the
    kept ones are padded with weightless rows to a multiple of ``KU``. Occupations are padded
    to a multiple of ``LANES``.
    """

    dims: I32  # K': positions in the catalogue's dimension order, -1 for padding
    req: F32  # 3 × K' × Rp: level L, weight w, w·L
    orow: F32  # 21 × Rp: Σw·L, Σw, interests known (1/0), interests (6; centred unit vectors
    #            for Pearson), values (6, 0 where unknown), values known (6, 1/0)
    code_t: I32  # 3 × Rp (Holland code letters, -1 unknown)
    values_complete: bool  # every occupation knows all six values
    n: int  # R
    occ_dims: tuple[str, ...]  # the occupation arrays' dimension ids


def _pad(a: npt.NDArray[Any], rows: int, width: int, value: float = 0.0) -> npt.NDArray[Any]:
    out = np.full((rows, width), value, dtype=a.dtype)
    out[: a.shape[0], : a.shape[1]] = a
    return out


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
    rp = max(LANES, -(-r // LANES) * LANES)
    used = np.flatnonzero((occ.weight > 0).any(axis=0)).astype(np.int32)
    # At least one weightless row at the end: the kernel's stand-in for 'no dimension'.
    kp = -(-(len(used) + 1) // KU) * KU
    dims = np.full(kp, -1, np.int32)
    dims[: len(used)] = used
    lvl = occ.level[:, used].T.astype(np.float32)
    w = occ.weight[:, used].T.astype(np.float32)
    wl = (lvl.astype(np.float64) * w).astype(np.float32)
    known_int = np.asarray(~np.isnan(occ.interests).any(axis=1), dtype=np.bool_)
    ints = unit_centred(occ.interests) if index is InterestIndex.PEARSON else occ.interests
    val_known = ~np.isnan(occ.values)
    wl_sum = wl.astype(np.float64).sum(axis=0).astype(np.float32)
    w_sum = occ.weight.astype(np.float64).sum(axis=1).astype(np.float32)
    orow = np.concatenate(
        [
            wl_sum[None, :],
            w_sum[None, :],
            known_int[None, :].astype(np.float32),
            np.nan_to_num(ints).T.astype(np.float32),
            np.nan_to_num(occ.values).T.astype(np.float32),
            val_known.T.astype(np.float32),
        ]
    )
    out = KernelOccupations(
        dims=dims,
        req=np.stack([_pad(lvl, kp, rp), _pad(w, kp, rp), _pad(wl, kp, rp)]),
        orow=_pad(orow, orow.shape[0], rp),
        code_t=_pad(occ.codes.T.astype(np.int32), 3, rp, -1),
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
def _sums(h0: F32, level_t: F32, weight_t: F32, acc: F32) -> None:
    """acc[b] = Σ_k w·max(0, h₀ − L) and acc[PB + b] = Σ_k w·h₀ for the PB profiles of h0.

    KU dimensions per pass over the occupations: each accumulator is loaded and stored once per
    KU dimensions, and each requirement load feeds PB profiles.
    """
    kp, rp = level_t.shape
    zero = np.float32(0.0)
    for i in range(acc.shape[0]):
        row = acc[i]
        for r in range(rp):
            row[r] = zero
    o0, o1, o2, o3 = acc[0], acc[1], acc[2], acc[3]
    n0, n1, n2, n3 = acc[4], acc[5], acc[6], acc[7]
    for k0 in range(0, kp, KU):
        lk0, lk1, lk2, lk3 = level_t[k0], level_t[k0 + 1], level_t[k0 + 2], level_t[k0 + 3]
        wk0, wk1, wk2, wk3 = weight_t[k0], weight_t[k0 + 1], weight_t[k0 + 2], weight_t[k0 + 3]
        a00, a01, a02, a03 = h0[0, k0], h0[0, k0 + 1], h0[0, k0 + 2], h0[0, k0 + 3]
        a10, a11, a12, a13 = h0[1, k0], h0[1, k0 + 1], h0[1, k0 + 2], h0[1, k0 + 3]
        a20, a21, a22, a23 = h0[2, k0], h0[2, k0 + 1], h0[2, k0 + 2], h0[2, k0 + 3]
        a30, a31, a32, a33 = h0[3, k0], h0[3, k0 + 1], h0[3, k0 + 2], h0[3, k0 + 3]
        for r in range(rp):
            l0, l1, l2, l3 = lk0[r], lk1[r], lk2[r], lk3[r]
            w0, w1, w2, w3 = wk0[r], wk1[r], wk2[r], wk3[r]
            o0[r] += (
                w0 * max(a00 - l0, zero) + w1 * max(a01 - l1, zero)
                + w2 * max(a02 - l2, zero) + w3 * max(a03 - l3, zero)
            )  # fmt: skip
            n0[r] += w0 * a00 + w1 * a01 + w2 * a02 + w3 * a03
            o1[r] += (
                w0 * max(a10 - l0, zero) + w1 * max(a11 - l1, zero)
                + w2 * max(a12 - l2, zero) + w3 * max(a13 - l3, zero)
            )  # fmt: skip
            n1[r] += w0 * a10 + w1 * a11 + w2 * a12 + w3 * a13
            o2[r] += (
                w0 * max(a20 - l0, zero) + w1 * max(a21 - l1, zero)
                + w2 * max(a22 - l2, zero) + w3 * max(a23 - l3, zero)
            )  # fmt: skip
            n2[r] += w0 * a20 + w1 * a21 + w2 * a22 + w3 * a23
            o3[r] += (
                w0 * max(a30 - l0, zero) + w1 * max(a31 - l1, zero)
                + w2 * max(a32 - l2, zero) + w3 * max(a33 - l3, zero)
            )  # fmt: skip
            n3[r] += w0 * a30 + w1 * a31 + w2 * a32 + w3 * a33


@_inner
def _known_totals(n_unk: int, unk: I64, req: F32, orow: F32, wl: F32, wk: F32) -> None:
    """Σ w·L and Σ w over one profile's known dimensions: the occupation totals (orow[0],
    orow[1]) minus the rows (req[2], req[1]) of the ``n_unk`` unknown dimensions in ``unk``."""
    wl_t = req[2]
    w_t = req[1]
    wl_sum = orow[0]
    w_sum = orow[1]
    for r in range(wl.shape[0]):
        wl[r] = wl_sum[r]
        wk[r] = w_sum[r]
    for j in range(n_unk):
        a = wl_t[unk[j]]
        c = w_t[unk[j]]
        for r in range(wl.shape[0]):
            wl[r] -= a[r]
            wk[r] -= c[r]


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
def _fits(n: int, ok: bool, w: float, int_known: F32, allowed: npt.NDArray[np.bool_],
          over: F32, lin: F32, wl: F32, wk: F32, req: F32, u: I64, w_sum: F32, beta1: float,
          qrow: F32, pirow: F32, key: F32) -> None:  # fmt: skip
    """Qualification fit into qrow, π clipped into pirow (in place; NaN where unknown), and a
    ranking key: F² for w = ½ (q·π, or q² where π is unknown: no square root per pair), F
    itself for other w, −1 where not ``allowed`` and past ``n``.

    q = 1 − (Σw·L − lin + (1 + β)·over) / (Σw·L + over) over the known dimensions, where the
    known Σw·L and Σw are ``wl``, ``wk`` minus the w·L and w rows (req[2], req[1]) of the
    four dimensions ``u`` (unknown ones, padded with the last, weightless, dimension): no
    extra pass for a few unknowns.
    """
    zero = np.float32(0.0)
    one = np.float32(1.0)
    tiny = np.float32(1e-5)
    nan = np.float32(np.nan)
    b1 = np.float32(beta1)
    # int_known is 0 or 1: a threshold of 2 makes every π unknown without a branch.
    thr = zero if ok else np.float32(2.0)
    # Indexing the shared arrays directly (no row views) avoids reference-count traffic.
    u0, u1, u2, u3 = u[0], u[1], u[2], u[3]
    for r in range(n):
        o = over[r]
        # Totals minus unknown terms leave float residue where nothing is known: snap it.
        wkr = wk[r] - req[1, u0, r] - req[1, u1, r] - req[1, u2, r] - req[1, u3, r]
        some = wkr > tiny * w_sum[r]
        wlr = (
            wl[r] - req[2, u0, r] - req[2, u1, r] - req[2, u2, r] - req[2, u3, r] if some else zero
        )
        scale = wlr + o
        q = one - (wlr - lin[r] + b1 * o) / scale
        q = q if scale > zero else (one if some else zero)
        q = min(max(q, zero), one)
        known = int_known[r] > thr
        pi = min(max(pirow[r], zero), one)
        qrow[r] = q
        pirow[r] = pi if known else nan
        k = q * pi if known else q * q
        key[r] = k if allowed[r] else -one
    for r in range(n, key.shape[0]):
        key[r] = -one
    wf = np.float32(w)
    if wf != np.float32(0.5):
        for r in range(n):
            if allowed[r]:
                key[r] = _power_mean(qrow[r], pirow[r], wf)


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
              with_values: bool, v: F32, vw: float, out: F32) -> None:  # fmt: skip
    """Interest congruence of one profile (``x``: centred unit vector for Pearson, raw scores
    for Euclidean; ``code`` for Iachan) with every occupation (interests in orow[3:9]), into
    ``out``. ``with_values`` (Pearson, every value known on both sides — O*NET) blends the
    values in the same pass, as :func:`_blend_values` would."""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    half = np.float32(0.5)
    c0, c1, c2, c3, c4, c5 = x[0], x[1], x[2], x[3], x[4], x[5]
    if index == 0 and with_values:
        w = np.float32(vw)
        w1 = one - w
        sv = w / np.float32(36.0)
        v0, v1, v2, v3, v4, v5 = v[0], v[1], v[2], v[3], v[4], v[5]
        for r in range(n):
            dot = (
                c0 * orow[3, r]
                + c1 * orow[4, r]
                + c2 * orow[5, r]
                + c3 * orow[6, r]
                + c4 * orow[7, r]
                + c5 * orow[8, r]
            )
            ic = (min(max(dot, -one), one) + one) * half
            d = (
                abs(v0 - orow[9, r]) + abs(v1 - orow[10, r]) + abs(v2 - orow[11, r])
                + abs(v3 - orow[12, r]) + abs(v4 - orow[13, r]) + abs(v5 - orow[14, r])
            )  # fmt: skip
            out[r] = w1 * ic + w - sv * d
    elif index == 0:
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
def _select_top(n_blocks: int, w: float, key: F32, qrow: F32, pirow: F32, blk: I32, idx: I32,
                top: F32) -> None:  # fmt: skip
    """The k best occupations by F into idx/top (k = their length), best first, ties to the
    lower index; -1 / NaN pad. ``key`` (from :func:`_fits`, −1 = not allowed) orders like F.

    The k-th largest of the per-block maxima of ``key`` (blocks of ``LANES``) bounds the k-th
    best from below, so only blocks reaching it are scanned — in index order, with F computed
    exactly as :func:`_combined` does. Keys ≥ 0 order like their int32 bits, so the block
    maxima are integer reductions, which vectorise.
    """
    kk = idx.shape[0]
    bits = key.view(np.int32)
    for b in range(n_blocks):
        m = np.int32(-1)
        for i in range(LANES):
            v = bits[b * LANES + i]
            m = v if v > m else m
        blk[b] = m
    # The k-th largest block maximum, by insertion into idx (scratch until the scan below).
    nsel = 0
    for b in range(n_blocks):
        m = blk[b]
        if nsel == kk and m <= idx[kk - 1]:
            continue
        pos = nsel if nsel < kk else kk - 1
        while pos > 0 and idx[pos - 1] < m:
            idx[pos] = idx[pos - 1]
            pos -= 1
        idx[pos] = m
        nsel = min(nsel + 1, kk)
    # A few ulps of slack: F = √key rounds, so a tie in F may hide under a smaller key.
    t = max(idx[kk - 1] - 16, 0) if nsel == kk else 0
    half = np.float32(w) == np.float32(0.5)
    filled = 0
    for b in range(n_blocks):
        if blk[b] < t:
            continue
        for r in range(b * LANES, (b + 1) * LANES):
            if bits[r] < t:
                continue
            if half:
                q = qrow[r]
                pi = pirow[r]
                f = math.sqrt(q * pi) if pi == pi else q
            else:
                f = key[r]
            if filled == kk and f <= top[kk - 1]:
                continue
            pos = filled if filled < kk else kk - 1
            while pos > 0 and top[pos - 1] < f:
                if pos < kk:
                    top[pos] = top[pos - 1]
                    idx[pos] = idx[pos - 1]
                pos -= 1
            top[pos] = f
            idx[pos] = r
            if filled < kk:
                filled += 1
    for j in range(filled, kk):
        top[j] = np.float32(np.nan)
        idx[j] = -1


@_inner
def _profile_constants(index: int, x: F32, v: F32, cen: F32, code: I64, pv: F32,
                       vk: F32) -> bool:  # fmt: skip
    """Per-profile constants: interests as the kernel wants them (centred unit vector for
    Pearson, raw for Euclidean, the Holland code for Iachan), known values; False when the
    interests are unknown."""
    for j in range(6):
        known = v[j] == v[j]
        vk[j] = np.float32(1.0) if known else np.float32(0.0)
        pv[j] = v[j] if known else np.float32(0.0)
    s = 0.0
    for j in range(6):
        if x[j] != x[j]:
            return False
        s += x[j]
    if index == 0:
        mean = s / 6.0
        ss = 0.0
        for j in range(6):
            z = x[j] - mean
            ss += z * z
        norm = math.sqrt(ss)
        for j in range(6):
            cen[j] = np.float32((x[j] - mean) / norm) if norm > 1e-9 else np.float32(0.0)
    elif index == 1:
        for j in range(6):
            cen[j] = x[j]
    else:
        # Three highest, ties in RIASEC order (a stable sort of the negated scores).
        for i in range(3):
            best = -1
            for j in range(6):
                taken = False
                for m in range(i):
                    taken = taken or code[m] == j
                if not taken and (best < 0 or x[j] > x[best]):
                    best = j
            code[i] = best
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
    acc: F32,
    rows: F32,
    small: F32,
    ismall: I64,
) -> None:
    """Scores of profiles ``p_start`` … ``p_stop − 1``: into ``out[0…3][p]`` (q, π, F,
    coverage), or with ``topk`` only their best ``top_idx.shape[1]`` occupations into
    ``top_idx``/``top_f``. ``req`` stacks L, w, w·L (K' × Rp each); ``orow`` stacks Σw·L, Σw,
    interests known, interests (6), values (6), values known (6); the rest is scratch."""
    level_t, weight_t = req[0], req[1]
    wl_sum, w_sum, int_known = orow[0], orow[1], orow[2]
    cen, pv, vk = small[0], small[1], small[2]
    code = ismall[0]
    n_unk = ismall[1]
    beta1 = 1.0 + beta
    n_blocks = rows.shape[1] // LANES
    blk = ismall[2].view(np.int32)  # block maxima for the top-k selection
    u4 = ismall[3]
    kp = req.shape[1]
    for p0 in range(p_start, p_stop, PB):
        nb = min(PB, p_stop - p0)
        _prepare(p0, nb, level, dims, h0, unk, n_unk)
        _sums(h0, level_t, weight_t, acc)
        for b in range(nb):
            p = p0 + b
            wl, wk = wl_sum, w_sum
            # Up to four unknown dimensions are subtracted inside _fits; more in a pass here.
            few = n_unk[b] <= 4 and topk
            for j in range(4):
                u4[j] = unk[b, j] if few and j < n_unk[b] else kp - 1
            if not few:
                wl, wk = rows[0], rows[1]
                _known_totals(n_unk[b], unk[b], req, orow, wl, wk)
            if topk:
                qrow, pirow = rows[2], rows[3]
            else:
                qrow, pirow = out[0, p], out[1, p]
                _coverage(n_occ, wk, w_sum, out[3, p])
            ok = _profile_constants(index, interests[p], values[p], cen, code, pv, vk)
            if ok:
                n_vals = 0
                for j in range(6):
                    n_vals += 1 if vk[j] > 0 else 0
                fused = index == 0 and values_complete and n_vals == 6
                _interest(n_occ, index, cen, code, orow, code_t, iach, fused, pv, values_weight,
                          pirow)  # fmt: skip
                if not fused:
                    _blend_values(n_occ, pv, vk, values_complete, orow, values_weight, rows[5],
                                  rows[6], pirow)  # fmt: skip
            w = pweight[p]
            _fits(n_occ, ok, w, int_known, allowed, acc[b], acc[PB + b], wl, wk, req, u4, w_sum,
                  beta1, qrow, pirow, rows[4])  # fmt: skip
            if topk:
                _select_top(n_blocks, w, rows[4], qrow, pirow, blk, top_idx[p], top_f[p])
            else:
                _combined(n_occ, ok, w, qrow, pirow, out[2, p])


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
        ko.dims, ko.req, ko.orow, ko.code_t, IACHAN_WEIGHTS,
        float(settings.overqualification_weight), _INDEX_CODE[settings.interest_index],
        float(settings.values_weight), ko.values_complete, ko.n,
    )  # fmt: skip
    kp, rp = ko.req.shape[1:]

    def task(start: int, stop: int) -> None:
        # Scratch per task (a few KiB): the kernel allocates nothing.
        scratch = (
            np.empty((PB, kp), np.float32),
            np.empty((PB, kp), np.int64),
            np.empty((2 * PB, rp), np.float32),
            np.empty((8, rp), np.float32),
            np.empty((3, 6), np.float32),
            np.empty((4, max(PB, rp // LANES)), np.int64),
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
        everything = np.ones(occ.size, np.bool_)
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
        tail = (True, np.ascontiguousarray(mask), idx, top, _NO_OUT)
        _run(prof, ko, settings, threads, tail)
    return idx, top
