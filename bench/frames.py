"""One DataFrame or Parquet export of a store, as `bench/run.py` times it: a whole process
that prints what it built and its memory, beside `pandas.read_sql` of the events table (the
peer a pandas user would reach for).

    python bench/frames.py STORE pandas|polars|read_sql|parquet|read_sql_parquet [OUT]

Prints JSON: the rows, the seconds of the work alone (after the imports), and the
process's resident memory when done (the frame alive) and at its peak, in MiB: the peak
beyond the resident is what building the frame cost beyond the frame itself.
"""

from __future__ import annotations

import gc
import json
import resource
import sqlite3
import sys
import time


def resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def main() -> None:
    store, what = sys.argv[1], sys.argv[2]
    import pandas  # the imports are not the work measured: both sides pay them
    import polars  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    import timeline

    before = resident_mib()
    start = time.perf_counter()
    if what.startswith("read_sql"):
        frame = pandas.read_sql("SELECT * FROM events", sqlite3.connect(store))
        rows = len(frame)
        if what == "read_sql_parquet":  # what a pandas user would do for a Parquet file
            frame.to_parquet(sys.argv[3])
    elif what == "parquet":
        rows = timeline.open(store, sync=False).export("parquet", sys.argv[3])
    else:
        stream = timeline.open(store, sync=False).iter_events()
        frame = stream.to_pandas() if what == "pandas" else stream.to_polars()
        rows = len(frame)
    seconds = time.perf_counter() - start
    gc.collect()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "before": before,
                      "resident": resident_mib(), "peak": peak}))  # fmt: skip


if __name__ == "__main__":
    main()
