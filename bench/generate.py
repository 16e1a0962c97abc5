"""Realistic synthetic events for benchmarks: `python bench/generate.py N FILE.{yaml,json,jsonl}`,
or a GDELT 2.0 export with `FILE.CSV` (ICEWS `.tab`, POLECAT `.txt`).

Events with the statistics of real text (`Text`: a vocabulary that grows with the file,
names, numbers, Korean and Japanese), the field's date precisions and multi-day spans.
The same N and seed always give the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

VERSION = 2  # of the events' statistics: bench/run.py keeps each version's data apart

KINDS = ["summit", "visit", "meeting", "call", "negotiation", "agreement", "statement",
         "economic", "defense", "legal", "dispute", "conflict", "other"]  # fmt: skip
KIND_WEIGHTS = [8, 14, 22, 9, 8, 9, 12, 7, 4, 2, 3, 1, 1]
# Countries by how often they appear in East Asian diplomacy coverage: a Zipf-like head.
COUNTRIES = ["KR", "JP", "US", "CN", "KP", "RU", "GB", "FR", "DE", "IN", "AU", "VN", "TW",
             "PH", "ID", "CA", "IT", "SG", "TH", "MY", "UA", "TR", "SA", "AE", "IR", "IL",
             "EG", "BR", "MX", "ZA", "NG", "KE", "PL", "NL", "ES", "SE", "NO", "MN", "KZ",
             "PK", "BD", "NZ", "AR", "CL", "QA", "EU", "UN", "NATO", "ASEAN"]  # fmt: skip
STATUSES = ["held"] * 12 + ["planned", "cancelled", "postponed"] + [None] * 5
# The commonest words of diplomatic news, most frequent first: the head of the Zipf law.
HEAD = """the of and to in on a for with talks minister foreign president visit meeting
summit agreement trade security said after over as by at leaders two sides new talks
cooperation defence economic relations prime officials bilateral joint statement first
state during against visit deal nuclear sanctions ties regional government between
agreed meet held national military support from its that their will was were be has
have its ministers delegation week year issues peace crisis energy investment exports
tariffs border island dispute maritime coast guard exercise drills missile launch
treaty accord memorandum framework partnership strategic dialogue forum conference
envoy ambassador embassy consulate counterpart vice deputy secretary general chief
council parliament assembly court ruling compensation history apology wartime labour
fisheries semiconductors supply chains currency swap climate health vaccine aid
humanitarian refugees migration students exchange tourism flights visa culture
""".split()
HEAD_SHARE = 0.45  # of the words of a text: the rest come from the open-ended tail
TAIL, TAIL_SCALE = 1.7, 400  # the tail's law: rank = scale * u ** -tail (Heaps: 1 / tail)
NAME_SCALE, PLACE_SCALE = 100, 30  # fitted to bench/real_like.jsonl (bench/README.md)
SYLLABLES = ["ka", "ri", "mo", "na", "te", "su", "lo", "vi", "den", "sar", "bel", "to",
             "mi", "ra", "jun", "ho", "se", "ul", "pak", "lin", "ta", "ko", "we", "ne",
             "zar", "qui", "por", "dal", "fen", "gor", "bra", "vo", "shi", "an", "el", "ur",
             "kim", "yo", "ha", "ba"]  # fmt: skip
GIVEN = ["Min-jun", "Seo-yeon", "Ji-ho", "Hiroshi", "Yuki", "Kenji", "Wei", "Li", "Anna",
         "James", "Maria", "Ahmed", "Olga", "Pierre", "Priya", "Carlos"]  # fmt: skip
HANGUL_HEAD = ["정상회담", "외교장관", "한일", "관계", "협력", "회담", "합의", "방문", "대통령",
               "총리", "발표", "공동", "안보", "경제", "무역"]  # fmt: skip
KANA_HEAD = ["首脳会談", "外相", "日韓", "関係", "協力", "合意", "訪問", "大統領", "首相", "発表",
             "共同", "安全保障", "経済", "貿易"]  # fmt: skip
DOMAINS = ["news", "times", "herald", "daily", "post", "wire", "gov", "press", "journal",
           "tribune", "observer", "gazette"]  # fmt: skip


class Text:
    """Words as real text has them: a share of common words (`HEAD`, by Zipf's law), the
    rest drawn from a Zipf law with no end (P(rank >= r) = r ** -0.67) and spelled from
    syllables, one word per rank, so that the vocabulary keeps growing with the text as
    Heaps' law has it; and names, places, numbers and Korean and Japanese words drawn
    the same way."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.spelt: dict[tuple[str, int], str] = {}

    def rank(self, tail: float = 1.5, scale: float = 1.0) -> int:
        return int(scale * (1.0 - self.rng.random()) ** -tail)

    def _spell(self, rank: int, alphabet: list[str]) -> str:
        parts = []
        while True:
            rank, digit = divmod(rank, len(alphabet))
            parts.append(alphabet[digit])
            if not rank:
                return "".join(parts)

    def word(self) -> str:
        if self.rng.random() < HEAD_SHARE:  # a common word, P(rank) ~ 1 / rank
            return HEAD[int(len(HEAD) ** self.rng.random()) - 1]
        rank = self.rank(TAIL, TAIL_SCALE)
        key = ("en", rank)
        if key not in self.spelt:  # two syllables at least: words of 4 to 12 letters
            self.spelt[key] = self._spell(rank + len(SYLLABLES), SYLLABLES)
        return self.spelt[key]

    def words(self, count: int) -> str:
        return " ".join(self.word() for _ in range(count))

    def name(self) -> str:
        """A person: most recur (a few leaders are in much of the news), many are new."""
        rank = self.rank(TAIL, NAME_SCALE)
        key = ("name", rank)
        if key not in self.spelt:
            given = GIVEN[rank % len(GIVEN)]
            self.spelt[key] = f"{given} {self._spell(rank, SYLLABLES).capitalize()}"
        return self.spelt[key]

    def place(self) -> str:
        rank = self.rank(TAIL, PLACE_SCALE)
        key = ("place", rank)
        if key not in self.spelt:
            city = self._spell(rank + 7, SYLLABLES).capitalize()
            self.spelt[key] = f"{city}, {COUNTRIES[rank % 40]}"
        return self.spelt[key]

    def number(self) -> str:
        rng = self.rng
        shape = rng.randrange(4)
        if shape == 0:
            return f"${rng.randint(1, 999)}.{rng.randint(0, 9)} billion"
        if shape == 1:
            return f"{rng.randint(2, 99)} percent"
        if shape == 2:
            return f"{rng.randint(100, 99_999):,} troops"
        return f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October', 'December'])}"

    def gloss(self) -> str:
        """A Korean or Japanese phrase: the head real words, the rest spelt in Hangul or
        kanji from the rank."""
        korean = self.rng.random() < 0.6
        head, start, size = (HANGUL_HEAD, 0xAC00, 11_172) if korean else (KANA_HEAD, 0x4E00, 2_500)
        parts = []
        for _ in range(self.rng.randint(2, 5)):
            rank = self.rank()
            if rank <= len(head):
                parts.append(head[rank - 1])
            else:
                a, b = divmod(rank, size)
                parts.append(chr(start + b) + chr(start + a % size) + ("" if korean else "会"))
        return " ".join(parts)


def _date(rng: random.Random, day: dt.date) -> tuple[str, str | None]:
    """The shares of a curated timeline: days (one in eight over several days), months,
    years, a few quarters and approximate dates."""
    draw = rng.random()
    if draw < 0.04:
        return f"{day.year}", None
    if draw < 0.13:
        return f"{day:%Y-%m}", None
    if draw < 0.14:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}", None
    if draw < 0.15:
        return f"{day.year}~", None
    if rng.random() < 0.12:
        return day.isoformat(), (day + dt.timedelta(days=rng.randint(1, 10))).isoformat()
    return day.isoformat(), None


