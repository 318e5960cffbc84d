"""The numba kernel agrees with the NumPy reference to 1e-5, on random data and on O*NET."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from careerfit_opt.data.onet import load_onet
from careerfit_opt.model import (
    Catalog,
    Dimension,
    Occupation,
    Profile,
    Requirement,
    ScoringSettings,
)
from careerfit_opt.model.scenario import InterestIndex
from careerfit_opt.scoring import OccupationArrays, ProfileArrays, compile_catalog, score_matrix
from careerfit_opt.scoring.kernel import numba_top_k

FIELDS = ("qualification", "passion", "combined", "coverage")


def random_arrays(
    seed: int, n_p: int, n_r: int, n_k: int
) -> tuple[ProfileArrays, OccupationArrays]:
    """Random profiles and occupations with unknown levels, interests, values and zones (NaN),
    over up to three dimension families."""
    rng = np.random.default_rng(seed)
    dims = tuple(f"d{k}" for k in range(n_k))
    lv = rng.uniform(0, 7, (n_p, n_k)).astype(np.float32)
    lv[rng.random((n_p, n_k)) < 0.25] = np.nan
    lv[rng.random((n_p, n_k)) < 0.1] = 0.0
    lv[0] = np.nan  # a profile that knows nothing
    if n_p > 3:
        lv[3] = 2.0  # a flat profile: no family has a direction
    ints = rng.uniform(1, 7, (n_p, 6)).astype(np.float32)
    ints[1] = np.nan
    ints[2] = 4.0  # flat interests
    vals = rng.uniform(1, 7, (n_p, 6)).astype(np.float32)
    vals[rng.random((n_p, 6)) < 0.3] = np.nan
    weight = rng.choice([0.0, 0.5, 0.75, 1.0], size=(n_r, n_k)).astype(np.float32)
    weight[0] = 0.0  # an occupation that weighs nothing
    importance = np.where(weight > 0, weight, rng.choice([0.0, 0.1, 0.3], (n_r, n_k)))
    olv = rng.uniform(0, 7, (n_r, n_k)).astype(np.float32)
    olv[rng.random((n_r, n_k)) < 0.15] = 0.0
    olv[0] = 0.0  # an occupation that asks for nothing
    if n_r > 3:
        olv[2] = 3.0  # a flat occupation
    # Families of at least three dimensions (with two, r = ±1 always).
    family = (np.arange(n_k) % max(1, min(3, n_k // 3))).astype(np.int32)
    dim_weight = rng.uniform(0.5, 2.0, n_k).astype(np.float32)
    oints = rng.uniform(1, 7, (n_r, 6)).astype(np.float32)
    oints[1] = np.nan
    ovals = rng.uniform(1, 7, (n_r, 6)).astype(np.float32)
    ovals[rng.random((n_r, 6)) < 0.2] = np.nan
    zone = rng.choice([np.nan, 1, 2, 3, 4, 5], n_p).astype(np.float32)
    ozone = rng.choice([np.nan, 1, 2, 3, 4, 5], n_r).astype(np.float32)
    prof = ProfileArrays(
        names=tuple(map(str, range(n_p))), dimension_ids=dims, level=lv, interests=ints,
        values=vals, passion_weight=rng.choice([0.0, 0.3, 0.5, 1.0], n_p).astype(np.float32),
        zone=zone,
    )  # fmt: skip
    occ = OccupationArrays(
        ids=tuple(map(str, range(n_r))), titles=tuple(map(str, range(n_r))), dimension_ids=dims,
        level=olv, weight=weight, importance=importance.astype(np.float32), zone=ozone,
        interests=oints, values=ovals, family=family, dim_weight=dim_weight,
        families=tuple(f"f{i}" for i in range(int(family.max()) + 1)),
    )  # fmt: skip
    return prof, occ


def assert_agree(prof: ProfileArrays, occ: OccupationArrays, settings: ScoringSettings) -> None:
    fast = score_matrix(prof, occ, backend="numba", settings=settings)
    ref = score_matrix(prof, occ, backend="numpy", settings=settings)
    for name in FIELDS:
        a, b = getattr(fast, name), getattr(ref, name)
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b), err_msg=name)
        np.testing.assert_allclose(a, b, atol=1e-5, rtol=0, equal_nan=True, err_msg=name)


@pytest.mark.parametrize("index", list(InterestIndex))
@pytest.mark.parametrize(("n_p", "n_r", "n_k"), [(1, 1, 1), (7, 33, 5), (131, 70, 40)])
def test_kernel_matches_reference_on_random_data(
    index: InterestIndex, n_p: int, n_r: int, n_k: int
) -> None:
    prof, occ = random_arrays(n_p * 1000 + n_r, max(n_p, 3), n_r + 2, n_k)
    assert_agree(prof, occ, ScoringSettings(interest_index=index, values_weight=0.4))


@pytest.mark.parametrize("n_fam", [1, 2, 4, 6])
def test_kernel_matches_reference_for_any_number_of_families(n_fam: int) -> None:
    """The epilogue's one logarithm of S^α·μ^β is specialised for up to three families with a
    direction; one, two and more than three take the other paths."""
    prof, occ = random_arrays(11 + n_fam, 60, 40, 6 * n_fam)
    family = (np.arange(6 * n_fam) % n_fam).astype(np.int32)
    occ = dataclasses.replace(occ, family=family, families=tuple(f"f{i}" for i in range(n_fam)))
    assert_agree(prof, occ, ScoringSettings())


@pytest.mark.slow
@pytest.mark.onet
@pytest.mark.parametrize("index", list(InterestIndex))
def test_kernel_matches_reference_on_onet(onet_dir: Path, index: InterestIndex) -> None:
    catalog = load_onet(onet_dir)
    occ = compile_catalog(catalog)
    prof, _ = random_arrays(7, 150, 3, len(occ.dimension_ids))
    prof = ProfileArrays(prof.names, occ.dimension_ids, prof.level, prof.interests, prof.values,
                         prof.passion_weight, prof.zone)  # fmt: skip
    assert_agree(prof, occ, ScoringSettings(interest_index=index))
    # People who hold each of the first occupations today.
    people = [Profile.from_occupation(o) for o in catalog.occupations[:40]]
    assert_agree(score_profiles(people, occ), occ, ScoringSettings(interest_index=index))


def score_profiles(people: list[Profile], occ: OccupationArrays) -> ProfileArrays:
    from careerfit_opt.scoring import compile_profiles

    return compile_profiles(people, occ.dimension_ids)


def test_top_k_equals_sorting_the_full_matrix() -> None:
    prof, occ = random_arrays(3, 90, 150, 12)
    settings = ScoringSettings()
    full = score_matrix(prof, occ, backend="numba", settings=settings).combined
    allowed = np.ones(occ.size, dtype=np.bool_)
    allowed[[5, 17]] = False
    idx, top = numba_top_k(prof, occ, settings, k=10, allowed=allowed)
    masked = np.where(allowed, full, -np.inf)
    expect = np.argsort(-masked.astype(np.float64), axis=1, kind="stable")[:, :10]
    np.testing.assert_array_equal(idx, expect)
    np.testing.assert_allclose(top, np.take_along_axis(full, expect, axis=1))


def test_top_k_pads_when_few_are_allowed() -> None:
    prof, occ = random_arrays(4, 5, 3, 4)
    idx, top = numba_top_k(prof, occ, ScoringSettings(), k=6)
    assert occ.size == 3
    assert (idx[:, 3:] == -1).all()
    assert np.isnan(top[:, 3:]).all()
    assert sorted(idx[0, :3].tolist()) == [0, 1, 2]


def test_compiled_catalogue_is_cached(onet_dir: Path) -> None:
    catalog = load_onet(onet_dir)
    assert compile_catalog(catalog) is compile_catalog(catalog)
    assert compile_catalog(catalog, 4.0) is not compile_catalog(catalog)


def test_top_k_breaks_ties_by_index_and_skips_blocks() -> None:
    """Duplicated occupations tie exactly: the lower index ranks first, also when the block
    threshold prunes most of a long row (more than one vector block of occupations)."""
    prof, occ = random_arrays(5, 40, 30, 8)
    rep = 3  # 90 occupations: six blocks of 16, every score three times
    occ = OccupationArrays(
        ids=tuple(map(str, range(occ.size * rep))), titles=tuple(map(str, range(occ.size * rep))),
        dimension_ids=occ.dimension_ids, level=np.tile(occ.level, (rep, 1)),
        weight=np.tile(occ.weight, (rep, 1)), importance=np.tile(occ.importance, (rep, 1)),
        zone=np.tile(occ.zone, rep), interests=np.tile(occ.interests, (rep, 1)),
        values=np.tile(occ.values, (rep, 1)), family=occ.family, dim_weight=occ.dim_weight,
        families=occ.families,
    )  # fmt: skip
    full = score_matrix(prof, occ, backend="numba").combined
    idx, top = numba_top_k(prof, occ, ScoringSettings(), k=7)
    expect = np.argsort(-full.astype(np.float64), axis=1, kind="stable")[:, :7]
    np.testing.assert_array_equal(idx, expect)
    np.testing.assert_array_equal(top, np.take_along_axis(full, expect, axis=1))


# A requirement an occupation does not rate is unknown, not level 0 (docs/scoring.md).

SKILLS = ("a", "b", "c", "d", "e", "f")


def unrated_catalog() -> Catalog:
    """Job X rates four of six skills; job Y rates all six."""
    dims = [Dimension(id=d, name=d.upper(), kind="skill") for d in SKILLS]
    x = Occupation(id="x", title="X", requirements={
        d: Requirement(level=lv, importance=4) for d, lv in zip("abcd", (2, 5, 3, 6), strict=True)
    })  # fmt: skip
    y = Occupation(id="y", title="Y", requirements={
        d: Requirement(level=lv, importance=4)
        for d, lv in zip(SKILLS, (2, 5, 3, 6, 1, 1), strict=True)
    })  # fmt: skip
    return Catalog(name="unrated (illustrative)", dimensions=dims, occupations=[x, y])


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_unrated_requirements_enter_no_sum(backend: str) -> None:
    """A person at X's levels on the four skills X rates, and high on the two it does not:
    X asks nothing of those two, so it neither uses nor misses them, q = 1. Read as level 0
    (the old behaviour), the two skills lowered `used` and the shape: q = 0.25."""
    cat = unrated_catalog()
    person = Profile(levels={"a": 2, "b": 5, "c": 3, "d": 6, "e": 7, "f": 7})
    s = score_matrix(person, cat, backend=backend)  # type: ignore[arg-type]
    assert s.qualification[0, 0] == pytest.approx(1.0, abs=1e-5)
    # Y rates e and f at level 1: the person's 7s are capability it does not use.
    assert s.qualification[0, 1] < 0.9


def test_a_person_known_only_where_the_job_rates_nothing_has_no_fit() -> None:
    cat = unrated_catalog()
    person = Profile(levels={"e": 4, "f": 5})
    for backend in ("numpy", "numba"):
        s = score_matrix(person, cat, backend=backend)  # type: ignore[arg-type]
        assert s.qualification[0, 0] == 0.0
        assert s.qualification[0, 1] > 0.0


def test_fully_rated_catalogues_carry_no_mask() -> None:
    cat = unrated_catalog()
    assert compile_catalog(cat).rated is not None
    full = Catalog(name="full", dimensions=cat.dimensions, occupations=cat.occupations[1:])
    assert compile_catalog(full).rated is None


def assert_top_k_agrees(
    prof: ProfileArrays, occ: OccupationArrays, settings: ScoringSettings, k: int
) -> np.ndarray:
    """Every score agrees with the reference, and the top k (indices and fits) with the
    kernel's full matrix; returns the top-k fits."""
    assert_agree(prof, occ, settings)
    full = score_matrix(prof, occ, backend="numba", settings=settings).combined
    idx, fit = numba_top_k(prof, occ, settings, k=k)
    expect = np.argsort(-full.astype(np.float64), axis=1, kind="stable")[:, :k]
    np.testing.assert_array_equal(idx, expect)
    np.testing.assert_array_equal(fit, np.take_along_axis(full, expect, axis=1))
    return fit


