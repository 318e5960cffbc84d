"""The bundled default catalogue: valid, labelled illustrative, broad enough to plan on, and every
weighted requirement of every occupation reachable by the training market it ships with."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from careerfit_opt.data.bundled import (
    bundled_catalog_names,
    bundled_catalog_path,
    load_bundled_catalog,
)
from careerfit_opt.io.files import read_structured
from careerfit_opt.model import Catalog, DimensionKind, requirement_weight
from careerfit_opt.model.actions import ActionKind, TrialType
from careerfit_opt.model.base import slug
from careerfit_opt.model.interests import RIASEC_CODES

#: O*NET's 35 skills: element id → element name (the content model, independent of any release).
ONET_SKILLS = {
    "2.A.1.a": "Reading Comprehension",
    "2.A.1.b": "Active Listening",
    "2.A.1.c": "Writing",
    "2.A.1.d": "Speaking",
    "2.A.1.e": "Mathematics",
    "2.A.1.f": "Science",
    "2.A.2.a": "Critical Thinking",
    "2.A.2.b": "Active Learning",
    "2.A.2.c": "Learning Strategies",
    "2.A.2.d": "Monitoring",
    "2.B.1.a": "Social Perceptiveness",
    "2.B.1.b": "Coordination",
    "2.B.1.c": "Persuasion",
    "2.B.1.d": "Negotiation",
    "2.B.1.e": "Instructing",
    "2.B.1.f": "Service Orientation",
    "2.B.2.i": "Complex Problem Solving",
    "2.B.3.a": "Operations Analysis",
    "2.B.3.b": "Technology Design",
    "2.B.3.c": "Equipment Selection",
    "2.B.3.d": "Installation",
    "2.B.3.e": "Programming",
    "2.B.3.g": "Operation Monitoring",
    "2.B.3.h": "Operation and Control",
    "2.B.3.j": "Equipment Maintenance",
    "2.B.3.k": "Troubleshooting",
    "2.B.3.l": "Repairing",
    "2.B.3.m": "Quality Control Analysis",
    "2.B.4.e": "Judgment and Decision Making",
    "2.B.4.g": "Systems Analysis",
    "2.B.4.h": "Systems Evaluation",
    "2.B.5.a": "Time Management",
    "2.B.5.b": "Management of Financial Resources",
    "2.B.5.c": "Management of Material Resources",
    "2.B.5.d": "Management of Personnel Resources",
}

#: Trial roles add experience months = weeks / 4.33 × min(1, hours / 35) (docs/catalog.md).
FULL_TIME_HOURS = 35.0
WEEKS_PER_MONTH = 4.33


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The bundled default catalogue."""
    return load_bundled_catalog("default")


def test_default_is_bundled_and_revalidates_from_its_file() -> None:
    assert "default" in bundled_catalog_names()
    path = bundled_catalog_path("default")
    assert path.suffix == ".yaml"
    again = Catalog.model_validate(read_structured(path))
    assert again.problems() == []
    assert again == load_bundled_catalog("default")


def test_marked_illustrative_everywhere(catalog: Catalog) -> None:
    assert catalog.name == "default"
    assert catalog.illustrative is True
    assert catalog.synthetic is False
    assert "ILLUSTRATIVE" in catalog.description
    assert "NOT O*NET ratings" in catalog.description
    assert "importer" in catalog.description
    assert "not O*NET ratings" in catalog.metadata["status"]
    assert catalog.attribution is not None
    assert "CC BY 4.0" in catalog.attribution
    text = bundled_catalog_path("default").read_text(encoding="utf-8")
    assert text.startswith("#")
    assert "ILLUSTRATIVE, NOT O*NET RATINGS" in text.splitlines()[0]


def test_at_least_30_occupations_with_four_per_riasec_family(catalog: Catalog) -> None:
    assert len(catalog.occupations) >= 30
    families: Counter[str] = Counter()
    for occ in catalog.occupations:
        assert occ.interests is not None, occ.id
        scores = occ.interests.as_tuple()
        top = max(scores)
        # Count only a clear highest score, so a tie cannot inflate a family.
        if scores.count(top) == 1:
            families[RIASEC_CODES[scores.index(top)]] += 1
    assert set(families) == set(RIASEC_CODES)
    assert min(families.values()) >= 4, families


