"""Pydantic plugins switched off without importing the machinery that finds them.

pydantic looks its plugins up (``pydantic.plugin._loader.get_plugins``) when it builds the first
validator, and that module imports :mod:`importlib.metadata` (and :mod:`email` through it): about
20 ms of every ``careerfit`` start, spent even when ``PYDANTIC_DISABLE_PLUGINS`` switches plugins
off, which the command does (docs/performance.md, "Command-line start-up"). While the variable
says so, :func:`install` puts a stand-in for that module in its place that answers "no plugins"
as pydantic's would.

The module is private to pydantic, so the stand-in hands over to pydantic's own loader whenever
it is asked for anything else: any other name (a future pydantic may import one), or
``get_plugins`` once the variable no longer switches every plugin off. Without the variable
nothing changes.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from types import ModuleType
from typing import Any

#: pydantic's module that finds plugins (private: pydantic may move it; then this does nothing).
LOADER = "pydantic.plugin._loader"
#: Values of ``PYDANTIC_DISABLE_PLUGINS`` that switch every plugin off (as pydantic reads them).
ALL_OFF = ("__all__", "1", "true")


def plugins_off() -> bool:
    """Whether the environment switches every pydantic plugin off."""
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ALL_OFF


def _real_loader() -> ModuleType:
    """pydantic's own loader, imported in place of the stand-in."""
    if sys.modules.get(LOADER) is _STAND_IN:
        del sys.modules[LOADER]
    return importlib.import_module(LOADER)


def _get_plugins(*args: Any, **kwargs: Any) -> Iterable[Any]:
    if plugins_off() and not args and not kwargs:
        return ()
    return _real_loader().get_plugins(*args, **kwargs)  # type: ignore[no-any-return]


def _getattr(name: str) -> Any:
    # PEP 562: a name the stand-in does not define comes from pydantic's loader.
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_loader(), name)


_STAND_IN = ModuleType(LOADER, "careerfit_opt's stand-in: no pydantic plugins (model/plugins.py)")
_STAND_IN.get_plugins = _get_plugins  # type: ignore[attr-defined]
_STAND_IN.__getattr__ = _getattr  # type: ignore[method-assign]


def install() -> bool:
    """Put the stand-in in place when plugins are off and pydantic has not looked them up yet;
    whether it is in place."""
    if plugins_off() and LOADER not in sys.modules:
        sys.modules[LOADER] = _STAND_IN
    return sys.modules.get(LOADER) is _STAND_IN