def events(count: int, seed: int = 2026) -> Iterator[dict[str, object]]:
    """Events with the statistics of a real curated timeline (see bench/README.md, "The
    generator's text"): titles, summaries, places and people whose vocabulary grows with
    the file, unique numbers, Korean or Japanese text in one event in eight, summaries of
    one to four sentences, and the field's share of multi-day, month and year dates."""
    rng = random.Random(seed)
    text = Text(rng)
    start = dt.date(1990, 1, 1)
    span_days = (dt.date(2026, 12, 31) - start).days
    for number in range(count):
        day = start + dt.timedelta(days=int(span_days * rng.random() ** 0.5))  # recent: more
        date, end = _date(rng, day)
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        people = [text.name() for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 4)))]
        subject = people[0] if people and rng.random() < 0.6 else text.words(2).capitalize()
        title = f"{subject} {text.words(rng.randint(3, 9))}"
        if rng.random() < 0.3:
            title += f" in {text.place().split(',')[0]}"
        if rng.random() < 0.25:
            title += f" worth {text.number()}"
        sentences = []
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            sentence = text.words(rng.randint(8, 24)).capitalize()
            if rng.random() < 0.3:
                sentence += f", {text.number()}"
            if rng.random() < 0.25:
                sentence += f" {text.name()}"
            sentences.append(sentence + ".")
        summary = " ".join(sentences)
        if rng.random() < 0.125:
            gloss = text.gloss()
            if rng.random() < 0.3:
                title = gloss
            else:
                summary += f"\n{gloss}"
        pool = rng.sample(COUNTRIES[:12], 2) + rng.sample(COUNTRIES, 2)
        countries = list(dict.fromkeys(pool[: rng.choice((1, 2, 2, 2, 2, 2, 3, 3, 4))]))
        event: dict[str, object] = {
            "id": f"{date[:4]}-{text.word()}-{number:x}",
            "date": date,
        }
        if end:
            event["end"] = end
        event["kind"] = kind
        event["title"] = title
        event["countries"] = countries
        status = rng.choice(STATUSES)
        if status:
            event["status"] = status
        if rng.random() < 0.7:
            event["location"] = text.place()
        if people:
            event["participants"] = list(dict.fromkeys(people))
        tags = {text.word() for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))}
        event["tags"] = sorted(tags)
        event["summary"] = summary
        domain = f"{rng.choice(DOMAINS)}{text.rank(1.2) % 400}.example.org"
        event["sources"] = [f"https://{domain}/{day:%Y/%m/%d}/{number:x}"]
        yield event