def test_occupations_are_complete_and_plausible(catalog: Catalog) -> None:
    dims = catalog.dimension_by_id
    for occ in catalog.occupations:
        skills = {k: r for k, r in occ.requirements.items() if dims[k].kind is DimensionKind.SKILL}
        assert 10 <= len(skills) <= 18, (occ.id, len(skills))
        assert sum(r.importance >= 3 for r in skills.values()) >= 8, occ.id
        assert occ.work_values is not None, occ.id
        assert occ.work_values.known() == 6, occ.id
        assert occ.job_zone is not None, occ.id
        assert occ.outlook, occ.id
        assert occ.description, occ.id
        assert occ.median_wage is not None, occ.id
        assert 20_000 <= occ.median_wage <= 200_000, occ.id
        assert occ.family is not None, occ.id
        for dim_id in occ.requirements:
            if dims[dim_id].kind in (DimensionKind.EXPERIENCE, DimensionKind.NETWORK):
                assert dim_id.endswith("_" + occ.family), (occ.id, dim_id)


def test_licensed_jobs_require_their_licence(catalog: Catalog) -> None:
    electrician = catalog.occupation("electrician").requirements
    assert electrician["license_electrician"].level == 1
    assert electrician["license_electrician"].importance == 5
    assert electrician["experience_trades"].level >= 24
    nurse = catalog.occupation("registered_nurse").requirements
    assert nurse["license_registered_nurse"].level == 1


def test_the_35_onet_skills_with_their_element_ids(catalog: Catalog) -> None:
    skills = [d for d in catalog.dimensions if d.kind is DimensionKind.SKILL]
    assert len(skills) == 35
    assert {d.external_id: d.name for d in skills} == ONET_SKILLS
    for dim in skills:
        assert dim.id == slug(dim.name)
        assert (dim.lo, dim.hi) == (0.0, 7.0)


@pytest.mark.onet
def test_skill_names_match_the_real_onet_table(onet23_dir: Path, onet_dir: Path) -> None:
    """The bundled skills are release 23.x's; 30.1 renamed one (2.B.3.g, now plural)."""

    def names(directory: Path) -> dict[str, str]:
        path = next(p for p in sorted(directory.iterdir()) if p.name.lower().startswith("skills"))
        with path.open(encoding="utf-8", newline="") as fh:
            rows = csv.DictReader(fh, delimiter="\t")
            return {r["Element ID"]: r["Element Name"] for r in rows}

    assert names(onet23_dir) == ONET_SKILLS
    assert names(onet_dir) == {**ONET_SKILLS, "2.B.3.g": "Operations Monitoring"}


def test_credential_experience_and_network_conventions(catalog: Catalog) -> None:
    by_kind: dict[DimensionKind, list[str]] = defaultdict(list)
    for dim in catalog.dimensions:
        by_kind[dim.kind].append(dim.id)
    creds = by_kind[DimensionKind.CREDENTIAL]
    assert 10 <= len(creds) <= 20
    assert all(c.startswith(("license_", "cert_")) for c in creds)
    families = {occ.family for occ in catalog.occupations}
    assert len(families) >= 8
    assert set(by_kind[DimensionKind.EXPERIENCE]) == {f"experience_{f}" for f in families}
    assert set(by_kind[DimensionKind.NETWORK]) == {f"network_{f}" for f in families}
    assert all(catalog.dimension_by_id[c].hi == 1.0 for c in creds)


