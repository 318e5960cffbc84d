"""Loading catalogue files and resolving a scenario's catalogue source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.merge import ActionPart, merge_actions
from careerfit_opt.io.validation import validate
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.scenario import CatalogSource


def load_catalog_file(path: str | Path) -> Catalog:
    """A catalogue from a YAML, TOML or JSON file (the layout of :class:`Catalog`)."""
    path = Path(path)
    return validate(Catalog, read_structured(path), source=str(path))


def _with_overlay(
    catalog: Catalog, overlay: str | None, rel: Callable[[str], Path], field: str
) -> Catalog:
    """An O*NET catalogue with the bundled vocabulary, families and ``overlay`` (``None``: the
    bundled overlay; ``none``: no overlay requirements, families still set)."""
    from careerfit_opt.data.careers import NO_OVERLAY, compose_onet, load_overlay

    bundled = load_overlay()
    if overlay is None:
        chosen = bundled
    elif overlay.strip().lower() == NO_OVERLAY:
        chosen = bundled.model_copy(update={"occupations": {}, "name": "none"})
    else:
        try:
            chosen = load_overlay(str(rel(overlay)))
        except InputError as exc:
            raise exc.with_prefix(field) if exc.source is None else exc from None
        if not chosen.families:
            chosen = chosen.model_copy(update={"families": bundled.families})
    return compose_onet(catalog, chosen)


def resolve_catalog(source: CatalogSource, base_dir: Path, field: str = "catalog") -> Catalog:
    """The catalogue a scenario names; relative paths are read from ``base_dir``.

    An O*NET base gets the dimensions O*NET lacks (the bundled vocabulary of credentials,
    experience and network), a family per occupation and the occupation overlay. In
    ``actions`` the name ``bundled`` stands for the bundled actions for O*NET occupations.
    ``field`` is the scenario field path used in error messages.
    """
    from careerfit_opt.data.bundled import load_bundled_catalog

    def rel(p: str) -> Path:
        path = Path(p).expanduser()
        return path if path.is_absolute() else base_dir / path

    if source.bundled is not None:
        try:
            catalog = load_bundled_catalog(source.bundled)
        except InputError as exc:
            raise exc.with_prefix(f"{field}.bundled") if exc.source is None else exc from None
    elif source.path is not None:
        catalog = load_catalog_file(rel(source.path))
    else:
        from careerfit_opt.data.onet import load_onet, resolve_onet_dir

        assert source.onet is not None
        try:
            onet_dir = resolve_onet_dir(source.onet, base_dir)
        except InputError as exc:
            raise exc.with_prefix(f"{field}.onet") if exc.source is None else exc from None
        catalog = _with_overlay(load_onet(onet_dir), source.overlay, rel, f"{field}.overlay")
    parts: list[ActionPart] = []
    illustrative = False
    for i, path_text in enumerate(source.actions):
        if path_text.strip() == "bundled":
            if source.onet is None:
                raise InputError(
                    [
                        Problem(
                            f"{field}.actions[{i}]",
                            "'bundled' names the bundled actions for O*NET occupations; use "
                            "it with `onet:` (a bundled catalogue already has its actions)",
                        )
                    ]
                )
            from careerfit_opt.data.careers import load_career_actions

            bundled_actions = load_career_actions()
            parts.append(ActionPart("bundled actions", list(bundled_actions.actions)))
            illustrative = illustrative or bundled_actions.illustrative
            continue
        from careerfit_opt.data.action_files import load_action_file

        lines: dict[str, int] = {}
        path = rel(path_text)
        parts.append(
            ActionPart(str(path), load_action_file(path, catalog.dimension_ids, lines), lines)
        )
    if source.synthetic_actions is not None:
        from careerfit_opt.data.synthetic import generate_actions

        spec = source.synthetic_actions
        generated = generate_actions(catalog, count=spec.count, seed=spec.seed)
        parts.append(ActionPart(f"{field}.synthetic_actions", generated))
    if parts:
        catalog = merge_actions(catalog, parts, base_source=f"catalogue {catalog.name!r}")
    if illustrative:  # also when the overlay made it illustrative: say the actions are too
        catalog = Catalog(
            **{
                **{f: getattr(catalog, f) for f in type(catalog).model_fields},
                "illustrative": True,
                "metadata": {**catalog.metadata, "illustrative_actions": "bundled"},
                "description": f"{catalog.description} With the bundled ILLUSTRATIVE actions "
                "for O*NET occupations (hand-made durations, hours, costs and gains).".strip(),
            }
        )
    return catalog


def search_catalog(onet: str | None, catalog: str | None, base_dir: Path) -> Catalog:
    """The catalogue ``careerfit search`` looks in: ``catalog`` (a bundled name or a file),
    else the O*NET directory or installed release ``onet``, else the newest installed O*NET
    release; an :class:`InputError` saying how to install one when there is none."""
    if catalog is not None and onet is not None:
        raise InputError("give either --onet or --catalog, not both")
    if catalog is not None:
        return resolve_catalog(CatalogSource.model_validate(catalog), base_dir, field="catalog")
    if onet is None:
        from careerfit_opt.data.onet import installed_releases

        installed = installed_releases()
        if not installed:
            raise InputError(
                "no O*NET release installed: install one with `careerfit data onet --download` "
                "(or --from DIR), or name one with --onet DIR"
            )
        onet = max(installed, key=_release_order)
    return resolve_catalog(CatalogSource(onet=onet), base_dir, field="onet")


def _release_order(name: str) -> tuple[tuple[int, int | str], ...]:
    """Release names in version order (``30.1`` after ``23.2``, ``30.10`` after ``30.9``)."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in name.split("."))
