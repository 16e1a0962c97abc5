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
    # Whether the kind alone says which way an event goes (a summit cooperates, a clash
    # fights): only then does its CAMEO code score it. Trade or a court ruling can go
    # either way, so an event of such a kind is scored by its own code, or not at all.
    scores: bool = True
    # Aliases that do say the direction, with the CAMEO code an event written so carries.
    coded: tuple[tuple[str, str], ...] = ()

    @property
    def score_code(self) -> str | None:
        """The code that scores an event of this kind without a code of its own."""
        return self.cameo if self.scores else None

    def names(self) -> tuple[str, ...]:
        """Every alias, the coded ones included."""
        return self.aliases + tuple(alias for alias, _ in self.coded)

    def codes(self) -> set[str]:
        """The CAMEO codes an event of this kind may carry whatever they say: its own and
        its coded aliases' (`tariffs` is economic and 163, a sanction)."""
        return {code for code in (self.cameo, *(code for _, code in self.coded)) if code}


# fmt: off
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("summit", "heads of state/government meet", "043",
             ("leaders' meeting", "leaders meeting", "summit meeting"), "#d75fd7", "S"),
        Kind("visit", "official or state visit", "042",
             ("state visit", "official visit", "trip", "working visit"), "#ff8700", "V"),
        Kind("meeting", "ministers, officials, party leaders meet", "040",
             ("consultation", "consultations", "talk", "dialogue", "conference",
              "ministerial", "ministerial meeting"), "#0087ff", "M"),
        Kind("call", "phone or video call", "041",
             ("phone call", "video call", "telephone call", "phone"), "#00afaf", "C"),
        Kind("negotiation", "talks, negotiation rounds, teams set up to negotiate", "046",
             ("talks", "negotiations", "peace talks"), "#d7af00", "N"),
        Kind("agreement", "agreement, treaty, deal signed or reached", "057",
             ("treaty", "deal", "accord", "pact", "signing", "ceasefire", "truce"),
             "#00af00", "A"),
        Kind("statement", "announcement, declaration, speech", "010",
             ("announcement", "declaration", "speech"), "#8787af", "T", scores=False),
        Kind("economic", "trade, investment, economic measures", "061",
             ("trade", "investment"), "#af5f00", "E", scores=False,
             coded=(("tariffs", "163"), ("tariff", "163"), ("export controls", "163"),
                    ("trade deal", "061"), ("aid", "07"), ("economic aid", "07"))),
        Kind("defense", "military cooperation, alliances, exercises", "062",
             ("military", "security", "defence", "exercise"), "#878700", "D", scores=False,
             coded=(("joint exercise", "062"), ("military exercise", "15"),
                    ("missile test", "15"), ("military aid", "062"))),
        Kind("legal", "court rulings, legislation", "090",
             ("ruling", "court", "legislation", "law"), "#ff5faf", "L", scores=False),
        Kind("dispute", "protest, sanction, expulsion, breakdown", "111",
             ("protest",), "#d70000", "X",
             coded=(("sanction", "163"), ("sanctions", "163"), ("embargo", "163"),
                    ("expulsion", "16"))),
        Kind("conflict", "armed conflict: clashes, strikes, war", "19",
             ("armed conflict", "fighting"), "#ff005f", "W",
             coded=(("war", "19"), ("clash", "19"), ("strike", "19"), ("air strike", "19"),
                    ("attack", "18"))),
        Kind("other", "anything else", None, (), "#949494", "O", scores=False),
    )
}
# fmt: on

_KIND_LOOKUP = {name: name for name in KINDS} | {
    alias: kind.name for kind in KINDS.values() for alias in kind.names()
}
_ALIAS_CODES = {alias: code for kind in KINDS.values() for alias, code in kind.coded}

STATUSES = ("planned", "held", "cancelled", "postponed")


_ADJECTIVES = frozenset({"economic", "defense", "legal", "other"})  # `economic events`


def plural(kind: str) -> str:
    """A kind as a title names its events: `summits`, `economic events`."""
    return f"{kind} events" if kind in _ADJECTIVES else f"{kind}s"


def alias_code(text: str) -> str | None:
    """The CAMEO code an alias that names a direction carries (`tariffs`: 163)."""
    return _ALIAS_CODES.get(" ".join(text.split()).lower())


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
