"""The interest items, their scoring to 1–7, Interest Profiler scores and the work-value ranking."""

from __future__ import annotations

import pytest

from careerfit_opt.assess.interests import PROFILER_SCALES, item_form, profiler_scores, score_items
from careerfit_opt.assess.items import ITEMS, NOT_VALIDATED, Form, form_items, parse_response
from careerfit_opt.assess.simulate import pearson, response_probabilities
from careerfit_opt.assess.values import rank_score, values_from_ranking
from careerfit_opt.errors import InputError
from careerfit_opt.model.interests import RIASEC_CODES, WORK_VALUE_NAMES


def test_item_bank_has_at_least_eight_items_per_type_and_a_30_item_short_form() -> None:
    for code in RIASEC_CODES:
        assert sum(i.riasec == code for i in ITEMS) >= 8
        assert sum(i.riasec == code for i in form_items(Form.SHORT)) == 5
    assert len(ITEMS) >= 48
    assert len(form_items(Form.SHORT)) == 30
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    assert len({i.text.lower() for i in ITEMS}) == len(ITEMS)
    assert all(i.id[0] == i.riasec[0].upper() for i in ITEMS)


def test_the_not_validated_warning_says_so() -> None:
    assert "NOT a validated psychometric instrument" in NOT_VALIDATED


@pytest.mark.parametrize(
    ("text", "value"),
    [("like", "like"), (" L ", "like"), ("not sure", "not sure"), ("?", "not sure"),
     ("n", "not sure"), ("Unsure", "not sure"), ("d", "dislike"), ("DISLIKE", "dislike")],
)  # fmt: skip
def test_answers_are_read_in_every_accepted_spelling(text: str, value: str) -> None:
    assert parse_response(text).value == value


@pytest.mark.parametrize("text", ["", "yes", "x", "2", "likes"])
def test_other_answers_are_refused_with_the_accepted_ones(text: str) -> None:
    with pytest.raises(ValueError, match=r"like \(l\), not sure"):
        parse_response(text)


def _answers(form: Form, by_type: dict[str, list[str]]) -> dict[str, str]:
    """Answers cycling through ``by_type[code]`` for the items of each type."""
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for item in form_items(form):
        n = seen.get(item.riasec, 0)
        seen[item.riasec] = n + 1
        pattern = by_type[item.riasec]
        out[item.id] = pattern[n % len(pattern)]
    return out


def test_scores_are_one_plus_three_times_the_mean_points() -> None:
    by_type = {
        "realistic": ["dislike"],
        "investigative": ["like"],
        "artistic": ["not sure"],
        "social": ["like", "dislike"],  # 2,0,2,0,2 → mean 1.2 on the short form
        "enterprising": ["like", "not sure", "not sure", "dislike", "dislike"],  # 0.8
        "conventional": ["like", "like", "like", "like", "not sure"],  # 1.8
    }
    short = score_items(_answers(Form.SHORT, by_type))
    assert short.method == "items-short"
    assert short.answered == 30
    assert short.riasec.as_tuple() == (1.0, 7.0, 4.0, 4.6, 3.4, 6.4)
    full = score_items(_answers(Form.FULL, by_type))
    assert full.method == "items-full"
    assert full.answered == 60
    # 10 items: social 2,0,… → mean 1.0; enterprising twice the 5-pattern → 0.8
    assert full.riasec.as_tuple() == (1.0, 7.0, 4.0, 4.0, 3.4, 6.4)


def test_an_incomplete_form_names_the_missing_items() -> None:
    answers = {i.id: "like" for i in form_items(Form.SHORT)}
    del answers["A03"]
    with pytest.raises(InputError, match=r"interest_items: answer every item of the short form "
                       r"\(30 items\): 1 missing \(A03\)"):  # fmt: skip
        score_items(answers)
    answers = {i.id: "like" for i in ITEMS if i.id != "C10"}
    with pytest.raises(InputError, match=r"full form \(60 items\): 1 missing \(C10\)"):
        score_items(answers)


def test_unknown_items_and_bad_answers_name_their_item() -> None:
    answers = {i.id: "like" for i in form_items(Form.SHORT)}
    answers["R01"] = "maybe"
    with pytest.raises(InputError) as bad:
        score_items(answers)
    assert [p.field for p in bad.value.problems] == ["interest_items.R01"]
    with pytest.raises(InputError) as unknown:
        item_form({"R01", "Z99"})
    assert [p.field for p in unknown.value.problems] == ["interest_items.Z99"]


def test_profiler_scores_rescale_linearly_onto_one_to_seven() -> None:
    for scale, (lo, hi, _) in PROFILER_SCALES.items():
        raw = dict(zip(RIASEC_CODES, [lo, hi, (lo + hi) / 2, lo, hi, lo], strict=True))
        assert profiler_scores(raw, scale).riasec.as_tuple() == (1, 7, 4, 1, 7, 1)
    with pytest.raises(InputError, match=r"interest_scores\.social: must be within 0–40"):
        profiler_scores(dict.fromkeys(RIASEC_CODES, 41.0), "0-40")
    with pytest.raises(InputError, match=r"interest_scores\.scale: unknown scale"):
        profiler_scores(dict.fromkeys(RIASEC_CODES, 1.0), "0-100")


def test_values_ranking_maps_to_evenly_spaced_scores() -> None:
    assert [rank_score(r) for r in range(1, 7)] == [7.0, 5.8, 4.6, 3.4, 2.2, 1.0]
    order = ["Independence", "support", "working_conditions", "Relationships", "recognition",
             "achievement"]  # fmt: skip
    wv = values_from_ranking(order)
    assert (wv.independence, wv.support, wv.working_conditions) == (7.0, 5.8, 4.6)
    assert wv.achievement == 1.0
    assert wv.known() == len(WORK_VALUE_NAMES)


@pytest.mark.parametrize(
    ("ranking", "field", "message"),
    [
        (["achievement"] * 6, "values_ranking[1]", "ranked twice"),
        (["achievement", "money"], "values_ranking[1]", "unknown work value 'money'"),
        (["achievement", "support"], "values_ranking", "rank all six work values"),
    ],
)
def test_bad_rankings_name_the_position(ranking: list[str], field: str, message: str) -> None:
    with pytest.raises(InputError) as exc:
        values_from_ranking(ranking)
    assert exc.value.problems[0].field == field
    assert message in exc.value.problems[0].message


def test_response_model_probabilities_rise_with_the_true_score() -> None:
    likes = [response_probabilities(t)[0] for t in (1, 2, 3, 4, 5, 6, 7)]
    dislikes = [response_probabilities(t)[2] for t in (1, 2, 3, 4, 5, 6, 7)]
    assert likes == sorted(likes)
    assert dislikes == sorted(dislikes, reverse=True)
    for t in (1.0, 4.0, 7.0):
        assert sum(response_probabilities(t, 0.4, 1.3)) == pytest.approx(1.0)


def test_pearson_of_flat_profiles_is_zero() -> None:
    assert pearson([4, 4, 4, 4, 4, 4], [1, 2, 3, 4, 5, 6]) == 0.0
    assert pearson([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]) == -1.0
