"""How the vocabulary of event text grows, in hand-written real-looking events
(`bench/real_like.jsonl`) and in the generator's (`generate.events`): the distinct words in
the first N events, and the new words per 1,000 events at the end of each text (what the
full-text index grows with). `python bench/vocabulary.py [GENERATED_EVENTS]`."""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

WORD = re.compile(r"[^\W\d_]+")  # letters: numbers are unique by nature, counted apart


def words(event: dict[str, object]) -> list[str]:
    parts = [event.get("title"), event.get("summary"), event.get("location")]
    parts += list(event.get("participants") or [])  # type: ignore[call-overload]
    return WORD.findall(" ".join(str(p) for p in parts if p).casefold())


def growth(events: Iterable[dict[str, object]], marks: list[int]) -> dict[int, int]:
    seen: set[str] = set()
    found = {}
    for number, event in enumerate(events, start=1):
        seen.update(words(event))
        if number in marks:
            found[number] = len(seen)
    return found


def main() -> None:
    corpus = [json.loads(line) for line in (HERE / "real_like.jsonl").open(encoding="utf-8")]
    size = len(corpus)
    marks = [100, 200, size * 3 // 4, size]
    real = growth(corpus, marks)
    made = growth(generate.events(size), marks)
    print(f"distinct words in the first N events ({size} hand-written, {size} generated)")
    print(f"{'N':>8} {'real-like':>10} {'generator':>10}")
    for mark in marks:
        print(f"{mark:>8} {real[mark]:>10,} {made[mark]:>10,}")
    quarter = size - marks[2]
    for name, seen in (("real-like", real), ("generator", made)):
        rate = (seen[size] - seen[marks[2]]) * 1000 / quarter
        print(f"new words per 1,000 events at {size}, {name}: {rate:,.0f}")
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    big = [1_000, 10_000, count // 10, count]
    grown = growth(itertools.islice(generate.events(count), count), sorted(set(big)))
    print("the generator further on:")
    for mark in sorted(grown):
        print(f"{mark:>8,} events: {grown[mark]:>10,} distinct words")


if __name__ == "__main__":
    main()
