"""``careerfit assess``: build a profile by answering questions, or from an answers file.

This module only asks and renders; every rule lives in :mod:`careerfit_opt.assess`. Heavy
modules (catalogues, scoring) load inside the command, so ``careerfit --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from careerfit_opt.cli.app import EXIT_BAD_INPUT, EXIT_INTERRUPTED, err, out
from careerfit_opt.cli.parsing import integer

if TYPE_CHECKING:
    from careerfit_opt.assess.build import Assessment
    from careerfit_opt.assess.files import Partial
    from careerfit_opt.model.catalog import Catalog

T = TypeVar("T")

PASSION_SENTENCE = (
    "Passion weight: how much enjoying the work counts against already being qualified for it "
    "(0 = only qualifications, 1 = only interests and values, 0.5 = both equally)."
)


def escape(text: str) -> str:
    """``text`` with rich markup escaped (rich loads when the questions are asked)."""
    from rich.markup import escape as _escape

    return _escape(text)


class _ClosedError(Exception):
    """The terminal went away (hang-up or termination signal)."""


class BadAnswerError(ValueError):
    """An answer to ask again, with the reason."""


def _reason(exc: Exception) -> str:
    from careerfit_opt.errors import InputError

    if isinstance(exc, InputError):
        return "; ".join(p.message for p in exc.problems)
    return str(exc)


def _number(text: str, default: float | None = None) -> float | None:
    text = text.strip()
    if not text:
        return default
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise BadAnswerError(f"a number, please (got {text!r})") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadAnswerError(f"a finite number, please (got {text!r})")
    return value


def _choice(
    count: int, default: int | None = 1, allow_zero: bool = False, allow_empty: bool = False
) -> Callable[[str], int]:
    """A parser of a number 1..count (0 too with ``allow_zero``); Enter gives ``default``,
    or 0 with ``allow_empty``."""

    def parse(text: str) -> int:
        text = text.strip()
        if not text and default is not None:
            return default
        if not text and allow_empty:
            return 0
        lo = 0 if allow_zero else 1
        if not text.isdigit() or not lo <= int(text) <= count:
            raise BadAnswerError(f"a number from {lo} to {count}, please (got {text!r})")
        return int(text)

    return parse


def _numbers(text: str, count: int) -> list[int]:
    picks: list[int] = []
    for token in text.replace(",", " ").split():
        if not token.isdigit() or not 1 <= int(token) <= count:
            raise BadAnswerError(f"numbers from 1 to {count}, please (got {token!r})")
        if int(token) not in picks:
            picks.append(int(token))
    return picks


class Session:
    """One run of the questions: answers so far are kept after every answer."""

    def __init__(
        self, partial: Partial, partial_file: Path, catalog: Catalog, level_count: int
    ) -> None:
        self.partial = partial
        self.partial_file = partial_file
        self.catalog = catalog
        self.level_count = level_count

    # -- plumbing -------------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, Any]:
        return self.partial.answers

    @property
    def progress(self) -> dict[str, Any]:
        return self.partial.progress

    def done(self, step: str) -> bool:
        return step in self.progress.get("done", [])

    def finish(self, step: str) -> None:
        self.progress.setdefault("done", []).append(step)
        self.save()

    def save(self) -> None:
        from careerfit_opt.assess.files import save_partial

        save_partial(self.partial_file, self.partial)

    def ask(self, prompt: str, parse: Callable[[str], T]) -> T:
        """Ask until ``parse`` accepts the answer; a rejected answer is explained."""
        from careerfit_opt.errors import InputError

        while True:
            text = out.input(f"[bold]{escape(prompt)}[/] ")
            try:
                return parse(text)
            except (BadAnswerError, InputError, ValueError) as exc:
                err.print(f"  [yellow]✗ {escape(_reason(exc))}[/] — please answer again")

    def check(self, answers: dict[str, Any]) -> None:
        """Raise :class:`BadAnswerError` when ``answers`` break a rule of the answers file."""
        from careerfit_opt.assess.answers import Answers
        from careerfit_opt.errors import InputError
        from careerfit_opt.io.validation import validate

        try:
            validate(Answers, answers)
        except InputError as exc:
            raise BadAnswerError("; ".join(p.message for p in exc.problems)) from None

    def section(self, title: str) -> None:
        out.print()
        out.rule(f"[bold]{title}[/]")

    # -- questions ------------------------------------------------------------------------
    def run(self) -> None:
        """Ask every question not answered yet."""
        if not self.done("name"):
            self.section("About you")
            self.answers["name"] = self.ask(
                "Your name or a nickname [anonymous]:", lambda t: t.strip() or "anonymous"
            )
            self.finish("name")
        if not self.done("jobs"):
            self.section("Where you are: your jobs")
            self.ask_jobs()
        if not self.done("credentials"):
            self.ask_credentials()
        if not self.done("education"):
            self.ask_education()
        if not self.done("interests"):
            self.section("What you love: interests")
            self.ask_interests()
        if not self.done("values"):
            self.section("What matters to you: work values")
            self.ask_values()
        if not self.done("limits"):
            self.section("Your limits")
            self.ask_limits()
        if not self.done("levels"):
            self.section("What you can do")
            self.ask_levels()

    def ask_jobs(self) -> None:
        from careerfit_opt.model.catalog import suggest
        from careerfit_opt.model.search import search_occupations

        jobs: list[dict[str, Any]] = self.answers.setdefault("jobs", [])
        out.print(
            "Your current (or most recent) job first, then past ones. Their ratings become "
            "[italic]estimated[/] starting levels that you can correct later."
        )
        while True:
            which = "current or most recent job" if not jobs else "another past job"
            query = self.ask(f"Job title ({which}; Enter when done):", str.strip)
            if not query:
                self.finish("jobs")
                return
            hits = search_occupations(self.catalog, query, limit=8)
            if not hits:
                close = suggest(query, [o.title for o in self.catalog.occupations])
                err.print(
                    f"  [yellow]✗ no occupation title matches {escape(repr(query))}"
                    f"{escape(close)}; try fewer or other words[/] — please answer again"
                )
                continue
            for i, hit in enumerate(hits, 1):
                also = f" — also called {hit.alternate_title}" if hit.alternate_title else ""
                out.print(f"  {i}. {escape(hit.title)} [dim]({hit.occupation_id}){escape(also)}[/]")
            pick = self.ask(
                f"Which one? 1–{len(hits)} [1], 0 to search again:",
                _choice(len(hits), allow_zero=True),
            )
            if pick == 0:
                continue
            occ = self.catalog.occupation_by_id[hits[pick - 1].occupation_id]

            def years(text: str, occ_id: str = occ.id) -> float | None:
                value = _number(text)
                if value is not None:
                    self.check({"jobs": [{"occupation": occ_id, "years": value}]})
                return value

            got = self.ask(f"Years as {occ.title} [Enter to skip]:", years)
            job: dict[str, Any] = {"title": query, "occupation": occ.id}
            if got is not None:
                job["years"] = got
            jobs.append(job)
            self.save()

    def ask_education(self) -> None:
        from careerfit_opt.model.education import EDUCATION_CATEGORIES

        if any(o.education is not None for o in self.catalog.occupations):
            self.section("Where you are: education")
            for number, name in EDUCATION_CATEGORIES.items():
                out.print(f"  {number:2}. {escape(name)}")
            count = len(EDUCATION_CATEGORIES)
            pick = self.ask(
                f"Your highest education: 1–{count} [Enter to skip]:",
                _choice(count, default=None, allow_empty=True),
            )
            if pick:
                self.answers["education"] = pick
        self.finish("education")

    def ask_credentials(self) -> None:
        from careerfit_opt.assess.build import credential_dimensions

        creds = credential_dimensions(self.catalog)
        if creds:
            self.section("Where you are: credentials")
            for i, dim in enumerate(creds, 1):
                out.print(f"  {i:2}. {dim.name}")
            picks = self.ask(
                "Credentials you hold: numbers separated by spaces or commas [none]:",
                lambda t: _numbers(t, len(creds)),
            )
            self.answers["credentials"] = [creds[i - 1].id for i in picks]
        self.finish("credentials")

    def ask_interests(self) -> None:
        from careerfit_opt.assess.interests import PROFILER_SCALES
        from careerfit_opt.assess.items import NOT_VALIDATED, Form, form_items, parse_response

        mode = self.progress.get("interest_mode")
        if mode is None:
            out.print("  1. rate 30 short work activities (about 3 minutes)")
            out.print("  2. rate all 60 work activities (more precise)")
            out.print("  3. enter O*NET Interest Profiler scores you already have")
            mode = self.ask("Which? 1–3 [1]:", _choice(3))
            self.progress["interest_mode"] = mode
            self.save()
        if mode in (1, 2):
            form = Form.SHORT if mode == 1 else Form.FULL
            out.print(f"[dim]Note: {NOT_VALIDATED}.[/]")
            out.print("Would you like doing this as work? like (l), not sure (n or ?), dislike (d)")
            items: dict[str, str] = self.progress.setdefault("items", {})
            todo = form_items(form)
            for n, item in enumerate(todo, 1):
                if item.id in items:
                    continue
                answer = self.ask(f"[{n}/{len(todo)}] {item.text}:", parse_response)
                items[item.id] = answer.value
                self.save()
            self.answers["interest_items"] = dict(items)
            self.progress.pop("items", None)
        else:
            scales = list(PROFILER_SCALES)
            scale = self.progress.get("scale")
            if scale is None:
                for i, name in enumerate(scales, 1):
                    out.print(f"  {i}. {name}: {PROFILER_SCALES[name][2]}")
                scale = scales[
                    self.ask(
                        f"Which scale are your scores on? 1–{len(scales)} [1]:",
                        _choice(len(scales)),
                    )
                    - 1
                ]
                self.progress["scale"] = scale
                self.save()
            lo, hi, _ = PROFILER_SCALES[scale]
            scores: dict[str, float] = self.progress.setdefault("scores", {})
            from careerfit_opt.model.interests import RIASEC_CODES

            for code in RIASEC_CODES:
                if code in scores:
                    continue

                def score(text: str, lo: float = lo, hi: float = hi) -> float:
                    value = _number(text)
                    if value is None or not lo <= value <= hi:
                        raise BadAnswerError(
                            f"a number from {lo:g} to {hi:g}, please (got {text!r})"
                        )
                    return value

                scores[code] = self.ask(f"{code.capitalize()} score ({lo:g}–{hi:g}):", score)
                self.save()
            self.answers["interest_scores"] = {"scale": scale, **scores}
            self.progress.pop("scores", None)
            self.progress.pop("scale", None)
        self.finish("interests")

    def ask_values(self) -> None:
        from careerfit_opt.assess.values import VALUE_DESCRIPTIONS, VALUE_ORDER

        for i, name in enumerate(VALUE_ORDER, 1):
            out.print(f"  {i}. {VALUE_DESCRIPTIONS[name]}")

        def ranking(text: str) -> list[str]:
            picks = _numbers(text, 6)
            if len(picks) != 6 or len(text.replace(",", " ").split()) != 6:
                raise BadAnswerError(
                    "all six numbers, each once, most important first (e.g. 3 1 2 6 4 5)"
                )
            names = [VALUE_ORDER[i - 1] for i in picks]
            self.check({"values_ranking": names})
            return names

        self.answers["values_ranking"] = self.ask(
            "Rank them, most important first: six numbers (e.g. 3 1 2 6 4 5):", ranking
        )
        self.finish("values")

    def ask_limits(self) -> None:
        limits: dict[str, Any] = self.answers.setdefault("limits", {})
        questions = (
            ("budget", "Money you can spend on courses and certificates, in USD [0]:", 0.0),
            ("hours_per_week", "Hours a week you can put in [10]:", 10.0),
            ("horizon_weeks", "How many weeks ahead to plan, 1–520 [104, two years]:", 104),
        )
        for key, prompt, default in questions:
            if key in limits:
                continue

            def limit(text: str, key: str = key, default: float = default) -> float:
                value = _number(text, default)
                assert value is not None
                if key == "horizon_weeks":
                    if value != int(value):
                        raise BadAnswerError(f"a whole number of weeks, please (got {text!r})")
                    value = int(value)
                self.check({"limits": {**limits, key: value}})
                return value

            limits[key] = self.ask(prompt, limit)
            self.save()
        if "passion_weight" not in self.answers:
            out.print(PASSION_SENTENCE)

            def weight(text: str) -> float:
                value = _number(text, 0.5)
                assert value is not None
                self.check({"passion_weight": value})
                return value

            self.answers["passion_weight"] = self.ask("Passion weight 0–1 [0.5]:", weight)
        self.finish("limits")

    def ask_levels(self) -> None:
        from careerfit_opt.assess.build import (
            anchors,
            as_answers,
            draft_profile,
            important_dimensions,
        )

        answers = as_answers(self.answers)
        profile = draft_profile(answers, self.catalog)
        chosen: list[dict[str, Any]] | None = self.progress.get("level_dims")
        if chosen is None:
            picked = important_dimensions(
                profile, self.catalog, count=self.level_count, estimated=profile.estimated_levels
            )
            chosen = [
                {"id": d.dimension.id, "highest": d.highest, "title": d.highest_title}
                for d in picked
            ]
            self.progress["level_dims"] = chosen
            self.save()
        if not chosen:
            out.print("No level of this catalogue stands out for your candidate occupations.")
        else:
            out.print(
                f"The {len(chosen)} skills, knowledge areas or abilities that matter most for the "
                "occupations that fit you so far. Rate yourself on O*NET's 0–7 level scale; the "
                "examples say what a level looks like."
            )
        levels: dict[str, float | None] = self.answers.setdefault("levels", {})
        known = profile.known_levels()
        for n, info in enumerate(chosen, 1):
            dim_id = info["id"]
            if dim_id in levels:
                continue
            dim = self.catalog.dimension_by_id[dim_id]
            out.print()
            out.print(
                f"[bold]{n}/{len(chosen)} {dim.name}[/]"
                + (f": {dim.description}" if dim.description else "")
            )
            shown = anchors(dim)
            if shown:
                for lv, text in shown.items():
                    out.print(f"    level {lv:g}: {text}")
            else:
                out.print("    [dim](this catalogue has no level examples for it)[/]")
            out.print(f"    [dim]needed: up to {info['highest']:g} ({info['title']})[/]")
            current = known.get(dim_id)
            keep = f"{current:g}, estimated from your job" if current is not None else "don't know"

            def level(
                text: str, current: float | None = current, lo: float = dim.lo, hi: float = dim.hi
            ) -> float | None:
                text = text.strip()
                if text == "?":
                    return None
                value = _number(text, current)
                if value is not None and not lo <= value <= hi:
                    raise BadAnswerError(f"a level from {lo:g} to {hi:g}, please (got {text!r})")
                return value

            levels[dim_id] = self.ask(
                f"Your level {dim.lo:g}–{dim.hi:g} [{keep}; ? = don't know]:", level
            )
            self.save()
        self.finish("levels")


def _load_catalog(source: Any) -> Catalog:
    from careerfit_opt.io.catalogs import resolve_catalog

    return resolve_catalog(source, Path.cwd(), field="--catalog")


def _describe(source: Any, catalog: Catalog) -> str:
    from careerfit_opt.assess.catalogs import describe_source

    text = f"{describe_source(source)} ({len(catalog.occupations)} occupations)"
    if catalog.made_up is not None:
        from rich.markup import escape

        text += f" — [bold yellow]{escape(catalog.made_up)}[/]"
    return text


def render_result(assessment: Assessment, catalog: Catalog, path: Path, top: int) -> None:
    """What the person sees at the end: their profile, the top recommendations, what next."""
    from careerfit_opt.assess.items import NOT_VALIDATED
    from careerfit_opt.scoring.recommend import recommend

    sc = assessment.scenario
    prof = sc.profile
    out.print()
    out.print(f"[green]✓[/] wrote {path}")
    if prof.interests is not None:
        scores = ", ".join(
            f"{c[0].upper()} {v:g}"
            for c, v in zip("RIASEC", prof.interests.as_tuple(), strict=True)
        )
        out.print(f"Interests: Holland code {prof.interests.code()} ({scores})")
    for note in assessment.notes:
        out.print(f"[dim]note: {note}[/]" if note != NOT_VALIDATED else f"[yellow]note: {note}[/]")
    recs = recommend(prof, catalog, top=top, settings=sc.scoring)
    out.print()
    out.print(f"[bold]Top {len(recs.items)} recommendations[/] ({recs.scored} occupations scored)")
    for item in recs.items:
        passion = "?" if item.passion is None else f"{item.passion:.2f}"
        out.print(
            f"  {item.rank}. {item.title} [dim]{item.occupation_id}[/] — fit {item.combined:.2f} "
            f"(qualification {item.qualification:.2f}, passion {passion})"
        )
    if recs.items:
        first = recs.items[0]
        out.print()
        out.print("Plan the path to one of them:")
        out.print(f"  careerfit plan {path} --target {first.occupation_id}")
        out.print(f"or to each of your top {sc.target.recommend_top}:  careerfit plan {path}")
    if catalog.attribution:
        out.print(f"[dim]{catalog.attribution}[/]")


USAGE = "[OPTIONS]"
HELP = """Build your profile by answering questions and write a scenario file.

