"""From an article's text to drafts of events: its sentences, what each says happened
(the kind, by the verbs and nouns news reports use in English, Korean and Japanese), when
(`when`), between whom (`mentions`), whether it happened (`status`), one draft per real
event."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from timeline.countries import is_organisation
from timeline.dates import PartialDate
from timeline.extraction.mentions import People, countries_at
from timeline.extraction.when import Found, NeedsPublished, dates_in

# What a sentence says happened, in the order a kind is looked for: the first that
# matches wins, except that a visit and a summit may both be told (`visits Nara for a
# summit`). Each: the kind, and its words in English, Korean and Japanese.
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("call", (r"phone (?:call|talks)", r"spoke (?:by|on the) (?:phone|telephone)",
              r"telephone (?:call|talks)", r"video (?:call|conference)", r"전화 ?통화",
              r"통화(?:했|를|하)", r"電話会談", r"電話で(?:会談|協議)")),
    ("summit", (r"\bsummit", r"정상회담", r"정상회의", r"首脳会談", r"首脳会議")),
    ("visit", (r"\bvisit(?:s|ed|ing)?\b", r"\btrip to\b", r"\barriv(?:e|es|ed) in\b", r"방문",
               r"방일", r"방한", r"방미", r"방중", r"방북", r"訪問", r"訪日", r"訪韓", r"訪米",
               r"訪中", r"来日", r"\bstay(?:s|ed)? in\b", r"머물", r"滞在")),
    ("negotiation", (r"\bnegotiat", r"\bround of talks\b", r"협상", r"交渉")),
    ("agreement", (r"\bsign(?:s|ed)?\b", r"\bagree(?:s|d)? (?:to|on)\b", r"\bagreement\b",
                   r"\btreaty\b", r"\baccord\b", r"\bdeal\b", r"\bpact\b", r"합의", r"서명",
                   r"체결", r"協定", r"合意", r"署名", r"締結")),
    ("economic", (r"\btariffs?\b", r"\bexport controls?\b", r"관세", r"수출 ?규제", r"関税",
                  r"輸出規制")),
    ("dispute", (r"\bprotest(?:s|ed)?\b", r"\bexpel(?:s|led)?\b", r"\bsanction", r"\bcondemn",
                 r"\bsummon(?:s|ed)?\b", r"항의", r"규탄", r"추방", r"제재", r"抗議", r"非難",
                 r"制裁", r"追放")),
    ("conflict", (r"\bair ?strikes?\b", r"\bshell(?:s|ed|ing)\b", r"\bclash(?:es|ed)?\b",
                  r"\bfired? (?:a )?missiles?", r"교전", r"포격", r"交戦", r"砲撃")),
    ("defense", (r"\b(?:joint|military) (?:exercise|drill)s?\b", r"\bstanding unit\b",
                 r"\bdefen[cs]e pact\b", r"연합훈련", r"합동훈련", r"軍事演習", r"合同演習",
                 r"共同訓練")),
    ("meeting", (r"\bmet\b", r"\bmeets?\b", r"\bmeeting\b", r"\bheld talks\b", r"\bhosted\b",
                 r"\bhold talks\b", r"\bwill meet\b",
                 r"\btalks with\b", r"\bconferred\b", r"회담", r"회동", r"만났", r"만나", r"면담",
                 r"会談", r"会った", r"面会", r"会合", r"協議した")),
)  # fmt: skip
_KIND_WORDS = [(kind, re.compile("|".join(words), re.IGNORECASE)) for kind, words in _KINDS]
_PLANNED = re.compile(
    r"\bwill\b|\bis to\b|\bare to\b|\bscheduled\b|\bplans? to\b|\bexpected to\b|\banticipated\b"
    r"|\bupcoming\b|\bset to\b|\bis due\b|예정|계획|할 방침|予定|方針|見通し|する見込み",
    re.IGNORECASE,
)
_CANCELLED = re.compile(r"\bcancel(?:s|led|ed)?\b|\bcalled off\b|취소|中止", re.IGNORECASE)
_POSTPONED = re.compile(r"\bpostpone|\bdelay(?:s|ed)?\b|\bput off\b|연기|延期", re.IGNORECASE)
# A place the event is in: `in Seoul`, `in Nara, Japan`; `서울에서`; `奈良で`.
_PLACE = re.compile(
    r"\b(?:in|at|visits?|visited|visiting) "
    r"(?P<place>(?:the )?[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)?(?:, [A-Z][a-zA-Z]+)?)"
    r"|(?P<ko>[가-힣]{2,6})에서|(?P<ja>[\u4e00-\u9fff]{2,4})で(?:開|会|行)"
)
_NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "The", "This", "That"}  # fmt: skip
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bU\.S\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bNo\.)(?<!\bSt\.)"
    r"(?<!\bJan\.)(?<!\bFeb\.)(?<!\bAug\.)(?<!\bSept\.)(?<!\bSep\.)(?<!\bOct\.)(?<!\bNov\.)"
    r"(?<!\bDec\.)\s+(?=[\"“A-Z0-9가-힣\u3040-\u30ff\u4e00-\u9fff])|(?<=[。！？])|(?<=다\.)\s*"
)


@dataclass
class Draft:
    """One event a person may keep: its fields, the sentence it came from, how sure."""

    fields: dict[str, object]
    evidence: str
    confidence: float
    first: PartialDate = field(repr=False)  # for ordering and merging
    matches: str | None = None  # the stored event this is, where it is one


def sentences(text: str) -> list[str]:
    """The text's sentences: lines, cut after `.`, `?`, `!` (not after `U.S.`, `Jan.`, an
    initial), `。` and Korean `다.`."""
    found = []
    for line in text.splitlines():
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if len(piece) > 3:
                found.append(piece)
    return found


# A sentence that goes on about the event before: its countries and, when it gives no
# date of its own and tells what happened, its day (`The two leaders agreed to...`).
_THEM = re.compile(
    r"\b(?:the|both) (?:two|three) (?:leaders|ministers|sides|countries)\b|\bthe leaders\b"
    r"|\bboth (?:leaders|sides)\b|두 정상|두 장관|양국 정상|양측|両首脳|両氏|両外相|両国",
    re.IGNORECASE,
)
# What a sentence tells as background (`following the Lee-Trump summit`) is not its event.
_BACKGROUND = re.compile(
    r"\b(?:following|after|since|ahead of|before|since)\s+(?:the|their|his|her|last)\b[^,.;]*"
    r"|\bto (?:prepare|pave the way) (?:for )?(?:a|an|the)\b[^,.;]*"
    r"|[^,.]*(?:에 이어|後に|に続き)",
    re.IGNORECASE,
)


# Two events a sentence may tell at once: `visits Nara for a summit`, `met and signed`.
_PAIRS = ({"visit", "summit"}, {"meeting", "agreement"}, {"summit", "agreement"})


def kinds_of(told: str) -> list[str]:
    """The kinds a sentence tells, by the word that comes first (`agreed to restore
    regular visits` is an agreement), a pair where it tells two events at once."""
    at = {}
    for kind, words in _KIND_WORDS:
        match = words.search(told)
        if match:
            at[kind] = match.start()
    if not at:
        return []
    first = min(at, key=lambda kind: at[kind])
    for pair in _PAIRS:
        if first in pair and pair <= set(at):
            return sorted(pair, key=lambda kind: at[kind])
    return [first]


def status_of(sentence: str, first: PartialDate, published: dt.date | None) -> str:
    if _CANCELLED.search(sentence):
        return "cancelled"
    if _POSTPONED.search(sentence):
        return "postponed"
    if _PLANNED.search(sentence) or (published is not None and first.first_day > published):
        return "planned"
    return "held"


def draft_all(text: str, published: dt.date | None, source: str | None) -> tuple[list[Draft], int]:
    """The drafts of the article, one per real event, and how many sentences told an
    event between countries with only a relative date and no publication day."""
    reading = _Reading(People(text, published), _language(text), published)
    drafts: list[Draft] = []
    for sentence in sentences(text):
        drafts += reading.drafts_of(sentence, source)
    return _merged(drafts), reading.undated


@dataclass
class _Reading:
    """An article read sentence by sentence, with what the sentences before told: the last
    event (for `the two leaders`) and the last date (for `이날`, that day)."""

    people: People
    language: str
    published: dt.date | None
    last: Draft | None = None
    recent: Found | None = None
    undated: int = 0

    def drafts_of(self, sentence: str, source: str | None) -> list[Draft]:
        told = _BACKGROUND.sub(" ", sentence)  # what the sentence tells, not recalls
        kinds = kinds_of(told)
        if not kinds:
            self.recent = _first_date(told, self.published) or self.recent
            return []
        again = self.last if _THEM.search(told) else None  # `The two leaders agreed...`
        countries, named = self._sides(told, again)
        if len(countries) < 2:
            return []  # an event between countries names two of them, or their people
        when = self._date(told, again)
        if when is None:
            return []
        self.recent = when
        if when.until:  # how long it lasts: from the day of the event before, where known
            if self.last is None or set(_countries(self.last)) != set(countries):
                return []
            when = Found(self.last.first, when.start, when.at, when.relative)
        place = _place_of(told)
        if kinds == ["meeting"] and self.people.heads(named) >= 2:
            kinds = ["summit"]  # heads of state or government who meet hold a summit
        made = []
        for kind in kinds:
            fields: dict[str, object] = {
                "date": when.start.iso(),
                "kind": kind,
                "status": status_of(told, when.start, self.published),
                "title": _title(kind, named, countries, place, self.language),
                "countries": countries,
            }
            if when.end is not None:
                fields["end"] = when.end.iso()
            if place:
                fields["location"] = place
            if named:
                fields["participants"] = [name for name, _ in named]
            if source:
                fields["sources"] = [source]
            made.append(Draft(fields, sentence, _confidence(when, named, place), when.start))
        self.last = made[-1]
        return made

    def _sides(self, told: str, again: Draft | None) -> tuple[list[str], list[tuple[str, str]]]:
        """The countries in the order the sentence names them or their people (the first
        is the subject: who visits), and the people it names."""
        people = self.people
        named = people.in_text(told)
        mentions = sorted([*countries_at(told), *((at, c) for at, (_, c) in people.at(told))])
        if self.language != "en":  # names as the article writes them: `이재명`
            named = [(people.written.get(name, name), country) for name, country in named]
        countries = list(dict.fromkeys(code for _, code in mentions))
        countries += [c for c in _implied(told) if c not in countries]  # `訪米`: to the US
        if sum(1 for c in countries if not is_organisation(c)) >= 2:
            # `on the sidelines of the APEC forum`: the organisation is where, not a side
            countries = [c for c in countries if not is_organisation(c)]
        if len(countries) < 2 and again is not None:
            countries = _countries(again)
            named = named or [(name, "") for name in _participants(again)]
        return countries, named

    def _date(self, told: str, again: Draft | None) -> Found | None:
        """The day the sentence's event is on: its own date, else, for a sentence that goes
        on about the event before (`the two leaders agreed`), that event's day, or for
        `이날` the date the sentence before gave."""
        future = bool(_PLANNED.search(told))
        try:
            found = dates_in(told, self.published, future=future)
        except NeedsPublished:
            self.undated += 1
            return None
        if self.published is not None:  # `imposed in 2019`, `since he took office in 2021`
            found = [f for f in found if not _recalled_year(f, self.published)]
        if not found and again is not None and not future:
            return Found(again.first, None, 0, False)
        if not found and self.recent is not None and _THAT_DAY.search(told):
            return self.recent
        return _main_date(found) if found else None


def _countries(draft: Draft) -> list[str]:
    countries = draft.fields["countries"]
    assert isinstance(countries, list)
    return countries


def _participants(draft: Draft) -> list[str]:
    people = draft.fields.get("participants") or []
    assert isinstance(people, list)
    return people


_THAT_DAY = re.compile(r"이날|같은 날|この日|同日|\bthe same day\b|\bthat day\b", re.IGNORECASE)


def _first_date(told: str, published: dt.date | None) -> Found | None:
    try:
        found = dates_in(told, published, future=False)
    except NeedsPublished:
        return None
    return _main_date(found) if found else None


# Words that name the country they go to: `방미` and `訪米` are visits to the US.
_IMPLIED = {"방미": "US", "訪米": "US", "방일": "JP", "訪日": "JP", "来日": "JP", "방한": "KR",
            "訪韓": "KR", "방중": "CN", "訪中": "CN", "방북": "KP", "訪朝": "KP"}  # fmt: skip


def _implied(told: str) -> list[str]:
    return [code for word, code in _IMPLIED.items() if word in told]


def _recalled_year(found: Found, published: dt.date) -> bool:
    """A bare year before the paper's (`in 2019`) is what a sentence recalls."""
    return (
        found.start.precision == "year" and found.end is None and found.start.year < published.year
    )


