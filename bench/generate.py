"""Realistic synthetic events for benchmarks: `python bench/generate.py N FILE.{yaml,json,jsonl}`.

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


def write(count: int, path: Path) -> None:
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
