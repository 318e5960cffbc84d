"""Reports for a batch: one page per client of a results file, and an index page linking them.

Plans are taken from the results file as they are (nothing is solved again). The person, the
catalogue and the recommendations with their explanations come from the roster the batch ran on,
read again with the batch's own reader, and the recommendations are scored again (the same
kernel, so the same list — a client whose list differs from the one recorded is flagged: the
roster or catalogue is not the one the batch used).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any

from pydantic import Field

from careerfit_opt import __version__
from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.base import Model
from careerfit_opt.model.plans import PlanResult
from careerfit_opt.report import units
from careerfit_opt.report.build import Report
from careerfit_opt.report.files import write_atomic

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def client_file(client_id: str) -> str:
    """A safe, unique file name for a client's page: the id's letters and digits, and a short
    hash of the whole id (so ``a/b`` and ``a_b`` differ and nothing escapes the folder).

    >>> client_file("north/ann")
    'north_ann-511cf6.html'
    """
    stem = _UNSAFE.sub("_", client_id).strip("._")[:60] or "client"
    digest = hashlib.sha256(client_id.encode("utf-8")).hexdigest()[:6]
    return f"{stem}-{digest}.html"


class IndexEntry(Model):
    """One client's row of the index page."""

    id: str
    name: str = ""
    status: str
    #: The client's page, relative to the index (``None`` when no page was written).
    file: str | None = None
    best_title: str = ""
    ready_week: int | None = None
    cost: float | None = None
    currency: str = ""
    #: Why the client has no page, or problems found while making it.
    problems: list[str] = Field(default_factory=list)


class BatchReport(Model):
    """What :func:`write_batch_reports` wrote."""

    index: str
    pages: int
    entries: list[IndexEntry]


_STATUS_TEXT = {
    "ok": "plan found",
    "no_plan": "no plan fits",
    "time_limit": "no plan within the time limit",
    "error": "error in the input",
}


