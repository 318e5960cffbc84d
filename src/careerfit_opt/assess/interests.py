"""Interest scores on O*NET's 1–7 occupational-interest scale, from item answers or from O*NET
Interest Profiler scores a person already has.

**Item scoring** (docs/assessment.md): an answer earns 2 points (like), 1 (not sure) or
0 (dislike). A type's score is ``1 + 3 × m``, where ``m`` is the mean of its items' points
(0–2), so all-dislike maps to 1, all-not-sure to 4 and all-like to 7, the ends and middle of
O*NET's occupational interest (OI) scale. Every item of the chosen form must be answered.

**Interest Profiler scores** are rescaled linearly from their reported range onto 1–7
(``1 + 6 × raw / max``). That is a change of units, not an O*NET conversion: O*NET publishes no
mapping from a person's Interest Profiler scores to occupations' OI ratings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from careerfit_opt.assess.items import (
    ITEM_BY_ID,
    RESPONSE_POINTS,
    Form,
    InterestItem,
    Response,
    form_items,
    parse_response,
)
from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.interests import RIASEC_CODES, Riasec

#: Interest Profiler score ranges a person may enter: name → (lowest, highest, what gives it).
PROFILER_SCALES: dict[str, tuple[float, float, str]] = {
    "0-40": (0.0, 40.0, "O*NET Interest Profiler Short Form, 60 items (My Next Move)"),
    "0-20": (0.0, 20.0, "O*NET Mini-IP, 30 items"),
    "0-30": (0.0, 30.0, "O*NET Interest Profiler 3.0, 180 items (count of likes)"),
    "1-7": (1.0, 7.0, "scores already on O*NET's 1–7 occupational interest scale"),
}


def _join(field: str, sub: str) -> str:
    return f"{field}.{sub}" if field else sub


@dataclass(frozen=True)
class InterestScores:
    """A person's interest profile and how it was obtained."""

    riasec: Riasec
    #: ``items-short``, ``items-full`` or ``profiler-<scale>``.
    method: str
    #: Number of item answers used (0 for entered Interest Profiler scores).
    answered: int


def item_form(answered: set[str], field: str = "interest_items") -> Form:
    """The form a set of answered item ids completes; an :class:`InputError` naming the
    missing (or unknown) items otherwise.

    >>> item_form({i.id for i in form_items("short")}).value
    'short'
    """
    unknown = sorted(answered - ITEM_BY_ID.keys())
    if unknown:
        raise InputError(
            [
                Problem(
                    _join(field, u),
                    f"unknown item {u!r}: items are R01–R10, I01–I10, A01–A10, S01–S10, "
                    "E01–E10 and C01–C10",
                )
                for u in unknown
            ]
        )
    short = {i.id for i in form_items(Form.SHORT)}
    if answered == short:
        return Form.SHORT
    if answered == set(ITEM_BY_ID):
        return Form.FULL
    target = Form.SHORT if answered <= short else Form.FULL
    missing = [i.id for i in form_items(target) if i.id not in answered]
    size = len(form_items(target))
    shown = ", ".join(missing[:12]) + (" …" if len(missing) > 12 else "")
    raise InputError(
        [
            Problem(
                field,
                f"answer every item of the {target.value} form ({size} items): "
                f"{len(missing)} missing ({shown})",
            )
        ]
    )


def score_items(
    answers: Mapping[str, Response | str], field: str = "interest_items"
) -> InterestScores:
    """Score item answers (item id → like / not sure / dislike) to a 1–7 RIASEC profile.

    >>> ans = {i.id: ("like" if i.riasec == "artistic" else "dislike")
    ...        for i in form_items("short")}
    >>> s = score_items(ans)
    >>> s.riasec.artistic, s.riasec.realistic, s.method
    (7.0, 1.0, 'items-short')
    """
    problems: list[Problem] = []
    parsed: dict[str, Response] = {}
    for item_id, answer in answers.items():
        try:
            parsed[item_id] = parse_response(answer)
        except ValueError as exc:
            problems.append(Problem(_join(field, item_id), str(exc)))
    if problems:
        raise InputError(problems)
    form = item_form(set(parsed), field)
    items = form_items(form)
    return InterestScores(
        riasec=Riasec(**{code: type_score(items, parsed, code) for code in RIASEC_CODES}),
        method=f"items-{form.value}",
        answered=len(items),
    )


def type_score(
    items: tuple[InterestItem, ...], answers: Mapping[str, Response], code: str
) -> float:
    """``1 + 3 × mean points`` over the items of type ``code`` (rounded to 2 decimals)."""
    points = [RESPONSE_POINTS[answers[i.id]] for i in items if i.riasec == code]
    return round(1.0 + 3.0 * sum(points) / len(points), 2)


def profiler_scores(
    scores: Mapping[str, float], scale: str, field: str = "interest_scores"
) -> InterestScores:
    """O*NET Interest Profiler scores (six, named by RIASEC type) rescaled onto 1–7.

    >>> profiler_scores(dict(realistic=0, investigative=40, artistic=20, social=10,
    ...                      enterprising=30, conventional=5), "0-40").riasec.as_tuple()
    (1.0, 7.0, 4.0, 2.5, 5.5, 1.75)
    """
    if scale not in PROFILER_SCALES:
        raise InputError(
            [
                Problem(
                    _join(field, "scale"),
                    f"unknown scale {scale!r}; use one of {', '.join(PROFILER_SCALES)}",
                )
            ]
        )
    lo, hi, _ = PROFILER_SCALES[scale]
    problems: list[Problem] = []
    values: dict[str, float] = {}
    for code in RIASEC_CODES:
        raw = scores.get(code)
        if raw is None:
            problems.append(Problem(_join(field, code), "required field is missing"))
        elif not lo <= raw <= hi:
            problems.append(
                Problem(_join(field, code), f"must be within {lo:g}–{hi:g} (got {raw:g})")
            )
        else:
            values[code] = round(1.0 + 6.0 * (raw - lo) / (hi - lo), 2)
    if problems:
        raise InputError(problems)
    return InterestScores(riasec=Riasec(**values), method=f"profiler-{scale}", answered=0)
