"""``careerfit data``: install O*NET releases (download or local folder) and list them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from careerfit_opt.cli.app import err, out
from careerfit_opt.errors import InputError

if TYPE_CHECKING:
    from careerfit_opt.model.catalog import Catalog

#: The release ``--download`` fetches when none is given.
DEFAULT_RELEASE = "30.1"
#: Exit code of a download that failed for reasons outside the input (network, server).
EXIT_DOWNLOAD_FAILED = 1


def _summary(catalog: Catalog, installed: Path) -> None:
    meta = catalog.metadata
    out.print(f"installed O*NET {meta.get('release', 'unknown')} in {installed}")
    out.print(
        f"  {meta.get('occupations')} occupations with skill ratings "
        f"({meta.get('occupations_without_skills')} without, left out), "
        f"{len(catalog.dimensions)} dimensions "
        f"(skills {meta.get('skill_elements')}, knowledge {meta.get('knowledge_elements')}, "
        f"abilities {meta.get('ability_elements')})"
    )
    out.print(
        f"  interests for {meta.get('occupations_with_interests')}, work values for "
        f"{meta.get('occupations_with_work_values')}, job zones for "
        f"{meta.get('occupations_with_job_zone')}; "
        f"'Not Relevant' rows set to level 0: {meta.get('not_relevant_rows')}; "
        f"'Recommend Suppress' rows kept: {meta.get('suppressed_rows')}"
    )
    out.print(
        f"  education and experience for {meta.get('occupations_with_education', '0')}, "
        f"hot technologies for {meta.get('occupations_with_hot_technologies', '0')}, "
        f"{meta.get('alternate_titles', '0')} alternate titles, level anchors for "
        f"{meta.get('dimensions_with_anchors', '0')} dimensions"
    )
    out.print(f'  use it in a scenario with: catalog: {{onet: "{installed.name}"}}')
    out.print()
    out.print(catalog.attribution or "", markup=False)


USAGE = "[OPTIONS]"
HELP = "Install an O*NET release so scenarios can name it; without options, list the installed."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--from``, ``--download``, ``--release``, ``--base-url``."""
    parser.add_argument("--from", dest="from_dir", type=Path, metavar="DIR",
                        help="Install the O*NET text tables of this local directory.")  # fmt: skip
    parser.add_argument("--download", action="store_true",
                        help="Download the official text release.")  # fmt: skip
    parser.add_argument(
        "--release", metavar="RELEASE",
        help=f"Release, e.g. 23.2 (download default {DEFAULT_RELEASE}; --from: detected).",
    )  # fmt: skip
    parser.add_argument("--base-url", metavar="URL",
                        help="Download from this mirror instead of onetcenter.org.")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """List the installed releases, or install one and summarise it."""
    from careerfit_opt.data.onet import install_from_directory, installed_releases, load_onet
    from careerfit_opt.data.onet.releases import releases_root

    from_dir: Path | None = args.from_dir
    download: bool = args.download
    release: str | None = args.release

    if from_dir is not None and download:
        raise InputError("give either --from DIR or --download, not both")
    if from_dir is None and not download:
        names = installed_releases()
        root = releases_root()
        if not names:
            out.print(f"no O*NET release installed in {root}")
            out.print("install one with: careerfit data onet --download  (or --from DIR)")
        for name in names:
            out.print(f"{name}\t{root / name}")
        return 0
    if from_dir is not None:
        installed = install_from_directory(from_dir.expanduser(), release)
    else:
        installed = _download(release or DEFAULT_RELEASE, args.base_url)
    _summary(load_onet(installed), installed)
    return 0


def _download(release: str, base_url: str | None) -> Path:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from careerfit_opt.data.onet import DownloadError, download_release

    with Progress(
        TextColumn(f"O*NET {release}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("download", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        try:
            return download_release(release, base_url=base_url, progress=update)
        except DownloadError as exc:
            bar.stop()
            err.print(f"[bold red]error[/]: {exc}", highlight=False)
            raise SystemExit(EXIT_DOWNLOAD_FAILED) from None
