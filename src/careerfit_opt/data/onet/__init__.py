"""The O*NET importer: real occupations, requirements, interests and work values.

O*NET® data is published by the U.S. Department of Labor, Employment and Training
Administration (USDOL/ETA) under CC BY 4.0; every catalogue built here carries the attribution
in ``Catalog.attribution`` and reports built on it must show it.
"""

from careerfit_opt.data.onet.attribution import attribution_text
from careerfit_opt.data.onet.download import DownloadError, download_release, release_url
from careerfit_opt.data.onet.importer import compile_tables, detect_release, load_onet
from careerfit_opt.data.onet.releases import (
    data_dir,
    install_from_directory,
    installed_releases,
    resolve_onet_dir,
)

__all__ = [
    "DownloadError",
    "attribution_text",
    "compile_tables",
    "data_dir",
    "detect_release",
    "download_release",
    "install_from_directory",
    "installed_releases",
    "load_onet",
    "release_url",
    "resolve_onet_dir",
]
