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
    overqualification_weight=st.floats(0.0, 1.0),
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
def test_raising_a_level_never_increases_the_shortfall(
    base: list[float], reqs: dict[str, Requirement], k: int, raise_by: float
) -> None:
    occ = Occupation(id="o", title="O", requirements=reqs)
    req = np.array([[reqs[d].level if d in reqs else 0.0 for d in DIMS]])
    w = np.array([[1.0 if d in reqs and reqs[d].importance >= 3 else 0.0 for d in DIMS]])
    h = np.array([base])
    higher = h.copy()
    higher[0, k] = min(7.0, higher[0, k] + raise_by)
    before = qualification_parts(h, req, w).shortfall[0, 0]
    after = qualification_parts(higher, req, w).shortfall[0, 0]
    assert after <= before + 1e-12
    assert occ.requirements  # the strategy always yields a requirement


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
    # The matrix path orders dimensions differently too: same numbers.
    a = score_matrix([profile], [occ], backend="numba")
    b = score_matrix([prof2], [occ2], backend="numba")
    np.testing.assert_allclose(a.combined, b.combined, atol=1e-6)


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
    if any(r.importance >= 3 for r in occs[i].requirements.values()):
        assert fit.qualification == 1.0
        assert fit.coverage == 1.0
        # Nothing beats a perfect fit on both sides; ties may share first place.
        if occs[i].interests is not None:
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


def test_overqualification_counts_less_than_shortfall() -> None:
    occ = Occupation(id="o", title="O", requirements={"d0": Requirement(level=4, importance=5)})
    under = fit_summary(Profile(levels={"d0": 2}), occ).qualification
    over = fit_summary(Profile(levels={"d0": 6}), occ).qualification
    assert under == 0.5
    assert over == pytest.approx(1 - 0.25 * 2 / 6, abs=1e-6)
    assert (
        fit_summary(
            Profile(levels={"d0": 6}), occ, ScoringSettings(overqualification_weight=0)
        ).qualification
        == 1.0
    )


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
