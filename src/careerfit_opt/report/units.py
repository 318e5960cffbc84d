"""Numbers a person reads: every value with its unit, rounded to what its scale can tell apart.

Levels on the 0–7 scales show one decimal (the catalogues' own precision), experience whole
months (one decimal under ten), contacts whole numbers, money whole units with thousands
separators, hours a week up to one decimal. One module, so the terminal, the HTML page and the
Markdown text all say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension, DimensionKind
from careerfit_opt.model.plans import OpenGap, PlanResult, PlanStatus

#: A shortfall smaller than this counts as met (levels are compared in float32 elsewhere).
MET_TOLERANCE = 0.01


def plural(count: float, one: str, many: str | None = None) -> str:
    """``count`` with its noun, singular for exactly 1.

    >>> plural(1, "week"), plural(3, "week"), plural(2, "step")
    ('1 week', '3 weeks', '2 steps')
    """
    word = one if count == 1 else (many or one + "s")
    return f"{_trim(count)} {word}"


def _trim(x: float) -> str:
    """An integer when it is one, else one decimal at most (no ``3.4311``)."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.1f}".rstrip("0").rstrip(".")


def weeks(n: int | float) -> str:
    """A number of weeks, with about how many months when it is long.

    >>> weeks(1), weeks(6), weeks(26)
    ('1 week', '6 weeks', '26 weeks (about 6 months)')
    """
    text = plural(n, "week")
    if n >= 13:
        text += f" (about {plural(round(n / 4.345), 'month')})"
    return text


def ready_week(n: int) -> str:
    """The week a plan is done, with about how many months that is when it is long.

    >>> ready_week(8), ready_week(52)
    ('week 8', 'week 52 (about 12 months)')
    """
    if n < 13:
        return f"week {n}"
    return f"week {n} (about {plural(round(n / 4.345), 'month')})"


def hours_per_week(h: float) -> str:
    """Hours a week, at most one decimal.

    >>> hours_per_week(12), hours_per_week(7.25)
    ('12 h/week', '7.2 h/week')
    """
    return f"{_trim(round(h, 1))} h/week"


def currency_of(catalog: Catalog) -> str:
    """The currency code a catalogue prices in (``metadata.currency``, or a code opening
    ``metadata.money``, as the bundled catalogue has), else an empty string.

    >>> from careerfit_opt.model import Catalog, Dimension
    >>> dims = [Dimension(id="a", name="A", kind="skill")]
    >>> currency_of(Catalog(name="c", dimensions=dims, metadata={"money": "USD; pay"}))
    'USD'
    """
    return catalog.currency


def money(x: float, currency: str = "") -> str:
    """An amount in whole units (cents when it has them), with its currency code when known.

    >>> money(3000, "USD"), money(12.5), money(0, "USD")
    ('3,000 USD', '12.50', '0 USD')
    """
    text = f"{x:,.0f}" if abs(x - round(x)) < 0.005 else f"{x:,.2f}"
    return f"{text} {currency}" if currency else text


def money_at_least(x: float, currency: str = "") -> str:
    """A lower bound on an amount, in whole units rounded down (still a lower bound).

    >>> money_at_least(39.2, "USD")
    '39 USD'
    """
    return money(float(math.floor(x + 1e-9)), currency)


def _unit_of(dim: Dimension | None) -> DimensionKind | None:
    return None if dim is None else dim.kind


