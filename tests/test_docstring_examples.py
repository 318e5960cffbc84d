"""The examples in the docstrings run and print what they show (three had gone stale: a file
name's hash, a probability's rounding and a fit from before the issue-10 formula)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import careerfit_opt

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(careerfit_opt.__path__, prefix="careerfit_opt.")
)


def test_every_module_is_found() -> None:
    assert "careerfit_opt.batch.store" in MODULES
    assert len(MODULES) > 80


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"
