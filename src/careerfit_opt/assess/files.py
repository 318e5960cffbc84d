"""The files of a self-assessment: the scenario it writes and the partial answers it keeps.

Both are written atomically (:func:`careerfit_opt.io.writing.write_text_atomic`), so an
interrupted run leaves the previous version intact, never half a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, Literal

from pydantic import Field

from careerfit_opt.assess.build import Assessment
from careerfit_opt.assess.items import NOT_VALIDATED
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.validation import validate
from careerfit_opt.io.writing import write_text_atomic, yaml_text
from careerfit_opt.model.base import Model
from careerfit_opt.model.scenario import CatalogSource

PARTIAL_FORMAT: Final = "careerfit-assess-partial/1"


def partial_path(out: Path) -> Path:
    """Where the answers of an unfinished run of ``careerfit assess --out OUT`` are kept.

    >>> partial_path(Path("me/assessment.yaml")).as_posix()
    'me/assessment.partial.yaml'
    """
    return out.with_name(f"{out.stem}.partial.yaml")


class Partial(Model):
    """Answers so far (the answers-file layout) and where the questions got to."""

    format: Literal["careerfit-assess-partial/1"] = PARTIAL_FORMAT
    catalog: CatalogSource
    answers: dict[str, Any] = Field(default_factory=dict)
    #: Steps finished, interest items answered so far, dimensions chosen for rating, …
    progress: dict[str, Any] = Field(default_factory=dict)


def load_partial(path: Path) -> Partial | None:
    """The kept answers at ``path`` (``None`` when there are none)."""
    if not path.exists():
        return None
    return validate(Partial, read_structured(path), source=str(path))


def save_partial(path: Path, partial: Partial) -> None:
    """Keep the answers so far (atomically)."""
    header = (
        "Answers so far of `careerfit assess`: run it again to resume, or with --restart to "
        "start over."
    )
    data = partial.model_dump(mode="json")
    data["catalog"] = partial.catalog.model_dump(mode="json", exclude_defaults=True)
    write_text_atomic(path, yaml_text(data, header))


def scenario_document(assessment: Assessment) -> dict[str, Any]:
    """The scenario as plain data, defaults left out."""
    sc = assessment.scenario
    data: dict[str, Any] = sc.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    # The catalogue is always named, even when it is the default one.
    data["catalog"] = sc.catalog.model_dump(mode="json", exclude_defaults=True)
    order = ("name", "description", "catalog", "profile", "target")
    ordered = {k: data[k] for k in order if k in data}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return ordered


def scenario_text(assessment: Assessment, answers_source: str | None = None) -> str:
    """The scenario file: YAML with a header saying how it was made and what to trust."""
    lines = [
        "careerfit-opt scenario written by `careerfit assess`"
        + (f" from the answers in {answers_source}." if answers_source else "."),
    ]
    method = assessment.interest_method
    if method and method.startswith("items"):
        lines.append(
            f"Interests: scored from the {method.removeprefix('items-')} item form; "
            + NOT_VALIDATED
            + "."
        )
    elif method and method.startswith("profiler"):
        lines.append(
            f"Interests: O*NET Interest Profiler scores ({method.removeprefix('profiler-')}) "
            "rescaled linearly onto 1-7."
        )
    for note in assessment.notes:
        if note != NOT_VALIDATED:
            lines.append(f"Note: {note}.")
    lines.append("Check it: careerfit validate FILE; careerfit recommend FILE; careerfit plan FILE")
    return yaml_text(scenario_document(assessment), "\n".join(lines))


def write_scenario(
    path: str | Path, assessment: Assessment, answers_source: str | None = None
) -> None:
    """Write the scenario file atomically."""
    write_text_atomic(Path(path), scenario_text(assessment, answers_source))
