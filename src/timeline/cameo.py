"""CAMEO, the event ontology of GDELT and ICEWS: codes to kinds, labels, Goldstein scores,
CAMEO actor country codes to ISO alpha-2, and the organisations its actor codes name
(`IGOUNO`). The one mapping table both importers use.

CAMEO event codes are two-digit roots (01-20) refined to three and four digits
("04" consult, "042" make a visit, "0421"...). A code not listed takes its longest listed
prefix, so every code has a kind, a label and a score.
"""

from __future__ import annotations

from functools import cache, lru_cache

# code -> (kind, label as a verb phrase: "<actor> <label> <recipient>")
EVENT_CODES: dict[str, tuple[str, str]] = {
    "01": ("statement", "makes a public statement about"),
    "02": ("statement", "appeals to"),
    "03": ("statement", "expresses intent to cooperate with"),
    "04": ("meeting", "consults with"),
    "040": ("meeting", "consults with"),
    "041": ("call", "talks by phone with"),
    "042": ("visit", "visits"),
    "043": ("visit", "hosts a visit from"),
    "044": ("meeting", "meets at a third location with"),
    "045": ("negotiation", "mediates with"),
    "046": ("negotiation", "negotiates with"),
    "05": ("statement", "engages in diplomatic cooperation with"),
    "051": ("statement", "praises"),
    "054": ("agreement", "grants diplomatic recognition to"),
    "055": ("statement", "apologizes to"),
    "057": ("agreement", "signs a formal agreement with"),
    "06": ("economic", "engages in material cooperation with"),
    "061": ("economic", "cooperates economically with"),
    "062": ("defense", "cooperates militarily with"),
    "063": ("legal", "engages in judicial cooperation with"),
    "064": ("defense", "shares intelligence with"),
    "07": ("economic", "provides aid to"),
    "08": ("other", "yields to"),
    "09": ("legal", "investigates"),
    "10": ("statement", "makes demands of"),
    "11": ("dispute", "disapproves of"),
    "111": ("dispute", "criticizes"),
    "12": ("dispute", "rejects"),
    "13": ("dispute", "threatens"),
    "14": ("dispute", "protests against"),
    "15": ("defense", "exhibits military posture toward"),
    "16": ("dispute", "reduces relations with"),
    "163": ("dispute", "imposes an embargo or sanctions on"),
    "17": ("dispute", "coerces"),
    "18": ("conflict", "assaults"),
    "19": ("conflict", "fights"),
    "20": ("conflict", "uses unconventional mass violence against"),
}

# How a title says a code when its two sides act together ("Japan and South Korea hold
# talks"), and as a noun when one side is not known: the noun, the word before the actor
# and the word before the recipient ("Visit to United States", "Praise from Canada"), for
# each code of EVENT_CODES (a noun for its root will do).
TOGETHER: dict[str, str] = {
    "04": "hold talks",
    "040": "hold talks",
    "041": "talk by phone",
    "044": "meet at a third location",
    "046": "negotiate",
    "057": "sign a formal agreement",
    "06": "cooperate",
    "061": "cooperate economically",
    "062": "cooperate militarily",
    "19": "fight",
}
NOUNS: dict[str, tuple[str, str, str]] = {
    "01": ("Public statement", "by", "about"),
    "02": ("Appeal", "from", "to"),
    "03": ("Intent to cooperate", "from", "with"),
    "04": ("Talks", "held by", "with"),
    "041": ("Phone call", "from", "with"),
    "042": ("Visit", "by", "to"),
    "043": ("Visit", "hosted by", "from"),
    "044": ("Meeting at a third location", "of", "with"),
    "045": ("Mediation", "by", "with"),
    "046": ("Negotiation", "by", "with"),
    "05": ("Diplomatic cooperation", "of", "with"),
    "051": ("Praise", "from", "of"),
    "054": ("Diplomatic recognition", "from", "of"),
    "055": ("Apology", "from", "to"),
    "057": ("Formal agreement", "signed by", "with"),
    "06": ("Material cooperation", "of", "with"),
    "07": ("Aid", "from", "to"),
    "08": ("Concession", "from", "to"),
    "09": ("Investigation", "by", "of"),
    "10": ("Demands", "from", "of"),
    "11": ("Disapproval", "from", "of"),
    "111": ("Criticism", "from", "of"),
    "12": ("Rejection", "from", "of"),
    "13": ("Threat", "from", "to"),
    "14": ("Protest", "by", "against"),
    "15": ("Military posture", "of", "toward"),
    "16": ("Reduced relations", "of", "with"),
    "163": ("Embargo or sanctions", "from", "on"),
    "17": ("Coercion", "by", "of"),
    "18": ("Assault", "by", "on"),
    "19": ("Fighting", "by", "with"),
    "20": ("Mass violence", "by", "against"),
}


