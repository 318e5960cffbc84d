"""Reports and charts: what an adviser hands a client.

``units`` formats numbers with their units, ``build`` gathers results into a :class:`Report`,
``html`` and ``markdown`` render it, ``plots`` draws charts (matplotlib, the ``plot`` extra,
imported only when a chart is drawn).
"""

from careerfit_opt.report.build import PlanSection, Report, assemble, chosen_index
from careerfit_opt.report.fits import OccupationFit, occupation_fits

__all__ = [
    "OccupationFit",
    "PlanSection",
    "Report",
    "assemble",
    "chosen_index",
    "occupation_fits",
]
