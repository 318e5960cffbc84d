"""``careerfit assess`` in a real pseudo-terminal (pexpect): every question answered, wrong
answers asked again, Ctrl-C and a closed terminal keep the answers, a second run resumes."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from careerfit_opt import load_scenario, recommend
from careerfit_opt.assess.files import partial_path

pexpect = pytest.importorskip("pexpect")

#: Seconds to wait for a prompt; the first one includes loading the catalogue, the last one
#: compiling the scoring kernel on a loaded machine.
WAIT = 180


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    """``careerfit assess ARGS`` in a pseudo-terminal, its data directory kept in tmp_path."""
    env = {**os.environ, "CAREERFIT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "100"}
    code = "from careerfit_opt.cli import _entry; _entry()"
    child = pexpect.spawn(
        sys.executable, ["-c", code, "assess", *args], cwd=str(tmp_path), env=env,
        encoding="utf-8", timeout=WAIT, dimensions=(40, 100),
    )  # fmt: skip
    return child


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect(prompt)
    child.sendline(text)


def rejected(child: pexpect.spawn, reason: str) -> None:
    """The last answer was refused with ``reason`` and the question asked again."""
    child.expect("✗")
    child.expect(reason)
    child.expect("please answer again")


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


@pytest.mark.onet
def test_every_question_answered_on_onet_writes_a_scenario_that_recommends(
    tmp_path: Path, onet_dir: Path
) -> None:
    out = tmp_path / "me.yaml"
    child = spawn(tmp_path, "--out", str(out), "--catalog", str(onet_dir), "--levels", "4")
    child.expect("Catalogue: O\\*NET")
    answer(child, "Your name", "Pat")
    answer(child, "Job title", "qzxv wrbl")
    rejected(child, "no occupation title matches")
    child.sendline("cashier")
    answer(child, "Which one", "x")
    rejected(child, "a number from 0")
    child.sendline("1")
    answer(child, "Years as", "3")
    answer(child, "Job title", "")
    answer(child, "Credentials you hold", "")  # the bundled overlay's licences, certificates
    answer(child, "Your highest education", "13")
    rejected(child, "a number from 1 to 12")
    child.sendline("5")
    answer(child, "Which\\? 1–3", "1")
    child.expect("NOT a validated psychometric instrument")
    for n in range(30):
        child.expect(r"\[(\d+)/30\]")
        assert int(child.match.group(1)) == n + 1
        if n == 0:  # a wrong answer is explained and the same item asked again
            child.sendline("maybe")
            rejected(child, "answer like")
            child.expect(r"\[1/30\]")
        child.sendline("like" if n % 6 in (2, 4) else ("?" if n % 6 == 0 else "d"))
    answer(child, "Rank them", "1 1 2 3 4 5")
    rejected(child, "all six numbers")
    child.sendline("3 1 2 6 4 5")
    answer(child, "USD", "1500")
    answer(child, "Hours a week", "")
    answer(child, "weeks ahead", "600")
    rejected(child, "must be ≤ 520")
    child.sendline("78")
    child.expect("Passion weight: how much enjoying the work counts")
    answer(child, "Passion weight 0–1", "0.6")
    for _ in range(4):
        child.expect("level 2: ")  # O*NET's level anchors from the installed release
        child.expect("level 6: ")
        answer(child, "Your level", "3")
    child.expect("wrote")
    child.expect("Top 5 recommendations")
    child.expect(f"careerfit plan {out} --target")
    finish(child)
    assert child.exitstatus == 0
    assert not partial_path(out).exists()
    text = out.read_text(encoding="utf-8")
    assert "NOT a validated psychometric instrument" in text
    loaded = load_scenario(out)
    prof = loaded.scenario.profile
    assert prof.name == "Pat"
    assert prof.current_occupation == "41-2011.00"
    assert prof.education == 5
    assert prof.credentials == []
    assert prof.credentials_complete
    family = loaded.catalog.occupation("41-2011.00").family
    assert prof.experience == {f"experience_{family}": 36.0}  # 3 years as a cashier
    assert prof.interests is not None
    assert prof.interests.code(2) in ("AE", "EA")
    assert prof.limits.horizon_weeks == 78
    assert prof.preferences.passion_weight == 0.6
    assert sum(v == 3 for v in prof.levels.values()) >= 4
    recs = recommend(prof, loaded.catalog, top=5)
    assert len(recs.items) == 5
    assert "41-2011.00" not in [r.occupation_id for r in recs.items]  # not the current job


def _start(tmp_path: Path, out: Path) -> pexpect.spawn:
    child = spawn(tmp_path, "--out", str(out), "--catalog", "default", "--levels", "2")
    answer(child, "Your name", "Lee")
    answer(child, "Job title", "electrician")
    answer(child, "Which one", "")
    answer(child, "Years as", "4")
    answer(child, "Job title", "")
    answer(child, "Credentials you hold", "2")
    answer(child, "Which\\? 1–3", "3")
    answer(child, "Which scale", "1")
    answer(child, "Realistic score", "41")
    rejected(child, "a number from 0 to 40")
    child.sendline("35")
    answer(child, "Investigative score", "20")
    child.expect("Artistic score")
    return child


def _resume_and_finish(tmp_path: Path, out: Path) -> None:
    child = spawn(tmp_path, "--out", str(out), "--levels", "2")
    child.expect("Resuming from")
    child.expect("Artistic score")
    assert "Your name" not in str(child.before)
    child.sendline("5")
    for area in ("Social", "Enterprising", "Conventional"):
        answer(child, f"{area} score", "12")
    answer(child, "Rank them", "6 5 4 3 2 1")
    answer(child, "USD", "")
    answer(child, "Hours a week", "6")
    answer(child, "weeks ahead", "")
    answer(child, "Passion weight 0–1", "")
    answer(child, "Your level", "?")
    answer(child, "Your level", "")
    child.expect("wrote")
    finish(child)
    assert child.exitstatus == 0
    assert not partial_path(out).exists()
    loaded = load_scenario(out)
    prof = loaded.scenario.profile
    assert prof.name == "Lee"
    assert prof.credentials == ["license_electrician"]
    assert prof.experience == {"experience_trades": 48.0}
    assert prof.interests is not None
    assert prof.interests.realistic == pytest.approx(6.25)
    assert prof.work_values is not None
    assert prof.work_values.working_conditions == 7.0
    assert prof.limits.hours_per_week == 6
    assert len(recommend(prof, loaded.catalog, top=3).items) == 3


def test_ctrl_c_keeps_the_answers_and_the_next_run_resumes(tmp_path: Path) -> None:
    out = tmp_path / "lee.yaml"
    child = _start(tmp_path, out)
    child.sendintr()
    child.expect("answers so far are kept in")
    finish(child)
    assert child.exitstatus == 130
    kept = partial_path(out).read_text(encoding="utf-8")
    assert "Lee" in kept
    assert "investigative: 20" in kept
    assert not out.exists()
    _resume_and_finish(tmp_path, out)


@pytest.mark.parametrize("how", ["hangup", "end of input"])
def test_a_closed_terminal_keeps_the_answers(tmp_path: Path, how: str) -> None:
    out = tmp_path / "lee.yaml"
    child = _start(tmp_path, out)
    if how == "hangup":
        child.kill(signal.SIGHUP)
    else:
        child.sendeof()
    finish(child)
    assert child.exitstatus == 130
    kept = partial_path(out).read_text(encoding="utf-8")
    assert "realistic: 35" in kept
    assert "investigative: 20" in kept
    _resume_and_finish(tmp_path, out)
