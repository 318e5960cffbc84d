"""Recommendation quality against a table of related occupations (plain data)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from careerfit_opt.model.base import Model

#: The layouts a related-occupations table can have (docs/evaluation.md).
RelatedFormat = Literal["related-occupations", "career-changers", "transitions"]
#: How a confidence interval is computed.
CiMethod = Literal["bootstrap", "normal"]


class RelatedTable(Model):
    """Related occupations per source occupation, in the table's order (best first when the
    table ranks them); ``tiers[source][target]`` is the tier where the table gives one
    (docs/evaluation.md). Read one with :func:`careerfit_opt.io.related.load_related`."""

    name: str
    format: RelatedFormat
    links: dict[str, tuple[str, ...]]
    tiers: dict[str, dict[str, str]] = Field(default_factory=dict)

    @property
    def size(self) -> int:
        """Number of (source, related) pairs."""
        return sum(len(v) for v in self.links.values())


class Measure(Model):
    """A mean over source occupations with its confidence interval [low, high]."""

    value: float
    low: float
    high: float


class SourceResult(Model):
    """One source occupation: its top-k, how many of them are related, and the measures."""

    source: str
    related: int
    hits: int
    first_hit_rank: int | None
    precision: float
    recall: float
    reciprocal_rank: float
    top: list[str] = Field(default_factory=list)


class Evaluation(Model):
    """How well a catalogue's recommendations agree with a related-occupations table.

    Each source occupation A of the table that is in the catalogue becomes a profile
    (``Profile.from_occupation(A)``); its top ``k`` recommendations, A excluded, are compared
    with A's related occupations. ``precision`` = hits / k, ``recall`` = hits / A's related
    occupations (all of them, also those the catalogue lacks), ``mrr`` = mean of 1 / rank of the
    first hit within the top k (0 when none). Each is a mean over sources with a ``confidence``
    interval (docs/evaluation.md).
    """

    catalog: str
    related_file: str
    related_format: RelatedFormat
    k: int
    sources: int
    links: int
    precision: Measure
    recall: Measure
    mrr: Measure
    ci_method: CiMethod
    confidence: float
    resamples: int | None
    seed: int | None
    #: Sources of the table that are not in the catalogue (skipped).
    missing_sources: list[str] = Field(default_factory=list)
    #: Related occupations that are not in the catalogue (they count as misses).
    missing_targets: int = 0
    per_source: list[SourceResult] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
