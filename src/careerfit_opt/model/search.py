"""Finding occupations by job title, and resolving a profile's occupations against a catalogue.

Search compares *words*: case, punctuation and a plural ``s`` do not matter (``cashier`` finds
``Cashiers``). Ranking, best first:

1. the occupation id itself (``41-2011.00``);
2. the title, word for word;
3. a title holding every word of the query (fewer other words first);
4. an alternate title, word for word;
5. an alternate title holding every word of the query (fewer other words first);
6. titles, then alternate titles, holding some of the query's words (more of them first).

Each occupation appears once, at its best match; ties keep catalogue order.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.base import Model
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.occupations import Occupation
from careerfit_opt.model.profiles import Profile

_WORD = re.compile(r"[a-z0-9]+")
#: Words that say nothing about the job; a query of only these matches nothing partially.
_STOP = frozenset({"a", "an", "and", "of", "the", "or", "in", "for", "to", "all", "other"})


class MatchKind(StrEnum):
    """How a query matched an occupation (best first)."""

    ID = "id"
    TITLE = "title"
    TITLE_WORDS = "title_words"
    ALTERNATE_TITLE = "alternate_title"
    ALTERNATE_TITLE_WORDS = "alternate_title_words"
    TITLE_SOME_WORDS = "title_some_words"
    ALTERNATE_TITLE_SOME_WORDS = "alternate_title_some_words"


_TIER = {kind: i for i, kind in enumerate(MatchKind)}


class OccupationMatch(Model):
    """One search hit: the occupation, how it matched and the (alternate) title matched."""

    rank: int
    occupation_id: str
    title: str
    kind: MatchKind
    #: The alternate title that matched (``None`` when the id or the title matched).
    alternate_title: str | None = None

    @property
    def exact(self) -> bool:
        """Whether the query is the id, the title or an alternate title, word for word."""
        return self.kind in (MatchKind.ID, MatchKind.TITLE, MatchKind.ALTERNATE_TITLE)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as search compares them (lower case, plural ``s`` dropped).

    >>> words("Cashiers, All Other")
    ('cashier', 'all', 'other')
    """
    return tuple(_stem(w) for w in _WORD.findall(text.lower()))


#: Per catalogue (by identity): its search index, built on first use. The catalogue is kept
#: in the entry so its id cannot be reused while the entry exists; a few entries at most.
_INDEX: dict[int, tuple[Catalog, list[tuple[int, str | None, tuple[str, ...]]]]] = {}
_INDEX_SIZE = 4


def _index(catalog: Catalog) -> list[tuple[int, str | None, tuple[str, ...]]]:
    """(occupation position, alternate title or ``None`` for the title, words) entries."""
    hit = _INDEX.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    entries: list[tuple[int, str | None, tuple[str, ...]]] = []
    for i, occ in enumerate(catalog.occupations):
        entries.append((i, None, words(occ.title)))
        entries.extend((i, alt, words(alt)) for alt in occ.alternate_titles)
    if len(_INDEX) >= _INDEX_SIZE:
        _INDEX.pop(next(iter(_INDEX)))
    _INDEX[id(catalog)] = (catalog, entries)
    return entries


def search_occupations(catalog: Catalog, query: str, limit: int = 10) -> list[OccupationMatch]:
    """Occupations whose id, title or alternate titles match ``query``, best first.

    >>> from careerfit_opt.model import Dimension
    >>> cat = Catalog(name="c", dimensions=[Dimension(id="a", name="A", kind="skill")],
    ...     occupations=[Occupation(id="41-2011.00", title="Cashiers",
    ...                             alternate_titles=["Checker", "Toll Collector"]),
    ...                  Occupation(id="41-2031.00", title="Retail Salespersons",
    ...                             alternate_titles=["Sales Associate", "Cashier Supervisor"])])
    >>> [(m.occupation_id, m.kind.value, m.alternate_title)
    ...  for m in search_occupations(cat, "cashier")]
    [('41-2011.00', 'title', None), ('41-2031.00', 'alternate_title_words', 'Cashier Supervisor')]
    """
    text = query.strip()
    if not text or limit < 1:
        return []
    want = words(text)
    wanted = set(want)
    content = wanted - _STOP
    best: dict[int, tuple[int, float, int, str | None]] = {}  # occ → (tier, -score, order, alt)
    by_id = catalog.occupation_by_id.get(text)
    if by_id is not None:
        position = next(i for i, o in enumerate(catalog.occupations) if o is by_id)
        best[position] = (_TIER[MatchKind.ID], 0.0, 0, None)
    for order, (i, alt, have) in enumerate(_index(catalog)):
        if not have:
            continue
        title = alt is None
        if have == want:
            kind = MatchKind.TITLE if title else MatchKind.ALTERNATE_TITLE
            score = 0.0
        elif wanted <= set(have):
            kind = MatchKind.TITLE_WORDS if title else MatchKind.ALTERNATE_TITLE_WORDS
            score = -float(len(have) - len(want))  # fewer other words first
        else:
            shared = content & set(have)
            if not shared:
                continue
            kind = MatchKind.TITLE_SOME_WORDS if title else MatchKind.ALTERNATE_TITLE_SOME_WORDS
            score = len(shared) / len(content) - 0.01 * len(have)
        key = (_TIER[kind], -score, order, alt)
        if i not in best or key < best[i]:
            best[i] = key
    ranked = sorted(best.items(), key=lambda item: item[1][:3])[:limit]
    kinds = list(MatchKind)
    return [
        OccupationMatch(
            rank=rank,
            occupation_id=catalog.occupations[i].id,
            title=catalog.occupations[i].title,
            kind=kinds[tier],
            alternate_title=alt,
        )
        for rank, (i, (tier, _, _, alt)) in enumerate(ranked, start=1)
    ]


