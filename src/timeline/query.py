"""The filters shared by `show` and `export`: what to select, as plain data.

`Query.parse` turns what a user typed into codes, kinds and day bounds; the store turns a
Query into SQL. Filters combine with AND; the values of one filter with OR.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypedDict, TypeVar

from timeline.countries import split_list, to_alpha2, to_alpha2_list
from timeline.dates import PartialDate, parse_date
from timeline.errors import FieldError, OptionError
from timeline.kinds import plural, resolve_kind, resolve_status
from timeline.suggest import close_matches
from timeline.words import joined

T = TypeVar("T")


class Filters(TypedDict, total=False):
    """The filters of `events`, `stats` and `export`: the CLI's long option names. Filters
    combine with AND, the values of one filter with OR; the repeatable ones take a string
    or a list; dates take text ("2025", "2025-06", "3 months ago") or a date."""

    country: str | Iterable[str]  # code or name, either side
    kind: str | Iterable[str]  # a kind or an alias
    tag: str | Iterable[str]
    participant: str  # a participant's name contains this, in any case
    status: str | Iterable[str]  # planned, held, cancelled, postponed
    since: str | dt.date  # events whose span overlaps [since, until], each bound
    until: str | dt.date  # covering its whole precision (until="2025": all of 2025)
    between: tuple[str, str]  # events involving both countries
    search: str  # full text: every word, as a prefix
    limit: int | None  # only the N most recent matches (still oldest first)
    reverse: bool  # newest first


@dataclass(frozen=True)
class Query:
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    since: dt.date | None = None  # first day of the range
    until: dt.date | None = None  # last day of the range
    between: tuple[str, str] | None = None
    participant: str | None = None
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    search: str | None = None
    limit: int | None = None  # keep the N most recent matches
    reverse: bool = False  # newest first
    over_by: dt.date | None = None  # events that took place: held, or no status and over
    # The bounds as the user gave them (`2023-01` is January 2023), for the words of titles.
    since_given: PartialDate | None = field(default=None, compare=False)
    until_given: PartialDate | None = field(default=None, compare=False)

    @classmethod
    def parse(
        cls,
        *,
        today: dt.date,
        countries: list[str] | None = None,
        kinds: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        between: tuple[str, str] | None = None,
        participant: str | None = None,
        tags: list[str] | None = None,
        statuses: list[str] | None = None,
        search: str | None = None,
        limit: int | None = None,
        reverse: bool = False,
        is_stored_country: Callable[[str], bool] = lambda code: False,
    ) -> Query:
        """Read the filters as typed; a bad value raises OptionError naming the option.

        `is_stored_country` lets a code that the store already holds skip the country
        database: stored codes were validated on their way in, and `show -c JP` then
        starts without loading pycountry."""
        read = _OptionReader(today, is_stored_country)
        since_date, until_date = read.date("since", since), read.date("until", until)
        if since_date and until_date and until_date.last_day < since_date.first_day:
            raise OptionError("until", f"{until} is before since {since}")
        if limit is not None and limit < 1:
            raise OptionError("limit", "must be at least 1")
        return cls(
            countries=read.countries(countries),
            kinds=read.each("kind", kinds, resolve_kind),
            since=since_date.first_day if since_date else None,
            until=until_date.last_day if until_date else None,
            since_given=since_date,
            until_given=until_date,
            between=read.pair(between) if between else None,
            participant=participant.strip() if participant and participant.strip() else None,
            tags=read.each("tag", [t for t in tags or () if t.strip()], str.strip),
            statuses=read.each("status", statuses, resolve_status),
            search=search.strip() if search and search.strip() else None,
            limit=limit,
            reverse=reverse,
        )

    @classmethod
    def from_filters(
        cls, filters: Filters, *, today: dt.date, is_stored_country: Callable[[str], bool]
    ) -> Query:
        """The Query of the API's filter keywords (`Filters`), checked as `parse` does."""
        unknown = sorted(set(filters) - set(Filters.__annotations__))
        if unknown:
            known = sorted(Filters.__annotations__)
            near = close_matches(unknown[0], known)
            hint = f"; did you mean {near[0]!r}?" if near else f" (filters: {', '.join(known)})"
            raise OptionError(unknown[0], f"there is no filter {unknown[0]!r}{hint}")
        between = filters.get("between")
        if between is not None and (isinstance(between, str) or len(between) != 2):
            raise OptionError("between", "takes two countries: between=('KR', 'JP')")
        return Query.parse(
            today=today,
            countries=as_list(filters.get("country")),
            kinds=as_list(filters.get("kind")),
            tags=as_list(filters.get("tag")),
            statuses=as_list(filters.get("status")),
            participant=filters.get("participant"),
            since=date_text(filters.get("since")),
            until=date_text(filters.get("until")),
            between=(between[0], between[1]) if between else None,
            search=filters.get("search"),
            limit=filters.get("limit"),
            reverse=filters.get("reverse", False),
            is_stored_country=is_stored_country,
        )

    def describe(self, *, names: bool = False) -> str:
        """The filters in words: `KR and JP, summit, since Jan 2025`; with `names`, as a
        title says them: `South Korea and Japan, summits, since January 2025` (the names
        load the country tables: not for `show`'s start)."""
        said: Callable[[str], str] = lambda code: code  # noqa: E731
        if names:
            from timeline.countries import country_name

            said = country_name
        parts = []
        if self.between:
            parts.append(" and ".join(map(said, self.between)))
        if self.countries:
            parts.append(joined([said(c) for c in self.countries], "or"))
        if self.kinds:
            parts.append(
                joined([plural(k) for k in self.kinds]) if names else ", ".join(self.kinds)
            )
        for word, given, day in (
            ("since", self.since_given, self.since),
            ("until", self.until_given, self.until),
        ):
            if given or day:
                parts.append(f"{word} {given.human(long=names) if given else day}")
        if self.participant:
            parts.append(f"with {self.participant}")
        if self.tags:
            parts.append("tagged " + ", ".join(self.tags))
        if self.statuses:
            parts.append(joined(list(self.statuses), "or"))
        if self.search:
            parts.append(f"matching {self.search!r}")
        return ", ".join(parts)


