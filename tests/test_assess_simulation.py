"""Simulated respondents: answers drawn from O*NET 30.1 occupations' interest profiles must score
back to profiles that correlate with the truth (docs/assessment.md gives the response model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt import load_onet
from careerfit_opt.assess.items import Form
from careerfit_opt.assess.simulate import simulation_study
from careerfit_opt.model.interests import Riasec

pytestmark = pytest.mark.onet


@pytest.fixture(scope="module")
def profiles(onet_dir: Path) -> list[Riasec]:
    """Every O*NET 30.1 occupation's interest profile (OI scale, interests.txt)."""
    catalog = load_onet(onet_dir)
    found = [o.interests for o in catalog.occupations if o.interests is not None]
    assert len(found) > 800
    return found


def test_full_form_recovers_true_profiles(profiles: list[Riasec]) -> None:
    result = simulation_study(profiles, Form.FULL, seed=0)
    assert result.respondents == len(profiles)
    assert result.mean_correlation >= 0.9, result


def test_short_form_recovers_true_profiles(profiles: list[Riasec]) -> None:
    result = simulation_study(profiles, Form.SHORT, seed=0)
    assert result.mean_correlation >= 0.8, result


def test_the_study_repeats_exactly_for_a_seed(profiles: list[Riasec]) -> None:
    a = simulation_study(profiles[:100], Form.SHORT, seed=7)
    b = simulation_study(profiles[:100], Form.SHORT, seed=7)
    c = simulation_study(profiles[:100], Form.SHORT, seed=8)
    assert a == b
    assert a.mean_correlation != c.mean_correlation


def test_the_measure_can_fail_answers_that_ignore_the_profile(profiles: list[Riasec]) -> None:
    # Respondents who answer at random (huge noise) do not recover their profile: the
    # correlation the targets are checked on is not guaranteed by construction.
    result = simulation_study(profiles, Form.FULL, seed=0, noise=100.0)
    assert abs(result.mean_correlation) < 0.2, result
