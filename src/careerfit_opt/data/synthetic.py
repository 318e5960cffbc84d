"""Seeded synthetic data: action catalogues, profile populations and whole catalogues.

Everything here is made up for tests and benchmarks and says so: action ids start with
``syn-``, profile names start with ``synthetic``, generated catalogues have ``synthetic=True``.
The same arguments always give the same result (a NumPy ``Generator`` seeded from ``seed``).

Design of a generated action set (see docs/data.md):

* **course chains** per skill-like dimension (skill, knowledge, ability): stage 1 (intro) has no
  prerequisite, stage 2 needs a level threshold (placement: a person already at that level may
  skip the intro), stage 3 and later also need the previous stage by id;
* **alternatives**: some intro courses come from a second provider; both share an
  ``exclusive_group`` (at most one of them is taken);
* **cohorts**: some courses start only on listed weeks (``start_weeks``);
* **certifications** grant credential dimensions (when the catalogue has any) and need a level
  on a related skill;
* **trial roles** (internships, apprenticeships, volunteering, freelance) give experience
  months (when the catalogue has experience dimensions) and some skill; some are paid
  (negative cost);
* **networking** steps give contacts on network dimensions (or a little of a social skill).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from careerfit_opt.model.actions import Action, ActionKind, TrialType
from careerfit_opt.model.base import slug
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension, DimensionKind
from careerfit_opt.model.interests import RIASEC_CODES, WORK_VALUE_NAMES, Riasec, WorkValues
from careerfit_opt.model.occupations import Occupation, Requirement
from careerfit_opt.model.profiles import Limits, Profile

#: Weeks the generators design for: cohort windows fall inside it and chains fit in it.
DESIGN_HORIZON_WEEKS = 104
_SKILL_LIKE = (DimensionKind.SKILL, DimensionKind.KNOWLEDGE, DimensionKind.ABILITY)
_LETTERS = "RIASEC"
_PROVIDERS = (
    "City Community College",
    "OpenLearn Online",
    "State University Extension",
    "Tech Academy",
    "Workforce Training Center",
    "Professional Institute",
)
_STAGE_NAMES = ("Introduction to", "Intermediate", "Advanced", "Expert topics in")


@dataclass
class _Draft:
    """A mutable action draft; turned into a validated :class:`Action` at the end."""

    id: str
    kind: ActionKind
    title: str
    duration_weeks: int
    hours_per_week: float
    cost: float
    provider: str = ""
    trial_type: TrialType | None = None
    gains: dict[str, float] = field(default_factory=dict)
    requires_levels: dict[str, float] = field(default_factory=dict)
    requires_actions: list[str] = field(default_factory=list)
    start_weeks: list[int] | None = None
    exclusive_group: str | None = None
    interests: list[str] = field(default_factory=list)

    def build(self) -> Action:
        return Action(
            id=self.id,
            kind=self.kind,
            title=self.title,
            provider=self.provider,
            trial_type=self.trial_type,
            duration_weeks=self.duration_weeks,
            hours_per_week=self.hours_per_week,
            cost=self.cost,
            start_weeks=self.start_weeks,
            requires_actions=self.requires_actions,
            requires_levels=self.requires_levels,
            gains=self.gains,
            exclusive_group=self.exclusive_group,
            interests=self.interests,
        )


def _letters(rng: np.random.Generator, k: int = 2) -> list[str]:
    picks = rng.choice(6, size=int(rng.integers(1, k + 1)), replace=False)
    return [_LETTERS[i] for i in sorted(int(p) for p in picks)]


def _cohorts(rng: np.random.Generator, duration: int) -> list[int]:
    period = int(rng.choice([8, 12, 13, 16, 26]))
    first = int(rng.integers(0, period))
    last = max(first, DESIGN_HORIZON_WEEKS - duration)
    return list(range(first, last + 1, period))


def _split_counts(count: int, catalog: Catalog) -> dict[str, int]:
    """How many actions of each category to make (courses take the rest)."""
    dims = catalog.dimensions
    n_cred = sum(d.kind is DimensionKind.CREDENTIAL for d in dims)
    n_cert = min(round(0.08 * count), 2 * n_cred) if n_cred else 0
    n_trial = round(0.15 * count)
    n_net = round(0.07 * count)
    n_alt = round(0.08 * count)
    if count < 20:  # small sets: courses first, they are what every catalogue needs
        n_cert, n_trial, n_net, n_alt = min(n_cert, 1), min(n_trial, 1), 0, 0
    n_course = count - n_cert - n_trial - n_net - n_alt
    if n_course < 1:
        n_course, n_alt = n_course + n_alt, 0
    return {"course": n_course, "alt": n_alt, "cert": n_cert, "trial": n_trial, "net": n_net}


def generate_actions(catalog: Catalog, count: int, seed: int) -> list[Action]:
    """``count`` synthetic actions over ``catalog``'s dimensions (ids prefixed ``syn-``).

    The mix is described in the module docstring. Gains are in each dimension's own units (a
    0–7 level, months, contacts) and never exceed its scale; thresholds lie inside the scale.

    >>> from careerfit_opt.model.dimensions import Dimension
    >>> cat = Catalog(name="t", dimensions=[Dimension(id="writing", name="Writing", kind="skill")])
    >>> acts = generate_actions(cat, count=3, seed=1)
    >>> [a.id.startswith("syn-") for a in acts]
    [True, True, True]
    """
    if count < 0:
        raise ValueError(f"count must be ≥ 0 (got {count})")
    rng = np.random.default_rng(seed)
    dims = catalog.dimensions
    skill_like = [d for d in dims if d.kind in _SKILL_LIKE]
    creds = [d for d in dims if d.kind is DimensionKind.CREDENTIAL]
    exps = [d for d in dims if d.kind is DimensionKind.EXPERIENCE]
    nets = [d for d in dims if d.kind is DimensionKind.NETWORK]
    if not skill_like:  # a catalogue of only credentials etc.: courses teach any dimension
        skill_like = list(dims)
    counts = _split_counts(count, catalog)
    # An alternative needs an intro course to copy: at most one per skill-like dimension.
    spare = max(0, counts["alt"] - min(counts["course"], len(skill_like)))
    counts["alt"] -= spare
    counts["course"] += spare
    drafts: list[_Draft] = []
    seq = iter(range(1, 10**6))

    def new_id(tag: str) -> str:
        return f"syn-{next(seq):04d}-{tag[:40]}"

    # Course chains: stage 1 for every dimension (in a seeded order), then stage 2, and so on.
    order = [skill_like[int(i)] for i in rng.permutation(len(skill_like))]
    chains: dict[str, list[_Draft]] = {d.id: [] for d in order}
    reached: dict[str, float] = {}  # cumulative gain of a chain's stages so far
    for n in range(counts["course"]):
        dim = order[n % len(order)]
        chain = chains[dim.id]
        stage = len(chain)
        span = dim.hi - dim.lo
        gain = round(float(rng.uniform(0.16, 0.26)) * span, 2)
        prior = reached.get(dim.id, 0.0)
        gain = min(gain, round(span - prior, 2))
        if gain <= 0.0:  # chain already reaches the top: start another pass elsewhere
            gain = round(0.1 * span, 2)
            prior = 0.0
        duration = int(rng.integers(4, 13))
        draft = _Draft(
            id=new_id(f"{dim.id}-{stage + 1}"),
            kind=ActionKind.COURSE,
            title=f"{_STAGE_NAMES[min(stage, 3)]} {dim.name.lower()}"
            + (f" ({stage + 1})" if stage >= 3 else ""),
            provider=str(rng.choice(_PROVIDERS)),
            duration_weeks=duration,
            hours_per_week=float(rng.choice([3.0, 4.0, 5.0, 6.0, 8.0])),
            cost=float(rng.choice([0.0, 0.0, 1.0, 1.0, 1.0]))
            * round(float(rng.uniform(80, 400)) * (1 + 0.5 * stage), -1),
            gains={dim.id: gain},
            interests=_letters(rng),
        )
        side = [d for d in skill_like if d.id != dim.id]
        if side and rng.random() < 0.6:
            other = side[int(rng.integers(len(side)))]
            draft.gains[other.id] = round(float(rng.uniform(0.03, 0.08)) * (other.hi - other.lo), 2)
        if stage >= 1:
            # Placement threshold: most of what the earlier stages teach (base unknown = lo).
            draft.requires_levels[dim.id] = round(dim.lo + 0.85 * prior, 2)
        if stage >= 2:
            draft.requires_actions.append(chain[-1].id)
        if rng.random() < 0.2:
            draft.start_weeks = _cohorts(rng, duration)
        reached[dim.id] = prior + gain
        chain.append(draft)
        drafts.append(draft)

    # Alternatives: the same intro course from another provider; at most one of the pair.
    intros = [c[0] for c in chains.values() if c and not c[0].requires_levels]
    for base in intros[: counts["alt"]]:
        group = f"grp-{base.id}"
        base.exclusive_group = group
        alt = _Draft(
            id=new_id(base.id.split("-", 2)[2] + "-alt"),
            kind=ActionKind.COURSE,
            title=base.title + " (alternative provider)",
            provider=str(rng.choice([p for p in _PROVIDERS if p != base.provider])),
            duration_weeks=max(1, base.duration_weeks + int(rng.integers(-3, 4))),
            hours_per_week=float(rng.choice([3.0, 5.0, 8.0, 10.0])),
            cost=round(base.cost * float(rng.uniform(0.5, 1.8)), -1),
            gains=dict(base.gains),
            exclusive_group=group,
            interests=list(base.interests),
        )
        drafts.append(alt)

    # Certifications: grant a credential, need a related skill level; some on exam dates.
    for n in range(counts["cert"]):
        cred = creds[n % len(creds)]
        skill = skill_like[int(rng.integers(len(skill_like)))]
        duration = int(rng.integers(2, 9))
        draft = _Draft(
            id=new_id(f"cert-{cred.id}"),
            kind=ActionKind.CERTIFICATION,
            title=f"{cred.name} certification" + (" (exam prep track)" if n >= len(creds) else ""),
            provider=str(rng.choice(_PROVIDERS)),
            duration_weeks=duration,
            hours_per_week=float(rng.choice([4.0, 6.0, 8.0])),
            cost=round(float(rng.uniform(150, 900)), -1),
            gains={cred.id: cred.hi - cred.lo},
            requires_levels={skill.id: round(skill.lo + 0.3 * (skill.hi - skill.lo), 2)},
            interests=_letters(rng, 1),
        )
        if n >= len(creds):  # a second route to the same credential: alternatives
            route1 = next(d for d in drafts if d.gains.get(cred.id))
            route1.exclusive_group = draft.exclusive_group = f"grp-{route1.id}"
        if rng.random() < 0.3:
            draft.start_weeks = _cohorts(rng, duration)
        drafts.append(draft)

    # Trial roles: experience months plus some skill; some paid, some need a level first.
    trial_types = list(TrialType)
    for n in range(counts["trial"]):
        ttype = trial_types[n % len(trial_types)]
        duration = int(rng.integers(6, 27))
        skills = rng.choice(len(skill_like), size=min(2, len(skill_like)), replace=False)
        gains = {
            skill_like[int(i)].id: round(
                float(rng.uniform(0.05, 0.12)) * (skill_like[int(i)].hi - skill_like[int(i)].lo), 2
            )
            for i in skills
        }
        if exps:
            exp = exps[n % len(exps)]
            gains[exp.id] = round(min(exp.hi - exp.lo, duration / 4.33), 1)
        paid = ttype in (TrialType.APPRENTICESHIP, TrialType.FREELANCE) or rng.random() < 0.3
        if ttype is TrialType.VOLUNTEERING:
            paid = False
        hours = float(rng.choice([6.0, 8.0, 10.0, 15.0]))
        first = skill_like[int(skills[0])]
        draft = _Draft(
            id=new_id(f"trial-{ttype.value}"),
            kind=ActionKind.TRIAL_ROLE,
            trial_type=ttype,
            title=f"{ttype.value.capitalize()}: {first.name.lower()} in practice",
            provider=str(rng.choice(["Local employer", "Nonprofit partner", "Startup hub"])),
            duration_weeks=duration,
            hours_per_week=hours,
            cost=-round(hours * duration * float(rng.uniform(10, 20)), -1) if paid else 0.0,
            gains=gains,
            interests=_letters(rng),
        )
        if rng.random() < 0.5:
            draft.requires_levels[first.id] = round(first.lo + 0.25 * (first.hi - first.lo), 2)
        if rng.random() < 0.25:
            draft.start_weeks = _cohorts(rng, duration)
        drafts.append(draft)

    # Networking: contacts on network dimensions, or a little of a social skill otherwise.
    for n in range(counts["net"]):
        duration = int(rng.integers(1, 5))
        if nets:
            net = nets[n % len(nets)]
            gains = {net.id: float(min(net.hi - net.lo, int(rng.integers(2, 6))))}
        else:
            dim = skill_like[int(rng.integers(len(skill_like)))]
            gains = {dim.id: round(0.04 * (dim.hi - dim.lo), 2)}
        label = ("Informational interviews", "Industry meetup series", "Mentoring circle")[n % 3]
        drafts.append(
            _Draft(
                id=new_id("networking"),
                kind=ActionKind.NETWORKING,
                title=f"{label} ({n + 1})",
                duration_weeks=duration,
                hours_per_week=float(rng.choice([1.0, 2.0, 3.0])),
                cost=float(rng.choice([0.0, 0.0, 25.0, 60.0])),
                gains=gains,
                interests=["S", "E"],
            )
        )
    return [d.build() for d in drafts]


def _near(rng: np.random.Generator, value: float, sd: float) -> float:
    return float(np.clip(value + rng.normal(0.0, sd), 1.0, 7.0))


def generate_profiles(
    catalog: Catalog,
    count: int,
    seed: int,
    unknown_share: float = 0.15,
    noise: float = 0.75,
) -> list[Profile]:
    """``count`` synthetic people, each drawn around one of ``catalog``'s occupations.

    For an occupation picked at random, each required level is lowered by a random gap
    (``noise`` × a Gamma(1.5, 0.7) draw in 0–7 units, rescaled to the dimension's scale; one in
    five dimensions is instead slightly *above* the requirement), then clipped to the scale.
    A share ``unknown_share`` of dimensions is left unknown. Interests and work values are the
    occupation's, perturbed by ``noise``. Limits: a budget of 1,000–8,000, 8–20 hours a week,
    a 104-week horizon. The name says it is synthetic and which occupation it is drawn around.

    >>> cat = generate_catalog(n_dimensions=12, n_occupations=5, n_actions=30, seed=0)
    >>> [p.name.startswith("synthetic") for p in generate_profiles(cat, 2, seed=0)]
    [True, True]
    """
    if not 0.0 <= unknown_share <= 1.0:
        raise ValueError(f"unknown_share must be within 0–1 (got {unknown_share})")
    occupations = [o for o in catalog.occupations if o.requirements]
    if not occupations:
        raise ValueError(f"catalogue {catalog.name!r} has no occupation with requirements")
    rng = np.random.default_rng(seed)
    dims = catalog.dimension_by_id
    out: list[Profile] = []
    for n in range(count):
        occ = occupations[int(rng.integers(len(occupations)))]
        levels: dict[str, float | None] = {}
        for dim_id, req in occ.requirements.items():
            dim = dims[dim_id]
            if rng.random() < unknown_share:
                continue
            unit = (dim.hi - dim.lo) / 7.0
            if dim.kind is DimensionKind.CREDENTIAL:
                level = dim.hi if (req.level <= dim.lo or rng.random() < 0.4) else dim.lo
            elif rng.random() < 0.2:
                level = req.level + float(rng.gamma(1.5, 0.3)) * noise * unit
            else:
                level = req.level - float(rng.gamma(1.5, 0.7)) * noise * unit
            levels[dim_id] = round(float(np.clip(level, dim.lo, dim.hi)), 2)
        interests = None
        if occ.interests is not None:
            base = occ.interests.as_tuple()
            interests = Riasec(
                **{
                    c: round(_near(rng, v, noise), 2)
                    for c, v in zip(RIASEC_CODES, base, strict=True)
                }
            )
        values = None
        if occ.work_values is not None:
            values = WorkValues(
                **{
                    c: (None if v is None else round(_near(rng, v, noise), 2))
                    for c, v in zip(WORK_VALUE_NAMES, occ.work_values.as_tuple(), strict=True)
                }
            )
        out.append(
            Profile(
                name=f"synthetic-{seed}-{n + 1:05d} (near {occ.id})",
                description=f"Synthetic profile drawn around {occ.title} ({occ.id}), seed {seed}",
                levels=levels,
                interests=interests,
                work_values=values,
                limits=Limits(
                    budget=round(float(rng.uniform(1000, 8000)), -1),
                    hours_per_week=float(rng.choice([8.0, 10.0, 12.0, 15.0, 20.0])),
                    horizon_weeks=DESIGN_HORIZON_WEEKS,
                ),
            )
        )
    return out


_SKILL_NAMES = (
    "Programming", "Writing", "Data Analysis", "Public Speaking", "Negotiation",
    "Project Management", "Critical Thinking", "Active Listening", "Bookkeeping",
    "Graphic Design", "Customer Service", "Statistics", "Troubleshooting", "Teaching",
    "Persuasion", "Time Management", "Monitoring", "Coordination", "Equipment Maintenance",
    "Quality Control Analysis", "Systems Analysis", "Research", "Sales", "Budgeting",
    "Technical Drawing", "Patient Care", "Scheduling", "Translation", "Photography",
    "Carpentry", "Electrical Wiring", "Machine Operation",
)  # fmt: skip
_KNOWLEDGE_NAMES = (
    "Mathematics", "Law and Government", "Medicine", "Economics and Accounting",
    "Computers and Electronics", "Psychology", "Biology", "Chemistry", "Design",
    "Education and Training", "Marketing", "Engineering and Technology",
)  # fmt: skip
_CREDENTIAL_NAMES = (
    "Project Management Professional", "Registered Nurse Licence", "Cloud Practitioner",
    "Certified Bookkeeper", "Electrician Licence", "Teaching Certificate",
)  # fmt: skip
_FAMILIES = ("technology", "healthcare", "business", "education", "trades", "creative")


def _synthetic_dimensions(n: int) -> list[Dimension]:
    n_net = 1 if n >= 10 else 0
    n_exp = min(len(_FAMILIES), max(0, n // 20 + (1 if n >= 8 else 0)))
    n_cred = min(len(_CREDENTIAL_NAMES), n // 12)
    n_know = min(len(_KNOWLEDGE_NAMES), n // 5)
    n_skill = n - n_net - n_exp - n_cred - n_know
    out: list[Dimension] = []

    def add(name: str, kind: DimensionKind, prefix: str = "") -> None:
        out.append(Dimension(id=prefix + slug(name), name=name, kind=kind))

    for i in range(n_skill):
        name = _SKILL_NAMES[i % len(_SKILL_NAMES)]
        add(
            name if i < len(_SKILL_NAMES) else f"{name} {i // len(_SKILL_NAMES) + 1}",
            DimensionKind.SKILL,
        )
    for name in _KNOWLEDGE_NAMES[:n_know]:
        add(name, DimensionKind.KNOWLEDGE, "knowledge_")
    for name in _CREDENTIAL_NAMES[:n_cred]:
        add(name, DimensionKind.CREDENTIAL, "cert_")
    for fam in _FAMILIES[:n_exp]:
        add(f"Experience in {fam}", DimensionKind.EXPERIENCE)
    if n_net:
        add("Professional network", DimensionKind.NETWORK)
    return out


def _synthetic_occupation(
    rng: np.random.Generator, i: int, dims: Sequence[Dimension]
) -> Occupation:
    skill_like = [d for d in dims if d.kind in _SKILL_LIKE]
    k = min(len(skill_like), int(rng.integers(8, 15)))
    picks = sorted(int(j) for j in rng.choice(len(skill_like), size=k, replace=False))
    reqs: dict[str, Requirement] = {}
    for j in picks:
        d = skill_like[j]
        reqs[d.id] = Requirement(
            level=round(float(rng.uniform(1.5, 5.0)), 2),
            importance=round(float(rng.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])), 2),
        )
    exps = [d for d in dims if d.kind is DimensionKind.EXPERIENCE]
    family = _FAMILIES[i % len(exps)] if exps else None
    for d in dims:
        if d.kind is DimensionKind.CREDENTIAL and rng.random() < 0.15:
            reqs[d.id] = Requirement(level=1.0, importance=float(rng.choice([3.5, 4.5])))
        elif (
            d.kind is DimensionKind.EXPERIENCE and d.id.endswith(str(family)) and rng.random() < 0.5
        ):
            reqs[d.id] = Requirement(level=float(rng.integers(3, 10)), importance=3.5)
        elif d.kind is DimensionKind.NETWORK and rng.random() < 0.3:
            reqs[d.id] = Requirement(level=float(rng.integers(3, 9)), importance=3.0)
    scores: dict[str, Any] = {c: round(float(rng.uniform(1.0, 7.0)), 2) for c in RIASEC_CODES}
    values: dict[str, Any] = {v: round(float(rng.uniform(1.5, 6.5)), 2) for v in WORK_VALUE_NAMES}
    return Occupation(
        id=f"syn-occ-{i + 1:03d}",
        title=f"Synthetic occupation {i + 1}",
        description="Made-up occupation for tests and benchmarks.",
        requirements=reqs,
        interests=Riasec(**scores),
        work_values=WorkValues(**values),
        job_zone=int(rng.integers(1, 6)),
        family=family,
    )


def generate_catalog(
    n_dimensions: int = 40, n_occupations: int = 60, n_actions: int = 150, seed: int = 0
) -> Catalog:
    """A whole synthetic catalogue (``synthetic=True``) for planner benchmarks.

    Dimensions are mostly skills and knowledge areas (0–7), plus credentials (0/1), experience
    (months) and a professional network (contacts) when ``n_dimensions`` is large enough.
    Each occupation asks for 8–14 skill-like levels between 1.5 and 5 (importance 2–5), and
    sometimes a credential, a few months of experience in its family or a few contacts. Actions
    come from :func:`generate_actions`, so profiles from :func:`generate_profiles` usually face
    several gaps and prerequisite chains yet can mostly close them within 104 weeks.

    >>> cat = generate_catalog(seed=0)
    >>> len(cat.dimensions), len(cat.occupations), len(cat.actions), cat.synthetic
    (40, 60, 150, True)
    """
    if n_dimensions < 1:
        raise ValueError(f"n_dimensions must be ≥ 1 (got {n_dimensions})")
    rng = np.random.default_rng(seed)
    dims = _synthetic_dimensions(n_dimensions)
    occupations = [_synthetic_occupation(rng, i, dims) for i in range(n_occupations)]
    base = Catalog(
        name=f"synthetic-{n_dimensions}d-{n_occupations}o-{n_actions}a-seed{seed}",
        description="Synthetic catalogue for tests and benchmarks; every number is made up.",
        illustrative=True,
        synthetic=True,
        metadata={"generator": "careerfit_opt.data.synthetic.generate_catalog", "seed": str(seed)},
        dimensions=dims,
        occupations=occupations,
    )
    # A separate stream for actions keeps them stable when the occupation draws change.
    return base.with_actions(generate_actions(base, n_actions, seed=seed + 7919))
