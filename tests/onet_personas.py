"""30 O*NET persona scenarios: a person working in one O*NET 30.1 occupation today, planning a
move to another (issue 11, item 4). Each profile takes the source occupation's skill and
knowledge levels, interests and work values (abilities stay unknown, so they are unassessed),
holds no credential (``credentials_complete``) and has the same limits."""

from __future__ import annotations

from careerfit_opt.model import Catalog, Profile, Scenario

#: (source O*NET-SOC code, target O*NET-SOC code): moves a counsellor sees.
MOVES: tuple[tuple[str, str], ...] = (
    ("41-2011.00", "27-1024.00"),  # cashier → graphic designer
    ("41-2011.00", "43-6014.00"),  # cashier → administrative assistant
    ("53-7062.00", "47-2111.00"),  # freight mover → electrician
    ("35-2014.00", "35-1011.00"),  # restaurant cook → chef
    ("43-4051.00", "15-1232.00"),  # customer service rep → computer user support
    ("25-2021.00", "13-1151.00"),  # elementary teacher → training specialist
    ("29-1141.00", "11-9111.00"),  # registered nurse → health services manager
    ("31-1131.00", "29-2061.00"),  # nursing assistant → LPN
    ("43-3031.00", "13-2011.00"),  # bookkeeping clerk → accountant
    ("41-2031.00", "41-9022.00"),  # retail salesperson → real estate agent
    ("33-9032.00", "33-3051.00"),  # security guard → police officer
    ("47-2061.00", "47-2031.00"),  # construction laborer → carpenter
    ("49-9071.00", "49-9021.00"),  # maintenance worker → HVAC mechanic
    ("53-3033.00", "53-3032.00"),  # light truck driver → heavy truck driver
    ("43-9061.00", "23-2011.00"),  # office clerk → paralegal
    ("15-1232.00", "15-1252.00"),  # computer user support → software developer
    ("27-1024.00", "27-1021.00"),  # graphic designer → industrial designer
    ("39-9011.00", "25-2021.00"),  # childcare worker → elementary teacher
    ("21-1093.00", "21-1021.00"),  # social service assistant → social worker
    ("31-9092.00", "29-2052.00"),  # medical assistant → pharmacy technician
    ("35-3031.00", "39-5012.00"),  # waiter → hairdresser
    ("51-2092.00", "51-4041.00"),  # team assembler → machinist
    ("43-5071.00", "13-1081.00"),  # shipping clerk → logistician
    ("19-4031.00", "29-2011.00"),  # chemical technician → medical lab technologist
    ("17-3023.00", "17-2071.00"),  # electrical engineering technician → electrical engineer
    ("33-2011.00", "11-9161.00"),  # firefighter → emergency management director
    ("45-2091.00", "49-3041.00"),  # farm equipment operator → farm equipment mechanic
    ("41-2011.00", "31-9092.00"),  # cashier → medical assistant
    ("53-7065.00", "53-7051.00"),  # stocker → forklift operator
    ("43-4051.00", "29-1141.00"),  # customer service rep → registered nurse
)

#: The same limits for everyone: 6,000 to spend, 15 hours a week, two years.
LIMITS = {"budget": 6000.0, "hours_per_week": 15.0, "horizon_weeks": 104}


def persona(catalog: Catalog, source: str, target: str) -> Scenario:
    """The scenario of someone working as ``source`` today who aims at ``target``."""
    occ = catalog.occupation(source)
    kinds = {d.id: d.kind.value for d in catalog.dimensions}
    levels = {k: r.level for k, r in occ.requirements.items() if kinds[k] in ("skill", "knowledge")}
    profile = Profile(
        name=f"{occ.title} ({source})",
        levels=levels,
        credentials_complete=True,
        interests=occ.interests,
        work_values=occ.work_values,
        limits=LIMITS,
    )
    return Scenario(name=f"{source} → {target}", profile=profile, target=target)


def personas(catalog: Catalog) -> list[Scenario]:
    """Every persona scenario of :data:`MOVES`."""
    return [persona(catalog, s, t) for s, t in MOVES]
