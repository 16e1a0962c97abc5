"""How well `timeline extract` drafts the events of news articles: run on the corpus of
tests/extract_corpus/ (articles written for it in English, Korean and Japanese, and the
seed story of ../shared/seeds/ when it is there), against the events a careful reader
labelled (labels.yaml). Prints, per language and overall:

- found: the share of labelled events some draft gives (the same date string, at the
  text's precision, and countries mostly right: at least two, Jaccard overlap >= 0.5);
- real: the share of drafts that are labelled events;
- kind: the share of found events drafted with the kind the reader gave.

`--held-out` scores instead the articles of tests/extract_corpus/held_out/, written after
the rules were tuned on the others and never used to tune them: the honest figure.

    python bench/extract_eval.py [-v] [--held-out]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "extract_corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
TARGETS = {"found": 0.75, "real": 0.70, "kind": 0.70}


def articles(corpus: Path = CORPUS) -> list[tuple[str, Path]]:
    found = [(path.name, path) for path in sorted(corpus.glob("*.txt"))]
    seed = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() and corpus == CORPUS else []
    return [*found, ("seed", seed[0])] if seed else found


def matches(draft: dict[str, object], label: dict[str, object]) -> bool:
    mine, theirs = set(draft["countries"]), set(label["countries"])  # type: ignore[call-overload]
    overlap = len(mine & theirs) / len(mine | theirs)
    return draft["date"] == str(label["date"]) and len(mine) >= 2 and overlap >= 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="every draft and miss")
    parser.add_argument("--held-out", action="store_true", help="the articles kept apart")
    args = parser.parse_args()
    verbose, corpus = args.verbose, CORPUS / "held_out" if args.held_out else CORPUS
    sys.path.insert(0, str(ROOT / "src"))
    from timeline.extraction import extraction_of
    from timeline.extraction.article import read_article

    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # labels, found,
    # kind right, drafts, real drafts
    for name, path in articles(corpus):
        language = "seed" if name == "seed" else name.split("-")[0]
        extraction = extraction_of(read_article(str(path)))
        drafts = [event.to_dict() for event in extraction.events]
        wanted = labels[name]
        found = [any(matches(d, label) for d in drafts) for label in wanted]
        right = [
            any(matches(d, label) and d["kind"] == label["kind"] for d in drafts)
            for label in wanted
        ]
        real = [any(matches(d, label) for label in wanted) for d in drafts]
        for key in (language, "all"):
            counts = totals[key]
            counts[0] += len(wanted)
            counts[1] += sum(found)
            counts[2] += sum(right)
            counts[3] += len(drafts)
            counts[4] += sum(real)
        if verbose:
            print(f"{name}: {sum(found)}/{len(wanted)} found, {sum(real)}/{len(drafts)} real")
            for label, hit in zip(wanted, found, strict=True):
                if not hit:
                    print(f"  missed {label['date']} {label['kind']} {label['countries']}")
            for draft, ok in zip(drafts, real, strict=True):
                if not ok:
                    print(f"  extra  {draft['date']} {draft['kind']} {draft['countries']}")
    print(f"{'':6} {'articles':>8} {'found':>7} {'real':>7} {'kind':>7}")
    failed = False
    for key in ("en", "ko", "ja", "seed", "all"):
        if key not in totals:
            continue
        labelled, found_n, right_n, drafted, real_n = totals[key]
        shares = {
            "found": found_n / labelled if labelled else 0.0,
            "real": real_n / drafted if drafted else 0.0,
            "kind": right_n / found_n if found_n else 0.0,
        }
        count = sum(1 for name, _ in articles(corpus) if key in ("all", name.split("-")[0]))
        print(
            f"{key:6} {count:>8} {shares['found']:>7.2f} {shares['real']:>7.2f} "
            f"{shares['kind']:>7.2f}   ({found_n}/{labelled} found, {real_n}/{drafted} real)"
        )
        if key == "all":
            failed = any(shares[k] < target for k, target in TARGETS.items())
    targets = ", ".join(f"{k} >= {v:.2f}" for k, v in TARGETS.items())
    print(f"targets: {targets}: {'FAIL' if failed else 'pass'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