# Where the coded rows below say their events took place.
PLACES = ["Seoul, South Korea", "Tokyo, Japan", "Nara, Japan", "Busan, South Korea",
          "Washington, D.C.", "Beijing, China", "서울", "東京", "奈良"]  # fmt: skip


# CAMEO actor countries and event codes a GDELT export of diplomacy holds.
GDELT_COUNTRIES = ["KOR", "JPN", "USA", "CHN", "PRK", "RUS", "GBR", "FRA", "", "EUR"]
GDELT_CODES = ["040", "041", "042", "043", "036", "046", "057", "051", "010", "111", "190"]


def gdelt_rows(count: int, seed: int = 2026) -> Iterator[list[str]]:
    """Rows of a GDELT 2.0 export (61 tab-separated columns) with the columns the importer
    reads filled, the rest empty, as in real files where most actor attributes are blank."""
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    for number in range(count):
        day = start + dt.timedelta(days=rng.randrange(4000))
        code = rng.choice(GDELT_CODES)
        row = [""] * 61
        row[0], row[1] = str(100_000_000 + number), f"{day:%Y%m%d}"
        row[2], row[3], row[4] = f"{day:%Y%m}", str(day.year), f"{day.year}.{day.month:02d}"
        for name, country in ((5, 7), (15, 17)):
            row[country] = rng.choice(GDELT_COUNTRIES)
            row[name] = row[country] and f"{row[country]} GOVERNMENT"
            row[name + 1] = row[name]
        row[25], row[26], row[27], row[28] = "1", code, code[:3], code[:2]
        row[29], row[30] = "1", f"{rng.uniform(-10, 10):.1f}"
        row[31], row[32], row[33] = (str(rng.randint(1, 20)) for _ in range(3))
        row[34] = f"{rng.uniform(-8, 8):.2f}"
        row[51], row[52], row[53] = "4", rng.choice(PLACES), "KS"
        row[59] = f"{day:%Y%m%d}120000"
        row[60] = f"https://news.example.org/{day:%Y/%m/%d}/{number}"
        yield row


# POLECAT's columns (the published list) and what its rows hold: every PLOVER type POLECAT
# codes, equally often, with actors of a few countries, an IGO or none.
POLECAT_COLUMNS = (
    "Event ID, Event Date, Event Type, Event Mode, Intensity, Quad Code, Contexts, Actor Name, "
    "Actor Country, Actor COW, Primary Actor Sector, Actor Sectors, Actor Title, Actor Name "
    "Raw, Wikipedia Actor ID, Recipient Name, Recipient Country, Recipient COW, Primary "
    "Recipient Sector, Recipient Sectors, Recipient Title, Recipient Name Raw, Wikipedia "
    "Recipient ID, Placename, City, District, Province, Country, Latitude, Longitude, GeoNames "
    "ID, Raw Placename, Feature Type, Source, Publication Date, Story People, Story "
    "Organizations, Story Locations, Language, Version"
).split(", ")
POLECAT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                 "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                 "COERCE", "ASSAULT"]  # fmt: skip
POLECAT_MODES = ["visit", "phone", "third-party", "multilateral", "None"]
POLECAT_COUNTRIES = ["KOR", "JPN", "USA", "CHN", "PRK", "RUS", "GBR", "FRA", "IGO", "None"]
POLECAT_ACTORS = {"KOR": "윤석열", "JPN": "岸田文雄", "USA": "Antony Blinken", "CHN": "Wang Yi"}


