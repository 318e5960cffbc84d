"""Synthetic generators: seeded, valid, marked synthetic, and a realistic mix."""

from __future__ import annotations

from collections import Counter

import pytest

from careerfit_opt.data.synthetic import generate_actions, generate_catalog, generate_profiles
from careerfit_opt.model import ActionKind, Catalog, Dimension, DimensionKind
from careerfit_opt.model.scenario import Scenario, check_against_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return generate_catalog(seed=0)


def test_catalog_shape_and_marking(catalog: Catalog) -> None:
    assert len(catalog.dimensions) == 40
    assert len(catalog.occupations) == 60
    assert len(catalog.actions) == 150
    assert catalog.synthetic
    assert catalog.illustrative
    kinds = Counter(d.kind for d in catalog.dimensions)
    assert kinds[DimensionKind.SKILL] + kinds[DimensionKind.KNOWLEDGE] >= 30
    for kind in (DimensionKind.CREDENTIAL, DimensionKind.EXPERIENCE, DimensionKind.NETWORK):
        assert kinds[kind] >= 1


def test_action_mix(catalog: Catalog) -> None:
    acts = catalog.actions
    assert all(a.id.startswith("syn-") for a in acts)
    kinds = Counter(a.kind for a in acts)
    assert set(kinds) == set(ActionKind)
    assert kinds[ActionKind.COURSE] > len(acts) // 2
    creds = {d.id for d in catalog.dimensions if d.kind is DimensionKind.CREDENTIAL}
    certs = [a for a in acts if a.kind is ActionKind.CERTIFICATION]
    assert all(set(a.gains) & creds for a in certs)
    assert any(a.requires_actions for a in acts)  # chains by id
    assert any(a.requires_levels for a in acts)  # placement thresholds
    assert any(a.start_weeks for a in acts)  # cohorts
    groups = Counter(a.exclusive_group for a in acts if a.exclusive_group)
    assert groups
    assert all(n >= 2 for n in groups.values())
    assert any(a.cost < 0 for a in acts)  # some paid trial roles
    exps = {d.id for d in catalog.dimensions if d.kind is DimensionKind.EXPERIENCE}
    trials = [a for a in acts if a.kind is ActionKind.TRIAL_ROLE]
    assert all(set(a.gains) & exps for a in trials)


def test_chain_stages_require_previous_stage(catalog: Catalog) -> None:
    by_id = catalog.action_by_id
    chained = [a for a in catalog.actions if a.kind is ActionKind.COURSE and a.requires_actions]
    for act in chained:
        (prev_id,) = act.requires_actions
        prev = by_id[prev_id]
        # Same primary dimension: the later stage builds on the earlier one.
        assert next(iter(act.gains)) == next(iter(prev.gains))


def test_deterministic_for_a_seed() -> None:
    a = generate_catalog(n_dimensions=20, n_occupations=10, n_actions=60, seed=3)
    b = generate_catalog(n_dimensions=20, n_occupations=10, n_actions=60, seed=3)
    c = generate_catalog(n_dimensions=20, n_occupations=10, n_actions=60, seed=4)
    assert a == b
    assert a != c


@pytest.mark.parametrize("count", [0, 1, 5, 19, 20, 150, 400])
def test_exact_count_and_valid_on_a_skill_only_catalogue(count: int) -> None:
    dims = [Dimension(id=f"s{i}", name=f"Skill {i}", kind="skill") for i in range(6)]
    cat = Catalog(name="skills only", dimensions=dims)
    acts = generate_actions(cat, count=count, seed=2)
    assert len(acts) == count
    cat.with_actions(acts)  # cross-checked: ids, thresholds within scale, no cycles
    assert not any(a.kind is ActionKind.CERTIFICATION for a in acts)


def test_profiles_drawn_around_occupations(catalog: Catalog) -> None:
    profiles = generate_profiles(catalog, 200, seed=5, unknown_share=0.15, noise=0.75)
    assert len(profiles) == 200
    assert all(p.name.startswith("synthetic") for p in profiles)
    known = total = gaps = 0
    for p in profiles:
        occ_id = p.name.split("near ")[1].rstrip(")")
        occ = catalog.occupation(occ_id)
        levels = p.known_levels()
        assert set(levels) <= set(occ.requirements)
        total += len(occ.requirements)
        known += len(levels)
        gaps += sum(levels[k] < r.level for k, r in occ.requirements.items() if k in levels)
        assert p.interests is not None
        assert p.limits.horizon_weeks == 104
        # Every profile is valid against the catalogue (levels within each scale).
        assert check_against_catalog(Scenario(profile=p, target=occ_id), catalog) == []
    assert 0.78 < known / total < 0.92  # about 15 % unknown
    assert gaps / known > 0.6  # most known levels fall short: a plan is needed


def test_profiles_unknown_share_extremes(catalog: Catalog) -> None:
    none_known = generate_profiles(catalog, 5, seed=1, unknown_share=1.0)
    assert all(p.known_levels() == {} for p in none_known)
    with pytest.raises(ValueError, match="unknown_share"):
        generate_profiles(catalog, 1, seed=1, unknown_share=1.5)


def test_small_catalogues() -> None:
    for n in (1, 5, 9, 12):
        cat = generate_catalog(n_dimensions=n, n_occupations=3, n_actions=25, seed=n)
        assert len(cat.dimensions) == n
        assert len(cat.actions) == 25
