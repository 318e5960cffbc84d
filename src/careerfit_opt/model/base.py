"""Shared pydantic configuration: strict keys, finite numbers, immutable values."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from careerfit_opt.model import plugins

# Before any validator is built: pydantic then finds no plugins without importing
# importlib.metadata (~20 ms of start-up) when PYDANTIC_DISABLE_PLUGINS switches them off.
plugins.install()

#: Identifiers: letters, digits and ``. _ - : /`` (O*NET-SOC codes such as ``15-1252.00`` fit).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/\-]*$"
Identifier = Annotated[
    str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=120, strip_whitespace=True)
]
_ID_RE = re.compile(ID_PATTERN)


class Model(BaseModel):
    """Base of every data class: unknown keys are errors, NaN and infinity are rejected."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        frozen=True,
        validate_default=True,
        str_strip_whitespace=True,
        # Validators are built on first use: importing model/ then costs no schema building,
        # and `validate FILE` builds only the scenario's (docs/performance.md, cold start).
        defer_build=True,
    )


def is_identifier(text: str) -> bool:
    """Whether ``text`` is a valid identifier.

    >>> is_identifier("15-1252.00"), is_identifier("has space")
    (True, False)
    """
    return bool(_ID_RE.match(text))


def slug(text: str) -> str:
    """A lower-case identifier made from a display name.

    >>> slug("Management of Financial Resources")
    'management_of_financial_resources'
    """
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