Answers are kept after each question in OUT's .partial.yaml: after Ctrl-C or a closed
terminal (exit 130), run the same command again to resume. The interest items are NOT a
validated psychometric instrument (docs/assessment.md)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--out``, ``--answers``, ``--catalog``, ``--restart``, ``--levels``, ``--top``."""
    parser.add_argument("--out", "-o", dest="out_file", type=Path,
                        default=Path("assessment.yaml"), metavar="OUT",
                        help="Scenario file to write (YAML).")  # fmt: skip
    parser.add_argument("--answers", type=Path, metavar="FILE",
                        help="Take every answer from this file (docs/assessment.md).")  # fmt: skip
    parser.add_argument(
        "--catalog", metavar="CATALOG",
        help="O*NET directory or installed release, catalogue file, or bundled name "
        "(default: the newest installed O*NET release, else the illustrative bundled one).",
    )  # fmt: skip
    parser.add_argument("--restart", action="store_true",
                        help="Discard answers kept from an interrupted run.")  # fmt: skip
    parser.add_argument("--levels", type=integer(0, 40), default=8, metavar="N",
                        help="How many of your levels to ask about (0–40).")  # fmt: skip
    parser.add_argument("--top", "-n", type=integer(1, 50), default=5, metavar="N",
                        help="Recommendations shown at the end (1–50).")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Ask the questions (or read ``--answers``), write the scenario, show the result."""
    from careerfit_opt.assess.build import assess_profile
    from careerfit_opt.assess.catalogs import catalog_source_for
    from careerfit_opt.assess.files import Partial, load_partial, partial_path, write_scenario
    from careerfit_opt.errors import InputError, Problem
    from careerfit_opt.io.files import read_structured

    out_file: Path = args.out_file
    answers: Path | None = args.answers
    catalog: str | None = args.catalog
    top: int = args.top
    if answers is not None:
        source = catalog_source_for(catalog)
        cat = _load_catalog(source)
        data = read_structured(answers)
        result = assess_profile(data, cat, source, source=str(answers))
        write_scenario(out_file, result, answers_source=str(answers))
        out.print(f"Catalogue: {_describe(source, cat)}")
        render_result(result, cat, out_file, top)
        return 0

    partial_file = partial_path(out_file)
    kept = None if args.restart else load_partial(partial_file)
    if kept is not None and catalog is not None:
        wanted = catalog_source_for(catalog)
        if wanted != kept.catalog:
            raise InputError(
                [
                    Problem(
                        "--catalog",
                        f"the answers kept in {partial_file} were given for another catalogue; "
                        "run without --catalog to resume them, or add --restart to start over",
                    )
                ]
            )
    source = kept.catalog if kept is not None else catalog_source_for(catalog)
    cat = _load_catalog(source)
    state = kept or Partial(catalog=source)
    out.print(f"Catalogue: {_describe(source, cat)}")
    if kept is not None:
        out.print(f"Resuming from {partial_file} (--restart to start over).")
    else:
        out.print(
            "Answer the questions; Enter takes the \\[default]. Ctrl-C stops and keeps your "
            "answers: run the same command again to resume."
        )
    session = Session(state, partial_file, cat, args.levels)

    def closed(signum: int, frame: object) -> None:
        raise _ClosedError(signal.Signals(signum).name)

    handlers = {s: signal.signal(s, closed) for s in (signal.SIGHUP, signal.SIGTERM)}
    try:
        session.run()
    except (KeyboardInterrupt, EOFError, _ClosedError) as exc:
        session.save()
        why = "interrupted" if isinstance(exc, KeyboardInterrupt) else "input closed"
        with contextlib.suppress(OSError):  # the terminal may be gone
            err.print(
                f"\n{why}: your answers so far are kept in {partial_file}; run the same "
                "command again to resume."
            )
        return EXIT_INTERRUPTED
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    try:
        result = assess_profile(session.answers, cat, source, source=str(partial_file))
    except InputError as exc:
        err.print(f"[bold red]error[/]: {exc.render()}")
        err.print(f"your answers are kept in {partial_file}; fix it or run with --restart")
        return EXIT_BAD_INPUT
    write_scenario(out_file, result)
    partial_file.unlink(missing_ok=True)
    render_result(result, cat, out_file, top)
    return 0