def _main_date(found: list[Found]) -> Found:
    """The date a sentence's event is on: the first exact day, else the first date."""
    days = [f for f in found if f.start.precision == "day"]
    return (days or found)[0]


def _place_of(sentence: str) -> str | None:
    """Where the sentence puts the event: a city (`in Seoul`, `in Nara, Japan`, `서울에서`,
    `奈良で`), never a month or a country's own name."""
    for match in _PLACE.finditer(sentence):
        place = match["place"] or match["ko"] or match["ja"]
        if place.split()[0].rstrip(",") in _NOT_PLACES or place in _countries_only():
            continue
        return place.removeprefix("the ")
    return None


@cache
def _countries_only() -> frozenset[str]:
    from timeline.countries import country_names

    names = set(country_names().values()) | {
        name for table in _NAMES.values() for name in table.values()
    }
    return frozenset(names | {"Korea", "South Korea", "North Korea", "the United States", "America",
                              "the U.S.", "U.S.", "US", "Europe", "Asia"})  # fmt: skip


def _language(text: str) -> str:
    hangul = len(re.findall(r"[가-힣]", text))
    kana = len(re.findall(r"[\u3040-\u30ff]", text))
    if hangul > 20 and hangul > kana:
        return "ko"
    if kana > 20:
        return "ja"
    return "en"