def _read_option(option: str, convert: Callable[[str], T], value: str) -> T:
    try:
        return convert(value)
    except FieldError as error:
        raise OptionError(option, str(error)) from None


def as_list(value: str | Iterable[str] | None) -> list[str] | None:
    """A keyword that takes one value or several, as a list."""
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def date_text(value: str | dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


class _OptionReader:
    """Reads the values of the filter options; a bad one raises OptionError naming it."""

    def __init__(self, today: dt.date, is_stored_country: Callable[[str], bool]) -> None:
        self.today, self.is_stored_country = today, is_stored_country

    def country(self, text: str) -> str:
        code = text.strip().upper()
        # Every stored code looks up to itself (`JP`, `NATO`, `SUHH`), so one seen in the
        # store needs no lookup.
        if 2 <= len(code) <= 6 and code.isalnum() and self.is_stored_country(code):
            return code
        return to_alpha2(text)

    def countries(self, values: list[str] | None) -> tuple[str, ...]:
        def codes(text: str) -> list[str]:
            return to_alpha2_list(text, self.country)

        found = (code for value in values or () for code in _read_option("country", codes, value))
        return tuple(dict.fromkeys(found))

    def pair(self, between: tuple[str, str]) -> tuple[str, str]:
        return (
            _read_option("between", self.country, between[0]),
            _read_option("between", self.country, between[1]),
        )

    def each(
        self, option: str, values: list[str] | None, convert: Callable[[str], str]
    ) -> tuple[str, ...]:
        """Every value, and every item of a comma-separated one (`-k summit,visit`)."""
        items = (item for value in values or () for item in split_list(value))
        return tuple(dict.fromkeys(_read_option(option, convert, item) for item in items))

    def date(self, option: str, value: str | None) -> PartialDate | None:
        if value is None:
            return None
        return _read_option(option, lambda v: parse_date(v, today=self.today), value)
