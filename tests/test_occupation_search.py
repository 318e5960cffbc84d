"""Searching occupations by title, starting a profile from an occupation, and keeping the
current occupation out of the recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt import load_onet, recommend, search_occupations
from careerfit_opt.cli import main
from careerfit_opt.errors import InputError
from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model import (
    Catalog,
    Dimension,
    EducationProfile,
    MatchKind,
    Occupation,
    Profile,
    Requirement,
    Riasec,
    resolve_occupation,
    resolve_profile,
)


def _catalog() -> Catalog:
    dims = [Dimension(id=d, name=d.title(), kind="skill") for d in ("a", "b")]
    edu = EducationProfile.from_shares([10, 60, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    riasec = Riasec(realistic=2, investigative=2, artistic=5, social=3, enterprising=4,
                    conventional=6)  # fmt: skip

    def occ(code: str, title: str, alts: list[str], a: float, b: float) -> Occupation:
        reqs = {"a": Requirement(level=a, importance=4), "b": Requirement(level=b, importance=4)}
        return Occupation(id=code, title=title, alternate_titles=alts, requirements=reqs,
                          interests=riasec, education=edu)  # fmt: skip

    return Catalog(
        name="search",
        dimensions=dims,
        occupations=[
            occ("41-2031.00", "Retail Salespersons", ["Sales Clerk", "Cashier Supervisor"], 3, 3),
            occ("41-2011.00", "Cashiers", ["Checker", "Cashier"], 2, 2),
            occ("43-3071.00", "Tellers", ["Cashier", "Bank Teller"], 3, 2),
            occ("41-2012.00", "Gambling Booth Cashiers", ["Change Person"], 2, 3),
        ],
    )


def test_ranking_exact_title_then_title_words_then_alternate_titles() -> None:
    hits = search_occupations(_catalog(), "CASHIERS")
    assert [(h.occupation_id, h.kind) for h in hits] == [
        ("41-2011.00", MatchKind.TITLE),
        ("41-2012.00", MatchKind.TITLE_WORDS),
        ("43-3071.00", MatchKind.ALTERNATE_TITLE),
        ("41-2031.00", MatchKind.ALTERNATE_TITLE_WORDS),
    ]
    assert hits[2].alternate_title == "Cashier"
    assert [h.rank for h in hits] == [1, 2, 3, 4]


def test_search_by_id_alternate_title_and_partial_words() -> None:
    cat = _catalog()
    assert search_occupations(cat, "43-3071.00")[0].kind is MatchKind.ID
    teller = search_occupations(cat, "bank teller")
    assert (teller[0].occupation_id, teller[0].alternate_title) == ("43-3071.00", "Bank Teller")
    some = search_occupations(cat, "booth attendant")
    assert some[0].occupation_id == "41-2012.00"
    assert some[0].kind is MatchKind.TITLE_SOME_WORDS
    assert search_occupations(cat, "astronaut") == []
    assert search_occupations(cat, "  ") == []
    assert len(search_occupations(cat, "cashier", limit=2)) == 2


def test_resolve_occupation() -> None:
    cat = _catalog()
    assert resolve_occupation(cat, "cashier").id == "41-2011.00"  # the title wins
    assert resolve_occupation(cat, "Change Person").id == "41-2012.00"
    assert resolve_occupation(cat, "43-3071.00").title == "Tellers"
    with pytest.raises(InputError, match=r"no occupation is called 'bank'.*43-3071\.00 Tellers"):
        resolve_occupation(cat, "bank")
    with pytest.raises(InputError, match="careerfit search"):
        resolve_occupation(cat, "astronaut")


def test_resolve_an_ambiguous_alternate_title() -> None:
    cat = _catalog()
    sales = cat.occupations[0].model_copy(update={"alternate_titles": ["Cashier"]})
    alone = Catalog(name="x", dimensions=cat.dimensions, occupations=[cat.occupations[2], sales])
    with pytest.raises(InputError, match=r"names several occupations.*43-3071\.00.*41-2031\.00"):
        resolve_occupation(alone, "cashier")


def test_from_occupation_marks_every_estimate() -> None:
    cat = _catalog()
    profile = Profile.from_occupation(cat.occupation("41-2011.00"))
    assert profile.known_levels() == {"a": 2.0, "b": 2.0}
    assert profile.education == 2
    assert profile.current_occupation == "41-2011.00"
    assert profile.estimated_from == "41-2011.00"
    assert profile.estimated_levels == ["a", "b"]
    assert profile.estimated_fields == ["interests", "education"]
    corrected = profile.corrected({"a": 4.0}, education=6)
    assert corrected.estimated_levels == ["b"]
    assert corrected.estimated_fields == ["interests"]
    assert corrected.education == 6
    done = corrected.corrected({"b": 1.0}, interests=None)
    assert (done.estimated_from, done.is_estimated, done.estimate_note()) == (None, False, None)


def test_resolve_profile_from_a_title_with_overrides() -> None:
    cat = _catalog()
    profile = Profile.model_validate(
        {"name": "Sam", "from_occupation": "cashier", "levels": {"b": 3.5, "a": None}}
    )
    resolved = resolve_profile(profile, cat)
    assert resolved.levels == {"a": None, "b": 3.5}  # both given by the person
    assert resolved.estimated_levels == []
    assert resolved.estimated_fields == ["interests", "education"]
    assert resolved.current_occupation == "41-2011.00"
    assert resolved.name == "Sam"
    assert resolve_profile(resolved, cat) is resolved  # resolving twice changes nothing
    named = resolve_profile(Profile(current_occupation="Bank Teller"), cat)
    assert named.current_occupation == "43-3071.00"
    assert not named.is_estimated
    with pytest.raises(InputError, match=r"profile\.current_occupation: .*'astronaut'"):
        resolve_profile(Profile(current_occupation="astronaut"), cat)


def test_current_occupation_is_not_recommended_back() -> None:
    cat = _catalog()
    profile = Profile.from_occupation(cat.occupation("41-2011.00"))
    recs = recommend(profile, cat, top=4)
    ids = [r.occupation_id for r in recs.items]
    assert "41-2011.00" not in ids
    assert len(ids) == 3
    assert recs.current_occupation == "41-2011.00"
    assert recs.estimated_from == "41-2011.00"
    assert recs.estimated_levels == ["a", "b"]
    assert recs.notes[0].startswith("levels estimated from occupation 41-2011.00 (Cashiers)")
    back = recommend(profile, cat, top=4, include_current=True)
    assert back.items[0].occupation_id == "41-2011.00"  # a perfect fit with its own job
    asked = profile.model_copy(
        update={"preferences": profile.preferences.model_copy(update={"include_current": True})}
    )
    assert recommend(asked, cat, top=1).items[0].occupation_id == "41-2011.00"


@pytest.mark.onet
def test_real_search_and_scenario(
    onet_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = load_onet(onet_dir)
    hits = search_occupations(cat, "cashier")
    assert hits[0].occupation_id == "41-2011.00"
    assert hits[0].kind is MatchKind.TITLE
    assert (hits[1].occupation_id, hits[1].kind) == ("41-2012.00", MatchKind.TITLE_WORDS)
    assert all(h.alternate_title for h in hits[2:])
    scenario = tmp_path / "cashier.yaml"
    scenario.write_text(
        "name: a cashier who draws\n"
        "profile:\n"
        "  from_occupation: cashier\n"
        "  levels: {programming: 1.0}\n"
        "  interests: {realistic: 2, investigative: 3, artistic: 7, social: 4,"
        " enterprising: 3, conventional: 3}\n"
        f"catalog: {{onet: {str(onet_dir.resolve())!r}}}\n"
        "target: {recommend_top: 5}\n",
        encoding="utf-8",
    )
    loaded = load_scenario(scenario)
    prof = loaded.scenario.profile
    assert prof.estimated_from == "41-2011.00"
    assert "programming" not in prof.estimated_levels
    assert len(prof.estimated_levels) == 119
    assert "interests" not in prof.estimated_fields
    assert prof.education == 2
    assert main(["search", "cashier", "--onet", str(onet_dir), "--json"]) == 0
    assert '"41-2011.00"' in capsys.readouterr().out
    assert main(["recommend", str(scenario), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"estimated_from": "41-2011.00"' in out
    assert '"occupation_id": "41-2011.00"' not in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(scenario.read_text().replace("cashier\n", "astronaut pilot xyz\n"))
    assert main(["validate", str(bad)]) == 2
    assert "profile.from_occupation" in capsys.readouterr().err


def test_plans_repeat_the_estimate_marker() -> None:
    from careerfit_opt.data.bundled import load_bundled_catalog
    from careerfit_opt.planner import plan

    catalog = load_bundled_catalog("default")
    profile = resolve_profile(
        Profile.model_validate({"from_occupation": "Warehouse Worker", "levels": {"writing": 3}}),
        catalog,
    )
    assert profile.estimated_from == "warehouse_worker"
    assert "writing" not in profile.estimated_levels
    result = plan(profile, "logistician", catalog, time_limit=2.0)
    assert result.estimated_from == "warehouse_worker"
    assert result.estimated_from_title == "Warehouse Worker"
    assert result.estimated_levels == profile.estimated_levels
    assert result.notes[0].startswith("levels estimated from occupation warehouse_worker")
