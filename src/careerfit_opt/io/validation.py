"""Turning pydantic validation errors into one-line messages a person can act on."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from careerfit_opt.errors import InputError, Problem

M = TypeVar("M", bound=BaseModel)


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: float) -> str:
    """A bound as written: ``520``, ``0.01``, ``1000000000``, ``2147483647``."""
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e16):
        return str(int(value))
    return f"{value:g}"


def _message(err: ErrorDetails, model: type[BaseModel] | None) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    got = f" (got {_show(err.get('input'))})" if "input" in err else ""
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key; check the spelling against docs/scenario-format.md"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sym = {
            "greater_than_equal": ("≥", "ge"),
            "greater_than": (">", "gt"),
            "less_than_equal": ("≤", "le"),
            "less_than": ("<", "lt"),
        }[kind]
        bound = ctx.get(sym[1])
        bound_text = _number(bound) if isinstance(bound, int | float) else str(bound)
        return f"must be {sym[0]} {bound_text}{got}"
    if kind == "finite_number":
        return f"must be a finite number{got}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        want = "a whole number" if kind.startswith("int") else "a number"
        return f"must be {want}{got}"
    if kind in ("bool_parsing", "bool_type"):
        return f"must be true or false{got}"
    if kind in ("string_type", "string_too_short"):
        return f"must be a non-empty text{got}"
    if kind == "string_pattern_mismatch":
        return f"must be an id of letters, digits and . _ - : / (no spaces){got}"
    if kind == "enum":
        return f"must be one of {ctx.get('expected')}{got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of keys to values{got}"
    if kind in ("list_type", "tuple_type"):
        return f"must be a list{got}"
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length')} item(s)"
    msg = str(err.get("msg", kind))
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def problems_from(exc: ValidationError, model: type[BaseModel] | None = None) -> list[Problem]:
    """One :class:`Problem` per pydantic error, cross-check errors expanded to their own paths."""
    out: list[Problem] = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        inner = (err.get("ctx") or {}).get("error")
        prefix = _loc(loc)
        if isinstance(inner, InputError):
            out.extend(
                Problem(".".join(x for x in (prefix, p.field) if x), p.message)
                for p in inner.problems
            )
        else:
            out.append(Problem(prefix, _message(err, model)))
    return out


def validate(model: type[M], data: Any, source: str | None = None, prefix: str = "") -> M:
    """Validate plain data into ``model``; errors become an :class:`InputError` naming ``source``.

    >>> from careerfit_opt.model import Limits
    >>> validate(Limits, {"budget": -500}, source="nurse.yaml", prefix="profile.limits")
    Traceback (most recent call last):
    ...
    careerfit_opt.errors.InputError: nurse.yaml: profile.limits.budget: must be ≥ 0 (got -500)
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, model), source=source).with_prefix(prefix) from None
