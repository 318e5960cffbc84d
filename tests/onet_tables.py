"""Tiny O*NET directories for tests, in the official text layout or the Excel-edition layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

CEO, NURSE, NO_SKILLS = "11-1011.00", "29-1141.00", "99-9999.00"
SKILL_ROWS = [
    # code, element, name, LV, IM, Recommend Suppress (on LV), Not Relevant (on LV)
    (CEO, "2.A.1.a", "Reading Comprehension", "4.75", "4.12", "N", "N"),
    (CEO, "2.A.1.b", "Active Listening", "4.88", "4.12", "N", "N"),
    (CEO, "2.B.10.a", "Repairing", "0.12", "1.12", "N", "Y"),
    (NURSE, "2.A.1.a", "Reading Comprehension", "4.00", "3.88", "N", "N"),
    (NURSE, "2.A.1.b", "Active Listening", "4.12", "4.00", "Y", "N"),
    (NURSE, "2.B.10.a", "Repairing", "1.50", "1.62", "N", "N"),
]
KNOWLEDGE_ROWS = [
    (CEO, "2.C.1.a", "Administration and Management", "6.11", "4.78"),
    (NURSE, "2.C.1.a", "Administration and Management", "3.2", "2.9"),
]
RIASEC = [
    ("1.B.1.a", "Realistic"),
    ("1.B.1.b", "Investigative"),
    ("1.B.1.c", "Artistic"),
    ("1.B.1.d", "Social"),
    ("1.B.1.e", "Enterprising"),
    ("1.B.1.f", "Conventional"),
]
VALUES = [("1.B.2.a", "Achievement"), ("1.B.2.b", "Working Conditions"),
          ("1.B.2.c", "Recognition"), ("1.B.2.d", "Relationships"), ("1.B.2.e", "Support"),
          ("1.B.2.f", "Independence")]  # fmt: skip
TITLES = {CEO: "Chief Executives", NURSE: "Registered Nurses", NO_SKILLS: "Astronauts"}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


#: 30.3+ file names of the renamed tables (the first skill rows go to Essential Skills).
LAYOUT_30_3 = {
    "Interests": "Career Interest Types",
    "Education, Training, and Experience": "Education",
}
#: (code, scale, category, percent) rows of Education, Training, and Experience.
ETE_ROWS = [
    *[(CEO, "RL", c, p) for c, p in enumerate([0, 5, 0, 5, 0, 60, 0, 30, 0, 0, 0, 0], 1)],
    *[(CEO, "RW", c, p) for c, p in enumerate([0, 0, 0, 0, 0, 0, 10, 20, 40, 30, 0], 1)],
    *[(NURSE, "RL", c, p) for c, p in enumerate([0, 0, 10, 0, 45, 45, 0, 0, 0, 0, 0, 0], 1)],
]


def write_onet(
    directory: Path,
    excel: bool = False,
    knowledge: bool = True,
    extras: bool = True,
    layout_30_3: bool = False,
) -> Path:
    """Write a two-occupation O*NET directory; ``excel`` uses the Excel-edition conversion's
    file names (lower case, underscores), extra columns and empty cells instead of ``n/a``.
    ``extras`` adds Education, Training, and Experience (and its categories), Technology
    Skills, Alternate Titles and Level Scale Anchors; ``layout_30_3`` writes the renamed tables
    of O*NET 30.3+ (Essential/Transferable Skills, Career Interest Types, Education) and no
    Work Values."""
    directory.mkdir(parents=True, exist_ok=True)

    def name(table: str) -> Path:
        if layout_30_3:
            table = LAYOUT_30_3.get(table, table)
        return directory / ((table.lower().replace(" ", "_") if excel else table) + ".txt")

    na = "" if excel else "n/a"
    extra = ["Title"] if excel else []
    _write(
        name("Occupation Data"),
        ["O*NET-SOC Code", "Title", "Description"],
        [[c, t, f"What {t.lower()} do."] for c, t in TITLES.items()],
    )
    head = ["O*NET-SOC Code", *extra, "Element ID", "Element Name", "Scale ID"]
    head += ["Scale Name"] if excel else []
    head += ["Data Value", "N", "Standard Error", "Recommend Suppress", "Not Relevant", "Date"]

    def rating(code: str, el: str, nm: str, scale: str, value: str, rs: str, nr: str) -> list[str]:
        row = [code, *([TITLES[code]] if excel else []), el, nm, scale]
        row += [{"LV": "Level", "IM": "Importance"}[scale]] if excel else []
        return [*row, value, "8", "0.1", rs, nr, "07/2014"]

    skills = []
    for code, el, nm, lv, im, rs, nr in SKILL_ROWS:
        skills.append(rating(code, el, nm, "IM", im, "N", na))
        skills.append(rating(code, el, nm, "LV", lv, rs, nr))
    if layout_30_3:
        _write(name("Essential Skills"), head, skills[:4] + skills[6:10])
        _write(name("Transferable Skills"), head, skills[4:6] + skills[10:])
    else:
        _write(name("Skills"), head, skills)
    if knowledge:
        rows = []
        for code, el, nm, lv, im in KNOWLEDGE_ROWS:
            rows += [
                rating(code, el, nm, "IM", im, "N", na),
                rating(code, el, nm, "LV", lv, "N", "N"),
            ]
        _write(name("Knowledge"), head, rows)
    head6 = ["O*NET-SOC Code", *extra, "Element ID", "Element Name", "Scale ID", "Data Value"]
    interests, values = [], []
    for code in (CEO, NURSE, NO_SKILLS):
        t = [TITLES[code]] if excel else []
        for i, (el, nm) in enumerate(RIASEC):
            interests.append([code, *t, el, nm, "OI", str(1 + i)])
        interests.append([code, *t, "1.B.1.g", "First Interest High-Point", "IH", "6"])
        for i, (el, nm) in enumerate(VALUES):
            if not (code == NURSE and i == 5):  # one work value missing: stays unknown
                values.append([code, *t, el, nm, "EX", str(2 + i * 0.5)])
    _write(name("Interests"), head6, interests)
    if not layout_30_3:
        _write(name("Work Values"), head6, values)
    _write(
        name("Job Zones"),
        ["O*NET-SOC Code", *extra, "Job Zone", "Date"],
        [[CEO, *([TITLES[CEO]] if excel else []), "5", "07/2014"]],
    )
    if extras:
        _write_extras(directory, name, na)
    return directory


def _write_extras(directory: Path, name: Callable[[str], Path], na: str) -> None:
    _write(
        name("Education, Training, and Experience"),
        ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Category", "Data Value"],
        [[c, "2.D.1" if s == "RL" else "3.A.1", "x", s, str(k), f"{p:.2f}"]
         for c, s, k, p in ETE_ROWS],
    )  # fmt: skip
    _write(
        name("Education, Training, and Experience Categories"),
        ["Element ID", "Element Name", "Scale ID", "Category", "Category Description"],
        [["2.D.1", "Required Level of Education", "RL", "6", "Bachelor's Degree"],
         ["3.A.1", "Related Work Experience", "RW", "1", "None"]],
    )  # fmt: skip
    _write(
        name("Technology Skills"),
        ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology"],
        [[CEO, "Microsoft Excel", "1", "Spreadsheet software", "Y"],
         [CEO, "SAP software", "2", "ERP software", "N"],
         [NURSE, "Epic Systems", "3", "Medical software", "Y"]],
    )  # fmt: skip
    _write(
        name("Alternate Titles"),
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        [[CEO, "Chief Executive Officer", "CEO", "01"],
         [CEO, "Managing Director", na, "01"],
         [NURSE, "Staff Nurse", na, "01"],
         [NO_SKILLS, "Space Explorer", na, "01"]],
    )  # fmt: skip
    _write(
        name("Level Scale Anchors"),
        ["Element ID", "Element Name", "Scale ID", "Anchor Value", "Anchor Description"],
        [["2.A.1.a", "Reading Comprehension", "LV", "2", "Read step-by-step instructions"],
         ["2.A.1.a", "Reading Comprehension", "LV", "6", "Read a scientific journal article"]],
    )  # fmt: skip