def level(value: float | None, dim: Dimension | None) -> str:
    """A level in its dimension's unit: ``3.5`` on a 0–7 scale, ``held``, ``6 months``,
    ``4 contacts``; ``unknown`` for ``None``.

    >>> from careerfit_opt.model import Dimension
    >>> level(3.4311, Dimension(id="w", name="W", kind="skill")), level(4, None)
    ('3.4', '4')
    >>> level(1, Dimension(id="c", name="C", kind="credential"))
    'held'
    >>> level(6.02, Dimension(id="e", name="E", kind="experience"))
    '6 months'
    >>> level(12.3, Dimension(id="n", name="N", kind="network"))
    '12 contacts'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    kind = _unit_of(dim)
    if kind is DimensionKind.CREDENTIAL:
        return "held" if value >= 0.5 else "not held"
    if kind is DimensionKind.EXPERIENCE:
        return plural(round(value, 1) if value < 10 else round(value), "month")
    if kind is DimensionKind.NETWORK:
        return plural(round(value), "contact")
    return _trim(round(value, 1))


def level_and_need(value: float | None, need: float, dim: Dimension | None) -> tuple[str, str]:
    """A level and the level needed, with a second decimal when one would hide the gap.

    >>> from careerfit_opt.model import Dimension
    >>> skill = Dimension(id="d", name="D", kind="skill")
    >>> level_and_need(5.75, 5.8, skill), level_and_need(2.6, 3.0, skill)
    (('5.75', '5.8'), ('2.6', '3'))
    """
    have, want = level(value, dim), level(need, dim)
    kind = _unit_of(dim)
    plain = kind not in (DimensionKind.CREDENTIAL, DimensionKind.EXPERIENCE, DimensionKind.NETWORK)
    if value is not None and have == want and abs(value - need) > 1e-9 and plain:
        have, want = _trim2(value), _trim2(need)
    return have, want


def _trim2(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def shortfall(value: float, dim: Dimension | None) -> str:
    """How far a level falls short of its requirement, in the level's unit; ``met`` when it
    does not.

    >>> from careerfit_opt.model import Dimension
    >>> shortfall(3.4311, Dimension(id="w", name="W", kind="skill"))
    '3.4 levels short'
    >>> shortfall(0.004, None)
    'met'
    """
    if value <= MET_TOLERANCE:
        return "met"
    kind = _unit_of(dim)
    if kind is DimensionKind.CREDENTIAL:
        return "not held"
    if kind in (DimensionKind.EXPERIENCE, DimensionKind.NETWORK):
        return f"{level(value, dim)} short"
    shown = max(round(value, 1), 0.1)
    return f"{_trim(shown)} {'level' if shown == 1 else 'levels'} short"


def scale_note(dim: Dimension | None) -> str:
    """The scale a level is read on, for legends: ``level 0–7``, ``0/1``, ``months``…

    >>> from careerfit_opt.model import Dimension
    >>> scale_note(Dimension(id="w", name="W", kind="skill"))
    'level 0–7'
    """
    if dim is None:
        return "level"
    if dim.kind is DimensionKind.CREDENTIAL:
        return "held or not"
    if dim.kind is DimensionKind.EXPERIENCE:
        return "months"
    if dim.kind is DimensionKind.NETWORK:
        return "contacts"
    return f"level {dim.lo:g}–{dim.hi:g}"


def fit(x: float | None) -> str:
    """A fit score (0–1) as two decimals; ``unknown`` for ``None``.

    >>> fit(0.8123), fit(None)
    ('0.81', 'unknown')
    """
    return "unknown" if x is None else f"{x:.2f}"


def unmet(shortfalls: dict[str, float]) -> str:
    """How many requirements a plan leaves unmet, in words.

    >>> unmet({"a": 0.0, "b": 1.2}), unmet({})
    ('1 requirement unmet', 'all met')
    """
    count = sum(1 for v in shortfalls.values() if v > MET_TOLERANCE)
    return "all met" if count == 0 else plural(count, "requirement") + " unmet"


def gain(value: float, dim: Dimension | None) -> str:
    """What a step adds to a dimension, in its unit.

    >>> from careerfit_opt.model import Dimension
    >>> gain(1.25, Dimension(id="w", name="W", kind="skill"))
    '+1.2 levels'
    >>> gain(1, Dimension(id="c", name="C", kind="credential"))
    'earned'
    >>> gain(2.77, Dimension(id="e", name="E", kind="experience"))
    '+2.8 months'
    """
    kind = _unit_of(dim)
    if kind is DimensionKind.CREDENTIAL:
        return "earned"
    if kind in (DimensionKind.EXPERIENCE, DimensionKind.NETWORK):
        return "+" + level(value, dim)
    shown = round(value, 1)
    return f"+{_trim(shown)} {'level' if shown == 1 else 'levels'}"


def raises(gains: dict[str, float], closes: list[str], dims: dict[str, Dimension]) -> str:
    """The target requirements a step raises and by how much; ``prerequisite`` when none.

    >>> from careerfit_opt.model import Dimension
    >>> d = {"w": Dimension(id="w", name="Writing", kind="skill")}
    >>> raises({"w": 1.0, "x": 2.0}, ["w"], d)
    'Writing +1 level'
    """
    parts = [f"{dims[k].name if k in dims else k} {gain(gains.get(k, 0.0), dims.get(k))}"
             for k in closes]  # fmt: skip
    return ", ".join(parts) or "prerequisite for a later step"


def front_mark(point: PlanResult, chosen: bool) -> str:
    """The last cell of a time–cost table row: the chosen plan, and a plan not proven optimal
    (the time ran out first).

    >>> front_mark(PlanResult(status="feasible", target="t", objective="pareto"), True)
    '◀ chosen, not proven'
    """
    marks = ["◀ chosen"] if chosen else []
    if point.status is not PlanStatus.OPTIMAL:
        marks.append("not proven")
    return ", ".join(marks)


def front_legend(front: Sequence[PlanResult], more_time: str = "a longer time limit") -> str:
    """What the rows of a time–cost table are. A row not proven optimal is the best plan found
    before the time limit: a faster or cheaper plan may exist, so it is named, with the remedy
    ``more_time``.

    >>> proven = PlanResult(status="optimal", target="t", objective="pareto")
    >>> front_legend([proven])
    'Each row is an optimal plan: none is both faster and cheaper.'
    >>> unproven = proven.model_copy(update={"status": PlanStatus.FEASIBLE})
    >>> front_legend([proven, unproven])[:74]
    'Each row is an optimal plan (none is both faster and cheaper) except row 2'
    """
    unproven = [str(i + 1) for i, p in enumerate(front) if p.status is not PlanStatus.OPTIMAL]
    if not unproven:
        return "Each row is an optimal plan: none is both faster and cheaper."
    found = (
        "the best plan found before the time ran out, not proven fastest or cheapest; "
        f"{more_time} may find a faster or cheaper one."
    )
    if len(unproven) == len(front):
        return found[0].upper() + found[1:]
    rows = ("row " if len(unproven) == 1 else "rows ") + ", ".join(unproven)
    return f"Each row is an optimal plan (none is both faster and cheaper) except {rows}: {found}"


def gap_cause(gap: OpenGap) -> str:
    """Why a plan leaves ``gap`` open, in words (its ``cause``), with what to do about a gap the
    objective traded away.

    >>> g = OpenGap(dimension="license_rn", name="RN licence", kind="credential", level=0,
    ...             required=1, short=1, cause="objective", remedy="the exam")
    >>> gap_cause(g).endswith("add license_rn to target.must_meet")
    True
    """
    if gap.cause == "catalogue":
        return "no step in the catalogue reaches it"
    if gap.cause == "objective":
        return (
            "within your limits it would leave more of the others open; to insist, add "
            f"{gap.dimension} to target.must_meet"
        )
    return "your limits keep the steps that reach it out"
