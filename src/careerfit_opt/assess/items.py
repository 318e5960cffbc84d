"""The interest items: short work activities a person rates like / not sure / dislike.

The 60 items (10 per RIASEC type) were written for careerfit-opt. They are **not a validated
psychometric instrument**: nobody has checked, on real people, how reliable they are or how well
they predict anything. They are not O*NET's Interest Profiler, whose scores a person can enter
instead (see :mod:`careerfit_opt.assess.interests`). The 30-item short form takes the first five
items of each type (``short=True``). docs/assessment.md explains the scoring.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from careerfit_opt.model.interests import RIASEC_CODES

#: Said wherever interest scores from these items are shown or written.
NOT_VALIDATED = (
    "the interest items are careerfit-opt's own, NOT a validated psychometric instrument: "
    "treat the interest scores as a rough self-description, not a measurement"
)


class Response(StrEnum):
    """An answer to one interest item."""

    LIKE = "like"
    NOT_SURE = "not sure"
    DISLIKE = "dislike"


#: Points per answer: the item score a type's mean is taken over.
RESPONSE_POINTS: dict[Response, int] = {Response.LIKE: 2, Response.NOT_SURE: 1, Response.DISLIKE: 0}

#: Spellings accepted for each answer (case and surrounding spaces ignored).
RESPONSE_SPELLINGS: dict[str, Response] = {
    "like": Response.LIKE,
    "l": Response.LIKE,
    "not sure": Response.NOT_SURE,
    "not_sure": Response.NOT_SURE,
    "unsure": Response.NOT_SURE,
    "n": Response.NOT_SURE,
    "u": Response.NOT_SURE,
    "?": Response.NOT_SURE,
    "dislike": Response.DISLIKE,
    "d": Response.DISLIKE,
}


def parse_response(text: str) -> Response:
    """``like``, ``not sure`` or ``dislike`` from any accepted spelling; ``ValueError`` else.

    >>> parse_response(" L "), parse_response("?"), parse_response("dislike")
    (<Response.LIKE: 'like'>, <Response.NOT_SURE: 'not sure'>, <Response.DISLIKE: 'dislike'>)
    """
    key = " ".join(str(text).strip().lower().split())
    try:
        return RESPONSE_SPELLINGS[key]
    except KeyError:
        raise ValueError(
            f"answer like (l), not sure (n or ?) or dislike (d) (got {text!r})"
        ) from None


@dataclass(frozen=True)
class InterestItem:
    """One work activity: its id (``R01``), RIASEC type, text and whether the short form has it."""

    id: str
    riasec: str
    text: str
    short: bool


_TEXTS: dict[str, tuple[str, ...]] = {
    # First five of each type: the short form.
    "realistic": (
        "Repair a leaking pipe under a sink",
        "Fix the brakes on a bicycle or a car",
        "Build a wooden deck from a plan",
        "Wire the lights and sockets of a garden shed",
        "Set up and adjust machines on a factory floor",
        "Drive a forklift in a warehouse",
        "Plant, water and harvest crops on a farm",
        "Service the engine of a boat",
        "Put up plasterboard and shelves in a room being renovated",
        "Drive a delivery truck on a regional route",
    ),
    "investigative": (
        "Test water samples for pollution in a laboratory",
        "Find out why a computer program gives wrong results",
        "Read research papers to answer a scientific question",
        "Use statistics to find patterns in survey data",
        "Investigate why a piece of equipment failed",
        "Design an experiment to test an idea",
        "Study how a new medicine acts in the body",
        "Watch animals in the wild and record how they behave",
        "Build a computer model of how storms develop",
        "Work out a mathematical proof",
    ),
    "artistic": (
        "Design the look of a website or a poster",
        "Write short stories or film scripts",
        "Take and edit photographs for a magazine",
        "Sketch ideas for furniture or clothes",
        "Illustrate a children's book",
        "Play an instrument in a band",
        "Act in a theatre play",
        "Compose the music for a video",
        "Dress a shop window to catch people's eye",
        "Create a dance for a show",
    ),
    "social": (
        "Teach a group of adults a new skill",
        "Help someone work through a personal problem",
        "Care for patients on a hospital ward",
        "Help a job seeker prepare for an interview",
        "Volunteer for a community organisation",
        "Coach a youth sports team",
        "Look after young children in a day-care centre",
        "Explain a health condition to a worried family",
        "Lead a support group",
        "Tutor a pupil who is struggling at school",
    ),
    "enterprising": (
        "Start and run your own business",
        "Persuade customers to buy a product",
        "Lead a team to reach a sales target",
        "Negotiate a contract with a supplier",
        "Promote a new service on social media",
        "Manage a shop or a restaurant",
        "Pitch a project to investors",
        "Run for election to a local council",
        "Organise a fundraising event and win sponsors",
        "Take charge of a project that is behind schedule",
    ),
    "conventional": (
        "Keep a company's financial records accurate",
        "Check invoices against orders for mistakes",
        "Enter data into a database",
        "Prepare the monthly payroll",
        "Check documents against rules and regulations",
        "Keep appointment calendars up to date",
        "File records so they are easy to find",
        "Keep the stock lists of a warehouse",
        "Proofread forms for missing information",
        "Fill in tax forms by following the rules",
    ),
}

#: Every item, in asking order: types interleaved (R01, I01, A01, …, C10) so a person's
#: attention drifts evenly over the six types.
ITEMS: tuple[InterestItem, ...] = tuple(
    InterestItem(id=f"{code[0].upper()}{n + 1:02d}", riasec=code, text=_TEXTS[code][n], short=n < 5)
    for n in range(10)
    for code in RIASEC_CODES
)
ITEM_BY_ID: dict[str, InterestItem] = {item.id: item for item in ITEMS}


class Form(StrEnum):
    """Which set of items a person answers."""

    SHORT = "short"
    FULL = "full"


def form_items(form: Form | str) -> tuple[InterestItem, ...]:
    """The items of ``form`` in asking order (30 for the short form, 60 for the full one).

    >>> len(form_items("short")), len(form_items("full"))
    (30, 60)
    """
    if Form(form) is Form.SHORT:
        return tuple(i for i in ITEMS if i.short)
    return ITEMS
