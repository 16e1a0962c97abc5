"""Realistic synthetic events for benchmarks: `python bench/generate.py N FILE.{yaml,json,jsonl}`,
or a GDELT 2.0 export with `FILE.CSV`.

Kinds, one to three countries, Korean and Japanese names, summaries, sources, all three
date precisions and multi-day spans. The same N and seed always give the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

KINDS = [
    "summit",
    "visit",
    "meeting",
    "call",
    "negotiation",
    "agreement",
    "statement",
    "economic",
    "defense",
    "legal",
    "dispute",
    "other",
]
COUNTRIES = ["KR", "JP", "US", "CN", "KP", "RU", "GB", "FR", "DE", "IN", "AU", "VN", "TW", "PH"]
PEOPLE = [
    "Lee Jae-myung",
    "Sanae Takaichi",
    "Kim Min-seok",
    "Takayuki Kobayashi",
    "이재명",
    "김민석",
    "高市早苗",
    "小林鷹之",
    "Donald Trump",
    "Xi Jinping",
    "Cho Hyun",
    "Toshimitsu Motegi",
]
TOPICS = [
    "youth exchange",
    "uranium enrichment",
    "shuttle diplomacy",
    "export controls",
    "semiconductors",
    "fisheries",
    "wartime labour",
    "tariffs",
    "missile defence",
    "한일 정상회담",
    "日韓首脳会談",
    "청년 교류",
    "経済協力",
]
PLACES = [
    "Seoul, South Korea",
    "Tokyo, Japan",
    "Nara, Japan",
    "Busan, South Korea",
    "Washington, D.C.",
    "Beijing, China",
    "서울",
    "東京",
    "奈良",
]
STATUSES = ["held", "held", "held", "planned", "cancelled", "postponed", None]


def events(count: int, seed: int = 2026) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    start = dt.date(1995, 1, 1)
    span_days = (dt.date(2026, 12, 31) - start).days
    for number in range(count):
        day = start + dt.timedelta(days=rng.randrange(span_days))
        precision = rng.random()
        event: dict[str, object] = {"id": f"ev-{number:07d}"}
        if precision < 0.05:
            event["date"] = f"{day.year}"
        elif precision < 0.15:
            event["date"] = f"{day:%Y-%m}"
        else:
            event["date"] = day.isoformat()
            if rng.random() < 0.15:
                event["end"] = (day + dt.timedelta(days=rng.randint(1, 4))).isoformat()
        topic = rng.choice(TOPICS)
        people = rng.sample(PEOPLE, rng.randint(0, 3))
        kind = rng.choice(KINDS)
        event["kind"] = kind
        event["title"] = f"{' and '.join(people[:2]) or 'Officials'} hold {kind} on {topic}"
        event["countries"] = rng.sample(COUNTRIES, rng.randint(1, 3))
        status = rng.choice(STATUSES)
        if status:
            event["status"] = status
        if rng.random() < 0.7:
            event["location"] = rng.choice(PLACES)
        if people:
            event["participants"] = people
        event["tags"] = [topic.replace(" ", "-")] if rng.random() < 0.5 else []
        event["summary"] = f"Talks on {topic}.\nBoth sides agreed to meet again."
        event["sources"] = [f"https://news.example.org/{day:%Y/%m/%d}/{number}"]
        yield event


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
