"""A JSONL roster is read through the bounded reader (``io/files.py``): a FIFO or a device is
refused before anything blocks on it, the size cap holds while reading, and a line too long to
be a client is reported as a bad line, not read into memory."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

import careerfit_opt.batch.roster as roster_module
from careerfit_opt.batch.roster import read_roster
from careerfit_opt.errors import InputError

CLIENT = {"id": "a", "profile": {"name": "A"}, "target": "graphic_designer"}


def _refused_within(path: Path, seconds: float = 10.0) -> InputError:
    """Read ``path`` as a roster in a thread; the read must fail with an InputError in time."""
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            read_roster(path)
        except BaseException as exc:  # handed back to the test
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"reading {path} did not return within {seconds} s"
    assert isinstance(outcome[0], InputError), outcome
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_roster_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "clients.jsonl"
    os.mkfifo(fifo)
    assert "not a regular file" in str(_refused_within(fifo))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_roster_linked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "clients.jsonl"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in str(_refused_within(link))


def test_an_overlong_line_is_a_bad_client_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roster_module, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(roster_module, "_CHUNK", 64)
    path = tmp_path / "clients.jsonl"
    long_client = {**CLIENT, "id": "b", "note": "x" * 5000}
    lines = [json.dumps(CLIENT), json.dumps(long_client), json.dumps({**CLIENT, "id": "c"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clients = read_roster(path).clients
    assert [c.id for c in clients] == ["a", "line-2", "c"]
    assert [c.line for c in clients] == [1, 2, 3]
    assert "line longer than 1,000 bytes" in str(clients[1].problems)
    assert not clients[0].problems
    assert not clients[2].problems


def test_the_size_cap_holds_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster_module, "MAX_ROSTER_BYTES", 200)
    path = tmp_path / "clients.jsonl"
    path.write_text("\n".join(json.dumps({**CLIENT, "id": f"c{i}"}) for i in range(20)), "utf-8")
    with pytest.raises(InputError, match="split it"):
        read_roster(path)


def test_a_line_nested_too_deeply_is_a_bad_client_and_the_others_are_read(tmp_path: Path) -> None:
    # Python's JSON reader recurses once per level: 100,000 brackets raised RecursionError
    # and ended the whole batch with a traceback.
    path = tmp_path / "clients.jsonl"
    lines = [json.dumps(CLIENT), "[" * 100_000, json.dumps({**CLIENT, "id": "c"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clients = read_roster(path).clients
    assert [c.id for c in clients] == ["a", "line-2", "c"]
    assert "nested too deeply" in str(clients[1].problems)
    assert not clients[0].problems
    assert not clients[2].problems
