"""Properties of the fit scores (hypothesis): ranges, monotonicity, symmetry, self-fit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerfit_opt.model import (
    Occupation,
    Profile,
    Requirement,
    Riasec,
    ScoringSettings,
    WorkValues,
)
from careerfit_opt.model.scenario import InterestIndex
from careerfit_opt.scoring import fit_summary, score_matrix
from careerfit_opt.scoring.reference import qualification_parts

DIMS = [f"d{i}" for i in range(6)]
level = st.floats(0.0, 7.0, allow_nan=False).map(lambda x: round(x, 2))
score = st.floats(1.0, 7.0, allow_nan=False).map(lambda x: round(x, 2))
riasec = st.builds(Riasec, realistic=score, investigative=score, artistic=score, social=score,
                   enterprising=score, conventional=score)  # fmt: skip
values = st.builds(WorkValues, achievement=st.none() | score, support=st.none() | score,
                   independence=st.none() | score)  # fmt: skip
requirements = st.dictionaries(
    st.sampled_from(DIMS),
    st.builds(Requirement, level=level, importance=st.floats(1.0, 5.0).map(lambda x: round(x, 2))),
    min_size=1,
)
occupations = st.builds(Occupation, id=st.just("o"), title=st.just("O"), requirements=requirements,
                        interests=st.none() | riasec, work_values=st.none() | values)  # fmt: skip
levels = st.dictionaries(st.sampled_from(DIMS), st.none() | level)
profiles = st.builds(
    Profile, levels=levels, interests=st.none() | riasec, work_values=st.none() | values
)
scoring = st.builds(
    ScoringSettings,
    interest_index=st.sampled_from(list(InterestIndex)),
    values_weight=st.floats(0.0, 1.0),
)


@settings(max_examples=200, deadline=None)
@given(profiles, occupations, scoring)
def test_every_fit_lies_in_unit_interval(
    profile: Profile, occ: Occupation, s: ScoringSettings
) -> None:
    fit = fit_summary(profile, occ, s)
    for value in (fit.qualification, fit.passion, fit.combined, fit.coverage):
        assert value is None or 0.0 <= value <= 1.0
    assert (fit.passion is None) == (profile.interests is None or occ.interests is None)


@settings(max_examples=200, deadline=None)
@given(st.lists(level, min_size=6, max_size=6), requirements, st.sampled_from(range(6)),
       st.floats(0.0, 3.0))  # fmt: skip
def test_raising_a_level_never_lowers_the_demand_met(
    base: list[float], reqs: dict[str, Requirement], k: int, raise_by: float
) -> None:
    req = np.array([[reqs[d].level if d in reqs else 0.0 for d in DIMS]])
    imp = np.array([[(reqs[d].importance - 1) / 4 if d in reqs else 0.0 for d in DIMS]])
    h = np.array([base])
    higher = h.copy()
    higher[0, k] = min(7.0, higher[0, k] + raise_by)
    fam, a, zone = np.zeros(6, np.int32), np.ones(6), np.array([np.nan])

    def met(levels: np.ndarray) -> float:
        return float(qualification_parts(levels, req, imp, fam, a, zone, zone).met[0, 0])

    assert met(higher) >= met(h) - 1e-12
    assert 0.0 <= met(h) <= 1.0 + 1e-12


@settings(max_examples=100, deadline=None)
@given(profiles, occupations, st.permutations(DIMS))
def test_permuting_dimensions_changes_nothing(
    profile: Profile, occ: Occupation, perm: list[str]
) -> None:
    rename = dict(zip(DIMS, perm, strict=True))
    occ2 = occ.model_copy(
        update={"requirements": {rename[k]: v for k, v in occ.requirements.items()}}
    )
    prof2 = profile.model_copy(update={"levels": {rename[k]: v for k, v in profile.levels.items()}})
    assert fit_summary(profile, occ) == fit_summary(prof2, occ2)
    # The matrix path orders dimensions differently too: the same numbers to the kernel's
    # float32 precision (1e-5, as against the reference).
    a = score_matrix([profile], [occ], backend="numba")
    b = score_matrix([prof2], [occ2], backend="numba")
    np.testing.assert_allclose(a.combined, b.combined, atol=1e-5)


@settings(max_examples=60, deadline=None)
@given(st.lists(occupations, min_size=2, max_size=6), st.data())
def test_own_occupation_fits_fully_and_ranks_first(
    occs: list[Occupation], data: st.DataObject
) -> None:
    occs = [o.model_copy(update={"id": f"o{i}"}) for i, o in enumerate(occs)]
    i = data.draw(st.sampled_from(range(len(occs))))
    me = Profile.from_occupation(occs[i])
    scores = score_matrix([me], occs, backend="numba")
    fit = fit_summary(me, occs[i])
    if occs[i].requirements:
        assert fit.qualification == 1.0
        assert fit.coverage == (
            1.0 if any(r.importance >= 3 for r in occs[i].requirements.values()) else 0.0
        )
        # Nothing beats a perfect fit on both sides; ties may share first place. Flat interests
        # have no direction, so their congruence with themselves is 0.5, not 1 (an occupation
        # with unknown interests, F = q = 1, then beats them): only interests with a shape.
        ints = occs[i].interests
        if ints is not None and len(set(ints.model_dump().values())) > 1:
            assert scores.combined[0, i] >= scores.combined[0].max() - 1e-6


def test_similar_occupations_outrank_dissimilar_ones() -> None:
    occ_a = Occupation(id="a", title="A", requirements={
        "d0": Requirement(level=5, importance=5), "d1": Requirement(level=2, importance=4)},
        interests=Riasec(realistic=2, investigative=6, artistic=3, social=2, enterprising=2,
                         conventional=5))  # fmt: skip
    near = occ_a.model_copy(
        update={
            "id": "near",
            "requirements": {
                "d0": Requirement(level=5.5, importance=5),
                "d1": Requirement(level=2, importance=4),
            },
        }
    )
    far = Occupation(id="far", title="Far", requirements={
        "d2": Requirement(level=6, importance=5), "d3": Requirement(level=5, importance=5),
        "d0": Requirement(level=1, importance=3)},
        interests=Riasec(realistic=6, investigative=1, artistic=2, social=6, enterprising=5,
                         conventional=1))  # fmt: skip
    me = Profile.from_occupation(occ_a)
    for index in InterestIndex:
        s = score_matrix(
            [me], [far, near], backend="numba", settings=ScoringSettings(interest_index=index)
        )
        assert s.combined[0, 1] > s.combined[0, 0]


def test_unknown_levels_are_neither_gaps_nor_matches() -> None:
    occ = Occupation(
        id="o",
        title="O",
        requirements={
            "d0": Requirement(level=4, importance=5),
            "d1": Requirement(level=6, importance=5),
        },
    )
    half = fit_summary(Profile(levels={"d0": 4}), occ)
    assert half.qualification == 1.0
    assert half.coverage == 0.5
    assert fit_summary(Profile(levels={"d0": 4, "d1": 0}), occ).qualification < 1.0
    nothing = fit_summary(Profile(), occ)
    assert nothing.coverage == 0.0
    assert nothing.qualification == 0.0


def test_shortfall_and_overqualification_both_cost_fit() -> None:
    """One dimension (no shape term): q = √(met · used)."""
    occ = Occupation(id="o", title="O", requirements={"d0": Requirement(level=4, importance=5)})
    under = fit_summary(Profile(levels={"d0": 2}), occ).qualification
    over = fit_summary(Profile(levels={"d0": 6}), occ).qualification
    assert under == pytest.approx(np.sqrt(2 / 4), abs=1e-6)  # half the demand met
    assert over == pytest.approx(np.sqrt(4 * 6 / 36), abs=1e-6)  # 2/3 of the capability used
    assert under < over < 1.0


def test_a_job_far_below_your_level_is_not_a_good_fit() -> None:
    senior = {"d0": 6.0, "d1": 5.0, "d2": 6.5, "d3": 4.0}
    me = Profile(levels=senior)
    same = Occupation(id="s", title="S", requirements={
        k: Requirement(level=v, importance=4) for k, v in senior.items()})  # fmt: skip
    junior = Occupation(id="j", title="J", requirements={
        k: Requirement(level=v / 3, importance=4) for k, v in senior.items()})  # fmt: skip
    assert fit_summary(me, same).qualification == 1.0
    assert fit_summary(me, junior).qualification < 0.6


def test_shape_term_rewards_the_same_kind_of_work() -> None:
    """Same height, different profile: the job that draws on the person's strengths fits."""
    me = Profile(levels={"d0": 6, "d1": 2, "d2": 5, "d3": 1})
    alike = Occupation(id="a", title="A", requirements={
        "d0": Requirement(level=5), "d1": Requirement(level=2), "d2": Requirement(level=5),
        "d3": Requirement(level=1)})  # fmt: skip
    mirrored = Occupation(id="m", title="M", requirements={
        "d0": Requirement(level=1), "d1": Requirement(level=5), "d2": Requirement(level=2),
        "d3": Requirement(level=6)})  # fmt: skip
    assert fit_summary(me, alike).qualification > 2 * fit_summary(me, mirrored).qualification


