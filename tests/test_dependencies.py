"""Every package the code imports is declared in ``pyproject.toml``.

A package that is installed only because something else happens to pull it in (as click was
with Typer up to 0.25) disappears when that something changes; a fresh ``pip install .`` then
fails on the user's machine, not in CI.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import REPO_ROOT

SOURCE = REPO_ROOT / "src" / "careerfit_opt"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match is not None, requirement
    return _normalise(match.group(1))


def _declared() -> set[str]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_requirement_name(r) for r in project.get("dependencies", [])}
    for extra in project.get("optional-dependencies", {}).values():
        names |= {_requirement_name(r) for r in extra}
    return names


def _imported_top_level(source: Path = SOURCE) -> dict[str, str]:
    """Top-level module imported → the first file importing it (absolute imports only)."""
    found: dict[str, str] = {}
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(source.parent)))
    return found


def undeclared(source: Path, declared: set[str]) -> list[str]:
    """The third-party modules imported under ``source`` whose distribution is not declared."""
    distributions = packages_distributions()
    missing = []
    for module, where in sorted(_imported_top_level(source).items()):
        if module in sys.stdlib_module_names or module == "careerfit_opt" or module == "__future__":
            continue
        dists = {_normalise(d) for d in distributions.get(module, [])} or {_normalise(module)}
        if not dists & declared:
            missing.append(f"{module} (imported in {where}; distribution {', '.join(dists)})")
    return missing


def test_every_imported_package_is_declared() -> None:
    missing = undeclared(SOURCE, _declared())
    assert not missing, "imported but not declared in pyproject.toml: " + "; ".join(missing)


def test_the_check_finds_an_undeclared_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "mod.py").write_text(
        "import os\nimport yaml\nfrom click.exceptions import UsageError\n", encoding="utf-8"
    )
    missing = undeclared(package, _declared())
    assert len(missing) == 1
    assert missing[0].startswith("click (imported in pkg/sub/mod.py")