_NAMES = {
    "ko": {"KR": "한국", "JP": "일본", "US": "미국", "CN": "중국", "KP": "북한", "RU": "러시아"},
    "ja": {"KR": "韓国", "JP": "日本", "US": "米国", "CN": "中国", "KP": "北朝鮮", "RU": "ロシア"},
}
_TEMPLATES = {
    "en": {"summit": "{a} and {b} hold a summit", "visit": "{a} visits {b}",
           "meeting": "{a} and {b} meet", "call": "{a} and {b} speak by phone",
           "negotiation": "{a} and {b} negotiate", "agreement": "{a} and {b} reach an agreement",
           "economic": "{a} and {b}: trade measures", "dispute": "{a} and {b} in a dispute",
           "conflict": "{a} and {b} clash", "defense": "{a} and {b}: defence cooperation"},
    "ko": {"summit": "{a}·{b} 정상회담", "visit": "{a}, {b} 방문", "meeting": "{a}·{b} 회담",
           "call": "{a}·{b} 전화 통화", "negotiation": "{a}·{b} 협상",
           "agreement": "{a}·{b} 합의", "economic": "{a}·{b} 무역 조치",
           "dispute": "{a}·{b} 갈등", "conflict": "{a}·{b} 충돌", "defense": "{a}·{b} 안보 협력"},
    "ja": {"summit": "{a}と{b}が首脳会談", "visit": "{a}が{b}を訪問",
           "meeting": "{a}と{b}が会談", "call": "{a}と{b}が電話会談",
           "negotiation": "{a}と{b}が交渉", "agreement": "{a}と{b}が合意",
           "economic": "{a}と{b}の貿易措置", "dispute": "{a}と{b}が対立",
           "conflict": "{a}と{b}が衝突", "defense": "{a}と{b}の安全保障協力"},
}  # fmt: skip


