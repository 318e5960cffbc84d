"""Self-assessment: build a profile from answers (interest items, a work-values ranking, jobs,
credentials, limits and the person's own levels) and write a scenario file.

The interest items are careerfit-opt's own and NOT a validated psychometric instrument
(docs/assessment.md).
"""

from careerfit_opt.assess.answers import Answers, InterestProfilerAnswer, JobAnswer
from careerfit_opt.assess.build import (
    Assessment,
    ImportantDimension,
    assess_profile,
    candidate_occupations,
    draft_profile,
    important_dimensions,
)
from careerfit_opt.assess.interests import InterestScores, profiler_scores, score_items
from careerfit_opt.assess.items import ITEMS, NOT_VALIDATED, Form, InterestItem, Response
from careerfit_opt.assess.values import values_from_ranking

__all__ = [
    "ITEMS",
    "NOT_VALIDATED",
    "Answers",
    "Assessment",
    "Form",
    "ImportantDimension",
    "InterestItem",
    "InterestProfilerAnswer",
    "InterestScores",
    "JobAnswer",
    "Response",
    "assess_profile",
    "candidate_occupations",
    "draft_profile",
    "important_dimensions",
    "profiler_scores",
    "score_items",
    "values_from_ranking",
]
