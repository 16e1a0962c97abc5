"""Who and where a sentence names: countries by name, adjective, capital or seat of
government, and compound (`Japan-U.S.`, `한일`, `日韓`); people by the leaders' table
(`leaders.yaml`) and by what the article itself says of them (`Japanese Prime Minister
Sanae Takaichi` makes every later `Takaichi` Japan's)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# Names an article writes for a country's government or people, beyond its own name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "KR": ("South Korea", "South Korean", "Republic of Korea", "ROK", "Seoul", "Blue House",
           "Korea", "Korean", "한국", "대한민국", "우리 정부", "서울", "청와대", "대통령실",
           "韓国", "ソウル", "大韓民国"),
    "KP": ("North Korea", "North Korean", "DPRK", "Pyongyang", "북한", "평양", "北朝鮮", "平壌"),
    "JP": ("Japan", "Japanese", "Tokyo", "Kantei", "일본", "도쿄", "日本", "東京", "日本政府"),
    "US": ("United States", "U.S.", "US", "USA", "America", "American", "Washington",
           "White House", "미국", "워싱턴", "백악관", "米国", "アメリカ", "米政府", "ワシントン"),
    "CN": ("China", "Chinese", "Beijing", "중국", "베이징", "中国", "北京"),
    "RU": ("Russia", "Russian", "Moscow", "Kremlin", "러시아", "모스크바", "ロシア", "モスクワ"),
    "TW": ("Taiwan", "Taiwanese", "Taipei", "대만", "台湾"),
    "GB": ("United Kingdom", "Britain", "British", "UK", "London", "영국", "英国"),
    "FR": ("France", "French", "Paris", "프랑스", "フランス"),
    "DE": ("Germany", "German", "Berlin", "독일", "ドイツ"),
    "IN": ("India", "Indian", "New Delhi", "인도", "インド"),
    "AU": ("Australia", "Australian", "Canberra", "호주", "オーストラリア", "豪州"),
    "VN": ("Vietnam", "Vietnamese", "Hanoi", "베트남", "ベトナム"),
    "PH": ("Philippines", "Philippine", "Filipino", "Manila", "필리핀", "フィリピン"),
    "UA": ("Ukraine", "Ukrainian", "Kyiv", "우크라이나", "ウクライナ"),
    "CA": ("Canada", "Canadian", "Ottawa", "캐나다", "カナダ"),
    "MN": ("Mongolia", "Mongolian", "Ulaanbaatar", "몽골", "モンゴル"),
    "EU": ("European Union", "EU", "Brussels", "유럽연합", "欧州連合"),
}  # fmt: skip
# One word for two or three countries (`한일` is Korea and Japan).
_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "한일": ("KR", "JP"), "한미": ("KR", "US"), "한중": ("KR", "CN"), "한미일": ("KR", "US", "JP"),
    "한일중": ("KR", "JP", "CN"), "한중일": ("KR", "CN", "JP"), "미중": ("US", "CN"),
    "북미": ("KP", "US"), "남북": ("KR", "KP"), "북중": ("KP", "CN"), "북러": ("KP", "RU"),
    "日韓": ("JP", "KR"), "日米": ("JP", "US"), "日中": ("JP", "CN"), "米中": ("US", "CN"),
    "日米韓": ("JP", "US", "KR"), "日中韓": ("JP", "CN", "KR"), "韓中日": ("KR", "CN", "JP"),
    "日朝": ("JP", "KP"), "米朝": ("US", "KP"), "日露": ("JP", "RU"), "南北": ("KR", "KP"),
}  # fmt: skip
# In English, `Japan-U.S.` and `U.S.-Japan`: two countries joined by a hyphen or dash.
_PAIR = re.compile(r"\b([A-Z][A-Za-z.]+)[-–]([A-Z][A-Za-z.]+)\b")

OFFICES = (r"President|Prime Minister|PM|Premier|Foreign Minister|Secretary of State|"
           r"Minister|Chancellor|Ambassador|Secretary|Vice President|Chairman|leader|"
           r"policy chief|chief|envoy|spokesperson|official|minister")  # fmt: skip
# A name: two or three capitalised words (`Sanae Takaichi`, `Lee Jae-myung`, `Kim Jong Un`).
NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}"
# `Japanese Prime Minister Sanae Takaichi`, `Japan's LDP policy chief Takayuki Kobayashi`.
_TOLD = re.compile(
    rf"\b(?P<country>[A-Z][A-Za-z.]+(?: [A-Z][a-z]+)?)(?:'s)?(?: [A-Za-z().]+){{0,4}}? "
    rf"(?:{OFFICES}) (?P<name>{NAME})"
)


HEADS = frozenset({"President", "Prime Minister", "Premier", "Supreme Leader", "Chancellor"})
# How Korean and Japanese reports name a leader again by surname and office: `이 대통령`,
# `李大統領`, `高市首相`.
_OFFICE_WORDS = {
    "President": ("대통령", "大統領", "国家主席"), "Prime Minister": ("총리", "首相"),
    "Premier": ("총리", "首相"), "Foreign Minister": ("장관", "외교부 장관", "外相"),
    "Secretary of State": ("장관", "국무장관", "国務長官"),
}  # fmt: skip


@dataclass(frozen=True)
class Leader:
    name: str
    spellings: tuple[str, ...]  # as English, Korean and Japanese articles write the name
    country: str
    office: str
    start: dt.date
    end: dt.date | None

    def in_office(self, day: dt.date | None) -> bool:
        return day is None or (self.start <= day and (self.end is None or day <= self.end))

    def short_forms(self) -> list[str]:
        """The leader by surname and office, as Korean and Japanese reports write a name
        the second time (`이 대통령`, `李大統領`, `高市首相`)."""
        ko, ja = self.spellings[2], self.spellings[3]
        words = _OFFICE_WORDS.get(self.office, ())
        forms = [f"{ko[0]} {w}" for w in words if len(ko) == 3 and "\uac00" <= w[0] <= "\ud7a3"]
        surname = ja[:1] if self.country in ("KR", "KP", "CN") else ja[:2]
        forms += [f"{surname}{w}" for w in words if not ("\uac00" <= w[0] <= "\ud7a3")]
        return forms


@cache
def leaders() -> tuple[Leader, ...]:
    import yaml

    data = yaml.safe_load((files("timeline.extraction") / "leaders.yaml").read_text("utf-8"))
    return tuple(
        Leader(
            row["name"],
            (
                row["name"],
                row["name"].replace("-", " "),
                row["ko"],
                row["ja"],
                row["name"].split()[-1] if row["country"] not in ("KR", "CN", "KP") else "",
            ),
            row["country"],
            row["office"],
            row["from"],
            row["to"],
        )
        for row in data["people"]
    )


@cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every country word, longest first, and the code of each."""
    from timeline.countries import country_names

    codes: dict[str, str] = {}
    for code, name in country_names().items():
        if len(name.split()) <= 3:  # a name prose writes, not `Korea, Republic of`-like forms
            codes.setdefault(name, code)
    for code, words in _ALIASES.items():
        for word in words:
            codes[word] = code
    latin = sorted((w for w in codes if w.isascii()), key=len, reverse=True)
    other = sorted((w for w in codes if not w.isascii()), key=len, reverse=True)
    pattern = (
        r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, latin)) + r")(?![A-Za-z])"
        + "|" + "|".join(map(re.escape, [*_COMPOUNDS, *other]))
    )  # fmt: skip
    return re.compile(pattern), codes


