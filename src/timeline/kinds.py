"""The kinds of event and the statuses an event can have: their names, meanings, colours
and the aliases a user may type."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.errors import FieldError
from timeline.suggest import close_matches


@dataclass(frozen=True)
class Kind:
    name: str
    meaning: str
    cameo: str | None  # nearest CAMEO code, so the data can meet GDELT/ICEWS later
    aliases: tuple[str, ...]
    colour: str  # in every view (terminal, page): see render.PALETTE for how it was chosen
    letter: str  # stands for the kind where there is no colour (NO_COLOR charts)


# fmt: off
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("summit", "heads of state/government meet", "043",
             ("leaders' meeting", "leaders meeting", "summit meeting"), "#d75fd7", "S"),
        Kind("visit", "official or state visit", "042",
             ("state visit", "official visit", "trip", "working visit"), "#ff8700", "V"),
        Kind("meeting", "ministers, officials, party leaders meet", "040",
             ("consultation", "consultations", "talk"), "#0087ff", "M"),
        Kind("call", "phone or video call", "041",
             ("phone call", "video call", "telephone call"), "#00afaf", "C"),
        Kind("negotiation", "talks, negotiation rounds, teams set up to negotiate", "046",
             ("talks", "negotiations"), "#d7af00", "N"),
        Kind("agreement", "agreement, treaty, deal signed or reached", "057",
             ("treaty", "deal", "accord", "pact", "signing"), "#00af00", "A"),
        Kind("statement", "announcement, declaration, speech", "010",
             ("announcement", "declaration", "speech"), "#8787af", "T"),
        Kind("economic", "trade, tariffs, investment", "061",
             ("trade", "tariffs", "tariff", "investment"), "#af5f00", "E"),
        Kind("defense", "military cooperation, alliances, exercises", "062",
             ("military", "security", "defence", "exercise"), "#878700", "D"),
        Kind("legal", "court rulings, legislation", "090",
             ("ruling", "court", "legislation", "law"), "#ff5faf", "L"),
        Kind("dispute", "protest, sanction, expulsion, breakdown", "111",
             ("protest", "sanction", "sanctions", "expulsion"), "#d70000", "X"),
        Kind("other", "anything else", None, (), "#949494", "O"),
    )
}
# fmt: on

_KIND_LOOKUP = {name: name for name in KINDS} | {
    alias: kind.name for kind in KINDS.values() for alias in kind.aliases
}

STATUSES = ("planned", "held", "cancelled", "postponed")


def resolve_kind(text: str) -> str:
    """A kind or one of its aliases, in any case, to the kind's name."""
    key = " ".join(text.split()).lower()
    kind = _KIND_LOOKUP.get(key)
    if kind:
        return kind
    close = close_matches(key, list(_KIND_LOOKUP), n=1, cutoff=0.7)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise FieldError(f"unknown kind {text!r}{hint} (see `timeline kinds`)")


def resolve_status(text: str) -> str:
    key = text.strip().lower()
    if key in STATUSES:
        return key
    raise FieldError(f"unknown status {text!r}: use one of {', '.join(STATUSES)}")
