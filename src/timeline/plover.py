"""PLOVER, the event ontology of POLECAT (ICEWS's successor): event types and modes to
kinds and readable verbs, and the code an event keeps (`CONSULT/visit`).

PLOVER has a handful of broad event types; the detail CAMEO put in three- and four-digit
codes is a type's "mode" (CONSULT's `visit`, `phone`, `third-party`, `multilateral`).
Each type goes to the kind nearest its meaning, as CAMEO's codes do in `cameo`.
"""

from __future__ import annotations

import re

# type -> (kind, verb phrase: "<actor> <verb> <recipient>"). The first sixteen are
# POLECAT's; the last five are PLOVER types POLECAT may not code, read all the same.
TYPES: dict[str, tuple[str, str]] = {
    "AGREE": ("agreement", "agrees with"),
    "CONSULT": ("meeting", "consults with"),
    "SUPPORT": ("statement", "expresses support for"),
    "CONCEDE": ("other", "makes a concession to"),
    "COOPERATE": ("economic", "cooperates with"),
    "AID": ("economic", "gives aid to"),
    "RETREAT": ("other", "retreats from"),
    "REQUEST": ("statement", "makes a request of"),
    "ACCUSE": ("dispute", "accuses"),
    "REJECT": ("dispute", "rejects"),
    "THREATEN": ("dispute", "threatens"),
    "PROTEST": ("dispute", "protests against"),
    "SANCTION": ("dispute", "sanctions"),
    "MOBILIZE": ("defense", "mobilizes against"),
    "COERCE": ("dispute", "coerces"),
    "ASSAULT": ("conflict", "assaults"),
    "INVESTIGATE": ("legal", "investigates"),
    "DEMAND": ("statement", "makes demands of"),
    "DISAPPROVE": ("dispute", "criticizes"),
    "FIGHT": ("conflict", "fights"),
    "CRIME": ("other", "commits a crime against"),
}

# CONSULT's modes name what kind of meeting it was; any other mode is a meeting.
CONSULT_MODES: dict[str, tuple[str, str]] = {
    "visit": ("visit", "visits"),
    "phone": ("call", "talks by phone with"),
    "third-party": ("meeting", "meets at a third location with"),
    "multilateral": ("meeting", "meets at a multilateral meeting with"),
}

# How a title says a type (and CONSULT's modes) when its two sides act together, and as
# a noun when one side is not known (the noun, the word before the actor, before the
# recipient), as `cameo.TOGETHER` and `cameo.NOUNS` do for CAMEO's codes.
TOGETHER: dict[str, str] = {
    "CONSULT": "hold talks",
    "CONSULT/phone": "talk by phone",
    "CONSULT/third-party": "meet at a third location",
    "CONSULT/multilateral": "meet at a multilateral meeting",
    "AGREE": "reach an agreement",
    "COOPERATE": "cooperate",
    "FIGHT": "fight",
}
NOUNS: dict[str, tuple[str, str, str]] = {
    "AGREE": ("Agreement", "by", "with"),
    "CONSULT": ("Talks", "held by", "with"),
    "CONSULT/visit": ("Visit", "by", "to"),
    "CONSULT/phone": ("Phone call", "from", "with"),
    "CONSULT/third-party": ("Meeting at a third location", "of", "with"),
    "CONSULT/multilateral": ("Multilateral meeting", "of", "with"),
    "SUPPORT": ("Support", "from", "for"),
    "CONCEDE": ("Concession", "from", "to"),
    "COOPERATE": ("Cooperation", "of", "with"),
    "AID": ("Aid", "from", "to"),
    "RETREAT": ("Retreat", "by", "from"),
    "REQUEST": ("Request", "from", "of"),
    "ACCUSE": ("Accusation", "from", "against"),
    "REJECT": ("Rejection", "from", "of"),
    "THREATEN": ("Threat", "from", "to"),
    "PROTEST": ("Protest", "by", "against"),
    "SANCTION": ("Sanctions", "from", "on"),
    "MOBILIZE": ("Mobilization", "by", "against"),
    "COERCE": ("Coercion", "by", "of"),
    "ASSAULT": ("Assault", "by", "on"),
    "INVESTIGATE": ("Investigation", "by", "of"),
    "DEMAND": ("Demands", "from", "of"),
    "DISAPPROVE": ("Criticism", "from", "of"),
    "FIGHT": ("Fighting", "by", "with"),
    "CRIME": ("Crime", "by", "against"),
}

# The default of `import polecat --type`: the types of diplomacy, friendly or not.
DIPLOMATIC = (
    "CONSULT",
    "AGREE",
    "COOPERATE",
    "SUPPORT",
    "REQUEST",
    "REJECT",
    "ACCUSE",
    "THREATEN",
    "SANCTION",
)

_MODE = re.compile(r"[a-z0-9][a-z0-9_-]*")


def code_of(event_type: str, mode: str | None) -> str:
    """The code an event keeps: `CONSULT/visit`, or `AGREE` without a mode."""
    return f"{event_type}/{mode}" if mode else event_type


def parts(code: str) -> tuple[str, str | None]:
    event_type, _, mode = code.partition("/")
    return event_type, mode or None


def is_code(code: str) -> bool:
    event_type, mode = parts(code)
    return event_type in TYPES and (mode is None or _MODE.fullmatch(mode) is not None)


def kind_of_type(event_type: str, mode: str | None) -> str:
    if event_type == "CONSULT" and mode in CONSULT_MODES:
        return CONSULT_MODES[mode][0]
    return TYPES[event_type][0]


def verb_of(event_type: str, mode: str | None) -> str:
    if event_type == "CONSULT" and mode in CONSULT_MODES:
        return CONSULT_MODES[mode][1]
    return TYPES[event_type][1]


def phrases_of(event_type: str, mode: str | None) -> tuple[str, str | None, tuple[str, str, str]]:
    """How a title says a type and mode: its verb, its verb for two sides together (or
    None), and its noun form."""
    known = f"{event_type}/{mode}" if event_type == "CONSULT" and mode in CONSULT_MODES else ""
    together = TOGETHER.get(known) if known else TOGETHER.get(event_type)
    return verb_of(event_type, mode), together, NOUNS.get(known) or NOUNS[event_type]


def types_of_kind(kind: str) -> list[str]:
    """The PLOVER codes that become `kind`, as `timeline kinds` lists them."""
    if kind == "meeting":  # CONSULT's modes but visit and phone, and any other
        codes = ["CONSULT (other modes)"]
    else:
        codes = [f"CONSULT/{mode}" for mode, (k, _) in CONSULT_MODES.items() if k == kind]
    return codes + [t for t, (k, _) in TYPES.items() if k == kind and t != "CONSULT"]
