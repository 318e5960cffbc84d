"""The Python surface users call: load, validate, recommend, plan.

The command-line tool calls only these functions, so everything it does can be done from Python.
"""

from __future__ import annotations

from typing import Any

from careerfit_opt.model.scenario import Scenario


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files.

    >>> scenario_schema()["title"]
    'Scenario'
    """
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
