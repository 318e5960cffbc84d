"""Simulated respondents: answers drawn from a known RIASEC profile, to test the item scoring.

**Response model** (docs/assessment.md). A respondent with true score ``t`` (1–7) on an item's
type answers through a latent appeal

    z = (t − 4) / 1.5 + b + ε,    ε ~ Normal(0, noise²)

where ``b`` is the item's own popularity (drawn once per study from Normal(0, item_spread²)):
some activities appeal to nearly everyone more than others of the same type. The answer is
*like* when z > 0.5, *dislike* when z < −0.5 and *not sure* in between, so

    P(like) = Φ(((t − 4)/1.5 + b − 0.5) / noise),  P(dislike) = Φ((−0.5 − (t − 4)/1.5 − b) / noise).

With the defaults (noise 1, item spread 0.3) a respondent whose true score is 7 likes an average
item 93% of the time, one at 4 answers *not sure* 38% of the time and one at 1 dislikes 93%.

The study's measure is, per respondent, the Pearson correlation between the scored and the
true six scores, averaged over respondents; a scored profile with no spread (all six equal)
has no correlation and counts as 0. Passing says the scoring recovers profiles *under this
model*; it says nothing about how real people answer (the items are not validated).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from careerfit_opt.assess.interests import score_items
from careerfit_opt.assess.items import Form, Response, form_items
from careerfit_opt.model.interests import RIASEC_CODES, Riasec

#: Latent appeal thresholds: below −0.5 dislike, above +0.5 like.
THRESHOLD = 0.5
#: Scale of the true score in the latent appeal: (t − 4) / 1.5.
SCORE_SCALE = 1.5


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def response_probabilities(
    true_score: float, item_offset: float = 0.0, noise: float = 1.0
) -> tuple[float, float, float]:
    """P(like), P(not sure), P(dislike) for one item under the response model.

    >>> [round(p, 2) for p in response_probabilities(7.0)]
    [0.93, 0.06, 0.01]
    >>> [round(p, 2) for p in response_probabilities(4.0)]
    [0.31, 0.38, 0.31]
    """
    mean = (true_score - 4.0) / SCORE_SCALE + item_offset
    p_like = 1.0 - _phi((THRESHOLD - mean) / noise)
    p_dislike = _phi((-THRESHOLD - mean) / noise)
    return p_like, 1.0 - p_like - p_dislike, p_dislike


@dataclass(frozen=True)
class SimulationResult:
    """Correlations of scored with true profiles over simulated respondents."""

    form: str
    respondents: int
    noise: float
    item_spread: float
    seed: int
    mean_correlation: float
    median_correlation: float
    p5_correlation: float


def simulate_answers(
    true: Riasec,
    form: Form | str,
    offsets: dict[str, float],
    uniforms: Sequence[float],
    noise: float = 1.0,
) -> dict[str, Response]:
    """One respondent's answers to ``form``: ``uniforms`` (one per item, in ``[0, 1)``) pick
    the answer from the model's probabilities; ``offsets`` gives each item's popularity."""
    answers: dict[str, Response] = {}
    for item, u in zip(form_items(form), uniforms, strict=True):
        p_like, p_unsure, _ = response_probabilities(
            getattr(true, item.riasec), offsets[item.id], noise
        )
        if u < p_like:
            answers[item.id] = Response.LIKE
        elif u < p_like + p_unsure:
            answers[item.id] = Response.NOT_SURE
        else:
            answers[item.id] = Response.DISLIKE
    return answers


def pearson(a: Sequence[float], b: Sequence[float]) -> float:
    """Pearson correlation of two equal-length sequences; 0 when either has no spread.

    >>> pearson([1, 2, 3], [2, 4, 6]), pearson([1, 1, 1], [1, 2, 3])
    (1.0, 0.0)
    """
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    da, db = [x - ma for x in a], [y - mb for y in b]
    sa, sb = math.sqrt(sum(x * x for x in da)), math.sqrt(sum(y * y for y in db))
    if sa == 0.0 or sb == 0.0:
        return 0.0
    return round(sum(x * y for x, y in zip(da, db, strict=True)) / (sa * sb), 12)


def simulation_study(
    profiles: Sequence[Riasec],
    form: Form | str = Form.FULL,
    seed: int = 0,
    noise: float = 1.0,
    item_spread: float = 0.3,
) -> SimulationResult:
    """Simulate one respondent per true profile, score them, and correlate with the truth.

    Deterministic for a given ``seed``: item popularities and every answer come from one
    seeded NumPy generator.
    """
    import numpy as np

    if not profiles:
        raise ValueError("simulation_study needs at least one profile")
    rng = np.random.default_rng(seed)
    items = form_items(form)
    all_ids = [f"{c[0].upper()}{n:02d}" for c in RIASEC_CODES for n in range(1, 11)]
    offsets = dict(zip(all_ids, rng.normal(0.0, item_spread, len(all_ids)).tolist(), strict=True))
    draws = rng.random((len(profiles), len(items)))
    corr: list[float] = []
    for true, row in zip(profiles, draws, strict=True):
        scored = score_items(simulate_answers(true, form, offsets, row.tolist(), noise)).riasec
        corr.append(pearson(scored.as_tuple(), true.as_tuple()))
    arr = np.array(corr)
    return SimulationResult(
        form=Form(form).value,
        respondents=len(profiles),
        noise=noise,
        item_spread=item_spread,
        seed=seed,
        mean_correlation=round(float(arr.mean()), 4),
        median_correlation=round(float(np.median(arr)), 4),
        p5_correlation=round(float(np.percentile(arr, 5)), 4),
    )
