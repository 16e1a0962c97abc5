"""Titles a person reads, for the rows of every importer: `Saudi Arabia visits Egypt`,
`Japan and South Korea hold talks`, `Park Jin (South Korea) visits Japan`, and, when one
side is not known, the event as a noun: `Visit to United States`, `Praise from Canada`."""

from __future__ import annotations

from functools import lru_cache
from string import capwords
from typing import TypeVar

from timeline.cameo import phrases_of
from timeline.countries import country_name, english_name_to_alpha2

T = TypeVar("T")
Noun = tuple[str, str, str]  # the noun, the word before the actor, before the recipient


def title(
    actor: str | None, recipient: str | None, verb: str, together: str | None, noun: Noun
) -> str:
    """The title of an event from its two sides as `side` says them (None: not known)."""
    if actor and recipient:
        if together and actor != recipient:
            return f"{actor} and {recipient} {together}"
        return f"{actor} {verb} {recipient}"
    name, by, to = noun
    return f"{name} {by} {actor}" if actor else f"{name} {to} {recipient}"


def cameo_title(actor: str | None, recipient: str | None, code: str) -> str:
    """The title of a CAMEO-coded row (GDELT, ICEWS). `B hosts a visit from A` (043) is
    told as the visit it is, `A visits B`: the two rows GDELT makes of one visit read the
    same, and the event merged from them reads the same whichever came first."""
    if code.startswith("043"):
        actor, recipient, code = recipient, actor, "042"
    return title(actor, recipient, *phrases_of(code))


def visitor_first(code: str, sides: tuple[T, T]) -> tuple[T, T]:
    """The two sides of a CAMEO row in the order its title says them: a hosted visit
    (043) the visitor first, as `cameo_title` tells it."""
    return (sides[1], sides[0]) if code.startswith("043") else sides


@lru_cache(maxsize=4096)  # bounded: the same few actors come back row after row
def side(names: tuple[str, ...], countries: tuple[str, ...]) -> str | None:
    """One side of an event as a title says it: its people's names with its countries
    (`Park Jin (South Korea)`), or its countries (`Japan`); None for a side without a
    country or organisation, whatever its name (`POLICE`, `COMPANIES`). Names that coders
    write in capitals are written as names."""
    if not countries:
        return None
    place = ", ".join(dict.fromkeys(country_name(code) for code in countries))
    people = []
    for name in filter(None, (name.strip() for name in names)):
        name = capwords(name) if name.isupper() else name
        if not _names_the_country(name, place, countries) and name not in people:
            people.append(name)
    if not people:
        return place
    said = ", ".join(people)
    return said if said.endswith(f"({place})") else f"{said} ({place})"


def _names_the_country(name: str, place: str, countries: tuple[str, ...]) -> bool:
    """Whether an actor's name is only the word for its country: one of its names
    (`Turkey` for Türkiye), or one word that starts as a word of it does (`SAUDI`,
    `JAPANESE`, `KOREAN`, `CHINESE`)."""
    said = name.casefold()
    if said == place.casefold() or english_name_to_alpha2(name) in countries:
        return True
    words = [w for w in place.casefold().replace(",", " ").split() if len(w) >= 4]
    return " " not in said and any(said.startswith(w[:4]) for w in words)
