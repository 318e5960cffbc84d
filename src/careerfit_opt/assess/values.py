"""Work values from a ranking of O*NET's six: most important first → 1–7 scores.

Mapping (docs/assessment.md): the value ranked ``r`` (1 = most important, 6 = least) scores
``7 − 6 × (r − 1) / 5``, i.e. 7, 5.8, 4.6, 3.4, 2.2 and 1. A ranking says only which value
matters more, not by how much, so the scores are evenly spaced over the whole 1–7 extent scale
occupations are rated on; work-values congruence (docs/scoring.md) compares them with an
occupation's ratings value by value.
"""

from __future__ import annotations

from collections.abc import Sequence

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.interests import WORK_VALUE_NAMES, WorkValues

#: One line per value, O*NET's wording shortened, for the question.
VALUE_DESCRIPTIONS: dict[str, str] = {
    "achievement": "Achievement: results-oriented work that uses your strongest abilities",
    "independence": "Independence: working on your own and making your own decisions",
    "recognition": "Recognition: advancement, leadership and being seen as doing well",
    "relationships": "Relationships: helping others and friendly co-workers",
    "support": "Support: a supportive employer and fair, competent management",
    "working_conditions": "Working Conditions: job security, good pay and good conditions",
}
#: The order the values are listed in the question.
VALUE_ORDER: tuple[str, ...] = tuple(VALUE_DESCRIPTIONS)


def value_name(text: str) -> str:
    """The id of a work value from its name in any case, with spaces or underscores.

    >>> value_name("Working Conditions"), value_name("independence")
    ('working_conditions', 'independence')
    """
    key = "_".join(str(text).strip().lower().replace("-", " ").replace("_", " ").split())
    if key not in WORK_VALUE_NAMES:
        raise ValueError(
            f"unknown work value {text!r}; the six are "
            + ", ".join(v.replace("_", " ") for v in VALUE_ORDER)
        )
    return key


def rank_score(rank: int) -> float:
    """The 1–7 score of the value ranked ``rank`` (1–6).

    >>> [rank_score(r) for r in range(1, 7)]
    [7.0, 5.8, 4.6, 3.4, 2.2, 1.0]
    """
    return round(7.0 - 6.0 * (rank - 1) / 5.0, 2)


def values_from_ranking(ranking: Sequence[str], field: str = "values_ranking") -> WorkValues:
    """Work values from all six names, most important first.

    >>> wv = values_from_ranking(["support", "relationships", "achievement", "independence",
    ...                           "recognition", "working conditions"])
    >>> wv.support, wv.working_conditions
    (7.0, 1.0)
    """
    problems: list[Problem] = []
    names: list[str] = []
    for i, text in enumerate(ranking):
        try:
            name = value_name(text)
        except ValueError as exc:
            problems.append(Problem(f"{field}[{i}]", str(exc)))
            continue
        if name in names:
            problems.append(Problem(f"{field}[{i}]", f"{text!r} is ranked twice; rank it once"))
        names.append(name)
    if not problems and len(names) != len(WORK_VALUE_NAMES):
        missing = [v.replace("_", " ") for v in VALUE_ORDER if v not in names]
        problems.append(
            Problem(
                field,
                f"rank all six work values, most important first ({len(names)} given; "
                f"missing: {', '.join(missing)})",
            )
        )
    if problems:
        raise InputError(problems)
    return WorkValues(**{name: rank_score(r) for r, name in enumerate(names, 1)})
