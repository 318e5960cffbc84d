"""Generate the bundled, ILLUSTRATIVE action catalogue for real O*NET occupations.

Writes ``src/careerfit_opt/data/careers/actions.yaml`` from the hand-written tables below; the
O*NET release only supplies the names of the skill and knowledge areas. The output is committed
and reviewed as data; rerun after editing a table:

    python scripts/make_career_actions.py ../shared/data/onet-30.1

Assumptions (docs/catalog.md, "The bundled actions for O*NET occupations"):

- one course level adds 1.5 on O*NET's 0–7 level scale to its area; three levels per skill and
  knowledge area (introduction, intermediate from level 1.5, advanced from level 3), 8/10/12
  weeks at 5/6/8 hours a week, costing 250/600/1,200 (community-college and online-provider
  prices, USD, rounded);
- a family's foundations certificate adds 0.75 to each of its six signature areas (12 weeks,
  10 h, 1,500), its diploma another 0.75 (26 weeks, 12 h, 4,000, cohorts every 13 weeks);
- trial roles add 0.5 to one or two of the family's first signature areas (the field's own
  knowledge and skills, not general ones) and experience months = weeks / 4.33 × min(1,
  hours / 35), as in the bundled default catalogue; internships pay 15 USD an hour;
- networking adds contacts: meetups 4, informational interviews 3, a conference 8;
- each licence or certification has a preparation programme and an exam with the thresholds
  and prerequisites its (US-typical) rules ask for.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/careerfit_opt/data/careers/actions.yaml"
OVERLAY = ROOT / "src/careerfit_opt/data/careers/overlay.yaml"
DEFAULT = ROOT / "src/careerfit_opt/data/bundled/default.yaml"

#: Family → (title, RIASEC letters, the trial role's title, its trial type, weekly hours).
FAMILIES: dict[str, tuple[str, list[str], str, str]] = {
    "business_finance": ("Business and Finance", ["E", "C"], "Office Operations", "internship"),
    "data_it": ("Computing and Data", ["I", "C"], "Junior IT Support", "internship"),
    "engineering": ("Engineering and Architecture", ["I", "R"], "Engineering Aide", "internship"),
    "science": ("Science", ["I"], "Laboratory Assistant", "internship"),
    "social_services": ("Community and Social Services", ["S"], "Case Aide", "volunteering"),
    "legal": ("Law", ["E", "I"], "Legal Clerk", "internship"),
    "education": ("Teaching and Training", ["S"], "Classroom Aide", "volunteering"),
    "design": ("Arts, Design and Media", ["A"], "Studio Assistant", "freelance"),
    "healthcare": ("Health Care", ["S", "I"], "Patient Care Aide", "internship"),
    "protective": ("Public Safety", ["R", "S"], "Public Safety Volunteer", "volunteering"),
    "hospitality_retail": (
        "Hospitality and Food Service",
        ["E", "S"],
        "Kitchen and Floor Crew",
        "internship",
    ),
    "personal_care": ("Personal Care and Service", ["S"], "Care Assistant", "volunteering"),
    "sales_marketing": ("Sales and Marketing", ["E"], "Sales Assistant", "internship"),
    "agriculture": ("Agriculture and Natural Resources", ["R"], "Farm Hand", "internship"),
    "trades": (
        "Construction, Repair and Production Trades",
        ["R"],
        "Trades Helper",
        "apprenticeship",
    ),
    "logistics": (
        "Transportation and Logistics",
        ["R", "C"],
        "Warehouse and Dispatch Crew",
        "internship",
    ),
}

#: Family → its six signature skill and knowledge areas (the ones O*NET rates important across
#: most of the family's occupations, chosen by hand), taught by its certificate and diploma.
SIGNATURE: dict[str, list[str]] = {
    "business_finance": [
        "knowledge_economics_and_accounting",
        "knowledge_administration_and_management",
        "knowledge_administrative",
        "mathematics",
        "management_of_financial_resources",
        "writing",
    ],
    "data_it": [
        "programming",
        "knowledge_computers_and_electronics",
        "systems_analysis",
        "knowledge_mathematics",
        "complex_problem_solving",
        "technology_design",
    ],
    "engineering": [
        "knowledge_engineering_and_technology",
        "knowledge_design",
        "knowledge_physics",
        "knowledge_mathematics",
        "science",
        "operations_analysis",
    ],
    "science": [
        "science",
        "knowledge_biology",
        "knowledge_chemistry",
        "knowledge_mathematics",
        "writing",
        "critical_thinking",
    ],
    "social_services": [
        "knowledge_therapy_and_counseling",
        "knowledge_psychology",
        "knowledge_sociology_and_anthropology",
        "social_perceptiveness",
        "service_orientation",
        "active_listening",
    ],
    "legal": [
        "knowledge_law_and_government",
        "writing",
        "reading_comprehension",
        "negotiation",
        "persuasion",
        "knowledge_english_language",
    ],
    "education": [
        "knowledge_education_and_training",
        "instructing",
        "learning_strategies",
        "knowledge_psychology",
        "speaking",
        "knowledge_english_language",
    ],
    "design": [
        "knowledge_design",
        "knowledge_fine_arts",
        "knowledge_communications_and_media",
        "technology_design",
        "knowledge_computers_and_electronics",
        "critical_thinking",
    ],
    "healthcare": [
        "knowledge_medicine_and_dentistry",
        "knowledge_biology",
        "knowledge_therapy_and_counseling",
        "knowledge_psychology",
        "service_orientation",
        "monitoring",
    ],
    "protective": [
        "knowledge_public_safety_and_security",
        "knowledge_law_and_government",
        "judgment_and_decision_making",
        "knowledge_psychology",
        "social_perceptiveness",
        "negotiation",
    ],
    "hospitality_retail": [
        "knowledge_food_production",
        "knowledge_customer_and_personal_service",
        "service_orientation",
        "coordination",
        "time_management",
        "knowledge_sales_and_marketing",
    ],
    "personal_care": [
        "knowledge_customer_and_personal_service",
        "service_orientation",
        "social_perceptiveness",
        "knowledge_psychology",
        "coordination",
        "speaking",
    ],
    "sales_marketing": [
        "knowledge_sales_and_marketing",
        "knowledge_customer_and_personal_service",
        "persuasion",
        "negotiation",
        "speaking",
        "knowledge_communications_and_media",
    ],
    "agriculture": [
        "knowledge_food_production",
        "knowledge_biology",
        "operation_and_control",
        "equipment_maintenance",
        "knowledge_mechanical",
        "operations_monitoring",
    ],
    "trades": [
        "knowledge_building_and_construction",
        "knowledge_mechanical",
        "installation",
        "repairing",
        "troubleshooting",
        "equipment_maintenance",
    ],
    "logistics": [
        "knowledge_transportation",
        "operation_and_control",
        "knowledge_public_safety_and_security",
        "operations_monitoring",
        "time_management",
        "knowledge_production_and_processing",
    ],
}

#: Credentials O*NET lacks that the overlay needs beyond the default catalogue's 16.
NEW_CREDENTIALS = {
    "license_lpn": "Licensed practical nurse licence (NCLEX-PN)",
    "license_cdl": "Commercial driver's licence, class A (CDL-A)",
    "license_dental_hygienist": "Dental hygienist licence (RDH)",
    "license_pharmacist": "Pharmacist licence (NAPLEX)",
    "license_cosmetology": "Cosmetology licence",
    "license_bar": "Admission to the bar (attorney licence)",
    "cert_cna": "Certified Nursing Assistant (CNA)",
    "cert_pharmacy_technician": "Certified Pharmacy Technician (CPhT)",
    "cert_police_academy": "Police academy certification (POST)",
    "cert_firefighter": "Firefighter I/II certification",
    "cert_paralegal": "Certified Paralegal",
}

#: Credential → (programme title, weeks, hours a week, cost, cohort every n weeks or 0,
#: gains of the programme, exam title, exam weeks, exam cost, exam thresholds, family).
CREDENTIAL_PATHS: dict[str, dict[str, Any]] = {
    "license_electrician": dict(
        prog="Electrical Apprenticeship Classroom Programme",
        weeks=40,
        hours=6,
        cost=2400,
        cohort=13,
        gains={
            "installation": 1.0,
            "troubleshooting": 0.5,
            "knowledge_building_and_construction": 1.0,
            "knowledge_physics": 0.5,
        },
        exam="Journeyman Electrician Licence Exam",
        exam_weeks=2,
        exam_cost=350,
        needs={"experience_trades": 24, "installation": 3.0},
        family="trades",
    ),
    "license_plumber": dict(
        prog="Plumbing Apprenticeship Classroom Programme",
        weeks=40,
        hours=6,
        cost=2200,
        cohort=13,
        gains={
            "installation": 1.0,
            "repairing": 0.5,
            "knowledge_building_and_construction": 1.0,
            "knowledge_mechanical": 0.5,
        },
        exam="Journeyman Plumber Licence Exam",
        exam_weeks=2,
        exam_cost=300,
        needs={"experience_trades": 24, "installation": 3.0},
        family="trades",
    ),
    "cert_epa_608": dict(
        prog="Refrigerant Handling Prep Course",
        weeks=3,
        hours=4,
        cost=120,
        gains={"knowledge_chemistry": 0.5, "knowledge_mechanical": 0.5},
        exam="EPA Section 608 Exam",
        exam_weeks=1,
        exam_cost=150,
        needs={},
        family="trades",
    ),
    "cert_ase": dict(
        prog="Automotive Service Technology Programme",
        weeks=30,
        hours=10,
        cost=3500,
        cohort=10,
        gains={
            "repairing": 1.0,
            "troubleshooting": 1.0,
            "knowledge_mechanical": 1.0,
            "equipment_maintenance": 0.5,
        },
        exam="ASE Certification Test",
        exam_weeks=1,
        exam_cost=200,
        needs={"experience_trades": 6},
        family="trades",
    ),
    "cert_forklift": dict(
        prog="Forklift Operator Training",
        weeks=1,
        hours=8,
        cost=150,
        gains={"operation_and_control": 1.0, "knowledge_public_safety_and_security": 0.5},
        exam="Forklift Operator Evaluation",
        exam_weeks=1,
        exam_cost=50,
        needs={},
        family="logistics",
    ),
    "license_cdl": dict(
        prog="CDL Class A Truck Driving School",
        weeks=6,
        hours=30,
        cost=5000,
        cohort=4,
        gains={
            "operation_and_control": 1.5,
            "knowledge_transportation": 1.5,
            "knowledge_public_safety_and_security": 0.5,
        },
        exam="CDL Skills and Knowledge Tests",
        exam_weeks=1,
        exam_cost=250,
        needs={},
        family="logistics",
    ),
    "license_registered_nurse": dict(
        prog="Associate Degree in Nursing, Year 1",
        weeks=40,
        hours=25,
        cost=6000,
        cohort=26,
        gains={
            "knowledge_medicine_and_dentistry": 1.5,
            "knowledge_biology": 1.0,
            "knowledge_psychology": 0.5,
            "service_orientation": 0.5,
            "experience_healthcare": 3,
        },
        prog2="Associate Degree in Nursing, Year 2",
        gains2={
            "knowledge_medicine_and_dentistry": 1.5,
            "knowledge_therapy_and_counseling": 1.0,
            "monitoring": 1.0,
            "judgment_and_decision_making": 0.5,
            "experience_healthcare": 3,
        },
        exam="NCLEX-RN Exam",
        exam_weeks=4,
        exam_cost=350,
        needs={},
        family="healthcare",
    ),
    "license_lpn": dict(
        prog="Practical Nursing Diploma",
        weeks=48,
        hours=25,
        cost=9000,
        cohort=26,
        gains={
            "knowledge_medicine_and_dentistry": 2.0,
            "knowledge_biology": 0.5,
            "service_orientation": 1.0,
            "monitoring": 0.5,
            "experience_healthcare": 3,
        },
        exam="NCLEX-PN Exam",
        exam_weeks=4,
        exam_cost=300,
        needs={},
        family="healthcare",
    ),
    "cert_cna": dict(
        prog="Nursing Assistant Training Programme",
        weeks=8,
        hours=12,
        cost=1200,
        cohort=4,
        gains={
            "service_orientation": 1.0,
            "knowledge_medicine_and_dentistry": 0.5,
            "knowledge_customer_and_personal_service": 0.5,
        },
        exam="CNA Competency Exam",
        exam_weeks=1,
        exam_cost=120,
        needs={},
        family="healthcare",
    ),
    "cert_medical_assistant": dict(
        prog="Medical Assisting Programme",
        weeks=36,
        hours=15,
        cost=4500,
        cohort=12,
        gains={
            "knowledge_medicine_and_dentistry": 1.5,
            "knowledge_administrative": 1.0,
            "service_orientation": 0.5,
        },
        exam="CMA (AAMA) Exam",
        exam_weeks=2,
        exam_cost=250,
        needs={},
        family="healthcare",
    ),
    "cert_mls": dict(
        prog="Medical Laboratory Science Certificate",
        weeks=48,
        hours=20,
        cost=8000,
        cohort=26,
        gains={
            "knowledge_chemistry": 1.5,
            "knowledge_biology": 1.5,
            "quality_control_analysis": 1.0,
            "science": 1.0,
            "experience_healthcare": 3,
        },
        exam="ASCP MLS Certification Exam",
        exam_weeks=2,
        exam_cost=250,
        needs={},
        family="healthcare",
    ),
    "cert_pharmacy_technician": dict(
        prog="Pharmacy Technician Programme",
        weeks=16,
        hours=10,
        cost=1500,
        cohort=8,
        gains={
            "knowledge_chemistry": 0.5,
            "knowledge_medicine_and_dentistry": 1.0,
            "knowledge_customer_and_personal_service": 0.5,
        },
        exam="PTCB Pharmacy Technician Exam",
        exam_weeks=1,
        exam_cost=130,
        needs={},
        family="healthcare",
    ),
    "license_dental_hygienist": dict(
        prog="Dental Hygiene Associate Degree",
        weeks=80,
        hours=25,
        cost=18000,
        cohort=52,
        gains={
            "knowledge_medicine_and_dentistry": 2.0,
            "knowledge_biology": 1.0,
            "service_orientation": 0.5,
            "experience_healthcare": 6,
        },
        exam="Dental Hygiene Board and Clinical Exams",
        exam_weeks=4,
        exam_cost=1500,
        needs={},
        family="healthcare",
    ),
    "license_pharmacist": dict(
        prog="Doctor of Pharmacy (PharmD), Years 1-2",
        weeks=80,
        hours=40,
        cost=60000,
        cohort=52,
        gains={
            "knowledge_chemistry": 2.0,
            "knowledge_medicine_and_dentistry": 2.0,
            "knowledge_biology": 1.0,
        },
        prog2="Doctor of Pharmacy (PharmD), Years 3-4",
        gains2={
            "knowledge_medicine_and_dentistry": 1.0,
            "instructing": 0.5,
            "monitoring": 0.5,
            "experience_healthcare": 12,
        },
        exam="NAPLEX Exam",
        exam_weeks=4,
        exam_cost=600,
        needs={},
        family="healthcare",
    ),
    "cert_teaching": dict(
        prog="Teacher Preparation Programme",
        weeks=40,
        hours=20,
        cost=9000,
        cohort=26,
        gains={
            "knowledge_education_and_training": 2.0,
            "instructing": 1.0,
            "learning_strategies": 1.0,
            "knowledge_psychology": 0.5,
            "experience_education": 3,
        },
        exam="State Teaching Licence Exams (Praxis)",
        exam_weeks=2,
        exam_cost=300,
        needs={},
        family="education",
    ),
    "cert_cpa": dict(
        prog="CPA Exam Review Course",
        weeks=30,
        hours=12,
        cost=2500,
        gains={
            "knowledge_economics_and_accounting": 1.5,
            "knowledge_law_and_government": 0.5,
            "mathematics": 0.5,
        },
        exam="Uniform CPA Exam (four sections)",
        exam_weeks=8,
        exam_cost=1000,
        needs={"knowledge_economics_and_accounting": 5.0, "experience_business_finance": 12},
        family="business_finance",
    ),
    "license_real_estate": dict(
        prog="Real Estate Pre-Licensing Course",
        weeks=8,
        hours=10,
        cost=500,
        gains={
            "knowledge_law_and_government": 0.5,
            "knowledge_sales_and_marketing": 1.0,
            "negotiation": 0.5,
        },
        exam="Real Estate Salesperson Licence Exam",
        exam_weeks=1,
        exam_cost=100,
        needs={},
        family="sales_marketing",
    ),
    "license_social_work": dict(
        prog="Social Work Degree Completion (BSW), Year 1",
        weeks=40,
        hours=20,
        cost=8000,
        cohort=26,
        gains={
            "knowledge_therapy_and_counseling": 1.0,
            "knowledge_sociology_and_anthropology": 1.0,
            "social_perceptiveness": 1.0,
            "experience_social_services": 3,
        },
        exam="ASWB Licensing Exam",
        exam_weeks=2,
        exam_cost=250,
        needs={"knowledge_therapy_and_counseling": 4.0},
        family="social_services",
    ),
    "license_cosmetology": dict(
        prog="Cosmetology School",
        weeks=40,
        hours=30,
        cost=12000,
        cohort=8,
        gains={
            "knowledge_customer_and_personal_service": 1.0,
            "service_orientation": 1.0,
            "knowledge_chemistry": 0.5,
            "experience_personal_care": 6,
        },
        exam="State Cosmetology Board Exam",
        exam_weeks=2,
        exam_cost=200,
        needs={},
        family="personal_care",
    ),
    "cert_police_academy": dict(
        prog="Police Academy",
        weeks=24,
        hours=40,
        cost=4000,
        cohort=12,
        gains={
            "knowledge_public_safety_and_security": 2.0,
            "knowledge_law_and_government": 1.0,
            "judgment_and_decision_making": 0.5,
            "experience_protective": 5,
        },
        exam="POST Certification Exam",
        exam_weeks=1,
        exam_cost=100,
        needs={},
        family="protective",
    ),
    "cert_firefighter": dict(
        prog="Fire Academy (Firefighter I/II)",
        weeks=16,
        hours=30,
        cost=3500,
        cohort=8,
        gains={
            "knowledge_public_safety_and_security": 2.0,
            "knowledge_building_and_construction": 0.5,
            "coordination": 0.5,
            "experience_protective": 3,
        },
        exam="Firefighter I/II Certification Exam",
        exam_weeks=1,
        exam_cost=150,
        needs={"knowledge_medicine_and_dentistry": 2.0},
        family="protective",
    ),
    "license_bar": dict(
        prog="Juris Doctor (JD), Years 1-2",
        weeks=80,
        hours=40,
        cost=60000,
        cohort=52,
        gains={"knowledge_law_and_government": 2.5, "writing": 1.0, "critical_thinking": 0.5},
        prog2="Juris Doctor (JD), Year 3",
        gains2={
            "knowledge_law_and_government": 1.0,
            "persuasion": 0.5,
            "negotiation": 0.5,
            "experience_legal": 6,
        },
        exam="State Bar Exam",
        exam_weeks=10,
        exam_cost=1500,
        needs={},
        family="legal",
    ),
    "cert_paralegal": dict(
        prog="Paralegal Certificate Programme",
        weeks=24,
        hours=10,
        cost=3500,
        cohort=12,
        gains={
            "knowledge_law_and_government": 1.5,
            "knowledge_administrative": 0.5,
            "writing": 0.5,
        },
        exam="Certified Paralegal Exam",
        exam_weeks=1,
        exam_cost=300,
        needs={},
        family="legal",
    ),
    "cert_pmp": dict(
        prog="Project Management Prep Course",
        weeks=8,
        hours=6,
        cost=900,
        gains={
            "management_of_personnel_resources": 0.5,
            "time_management": 0.5,
            "coordination": 0.5,
        },
        exam="PMP Exam",
        exam_weeks=1,
        exam_cost=575,
        needs={"experience_business_finance": 24},
        family="business_finance",
    ),
    "cert_data_analytics": dict(
        prog="Data Analytics Certificate Prep",
        weeks=12,
        hours=8,
        cost=400,
        gains={"mathematics": 0.5, "knowledge_computers_and_electronics": 0.5, "programming": 0.5},
        exam="Data Analytics Certification Exam",
        exam_weeks=1,
        exam_cost=200,
        needs={},
        family="data_it",
    ),
    "cert_ux": dict(
        prog="UX Design Certificate Programme",
        weeks=24,
        hours=10,
        cost=2500,
        cohort=12,
        gains={"knowledge_design": 1.0, "technology_design": 1.0, "operations_analysis": 0.5},
        exam="UX Certificate Portfolio Review",
        exam_weeks=2,
        exam_cost=150,
        needs={},
        family="design",
    ),
    "cert_shrm": dict(
        prog="SHRM-CP Exam Prep",
        weeks=12,
        hours=6,
        cost=1000,
        gains={
            "knowledge_personnel_and_human_resources": 1.0,
            "management_of_personnel_resources": 0.5,
        },
        exam="SHRM-CP Exam",
        exam_weeks=1,
        exam_cost=400,
        needs={},
        family="business_finance",
    ),
}

#: Knowledge areas and skills the general courses are called after (title stem).
LEVEL_TITLES = ("Introduction to {}", "{} II", "Advanced {}")
LEVEL_SPEC = (  # weeks, hours a week, cost, threshold before the course (None: none)
    (8, 5.0, 250.0, None),
    (10, 6.0, 600.0, 1.5),
    (12, 8.0, 1200.0, 3.0),
)
#: RIASEC letters of the general courses, by kind of area.
GENERAL_INTERESTS = {"skill": ["I", "C"], "knowledge": ["I"]}


def slug(text: str) -> str:
    """O*NET element name → dimension id part (as the importer does)."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def experience_months(weeks: int, hours: float) -> float:
    """Experience a trial role counts for (the default catalogue's rule)."""
    return round(weeks / 4.33 * min(1.0, hours / 35.0), 1)


