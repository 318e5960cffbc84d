"""The Python API's argument check: one place where every argument is checked on the way in.

Files are validated when they are read; arguments of :func:`careerfit_opt.plan` and friends are
validated here, against the same bounds (:mod:`careerfit_opt.model.numbers`). A wrong type or an
out-of-range value raises :class:`~careerfit_opt.errors.ArgumentError` naming the argument; a
profile that does not fit the catalogue (an unknown dimension, a level outside its scale) raises
:class:`~careerfit_opt.errors.InputError` naming the field — never a raw ``TypeError``,
``OverflowError`` or a "feasible" result for input that makes no sense.

>>> check_run_settings(time_limit=float("nan"), seed=0, workers=1)
Traceback (most recent call last):
...
careerfit_opt.errors.ArgumentError: time_limit: must be a finite number (got nan)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from careerfit_opt.errors import ArgumentError, InputError, Problem
from careerfit_opt.io.validation import problems_from, validate
from careerfit_opt.model.base import Identifier
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.numbers import MAX_RECOMMEND_TOP, Seed, StrictInt, TimeLimit, Workers
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import (
    Objective,
    Scenario,
    ScoringSettings,
    SolverSettings,
    Target,
    check_against_catalog,
)

M = TypeVar("M", bound=BaseModel)


@cache
def _adapter(kind: str) -> TypeAdapter[Any]:
    types: dict[str, Any] = {
        "time_limit": TimeLimit,
        "seed": Seed,
        "workers": Workers,
        "count": StrictInt,
        "identifier": Identifier,
    }
    # Strict: a Python caller passing "3" for a count has a bug worth naming.
    return TypeAdapter(types[kind], config=ConfigDict(strict=True))


def _type_name(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _check(name: str, value: Any, kind: str) -> Any:
    try:
        return _adapter(kind).validate_python(value)
    except ValidationError as exc:
        problems = problems_from(exc)
        raise ArgumentError([Problem(name, p.message) for p in problems]) from None


def check_run_settings(*, time_limit: Any, seed: Any, workers: Any) -> tuple[float, int, int]:
    """``time_limit`` (0 < s ≤ 3600, finite), ``seed`` (0 ≤ seed < 2³¹) and ``workers``
    (1–64), checked; :class:`ArgumentError` otherwise.

    >>> check_run_settings(time_limit=5, seed=3, workers=1)
    (5.0, 3, 1)
    """
    return (
        float(_check("time_limit", time_limit, "time_limit")),
        int(_check("seed", seed, "seed")),
        int(_check("workers", workers, "workers")),
    )


def check_must_meet(value: Any) -> tuple[str, ...]:
    """``must_meet``: requirement ids (a list or tuple of identifiers, each once).

    >>> check_must_meet(["license_registered_nurse"])
    ('license_registered_nurse',)
    >>> check_must_meet("writing")
    Traceback (most recent call last):
    ...
    careerfit_opt.errors.ArgumentError: must_meet: must be a list of requirement ids (got str)
    """
    if not isinstance(value, list | tuple):
        raise ArgumentError(
            [Problem("must_meet", f"must be a list of requirement ids (got {_type_name(value)})")]
        )
    ids = tuple(str(_check(f"must_meet[{i}]", v, "identifier")) for i, v in enumerate(value))
    twice = sorted(k for k, n in Counter(ids).items() if n > 1)
    if twice:
        raise ArgumentError([Problem("must_meet", f"lists {', '.join(twice)} twice; keep one")])
    return ids


def check_count(name: str, value: Any, lo: int = 1, hi: int = MAX_RECOMMEND_TOP) -> int:
    """A whole number ``lo ≤ value ≤ hi`` (``True`` is not a number).

    >>> check_count("top", 0)
    Traceback (most recent call last):
    ...
    careerfit_opt.errors.ArgumentError: top: must be ≥ 1 (got 0)
    """
    number = int(_check(name, value, "count"))
    if not lo <= number <= hi:
        sym, bound = ("≥", lo) if number < lo else ("≤", hi)
        raise ArgumentError([Problem(name, f"must be {sym} {bound} (got {number})")])
    return number


def check_flag(name: str, value: Any) -> bool:
    """``True`` or ``False`` exactly (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise ArgumentError([Problem(name, f"must be True or False (got {_type_name(value)})")])
    return value


def check_text(name: str, value: Any) -> str:
    """A ``str``."""
    if not isinstance(value, str):
        raise ArgumentError([Problem(name, f"must be a str (got {_type_name(value)})")])
    return value


def check_instance(name: str, value: Any, model: type[M]) -> M:
    """``value`` as a ``model``: an instance is taken as it is, a mapping is validated into one
    (its problems named under ``name``); anything else is an :class:`ArgumentError`."""
    if isinstance(value, model):
        return value
    if isinstance(value, dict):
        try:
            return validate(model, value, prefix=name)
        except InputError as exc:
            raise ArgumentError(exc.problems) from None
    raise ArgumentError(
        [
            Problem(
                name,
                f"must be a {model.__name__} (or a mapping of its fields), got {_type_name(value)}",
            )
        ]
    )


def check_objective(value: Any) -> Objective:
    """An :class:`Objective` from itself or its name."""
    try:
        return Objective(value)
    except (ValueError, TypeError):
        choices = ", ".join(o.value for o in Objective)
        raise ArgumentError(
            [Problem("objective", f"must be one of {choices} (got {value!r:.60})")]
        ) from None


def check_occupation_ids(
    name: str, ids: Any, catalog: Catalog, *, single: bool = False
) -> list[str]:
    """Occupation ids the catalogue knows (``single``: one id given as a ``str``)."""
    from careerfit_opt.model.catalog import Hints

    if single:
        values = [_check(name, ids, "identifier")]
    else:
        if isinstance(ids, str | bytes) or not isinstance(ids, Iterable):
            raise ArgumentError(
                [Problem(name, f"must be a list of occupation ids (got {_type_name(ids)})")]
            )
        values = [_check(f"{name}[{i}]", v, "identifier") for i, v in enumerate(ids)]
    hint = Hints()
    problems = [
        Problem(name, f"unknown occupation {v!r}{hint(v, catalog.occupation_by_id)}")
        for v in values
        if v not in catalog.occupation_by_id
    ]
    if problems:
        raise InputError(problems)
    return [str(v) for v in values]


def check_profile_fits(profile: Profile, catalog: Catalog, target: str | None = None) -> None:
    """The profile (and target) against the catalogue: unknown dimensions, occupations and
    actions, levels outside a dimension's scale, booked-and-excluded actions — the checks a
    scenario file gets, for a profile built in Python."""
    scenario = Scenario.model_construct(
        profile=profile,
        target=Target.model_construct(occupation=target, recommend_top=None, hard=False),
    )
    problems = check_against_catalog(scenario, catalog)
    if problems:
        raise InputError(problems)


def check_plan_arguments(
    profile: Any,
    target: Any,
    catalog: Any,
    *,
    objective: Any,
    hard: Any,
    settings: Any,
    time_limit: Any,
    seed: Any,
    workers: Any,
) -> tuple[Profile, str, Catalog, Objective, ScoringSettings, float, int, int]:
    """Every argument of :func:`careerfit_opt.plan`, checked and normalised (the profile against
    the catalogue is :func:`check_profile_fits`, once its occupations are resolved)."""
    profile = check_instance("profile", profile, Profile)
    catalog = check_instance("catalog", catalog, Catalog)
    target = str(_check("target", target, "identifier"))
    objective = check_objective(objective)
    check_flag("hard", hard)
    settings = ScoringSettings() if settings is None else settings
    settings = check_instance("settings", settings, ScoringSettings)
    limit, seed, workers = check_run_settings(time_limit=time_limit, seed=seed, workers=workers)
    return profile, target, catalog, objective, settings, limit, seed, workers


def solver_with(
    solver: SolverSettings, options: dict[str, Any], names: dict[str, str] | None = None
) -> SolverSettings:
    """``solver`` with the given settings replaced (``None`` values are left out), validated like
    a scenario file's ``solver:`` section; problems are named by ``names`` (e.g. a CLI option).

    >>> names = {"time_limit_s": "--time-limit"}
    >>> solver_with(SolverSettings(), {"time_limit_s": float("inf")}, names)
    Traceback (most recent call last):
    ...
    careerfit_opt.errors.InputError: --time-limit: must be a finite number (got inf)
    """
    names = names or {}
    data = {**solver.model_dump(), **{k: v for k, v in options.items() if v is not None}}
    try:
        return validate(SolverSettings, data)
    except InputError as exc:
        raise InputError(
            [Problem(names.get(p.field, p.field), p.message) for p in exc.problems]
        ) from None
