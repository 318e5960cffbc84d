"""The attribution O*NET's licence (CC BY 4.0) asks every use of the data to show."""

from __future__ import annotations

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def attribution_text(release: str = "unknown", modified: bool = True) -> str:
    """The attribution for O*NET release ``release`` (the wording of the O*NET Resource Center).

    ``modified`` adds the sentence the licence asks for when the data was changed; careerfit-opt
    always changes it (it rescales, selects and combines tables), so it is on by default.

    >>> print(attribution_text("23.2", modified=False))  # doctest: +NORMALIZE_WHITESPACE
    This product includes information from the O*NET 23.2 Database by the U.S. Department of
    Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license
    (https://creativecommons.org/licenses/by/4.0/). O*NET® is a trademark of USDOL/ETA.
    """
    version = release if release and release != "unknown" else "(release unknown)"
    text = (
        f"This product includes information from the O*NET {version} Database by the U.S. "
        "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under "
        f"the {LICENSE_NAME} license ({LICENSE_URL}). O*NET® is a trademark of USDOL/ETA."
    )
    if modified:
        text += (
            " careerfit-opt has modified all or some of this information: it selected tables "
            "and combined them into a catalogue. USDOL/ETA has not approved, endorsed, or "
            "tested these modifications."
        )
    return text