def test_actions_cover_every_kind_and_trial_type(catalog: Catalog) -> None:
    actions = catalog.actions
    assert len(actions) >= 120
    assert {a.kind for a in actions} == set(ActionKind)
    assert {a.trial_type for a in actions if a.kind is ActionKind.TRIAL_ROLE} == set(TrialType)
    for a in actions:
        assert 1 <= a.duration_weeks <= 52, a.id
        assert 1 <= a.hours_per_week <= 40, a.id
        assert -30_000 <= a.cost <= 6_000, a.id
        assert a.interests, a.id
        assert a.gains, a.id
        assert a.provider, a.id


def test_courses_come_in_levels_and_alternatives(catalog: Catalog) -> None:
    courses = [a for a in catalog.actions if a.kind is ActionKind.COURSE]
    by_id = catalog.action_by_id
    chained = [
        a for a in courses if any(by_id[r].kind is ActionKind.COURSE for r in a.requires_actions)
    ]
    thresholds = [a for a in courses if a.requires_levels]
    assert len(chained) >= 10
    assert len(thresholds) >= 10
    groups: dict[str, list[str]] = defaultdict(list)
    for a in catalog.actions:
        if a.exclusive_group:
            groups[a.exclusive_group].append(a.id)
    assert sum(len(members) >= 2 for members in groups.values()) >= 3
    cohorts = [a for a in catalog.actions if a.start_weeks]
    assert len(cohorts) >= 5
    assert all(max(a.start_weeks or [0]) <= 104 for a in cohorts)
    assert any(len(a.start_weeks or []) >= 6 for a in cohorts)


def test_certifications_grant_every_credential(catalog: Catalog) -> None:
    dims = catalog.dimension_by_id
    granted: set[str] = set()
    certs = [a for a in catalog.actions if a.kind is ActionKind.CERTIFICATION]
    for a in certs:
        creds = {k for k in a.gains if dims[k].kind is DimensionKind.CREDENTIAL}
        assert creds, a.id
        assert all(a.gains[k] == 1 for k in creds), a.id
        granted |= creds
    assert granted == {d.id for d in catalog.dimensions if d.kind is DimensionKind.CREDENTIAL}
    assert any(a.requires_actions for a in certs)
    exam_only = [a for a in certs if not a.requires_actions and a.duration_weeks <= 2]
    assert exam_only


def test_trial_roles_add_experience_and_some_pay(catalog: Catalog) -> None:
    dims = catalog.dimension_by_id
    trials = [a for a in catalog.actions if a.kind is ActionKind.TRIAL_ROLE]
    for a in trials:
        exp = [k for k in a.gains if dims[k].kind is DimensionKind.EXPERIENCE]
        assert len(exp) == 1, a.id
        expected = a.duration_weeks / WEEKS_PER_MONTH * min(1.0, a.hours_per_week / FULL_TIME_HOURS)
        assert a.gains[exp[0]] == pytest.approx(expected, abs=0.06), a.id
        assert any(dims[k].kind is DimensionKind.SKILL for k in a.gains), a.id
    paid = [a for a in trials if a.cost < 0]
    assert len(paid) >= 10
    assert {a.trial_type for a in paid} >= {TrialType.APPRENTICESHIP, TrialType.INTERNSHIP}


def test_networking_steps_add_contacts(catalog: Catalog) -> None:
    dims = catalog.dimension_by_id
    steps = [a for a in catalog.actions if a.kind is ActionKind.NETWORKING]
    assert len(steps) >= 11
    for a in steps:
        assert any(dims[k].kind is DimensionKind.NETWORK for k in a.gains), a.id


def test_every_weighted_requirement_is_reachable_from_zero(catalog: Catalog) -> None:
    # A realistic training market, not a puzzle: from level 0, all gains together reach every
    # requirement that counts (importance ≥ 3) of every occupation.
    total: dict[str, float] = defaultdict(float)
    for a in catalog.actions:
        for dim_id, gain in a.gains.items():
            total[dim_id] += gain
    short = [
        f"{occ.id}.{dim_id}: needs {req.level:g}, all gains give {total[dim_id]:g}"
        for occ in catalog.occupations
        for dim_id, req in occ.requirements.items()
        if requirement_weight(req.importance) > 0 and total[dim_id] < req.level
    ]
    assert short == []