def countries_in(text: str) -> list[str]:
    """The countries a text names, in the order it names them, each once."""
    return list(dict.fromkeys(code for _, code in countries_at(text)))


def countries_at(text: str) -> list[tuple[int, str]]:
    """Each country a text names, with where."""
    pattern, codes = _country_words()
    found: list[tuple[int, str]] = []
    for match in pattern.finditer(text):
        word, at = match.group(0), match.start()
        if word in _COMPOUNDS:
            found += [(at, code) for code in _COMPOUNDS[word]]
        elif word == "Korea" and text[max(0, at - 6) : at].endswith("North "):
            found.append((at, "KP"))
        else:
            found.append((at, codes[word]))
    for match in _PAIR.finditer(text):  # `Japan-U.S.`: both words are countries
        first, second = match.groups()
        if first in codes and second in codes:
            found += [(match.start(), codes[first]), (match.start(2), codes[second])]
    return sorted(found)


class People:
    """The people of one article: those the leaders' table knows, and those the article
    itself ties to a country (`Japan's LDP policy chief Takayuki Kobayashi`)."""

    def __init__(self, text: str, day: dt.date | None) -> None:
        # A spelling (English ones in lower case: `Lee Jae Myung` is `Lee Jae-myung`): the
        # name and its country.
        self.known: dict[str, tuple[str, str]] = {}
        self.offices: dict[str, str] = {}  # a name: its office, for the leaders' table's
        self.written: dict[str, str] = {}  # a name: as a Korean or Japanese article wrote it
        for leader in leaders():
            if leader.in_office(day):
                self.offices[leader.name] = leader.office
                for spelling in (*leader.spellings, *leader.short_forms()):
                    if spelling:
                        self.known[_key(spelling)] = (leader.name, leader.country)
        _, codes = _country_words()
        for match in _TOLD.finditer(text):
            country = codes.get(match["country"]) or codes.get(match["country"].split()[0])
            name = match["name"]
            if country and _key(name) not in self.known:
                self.known[_key(name)] = (name, country)
                self.known[_key(name.split()[-1])] = (name, country)
        spellings = sorted(self.known, key=len, reverse=True)
        words = "|".join(_spelled(s) for s in spellings)
        self._pattern = re.compile(words or "(?!)", re.IGNORECASE)

    def heads(self, named: list[tuple[str, str]]) -> int:
        """How many countries' heads of state or government are among the people named."""
        return len({country for name, country in named if self.offices.get(name) in HEADS})

    def in_text(self, text: str) -> list[tuple[str, str]]:
        """The people a sentence names, as (name, country), each once."""
        return list(dict.fromkeys(person for _, person in self.at(text)))

    def at(self, text: str) -> list[tuple[int, tuple[str, str]]]:
        """Each person a sentence names, with where."""
        found = []
        for match in self._pattern.finditer(text):
            person = self.known[_key(match.group(0))]
            if not match.group(0).isascii():
                self.written.setdefault(person[0], match.group(0))  # `이재명`, `高市早苗`
            found.append((match.start(), person))
        return found


def _spelled(spelling: str) -> str:
    """A spelling as a pattern: an English name whole, a space or a hyphen between its
    parts; a Korean or Japanese one as it is (no spaces between words to rely on)."""
    if not spelling.isascii():
        return re.escape(spelling)
    parts = [re.escape(part) for part in spelling.split(" ")]
    return r"(?<![\w])" + "[- ]".join(parts) + r"(?![\w])"


def _key(spelling: str) -> str:
    return spelling.lower().replace("-", " ") if spelling.isascii() else spelling