def render_index(entries: Sequence[IndexEntry], title: str, source: str = "") -> str:
    """The index page: one row per client, linking its page, in the order given."""
    from careerfit_opt.report.html import CSS

    counts: dict[str, int] = {}
    for e in entries:
        counts[e.status] = counts.get(e.status, 0) + 1
    summary = ", ".join(
        f"{n} {_STATUS_TEXT.get(s, s)}" for s, n in sorted(counts.items(), key=lambda t: t[0])
    )
    rows = []
    for e in entries:
        link = (
            f'<a href="{escape(e.file, quote=True)}">{escape(e.id)}</a>' if e.file else escape(e.id)
        )
        rows.append(
            "<tr>"
            f"<td>{link}</td><td>{escape(e.name)}</td>"
            f"<td>{escape(_STATUS_TEXT.get(e.status, e.status))}</td>"
            f"<td>{escape(e.best_title)}</td>"
            f'<td class="num">{"" if e.ready_week is None else f"week {e.ready_week}"}</td>'
            f'<td class="num">{"" if e.cost is None else escape(units.money(e.cost, e.currency))}'
            "</td>"
            f"<td>{'<br>'.join(escape(p) for p in e.problems)}</td>"
            "</tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="careerfit-opt {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p class="lead">{len(entries)} clients{": " + escape(summary) if summary else ""}.'
        f"{' Results: ' + escape(source) + '.' if source else ''}</p>\n"
        "<table><thead><tr><th>Client</th><th>Name</th><th>Status</th><th>Best plan towards</th>"
        '<th class="num">Ready</th><th class="num">Cost</th><th>Notes</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>\n"
        '<p class="legend">Each client id links to that client\'s report. Best plan = the one '
        "closest to the target, then the soonest ready, then the cheapest.</p>\n"
        "</body>\n</html>\n"
    )


def _client_report(
    record: dict[str, Any], client: Any, options: Any
) -> tuple[Report | None, list[str]]:
    """The report of one client of a batch, and any problem found (recorded list differs)."""
    from careerfit_opt.batch.options import OBJECTIVES
    from careerfit_opt.batch.worker import load_client
    from careerfit_opt.report.build import assemble
    from careerfit_opt.report.fits import occupation_fits
    from careerfit_opt.scoring.recommend import recommend

    # The page shows the objective the batch planned with (its --objective may override the
    # client's own), read from the recorded plans.
    used = {str(p.get("objective")) for p in record.get("plans") or [] if p.get("objective")}
    if len(used) == 1 and (objective := next(iter(used))) in OBJECTIVES:
        options = replace(options, objective=objective)
    scenario, catalog = load_client(client, options)
    recorded = [r.get("occupation_id") for r in record.get("recommendations") or []]
    top = len(recorded) or scenario.target.recommend_top or 5
    recs = recommend(scenario.profile, catalog, top=top, settings=scenario.scoring)
    problems = []
    if recorded and [r.occupation_id for r in recs.items] != recorded:
        problems.append(
            "the recommendations scored now differ from the recorded ones: was the batch run "
            "on another roster or catalogue? (pass the batch's --catalog)"
        )
    plans = [PlanResult.model_validate(p) for p in record.get("plans") or []]
    unknown = [p.target for p in plans if p.target not in catalog.occupation_by_id]
    if unknown:
        problems.append(f"planned occupations not in the catalogue: {', '.join(unknown)}")
        return None, problems
    fits = occupation_fits(scenario.profile, catalog, scenario.scoring)
    return assemble(scenario, catalog, recommendations=recs, fits=fits, plans=plans), problems


def write_batch_reports(
    results: str | Path,
    out_dir: str | Path,
    *,
    roster: str | Path | None = None,
    catalog: str | None = None,
    actions: Sequence[str] = (),
    charts: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> BatchReport:
    """Write a report page per client of a batch ``results`` file into ``out_dir``, and
    ``index.html`` linking them (clients in roster order, then any the roster lacks).

    ``roster`` is the roster the batch ran on (default: the ``source`` its records name);
    ``catalog`` and ``actions`` the batch's ``--catalog`` (default ``default``) and
    ``--actions``. A client whose record is an
    error gets no page; its errors are shown in the index. Raises :class:`InputError` when the
    results or the roster cannot be read.
    """
    from careerfit_opt.batch import BatchOptions, catalog_source, read_results, read_roster
    from careerfit_opt.batch.store import record_problems
    from careerfit_opt.report.html import render_html

    results = Path(results)
    if not results.is_file():
        raise InputError([Problem("results", "no such file")], source=str(results))
    try:
        records = read_results(results)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(
            [Problem("results", f"not a batch results file (JSON lines): {exc}")],
            source=str(results),
        ) from None
    if not records or not all(isinstance(r, dict) and "id" in r for r in records):
        raise InputError(
            [Problem("results", "no batch records (objects with an 'id') in this file")],
            source=str(results),
        )
    damaged = [
        Problem(f"record {n}.{where}", message)
        for n, record in enumerate(records, 1)
        for where, message in record_problems(record)
    ]
    if damaged:
        raise InputError(damaged, source=str(results))
    records = [{**r, "id": str(r["id"])} for r in records]
    if roster is None:
        sources = {str(r.get("source", "")) for r in records}
        if len(sources) != 1 or not Path(next(iter(sources))).exists():
            raise InputError(
                [
                    Problem(
                        "--roster",
                        "the records do not name one roster file that exists here; pass the "
                        "roster the batch ran on with --roster",
                    )
                ],
                source=str(results),
            )
        roster = next(iter(sources))
    clients = {c.id: c for c in read_roster(roster)}
    options = BatchOptions(catalog=catalog_source(catalog, actions=list(actions) or None))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    order = {cid: i for i, cid in enumerate(clients)}
    records = sorted(records, key=lambda r: (order.get(r["id"], len(order)), str(r["id"])))
    entries: list[IndexEntry] = []
    pages = 0
    for i, record in enumerate(records):
        cid = str(record["id"])
        best = record.get("best") or {}
        problems = [str(e.get("text") or e.get("message")) for e in record.get("errors") or []]
        status = str(record.get("status", ""))
        name, file, currency = "", None, ""
        client = clients.get(cid)
        if client is None:
            problems.append(f"not in the roster {roster}")
        elif status != "error":
            try:
                report, found = _client_report(record, client, options)
            except InputError as exc:
                report, found = None, [exc.render()]
            problems.extend(found)
            if report is not None:
                file = client_file(cid)
                write_atomic(out / file, render_html(report, charts=charts, index="index.html"))
                pages += 1
                name, currency = report.profile.name, report.currency
        entry = IndexEntry(
            id=cid,
            name=name,
            status=status,
            file=file,
            best_title=str(best.get("title") or best.get("target") or ""),
            ready_week=best.get("ready_week"),
            cost=best.get("cost"),
            currency=currency,
            problems=problems,
        )
        entries.append(entry)
        if progress is not None:
            progress(i + 1, len(records))
    index = out / "index.html"
    write_atomic(index, render_index(entries, f"Career reports: {results.name}", str(results)))
    return BatchReport(index=str(index), pages=pages, entries=entries)