def action(**kw: Any) -> dict[str, Any]:
    """One action as plain data, empty fields left out."""
    return {k: v for k, v in kw.items() if v not in (None, [], {}, "")}


def main(onet_dir: Path) -> None:
    default = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    overlay = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    sys.path.insert(0, str(ROOT / "src"))
    from careerfit_opt.data.onet import load_onet

    onet = load_onet(onet_dir)
    names = {d.id: d.name for d in onet.dimensions}
    kinds = {d.id: d.kind.value for d in onet.dimensions}
    # Vocabulary: the default catalogue's credential, experience and network dimensions, the
    # new credentials, and experience/network for the families the default catalogue lacks.
    dims = [
        d for d in default["dimensions"] if d["kind"] in ("credential", "experience", "network")
    ]
    have = {d["id"] for d in dims}
    for k, name in NEW_CREDENTIALS.items():
        dims.append({"id": k, "name": name, "kind": "credential"})
    for fam, (title, *_rest) in FAMILIES.items():
        for kind, what in (
            ("experience", "Experience in"),
            ("network", "Professional contacts in"),
        ):
            dim_id = f"{kind}_{fam}"
            if dim_id not in have:
                dims.append({"id": dim_id, "name": f"{what} {title.lower()}", "kind": kind})
    dim_names = {**names, **{d["id"]: d["name"] for d in dims}}

    acts: list[dict[str, Any]] = []
    # 1. Three course levels for every O*NET skill and knowledge area.
    for k, name in names.items():
        if kinds[k] not in ("skill", "knowledge"):
            continue
        for level, ((weeks, hours, cost, theta), title) in enumerate(
            zip(LEVEL_SPEC, LEVEL_TITLES, strict=True), start=1
        ):
            acts.append(
                action(
                    id=f"{k}_{level}",
                    kind="course",
                    title=title.format(name),
                    provider="Community college or online provider (illustrative)",
                    duration_weeks=weeks,
                    hours_per_week=hours,
                    cost=cost,
                    requires_levels={k: theta} if theta is not None else {},
                    gains={k: 1.5},
                    interests=GENERAL_INTERESTS[kinds[k]],
                )
            )
    # 2. Per family: certificate, diploma, trial roles and networking.
    signature = SIGNATURE
    assert set(overlay["families"].values()) == set(FAMILIES) == set(SIGNATURE)
    for fam, (title, letters, role, trial_type) in FAMILIES.items():
        sig = signature[fam]
        acts.append(
            action(
                id=f"{fam}_foundations",
                kind="course",
                title=f"{title}: Foundations Certificate",
                provider="Community college (illustrative)",
                duration_weeks=12,
                hours_per_week=10.0,
                cost=1500.0,
                start_weeks=list(range(0, 520, 8)),
                gains={k: 0.75 for k in sig},
                interests=letters,
            )
        )
        acts.append(
            action(
                id=f"{fam}_diploma",
                kind="course",
                title=f"{title}: Diploma Programme",
                provider="Community college (illustrative)",
                duration_weeks=26,
                hours_per_week=12.0,
                cost=4000.0,
                start_weeks=list(range(0, 520, 13)),
                requires_actions=[f"{fam}_foundations"],
                gains={k: 0.75 for k in sig},
                interests=letters,
            )
        )
        weeks, hours = (52, 35.0) if trial_type == "apprenticeship" else (12, 20.0)
        pay = -round(weeks * hours * (18 if trial_type == "apprenticeship" else 15))
        paid = trial_type in ("internship", "apprenticeship")
        acts.append(
            action(
                id=f"{fam}_{trial_type}",
                kind="trial_role",
                trial_type=trial_type,
                title=f"{role} ({trial_type})",
                provider="Local employer (illustrative)",
                duration_weeks=weeks,
                hours_per_week=hours,
                cost=float(pay) if paid else 0.0,
                gains={
                    **{k: 0.5 for k in sig[:2]},
                    f"experience_{fam}": experience_months(weeks, hours),
                },
                interests=letters,
            )
        )
        if trial_type == "apprenticeship":
            acts.append(
                action(
                    id=f"{fam}_apprenticeship_2",
                    kind="trial_role",
                    trial_type="apprenticeship",
                    title=f"{role} (apprenticeship, second year)",
                    provider="Local employer (illustrative)",
                    duration_weeks=52,
                    hours_per_week=35.0,
                    cost=float(-round(52 * 35 * 21)),
                    requires_actions=[f"{fam}_apprenticeship"],
                    gains={
                        **{k: 0.5 for k in sig[2:4]},
                        f"experience_{fam}": experience_months(52, 35.0),
                    },
                    interests=letters,
                )
            )
        acts.append(
            action(
                id=f"{fam}_volunteer",
                kind="trial_role",
                trial_type="volunteering",
                title=f"{title} Volunteer",
                provider="Non-profit (illustrative)",
                duration_weeks=12,
                hours_per_week=6.0,
                cost=0.0,
                gains={
                    **{k: 0.5 for k in sig[:1]},
                    f"experience_{fam}": experience_months(12, 6.0),
                },
                interests=letters,
            )
        )
        for suffix, label, weeks, hours, cost, contacts in (
            ("meetups", "Meetup Series", 12, 2.0, 0.0, 4),
            ("informational_interviews", "Informational Interviews", 6, 2.0, 0.0, 3),
            ("conference", "Regional Conference", 1, 16.0, 400.0, 8),
        ):
            acts.append(
                action(
                    id=f"{fam}_{suffix}",
                    kind="networking",
                    title=f"{title} {label}",
                    provider="Professional association (illustrative)",
                    duration_weeks=weeks,
                    hours_per_week=hours,
                    cost=cost,
                    gains={f"network_{fam}": contacts},
                    interests=["E", "S"],
                )
            )
    # 3. Licences and certifications.
    for cred, p in CREDENTIAL_PATHS.items():
        fam = p["family"]
        prog_id = f"{cred}_programme"
        gains = p["gains"]
        acts.append(
            action(
                id=prog_id,
                kind="course",
                title=p["prog"],
                provider="Accredited school (illustrative)",
                duration_weeks=p["weeks"],
                hours_per_week=float(p["hours"]),
                cost=float(p["cost"]),
                start_weeks=list(range(0, 520, p["cohort"])) if p.get("cohort") else None,
                gains=gains,
                interests=FAMILIES[fam][1],
            )
        )
        last = prog_id
        if "prog2" in p:
            last = f"{cred}_programme_2"
            acts.append(
                action(
                    id=last,
                    kind="course",
                    title=p["prog2"],
                    provider="Accredited school (illustrative)",
                    duration_weeks=p["weeks"],
                    hours_per_week=float(p["hours"]),
                    cost=float(p["cost"]),
                    start_weeks=list(range(0, 520, p["cohort"])) if p.get("cohort") else None,
                    requires_actions=[prog_id],
                    gains=p["gains2"],
                    interests=FAMILIES[fam][1],
                )
            )
        acts.append(
            action(
                id=f"{cred}_exam",
                kind="certification",
                title=p["exam"],
                provider="Licensing or certifying body (illustrative)",
                duration_weeks=p["exam_weeks"],
                hours_per_week=10.0,
                cost=float(p["exam_cost"]),
                requires_actions=[last],
                requires_levels=p["needs"],
                gains={cred: 1.0},
                interests=FAMILIES[fam][1],
            )
        )
    for a in acts:
        for k in (*a.get("gains", {}), *a.get("requires_levels", {})):
            assert k in dim_names, (a["id"], k)
    doc = {
        "name": "careers",
        "illustrative": True,
        "description": (
            "ILLUSTRATIVE actions for real O*NET occupations: courses for every O*NET skill "
            "and knowledge area, family certificates, trial roles and networking, and the "
            "licences of the occupation overlay. Durations, hours, costs and gains are "
            "hand-made on the assumptions in docs/catalog.md; providers are descriptions, not "
            "real offers. Generated by scripts/make_career_actions.py."
        ),
        "signature_areas": signature,
        "dimensions": dims,
        "actions": acts,
    }
    header = (
        "# careerfit-opt bundled actions for O*NET occupations — ILLUSTRATIVE, NOT REAL OFFERS.\n"
        "# Generated by scripts/make_career_actions.py from its hand-written tables (O*NET 30.1\n"
        "# supplies only the area names). Edit the script, then rerun it.\n"
        "# Assumptions: docs/catalog.md, 'The bundled actions for O*NET occupations'.\n"
    )
    OUT.write_text(
        header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    print(f"wrote {OUT}: {len(dims)} dimensions, {len(acts)} actions")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/data/onet-30.1"))