# Goldstein (1992) conflict-cooperation weights, -10 to +10, as published with CAMEO.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0,
    "010": 0.0,
    "011": -0.1,
    "012": -0.4,
    "013": 0.4,
    "014": 0.0,
    "015": 2.0,
    "016": 3.4,
    "017": 0.0,
    "018": 3.4,
    "019": 0.0,
    "02": 3.0,
    "03": 4.0,
    "036": 4.0,
    "04": 1.0,
    "040": 1.0,
    "041": 1.0,
    "042": 1.9,
    "043": 2.8,
    "044": 2.5,
    "045": 5.0,
    "046": 7.0,
    "05": 3.5,
    "051": 3.4,
    "052": 3.5,
    "053": 3.8,
    "054": 6.0,
    "055": 7.0,
    "056": 7.0,
    "057": 8.0,
    "06": 6.0,
    "061": 6.4,
    "062": 7.4,
    "063": 7.4,
    "064": 7.0,
    "07": 7.0,
    "08": 5.0,
    "09": -2.0,
    "10": -5.0,
    "11": -2.0,
    "111": -2.0,
    "12": -4.0,
    "13": -6.0,
    "14": -6.5,
    "15": -7.2,
    "16": -4.0,
    "163": -8.0,
    "17": -7.0,
    "18": -9.0,
    "19": -10.0,
    "20": -10.0,
}

# CAMEO actor country codes are ISO alpha-3 but for these.
_CAMEO_COUNTRY_EXCEPTIONS = {"ROM": "RO", "ZAR": "CD", "TMP": "TL"}


def _listed(code: str, table: dict[str, object]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return code[:length]
    return None


# The lookups below run several times per imported row over a few hundred distinct codes:
# cached, they are one dict lookup each.
@cache
def kind_of_code(code: str) -> str:
    """The kind an event code imports as (many codes to one kind)."""
    listed = _listed(code, EVENT_CODES)  # type: ignore[arg-type]
    return EVENT_CODES[listed][0] if listed else "other"


@cache
def label_of(code: str) -> str:
    listed = _listed(code, EVENT_CODES)  # type: ignore[arg-type]
    return EVENT_CODES[listed][1] if listed else "acts toward"


@cache
def phrases_of(code: str) -> tuple[str, str | None, tuple[str, str, str]]:
    """How a title says a code: its verb, its verb for two sides together (or None),
    and its noun form (`NOUNS`)."""
    listed = _listed(code, EVENT_CODES)  # type: ignore[arg-type]
    if listed is None:
        return label_of(code), None, ("Event", "involving", "involving")
    return label_of(code), TOGETHER.get(listed), NOUNS.get(listed) or NOUNS[listed[:2]]


def goldstein(code: str | None) -> float | None:
    """The Goldstein weight of an event code (its nearest listed prefix), None without one."""
    if not code:
        return None
    listed = _listed(code, GOLDSTEIN)  # type: ignore[arg-type]
    return GOLDSTEIN[listed] if listed else None


@lru_cache(maxsize=4096)
def event_goldstein(code: str | None, kind: str) -> float | None:
    """The Goldstein weight of a (non-POLECAT) event: its own code's, else its kind's; None
    for a kind that does not say which way it goes (trade, a legal case)."""
    from timeline.kinds import KINDS

    return goldstein(code or (KINDS[kind].score_code if kind in KINDS else None))


def is_event_code(code: str) -> bool:
    return 2 <= len(code) <= 4 and code.isdigit() and 1 <= int(code[:2]) <= 20


def is_code_prefix(prefix: str) -> bool:
    """Whether some event code starts with `prefix` (`0`, `04`, `042`, `0421`; not `25`)."""
    if not (1 <= len(prefix) <= 4 and prefix.isdigit()):
        return False
    return prefix in "012" if len(prefix) == 1 else is_event_code(prefix)


@cache
def country_alpha2(cameo_code: str) -> str | None:
    """A CAMEO actor country code as ISO alpha-2; None for regional and unknown codes
    (`AFR`, `EUR`, `WSB`...)."""
    if not cameo_code:
        return None
    if cameo_code in _CAMEO_COUNTRY_EXCEPTIONS:
        return _CAMEO_COUNTRY_EXCEPTIONS[cameo_code]
    from timeline.countries import alpha3_to_alpha2

    return alpha3_to_alpha2(cameo_code)


@lru_cache(maxsize=4096)  # bounded: the actor codes of a file are many, but few repeat
def organisation_of(actor_code: str, known_group: str = "") -> str | None:
    """The organisation a CAMEO actor is, as its stored code: the last three-letter group
    of an `IGO` actor code that names one of `timeline.actors`' organisations (`IGOUNO` the
    UN, `IGOUNOWBK` the World Bank, `IGOWSTNAT` NATO), else GDELT's known-group code (`NAT`)
    when it does; None for every other actor."""
    table = _organisations()
    if actor_code.startswith("IGO"):
        groups = [actor_code[at : at + 3] for at in range(3, len(actor_code), 3)]
        for group in reversed(groups):
            if group in table:
                return table[group]
    return table.get(known_group) if known_group else None


@cache
def _organisations() -> dict[str, str]:
    """CAMEO organisation code -> the organisation's stored code."""
    from timeline.actors import ORGANISATIONS

    return {cameo: org.code for org in ORGANISATIONS for cameo in org.cameo}