def test_zone_factor_halves_per_zone_beyond_one() -> None:
    from careerfit_opt.scoring.reference import zone_factor

    z = zone_factor(np.array([3.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0, np.nan]))
    assert z.tolist() == [[0.5, 1.0, 1.0, 1.0, 0.5, 1.0]]


def test_families_count_alike() -> None:
    """A catalogue's dimension kinds are families: a family with many dimensions does not
    drown one with few, whatever its unit (here both ask for half their scale)."""
    from careerfit_opt.model import Dimension

    dims = [Dimension(id=f"s{i}", name=f"S{i}", kind="skill") for i in range(4)]
    dims.append(Dimension(id="months", name="Months", kind="experience"))
    occ = Occupation(id="o", title="O", requirements={
        **{f"s{i}": Requirement(level=3.5, importance=4) for i in range(4)},
        "months": Requirement(level=60, importance=4)})  # fmt: skip
    no_experience = Profile(levels={**{f"s{i}": 3.5 for i in range(4)}, "months": 0.0})
    no_skills = Profile(levels={**{f"s{i}": 0.0 for i in range(4)}, "months": 60.0})
    a = fit_summary(no_experience, occ, dimensions=dims).qualification
    b = fit_summary(no_skills, occ, dimensions=dims).qualification
    assert a == pytest.approx(b, abs=1e-6)
    assert a == pytest.approx(np.sqrt(0.5), abs=1e-6)  # half the demand met, all used


def test_interest_indices_reach_their_extremes() -> None:
    occ = Occupation(
        id="o",
        title="O",
        interests=Riasec(
            realistic=7, investigative=6, artistic=5, social=1, enterprising=1, conventional=1
        ),
    )
    same = Profile(interests=occ.interests)
    for index in InterestIndex:
        fit = fit_summary(same, occ, ScoringSettings(interest_index=index))
        assert fit.passion == 1.0
    flat = Profile(
        interests=Riasec(
            realistic=4, investigative=4, artistic=4, social=4, enterprising=4, conventional=4
        )
    )
    assert fit_summary(flat, occ).passion == 0.5


def test_levels_override_for_the_planner() -> None:
    occ = Occupation(id="o", title="O", requirements={"d0": Requirement(level=4, importance=5)})
    me = Profile(levels={"d0": 2})
    assert fit_summary(me, occ, levels={"d0": 4}).qualification == 1.0
    assert fit_summary(me, occ, levels={"d0": None}).coverage == 0.0