def _title(
    kind: str, named: list[tuple[str, str]], countries: list[str], place: str | None, language: str
) -> str:
    """A short title in the article's language: the people where the sentence names
    them, else the countries (`Lee Jae-myung and Sanae Takaichi hold a summit in Nara`)."""
    from timeline.countries import country_name

    def said(code: str) -> str:
        return _NAMES.get(language, {}).get(code) or country_name(code)

    person = {country: name for name, country in reversed(named)}
    first, second = countries[0], countries[1]
    a = person.get(first) or said(first)
    b = said(second) if kind == "visit" else person.get(second) or said(second)
    title = _TEMPLATES[language][kind].format(a=a, b=b)
    if place and language == "en" and kind in ("summit", "meeting"):
        title += f" in {place.split(',')[0]}"
    return title


def _confidence(when: Found, named: list[tuple[str, str]], place: str | None) -> float:
    score = 0.5 + (0.2 if when.start.precision == "day" else 0.0)
    score += 0.1 if named else 0.0
    score += 0.05 if place else 0.0
    score -= 0.1 if when.relative else 0.0
    return round(min(score, 0.95), 2)


def _merged(drafts: list[Draft]) -> list[Draft]:
    """One draft per real event: the same kind between the same countries on dates that
    overlap (`later this month` and `January 13`) is one event, kept at its most precise
    date, with the most participants."""
    kept: list[Draft] = []
    for draft in drafts:
        same = next((k for k in kept if _same_event(k, draft)), None)
        if same is None:
            kept.append(draft)
            continue
        if _precision(draft) > _precision(same):
            draft.fields["participants"] = _union(same, draft)
            kept[kept.index(same)] = draft
        else:
            same.fields["participants"] = _union(same, draft)
            if "location" not in same.fields and "location" in draft.fields:
                same.fields["location"] = draft.fields["location"]
    for draft in kept:
        if not draft.fields.get("participants"):
            draft.fields.pop("participants", None)
    return sorted(kept, key=lambda d: d.first.first_day)


def _same_event(a: Draft, b: Draft) -> bool:
    if a.fields["kind"] != b.fields["kind"] or set(_countries(a)) != set(_countries(b)):
        return False
    first_a, last_a = _extent(a)
    first_b, last_b = _extent(b)
    return first_a <= last_b and first_b <= last_a


def _extent(draft: Draft) -> tuple[dt.date, dt.date]:
    end = draft.fields.get("end")
    last = PartialDate.from_iso(str(end)) if end else draft.first
    return draft.first.first_day, last.last_day


_RANK = {"day": 4, "week": 3, "month": 2}


def _precision(draft: Draft) -> int:
    return _RANK.get(draft.first.precision, 1)


def _union(a: Draft, b: Draft) -> list[str]:
    return list(dict.fromkeys([*_participants(a), *_participants(b)]))
