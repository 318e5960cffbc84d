"""The numba scoring kernel: the reference's numbers (to 1e-5), in float32, fast.

Layout and why (docs/performance.md):

* Qualification fit needs, per profile p and occupation r, four sums over dimensions k. Three
  are linear and one is not. With h₀ = the level where known and 0 where unknown (0 is only an
  *arithmetic* stand-in: every term it enters is multiplied by zero or clipped to zero), they are
  ``over = Σ w·max(0, h₀ − L)`` and ``lin = Σ w·h₀`` — exact over the known dimensions because
  L ≥ 0 — plus ``Σ w·L`` and ``Σ w`` over known dimensions, which are the occupation's totals
  minus the few unknown dimensions' terms. Then shortfall + β·over = Σ w·L − lin + (1 + β)·over
  and Σ w·max(L, h) = Σ w·L + over.
* The hot loop runs over occupations, contiguous in memory (requirements stored dimension-major,
  K × R), so it vectorises without horizontal reductions; each (k, r) tile of requirements is
  loaded once for a block of ``PB`` profiles (register blocking), and profiles are spread over
  threads with ``prange``.
* ``fastmath`` allows contraction and reassociation but not "no NaNs": unknown passion is
  written as NaN from flags, never tested inside the kernel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numba
import numpy as np
import numpy.typing as npt
from numba import njit, prange

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
#: Profiles scored together against one tile of requirements.
PB = 4
#: Fewer profiles than this are scored on the calling thread.
SERIAL_BELOW = 64
#: Occupations padded to a multiple of this (one AVX-512 vector of float32).
LANES = 16
_FM = {"contract", "reassoc", "nsz", "arcp"}
_INDEX_CODE = {InterestIndex.PEARSON: 0, InterestIndex.EUCLIDEAN: 1, InterestIndex.IACHAN: 2}


@dataclass(frozen=True)
class KernelOccupations:
    """Occupation arrays in the kernel's layout: dimension-major, padded, float32.

    Only dimensions some occupation weighs are kept (the others add nothing to any sum).
    """

    dims: I32  # K': positions in the catalogue's dimension order
    level_t: F32  # K' × Rp
    weight_t: F32  # K' × Rp
    wl_t: F32  # K' × Rp  (w·L)
    wl_sum: F32  # Rp
    w_sum: F32  # Rp
    int_t: F32  # 6 × Rp   interests, or centred unit vectors for Pearson
    int_known: F32  # Rp (1 known, 0 unknown)
    code_t: I32  # 3 × Rp (Holland code letters, -1 unknown)
    val_t: F32  # 6 × Rp (0 where unknown)
    val_known_t: F32  # 6 × Rp
    values_complete: bool  # every occupation knows all six values
    n: int  # R


def _pad(a: npt.NDArray[Any], width: int, value: float = 0.0) -> npt.NDArray[Any]:
    out = np.full((a.shape[0], width), value, dtype=a.dtype)
    out[:, : a.shape[1]] = a
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
    dims = np.flatnonzero((occ.weight > 0).any(axis=0)).astype(np.int32)
    lvl = occ.level[:, dims].T.astype(np.float32)
    w = occ.weight[:, dims].T.astype(np.float32)
    wl = (lvl.astype(np.float64) * w).astype(np.float32)
    known_int = np.asarray(~np.isnan(occ.interests).any(axis=1), dtype=np.bool_)
    ints = unit_centred(occ.interests) if index is InterestIndex.PEARSON else occ.interests
    val_known = ~np.isnan(occ.values)
    out = KernelOccupations(
        dims=dims,
        level_t=_pad(lvl, rp),
        weight_t=_pad(w, rp),
        wl_t=_pad(wl, rp),
        wl_sum=_pad(wl.astype(np.float64).sum(axis=0, keepdims=True).astype(np.float32), rp)[0],
        w_sum=_pad(occ.weight.astype(np.float64).sum(axis=1)[None, :].astype(np.float32), rp)[0],
        int_t=_pad(np.nan_to_num(ints).T.astype(np.float32), rp),
        int_known=_pad(known_int[None, :].astype(np.float32), rp)[0],
        code_t=_pad(occ.codes.T.astype(np.int32), rp, -1),
        val_t=_pad(np.nan_to_num(occ.values).T.astype(np.float32), rp),
        val_known_t=_pad(val_known.T.astype(np.float32), rp),
        values_complete=bool(val_known.all()),
        n=r,
    )
    occ.extras[key] = out
    return out


@dataclass(frozen=True)
class KernelProfiles:
    """Profile arrays in the kernel's layout (levels restricted to the kernel's dimensions)."""

    h0: F32  # P × K' levels, 0 where unknown (always paired with ``unknown``)
    unknown: I32  # P × K' positions of unknown dimensions first, ``-1`` padded
    interests: F32  # P × 6 (unit-centred for Pearson), 0 where unknown
    int_known: F32  # P
    codes: I32  # P × 3
    values: F32  # P × 6, 0 where unknown
    val_known: F32  # P × 6
    weight: F32  # P passion weights


def kernel_profiles(
    prof: ProfileArrays, kocc: KernelOccupations, index: InterestIndex
) -> KernelProfiles:
    """The kernel layout of ``prof`` for occupations ``kocc``."""
    lvl = prof.level[:, kocc.dims]
    unknown_mask = np.isnan(lvl)
    # Unknown dimensions first (stable), padded with -1: the kernel stops at the first -1.
    order = np.argsort(~unknown_mask, axis=1, kind="stable").astype(np.int32)
    unknown = np.where(np.take_along_axis(unknown_mask, order, axis=1), order, -1)
    ints = unit_centred(prof.interests) if index is InterestIndex.PEARSON else prof.interests
    return KernelProfiles(
        h0=np.ascontiguousarray(np.where(unknown_mask, 0.0, lvl), dtype=np.float32),
        unknown=np.ascontiguousarray(unknown, dtype=np.int32),
        interests=np.ascontiguousarray(np.nan_to_num(ints), dtype=np.float32),
        int_known=np.asarray(~np.isnan(prof.interests).any(axis=1), dtype=np.float32),
        codes=prof.codes.astype(np.int32),
        values=np.ascontiguousarray(np.nan_to_num(prof.values), dtype=np.float32),
        val_known=(~np.isnan(prof.values)).astype(np.float32),
        weight=np.ascontiguousarray(prof.passion_weight, dtype=np.float32),
    )


@njit(cache=True, fastmath=_FM, nogil=True, error_model="numpy")
def _block(
    p0: int,
    nb: int,
    h0: F32,
    unknown: I32,
    pint: F32,
    pint_known: F32,
    pcodes: I32,
    pvals: F32,
    pval_known: F32,
    pweight: F32,
    level_t: F32,
    weight_t: F32,
    wl_t: F32,
    wl_sum: F32,
    w_sum: F32,
    int_t: F32,
    int_known: F32,
    code_t: I32,
    val_t: F32,
    val_known_t: F32,
    beta: float,
    index: int,
    values_weight: float,
    iach: F32,
    values_complete: bool,
    out_q: F32,
    out_pi: F32,
    out_f: F32,
    out_cov: F32,
    over: F32,
    lin: F32,
) -> None:
    """Scores of profiles p0 … p0+nb−1 (nb ≤ PB) into rows 0 … nb−1 of the out_* scratch."""
    kdim, rp = level_t.shape
    zero = np.float32(0.0)
    one = np.float32(1.0)
    over[:, :] = zero
    lin[:, :] = zero
    # Hot loop: one requirement tile feeds PB profiles; the r loop vectorises. Row views let
    # LLVM see that the accumulators and the requirements do not overlap.
    if nb == PB:
        o0, o1, o2, o3 = over[0], over[1], over[2], over[3]
        l0, l1, l2, l3 = lin[0], lin[1], lin[2], lin[3]
        for k in range(kdim):
            a0 = h0[p0, k]
            a1 = h0[p0 + 1, k]
            a2 = h0[p0 + 2, k]
            a3 = h0[p0 + 3, k]
            lk = level_t[k]
            wk = weight_t[k]
            for r in range(rp):
                lv = lk[r]
                wv = wk[r]
                o0[r] += wv * max(a0 - lv, zero)
                l0[r] += wv * a0
                o1[r] += wv * max(a1 - lv, zero)
                l1[r] += wv * a1
                o2[r] += wv * max(a2 - lv, zero)
                l2[r] += wv * a2
                o3[r] += wv * max(a3 - lv, zero)
                l3[r] += wv * a3
    else:
        for b in range(nb):
            ob = over[b]
            lb = lin[b]
            for k in range(kdim):
                a = h0[p0 + b, k]
                lk = level_t[k]
                wk = weight_t[k]
                for r in range(rp):
                    ob[r] += wk[r] * max(a - lk[r], zero)
                    lb[r] += wk[r] * a
    b1 = np.float32(1.0 + beta)
    vw = np.float32(values_weight)
    inv_emax = np.float32(1.0 / EUCLIDEAN_MAX)
    inv_imax = np.float32(1.0 / IACHAN_MAX)
    inv6 = np.float32(1.0 / 6.0)
    half = np.float32(0.5)
    nan = np.float32(np.nan)
    tiny = np.float32(1e-5)
    for b in range(nb):
        p = p0 + b
        qrow = out_q[b]
        covrow = out_cov[b]
        prow = out_pi[b]
        frow = out_f[b]
        ob = over[b]
        lb = lin[b]
        # Known Σ w·L and Σ w: the totals minus the unknown dimensions' terms (in prow, frow).
        for r in range(rp):
            prow[r] = wl_sum[r]
            frow[r] = w_sum[r]
        for j in range(unknown.shape[1]):
            k = unknown[p, j]
            if k < 0:
                break
            wlk = wl_t[k]
            wk = weight_t[k]
            for r in range(rp):
                prow[r] -= wlk[r]
                frow[r] -= wk[r]
        for r in range(rp):
            # Totals minus unknown terms leave float residue where nothing is known: snap it.
            if frow[r] <= tiny * w_sum[r]:
                frow[r] = zero
                prow[r] = zero
        for r in range(rp):
            o = ob[r]
            wl = prow[r]
            scale = wl + o
            num = wl - lb[r] + b1 * o
            q = one - num / scale if scale > zero else (one if frow[r] > zero else zero)
            qrow[r] = min(max(q, zero), one)
            cov = frow[r] / w_sum[r] if w_sum[r] > zero else zero
            covrow[r] = min(max(cov, zero), one)
        # Passion: interest congruence (prow) blended with values (Σ|Δ| in frow, count in lb).
        for r in range(rp):
            prow[r] = zero
            frow[r] = zero
            lb[r] = zero
        if index == 0:
            # One fused pass: the six-term dot product stays in registers.
            c0, c1, c2, c3, c4, c5 = (
                pint[p, 0],
                pint[p, 1],
                pint[p, 2],
                pint[p, 3],
                pint[p, 4],
                pint[p, 5],
            )
            i0, i1, i2, i3, i4, i5 = int_t[0], int_t[1], int_t[2], int_t[3], int_t[4], int_t[5]
            for r in range(rp):
                dot = c0 * i0[r] + c1 * i1[r] + c2 * i2[r] + c3 * i3[r] + c4 * i4[r] + c5 * i5[r]
                prow[r] = (min(max(dot, -one), one) + one) * half
        elif index == 1:
            for j in range(6):
                a = pint[p, j]
                ij = int_t[j]
                for r in range(rp):
                    d = a - ij[r]
                    prow[r] += d * d
            for r in range(rp):
                prow[r] = one - math.sqrt(prow[r]) * inv_emax
        else:
            for i in range(3):
                c = pcodes[p, i]
                for j in range(3):
                    wgt = iach[i, j]
                    cj = code_t[j]
                    for r in range(rp):
                        prow[r] += wgt if cj[r] == c else zero
            for r in range(rp):
                prow[r] = prow[r] * inv_imax
        n_known = zero
        if values_complete and pval_known[p].sum() == 6:
            # Every value known on both sides (O*NET): a fused pass with a constant divisor.
            v0, v1, v2, v3, v4, v5 = (
                pvals[p, 0],
                pvals[p, 1],
                pvals[p, 2],
                pvals[p, 3],
                pvals[p, 4],
                pvals[p, 5],
            )
            t0, t1, t2, t3, t4, t5 = val_t[0], val_t[1], val_t[2], val_t[3], val_t[4], val_t[5]
            sv = vw * inv6 / np.float32(6.0)
            for r in range(rp):
                d = (
                    abs(v0 - t0[r])
                    + abs(v1 - t1[r])
                    + abs(v2 - t2[r])
                    + abs(v3 - t3[r])
                    + abs(v4 - t4[r])
                    + abs(v5 - t5[r])
                )
                prow[r] = (one - vw) * prow[r] + vw - sv * d
            n_known = np.float32(-1.0)  # done
        for j in range(6):
            if n_known < zero:
                break
            m = pval_known[p, j]
            if m > zero:
                n_known += one
                a = pvals[p, j]
                vj = val_t[j]
                mj = val_known_t[j]
                for r in range(rp):
                    frow[r] += mj[r] * abs(a - vj[r])
                    lb[r] += mj[r]
        if n_known > zero:
            for r in range(rp):
                if lb[r] > zero:
                    v = one - frow[r] * inv6 / lb[r]
                    prow[r] = (one - vw) * prow[r] + vw * v
        ok = pint_known[p] > zero
        for r in range(rp):
            pi = min(max(prow[r], zero), one)
            prow[r] = pi if ok and int_known[r] > zero else nan
        # Combined F = q^(1−w)·π^w; w = ½ (the default) is a square root, which vectorises.
        w = pweight[p]
        if not ok:
            for r in range(rp):
                frow[r] = qrow[r]
        elif w == half:
            for r in range(rp):
                pi = prow[r]
                frow[r] = math.sqrt(qrow[r] * pi) if int_known[r] > zero else qrow[r]
        else:
            for r in range(rp):
                q = qrow[r]
                pi = prow[r]
                if int_known[r] <= zero or w <= zero:
                    frow[r] = q
                elif w >= one:
                    frow[r] = pi
                elif q <= zero or pi <= zero:
                    frow[r] = zero
                else:
                    frow[r] = math.exp((one - w) * math.log(q) + w * math.log(pi))


@njit(cache=True)
def _scratch(rp: int) -> tuple[F32, F32, F32, F32, F32, F32]:
    return (
        np.empty((PB, rp), np.float32),
        np.empty((PB, rp), np.float32),
        np.empty((PB, rp), np.float32),
        np.empty((PB, rp), np.float32),
        np.empty((PB, rp), np.float32),
        np.empty((PB, rp), np.float32),
    )


@njit(parallel=True, cache=True, fastmath=_FM, error_model="numpy")
def _matrix_kernel(
    h0: F32,
    unknown: I32,
    pint: F32,
    pint_known: F32,
    pcodes: I32,
    pvals: F32,
    pval_known: F32,
    pweight: F32,
    level_t: F32,
    weight_t: F32,
    wl_t: F32,
    wl_sum: F32,
    w_sum: F32,
    int_t: F32,
    int_known: F32,
    code_t: I32,
    val_t: F32,
    val_known_t: F32,
    beta: float,
    index: int,
    values_weight: float,
    iach: F32,
    values_complete: bool,
    n_occ: int,
    n_threads: int,
    out_q: F32,
    out_pi: F32,
    out_f: F32,
    out_cov: F32,
) -> None:
    n_p = h0.shape[0]
    rp = level_t.shape[1]
    n_blocks = (n_p + PB - 1) // PB
    n_chunks = min(n_blocks, 8 * n_threads)
    for c in prange(n_chunks):
        sq, spi, sf, scov, over, lin = _scratch(rp)
        for blk in range(c * n_blocks // n_chunks, (c + 1) * n_blocks // n_chunks):
            p0 = blk * PB
            nb = min(PB, n_p - p0)
            _block(
                p0,
                nb,
                h0,
                unknown,
                pint,
                pint_known,
                pcodes,
                pvals,
                pval_known,
                pweight,
                level_t,
                weight_t,
                wl_t,
                wl_sum,
                w_sum,
                int_t,
                int_known,
                code_t,
                val_t,
                val_known_t,
                beta,
                index,
                values_weight,
                iach,
                values_complete,
                sq,
                spi,
                sf,
                scov,
                over,
                lin,
            )
            for b in range(nb):
                for r in range(n_occ):
                    out_q[p0 + b, r] = sq[b, r]
                    out_pi[p0 + b, r] = spi[b, r]
                    out_f[p0 + b, r] = sf[b, r]
                    out_cov[p0 + b, r] = scov[b, r]


@njit(cache=True, fastmath=_FM, error_model="numpy")
def _matrix_serial(
    h0: F32,
    unknown: I32,
    pint: F32,
    pint_known: F32,
    pcodes: I32,
    pvals: F32,
    pval_known: F32,
    pweight: F32,
    level_t: F32,
    weight_t: F32,
    wl_t: F32,
    wl_sum: F32,
    w_sum: F32,
    int_t: F32,
    int_known: F32,
    code_t: I32,
    val_t: F32,
    val_known_t: F32,
    beta: float,
    index: int,
    values_weight: float,
    iach: F32,
    values_complete: bool,
    n_occ: int,
    n_threads: int,
    out_q: F32,
    out_pi: F32,
    out_f: F32,
    out_cov: F32,
) -> None:
    """:func:`_matrix_kernel` on one thread: a few profiles (one ``recommend``) do not repay
    waking a thread pool."""
    n_p = h0.shape[0]
    rp = level_t.shape[1]
    sq, spi, sf, scov, over, lin = _scratch(rp)
    for p0 in range(0, n_p, PB):
        nb = min(PB, n_p - p0)
        _block(
            p0,
            nb,
            h0,
            unknown,
            pint,
            pint_known,
            pcodes,
            pvals,
            pval_known,
            pweight,
            level_t,
            weight_t,
            wl_t,
            wl_sum,
            w_sum,
            int_t,
            int_known,
            code_t,
            val_t,
            val_known_t,
            beta,
            index,
            values_weight,
            iach,
            values_complete,
            sq,
            spi,
            sf,
            scov,
            over,
            lin,
        )
        for b in range(nb):
            for r in range(n_occ):
                out_q[p0 + b, r] = sq[b, r]
                out_pi[p0 + b, r] = spi[b, r]
                out_f[p0 + b, r] = sf[b, r]
                out_cov[p0 + b, r] = scov[b, r]


@njit(parallel=True, cache=True, fastmath=_FM, error_model="numpy")
def _topk_kernel(
    h0: F32,
    unknown: I32,
    pint: F32,
    pint_known: F32,
    pcodes: I32,
    pvals: F32,
    pval_known: F32,
    pweight: F32,
    level_t: F32,
    weight_t: F32,
    wl_t: F32,
    wl_sum: F32,
    w_sum: F32,
    int_t: F32,
    int_known: F32,
    code_t: I32,
    val_t: F32,
    val_known_t: F32,
    beta: float,
    index: int,
    values_weight: float,
    iach: F32,
    values_complete: bool,
    n_occ: int,
    n_threads: int,
    allowed: npt.NDArray[np.bool_],
    top_idx: I32,
    top_f: F32,
) -> None:
    n_p = h0.shape[0]
    rp = level_t.shape[1]
    kk = top_idx.shape[1]
    n_blocks = (n_p + PB - 1) // PB
    n_chunks = min(n_blocks, 8 * n_threads)
    for c in prange(n_chunks):
        sq, spi, sf, scov, over, lin = _scratch(rp)
        for blk in range(c * n_blocks // n_chunks, (c + 1) * n_blocks // n_chunks):
            p0 = blk * PB
            nb = min(PB, n_p - p0)
            _block(
                p0,
                nb,
                h0,
                unknown,
                pint,
                pint_known,
                pcodes,
                pvals,
                pval_known,
                pweight,
                level_t,
                weight_t,
                wl_t,
                wl_sum,
                w_sum,
                int_t,
                int_known,
                code_t,
                val_t,
                val_known_t,
                beta,
                index,
                values_weight,
                iach,
                values_complete,
                sq,
                spi,
                sf,
                scov,
                over,
                lin,
            )
            for b in range(nb):
                p = p0 + b
                # Sorted insertion into a k-list: best first, ties to the lower index.
                filled = 0
                frow = sf[b]
                for r0 in range(0, n_occ, 64):
                    r1 = min(r0 + 64, n_occ)
                    if filled == kk:
                        # Skip a chunk with nothing above the current k-th best (vectorised).
                        t = top_f[p, kk - 1]
                        n_above = 0
                        for r in range(r0, r1):
                            n_above += 1 if frow[r] > t else 0
                        if n_above == 0:
                            continue
                    for r in range(r0, r1):
                        if not allowed[r]:
                            continue
                        f = frow[r]
                        if filled == kk and f <= top_f[p, kk - 1]:
                            continue
                        pos = filled if filled < kk else kk - 1
                        while pos > 0 and top_f[p, pos - 1] < f:
                            if pos < kk:
                                top_f[p, pos] = top_f[p, pos - 1]
                                top_idx[p, pos] = top_idx[p, pos - 1]
                            pos -= 1
                        top_f[p, pos] = f
                        top_idx[p, pos] = r
                        if filled < kk:
                            filled += 1
                for j in range(filled, kk):
                    top_f[p, j] = np.float32(np.nan)
                    top_idx[p, j] = -1


def _args(kp: KernelProfiles, ko: KernelOccupations, settings: ScoringSettings) -> tuple[Any, ...]:
    return (
        kp.h0, kp.unknown, kp.interests, kp.int_known, kp.codes, kp.values, kp.val_known,
        kp.weight, ko.level_t, ko.weight_t, ko.wl_t, ko.wl_sum, ko.w_sum, ko.int_t,
        ko.int_known, ko.code_t, ko.val_t, ko.val_known_t,
        float(settings.overqualification_weight), _INDEX_CODE[settings.interest_index],
        float(settings.values_weight), IACHAN_WEIGHTS, ko.values_complete, ko.n,
        numba.get_num_threads(),
    )  # fmt: skip


def numba_scores(prof: ProfileArrays, occ: OccupationArrays, settings: ScoringSettings) -> Scores:
    """Every score of ``prof`` × ``occ`` with the numba kernel (float32 P × R matrices)."""
    ko = kernel_occupations(occ, settings.interest_index)
    kp = kernel_profiles(prof, ko, settings.interest_index)
    shape = (prof.size, occ.size)
    q, pi, f, cov = (np.empty(shape, np.float32) for _ in range(4))
    if prof.size and occ.size:
        run = _matrix_serial if prof.size <= SERIAL_BELOW else _matrix_kernel
        run(*_args(kp, ko, settings), q, pi, f, cov)  # type: ignore[call-arg]
    return Scores(qualification=q, passion=pi, combined=f, coverage=cov)


def numba_top_k(
    prof: ProfileArrays,
    occ: OccupationArrays,
    settings: ScoringSettings,
    k: int = 10,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> tuple[I32, F32]:
    """Indices and combined fits of the ``k`` best occupations per profile (P × k), best first;
    ties go to the lower occupation index; ``-1`` / NaN pad when fewer are allowed."""
    ko = kernel_occupations(occ, settings.interest_index)
    kp = kernel_profiles(prof, ko, settings.interest_index)
    mask = np.ones(occ.size, np.bool_) if allowed is None else np.asarray(allowed, np.bool_)
    idx = np.full((prof.size, k), -1, np.int32)
    top = np.full((prof.size, k), np.nan, np.float32)
    if prof.size and occ.size and k > 0:
        _topk_kernel(*_args(kp, ko, settings), mask, idx, top)  # type: ignore[call-arg]
    return idx, top