def resolve_occupation(catalog: Catalog, text: str, field: str = "occupation") -> Occupation:
    """The one occupation ``text`` names: its id, its title or an alternate title (word for
    word); anything else is an :class:`InputError` at ``field`` listing the closest matches.

    A title wins over alternate titles; an alternate title shared by several occupations is
    ambiguous (the error lists them with their ids).
    """
    found = catalog.occupation_by_id.get(text.strip())
    if found is not None:
        return found
    matches = search_occupations(catalog, text, limit=50)
    titles = [m for m in matches if m.kind is MatchKind.TITLE]
    alternates = [m for m in matches if m.kind is MatchKind.ALTERNATE_TITLE]
    for exact in (titles, alternates):
        if len(exact) == 1:
            return catalog.occupation_by_id[exact[0].occupation_id]
    shown = (titles or alternates or matches)[:5]
    listed = "; ".join(
        f"{m.occupation_id} {m.title}"
        + (f" (also called {m.alternate_title})" if m.alternate_title else "")
        for m in shown
    )
    if not matches:
        message = (
            f"no occupation id, title or alternate title matches {text!r}; "
            "try `careerfit search WORDS` to find one"
        )
    elif titles or alternates:
        message = f"{text!r} names several occupations: {listed}; give the id of one"
    else:
        message = f"no occupation is called {text!r}; closest: {listed}; give the id of one"
    raise InputError([Problem(field, message)])


def resolve_profile(profile: Profile, catalog: Catalog, field: str = "profile") -> Profile:
    """``profile`` with its occupations resolved against ``catalog``.

    * ``from_occupation`` (``start_occupation`` in Python): the occupation's ratings become
      the starting levels, and its interests, work values and typical education fill the
      profile's where the profile gives none; levels the profile gives (``null`` = unknown)
      override the estimates. What was taken is marked (``estimated_from``,
      ``estimated_levels``, ``estimated_fields``). It is also the current occupation unless
      the profile names another.
    * ``current_occupation``: an id or a title, replaced by the occupation's id.

    A profile already resolved is returned as it is. Unknown occupations raise an
    :class:`InputError` at ``<field>.from_occupation`` / ``<field>.current_occupation``.
    """
    update: dict[str, Any] = {}
    if profile.start_occupation is not None and profile.estimated_from is None:
        occ = resolve_occupation(catalog, profile.start_occupation, f"{field}.from_occupation")
        base = Profile.from_occupation(occ)
        given = profile.model_fields_set
        own = dict(profile.levels)
        update["levels"] = {**base.levels, **own}
        update["estimated_levels"] = [d for d in base.estimated_levels if d not in own]
        update["estimated_fields"] = [
            f for f in base.estimated_fields if f not in given or getattr(profile, f) is None
        ]
        for f in update["estimated_fields"]:
            update[f] = getattr(base, f)
        update["estimated_from"] = occ.id
        update["estimated_from_title"] = occ.title
        update["start_occupation"] = occ.id
        if "name" not in given:
            update["name"] = base.name
        if profile.current_occupation is None:
            update["current_occupation"] = occ.id
    current = update.get("current_occupation", profile.current_occupation)
    if current is not None and current not in catalog.occupation_by_id:
        update["current_occupation"] = resolve_occupation(
            catalog, current, f"{field}.current_occupation"
        ).id
    if not update:
        return profile
    data = profile.model_dump()
    data.update(update)
    return Profile.model_validate(data)