def with_unrated(occ: OccupationArrays, rated: np.ndarray) -> OccupationArrays:
    """``occ`` with the requirements ``rated`` leaves out unrated (level, weight and importance
    0, as the catalogue compiler stores them)."""
    return dataclasses.replace(
        occ,
        level=np.where(rated, occ.level, 0.0).astype(np.float32),
        weight=np.where(rated, occ.weight, 0.0).astype(np.float32),
        importance=np.where(rated, occ.importance, 0.0).astype(np.float32),
        rated=rated,
        extras={},
    )


@pytest.mark.parametrize("index", list(InterestIndex))
def test_kernel_matches_reference_with_unrated_requirements(index: InterestIndex) -> None:
    prof, occ = random_arrays(11, 37, 45, 14)
    rng = np.random.default_rng(5)
    rated = rng.random(occ.level.shape) > 0.3
    rated[::3] = True  # some occupations rate everything: the kernel's fast path
    occ = with_unrated(occ, rated)
    assert_top_k_agrees(prof, occ, ScoringSettings(interest_index=index, values_weight=0.4), 5)


@pytest.mark.parametrize("index", list(InterestIndex))
def test_kernel_redoes_only_pairs_with_a_known_unrated_requirement(index: InterestIndex) -> None:
    """Occupations leave a few dimensions unrated (as a credential overlay does on O*NET);
    profiles that know none of them keep the fast path's result, the others are redone pair
    by pair: both agree with the reference, in blocks that mix the two kinds of profiles."""
    prof, occ = random_arrays(23, 70, 45, 14)
    rng = np.random.default_rng(9)
    rated = np.ones(occ.level.shape, np.bool_)
    rated[:, -3:] = rng.random((occ.size, 3)) > 0.8  # three dimensions rated by few
    rated[::4] = True
    occ = with_unrated(occ, rated)
    level = prof.level.copy()
    level[::2, -3:] = np.nan  # every other profile knows none of them: nothing to redo
    level[1::4, -3:] = np.nan
    level[1::4, -2] = 1.5  # and some know just one
    prof = dataclasses.replace(prof, level=level)
    settings = ScoringSettings(interest_index=index, values_weight=0.4)
    fit = assert_top_k_agrees(prof, occ, settings, 6)
    # A profile's result does not depend on the block it is scored with.
    for i in range(0, 70, 7):
        one = dataclasses.replace(
            prof,
            names=prof.names[i : i + 1],
            level=level[i : i + 1],
            interests=prof.interests[i : i + 1],
            values=prof.values[i : i + 1],
            passion_weight=prof.passion_weight[i : i + 1],
            zone=prof.zone[i : i + 1],
        )
        np.testing.assert_array_equal(numba_top_k(one, occ, settings, k=6)[1][0], fit[i])