def polecat_rows(count: int, seed: int = 2026) -> Iterator[list[str]]:
    """Rows of a POLECAT file, the columns the importer reads filled as real rows fill
    them, the rest `None`."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    at = {name: index for index, name in enumerate(POLECAT_COLUMNS)}
    for number in range(count):
        day = start + dt.timedelta(days=rng.randrange(1200))
        event_type = rng.choice(POLECAT_TYPES)
        row = ["None"] * len(POLECAT_COLUMNS)
        row[at["Event ID"]] = f"{day:%Y%m%d}-{number:04d}-{rng.getrandbits(48):012x}_{event_type}"
        row[at["Event Date"]], row[at["Event Type"]] = day.isoformat(), event_type
        row[at["Event Mode"]] = rng.choice(POLECAT_MODES) if event_type == "CONSULT" else "None"
        row[at["Intensity"]] = f"{rng.uniform(-10, 10):.1f}"
        row[at["Quad Code"]], row[at["Contexts"]] = str(rng.randint(1, 4)), "diplomacy"
        for side in ("Actor", "Recipient"):
            country = rng.choice(POLECAT_COUNTRIES)
            row[at[f"{side} Country"]] = country
            row[at[f"{side} Name"]] = POLECAT_ACTORS.get(country, "Government")
            row[at[f"Primary {side} Sector"]] = "Government"
        row[at["City"]], row[at["Country"]] = rng.choice(PLACES), "KOR"
        row[at["Source"]], row[at["Publication Date"]] = "Yonhap", day.isoformat()
        row[at["Language"]], row[at["Version"]] = "en", "v1.0"
        yield row


# ICEWS's columns, and its countries by name (an actor without one is a sector or nobody).
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)  # fmt: skip
ICEWS_COUNTRIES = ["South Korea", "Japan", "United States", "China", "North Korea", "Russia",
                   "United Kingdom", "France", "", ""]  # fmt: skip


def icews_rows(count: int, seed: int = 2026) -> Iterator[list[str]]:
    """Rows of an ICEWS coded event file, with the codes and countries of `gdelt_rows`."""
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    for number in range(count):
        day = start + dt.timedelta(days=rng.randrange(4000))
        code = rng.choice(GDELT_CODES)
        source, target = rng.choice(ICEWS_COUNTRIES), rng.choice(ICEWS_COUNTRIES)
        yield [
            str(30_000_000 + number), day.isoformat(),
            f"Government ({source})" if source else "Citizen", "Government", source,
            "Consult", code, f"{rng.uniform(-10, 10):.1f}",
            f"Government ({target})" if target else "Citizen", "Government", target,
            str(number // 3), str(number % 3 + 1), rng.choice(["Yonhap", "Kyodo", "AFP"]),
            rng.choice(PLACES), "", "", target or "South Korea", "0", "0",
        ]  # fmt: skip


def write(count: int, path: Path) -> None:
    if path.suffix == ".tab":  # ICEWS's
        with path.open("w", encoding="utf-8") as out:
            out.write("\t".join(ICEWS_COLUMNS) + "\n")
            out.writelines("\t".join(row) + "\n" for row in icews_rows(count))
        return
    if path.suffix == ".txt":  # POLECAT's
        with path.open("w", encoding="utf-8") as out:
            out.write("\t".join(POLECAT_COLUMNS) + "\n")
            out.writelines("\t".join(row) + "\n" for row in polecat_rows(count))
        return
    if path.suffix == ".CSV":  # GDELT's own extension for its tab-separated exports
        with path.open("w", encoding="utf-8") as out:
            out.writelines("\t".join(row) + "\n" for row in gdelt_rows(count))
        return
    with path.open("w", encoding="utf-8") as out:
        if path.suffix == ".jsonl":
            for event in events(count):
                out.write(json.dumps(event, ensure_ascii=False) + "\n")
            return
        if path.suffix == ".json":  # an array, one event per line
            out.write("[\n")
            for number, event in enumerate(events(count)):
                out.write(("" if number == 0 else ",\n") + json.dumps(event, ensure_ascii=False))
            out.write("\n]\n")
            return
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        for event in events(count):
            out.write(yaml.dump([event], Dumper=dumper, allow_unicode=True, sort_keys=False))


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
