"""How wide the merge window of `import` should be: on GDELT rows whose real events are
known, the precision and recall of the events each window makes.

Real files do not say which rows report the same event, so the rows here are made from
real events, with what is known of how GDELT codes them: each event is reported by a
heavy-tailed number of articles (most once, a summit hundreds of times); a report is coded
on the event's day or, less often, on a later one (the article that tells it the next
day); a visit is coded from either side (042 `A visits B`, 043 `B hosts A`); and a busy
pair of countries meets again within days. Precision is the share of the rows merged into
an event that belong to its real event, recall the share of a real event's rows found in
one event (both B-cubed: averaged over rows).

    python bench/merge_window.py            # windows 0 to 3 days, 3,000 real events
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))

import timeline  # noqa: E402
from timeline.importers import merging  # noqa: E402

PAIRS = [("KOR", "JPN"), ("USA", "CHN"), ("USA", "RUS"), ("FRA", "DEU"), ("IND", "PAK"),
         ("SAU", "EGY"), ("BRA", "ARG"), ("GBR", "IRL"), ("TUR", "GRC"), ("VNM", "PHL")]  # fmt: skip
CODES = ["042", "040", "041", "046", "057"]  # visit, talks, call, negotiation, agreement
LAGS = [(0, 0.70), (1, 0.22), (2, 0.06), (3, 0.02)]  # days from the event to its report


def real_events(count: int, rng: random.Random) -> list[tuple[tuple[str, str], str, dt.date, int]]:
    """(pair, code, day, reports): a busy pair (the first ones) meets again within days."""
    events = []
    start = dt.date(2025, 1, 1)
    for _ in range(count):
        pair = PAIRS[min(int(rng.expovariate(0.5)), len(PAIRS) - 1)]
        day = start + dt.timedelta(days=rng.randrange(365))
        reports = min(int(rng.paretovariate(1.2)), 500)  # most once, a few hundreds of times
        events.append((pair, rng.choice(CODES), day, reports))
    return events


def gdelt_rows(events, rng: random.Random) -> tuple[list[str], dict[str, int]]:
    """GDELT 2.0 rows (61 columns) of the events, shuffled as a day's files interleave
    them, and the real event of each row id."""
    rows, truth = [], {}
    number = 0
    for real, (pair, code, day, reports) in enumerate(events):
        for _ in range(reports):
            number += 1
            lag = rng.choices([d for d, _ in LAGS], [w for _, w in LAGS])[0]
            coded = day + dt.timedelta(days=lag)
            first, second = pair if rng.random() < 0.5 else pair[::-1]
            row_code = code
            if code == "042" and rng.random() < 0.4:  # the host's side of the visit
                row_code, first, second = "043", second, first
            row = [""] * 61
            row[0], row[1] = str(number), f"{coded:%Y%m%d}"
            row[5] = row[7] = first
            row[15] = row[17] = second
            row[26] = row[27] = row_code
            row[28] = row_code[:2]
            row[33] = "1"
            row[60] = f"https://news{rng.randrange(50)}.example/{number}"
            rows.append("\t".join(row))
            truth[f"gdelt-{number}"] = real
    rng.shuffle(rows)
    return rows, truth


def b_cubed(clusters: list[list[str]], truth: dict[str, int]) -> tuple[float, float]:
    real_size: dict[int, int] = {}
    for real in truth.values():
        real_size[real] = real_size.get(real, 0) + 1
    precision = recall = 0.0
    for cluster in clusters:
        by_real: dict[int, int] = {}
        for row_id in cluster:
            by_real[truth[row_id]] = by_real.get(truth[row_id], 0) + 1
        for real, together in by_real.items():
            precision += together * together / len(cluster)
            recall += together * together / real_size[real]
    return precision / len(truth), recall / len(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows, truth = gdelt_rows(real_events(args.events, rng), rng)
    print(f"{args.events:,} real events, {len(rows):,} rows")
    print(f"{'key':<22} {'window':>6} {'events':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
    ours = merging.merge_key
    cameo_at = merging.EVENT_COLUMNS.index("cameo")
    keys = {
        "pair, kind (chosen)": ours,
        "pair, CAMEO code": lambda row: f"{ours(row)} {row[cameo_at]}",
        "pair only": lambda row: f"{row[0].partition('-')[0]} {row[-1]}",
    }
    trials = [("pair, kind (chosen)", window) for window in (0, 1, 2, 3)]
    trials += [("pair, CAMEO code", 1), ("pair only", 1)]
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "rows.export.CSV"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        for number, (key, window) in enumerate(trials):
            merging.WINDOW_DAYS, merging.merge_key = window, keys[key]
            with timeline.open(Path(temp) / f"{number}.db", sync=False) as tl:
                tl.import_events("gdelt", [path], include_domestic=True)
                clusters = [tl.row_ids(event.id) for event in tl.iter_events()]
            p, r = b_cubed(clusters, truth)
            f1 = 2 * p * r / (p + r)
            print(f"{key:<22} {window:>4} d {len(clusters):>7,} {p:>9.3f} {r:>7.3f} {f1:>6.3f}")


if __name__ == "__main__":
    main()
