"""Events as columns, for quantitative work: Arrow tables, and from them pandas and polars
DataFrames and Parquet files. Built a batch at a time from the events' JSON records (built
by SQLite, `Reads.select_json(span=True)`), which Arrow parses in C: no Python object per
field, and memory beyond the result stays flat.

pyarrow, pandas and polars are optional extras (`timeline[pandas]`, `timeline[polars]`,
`timeline[parquet]`), imported here only, when a frame is asked for: the CLI never pays
for them.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from timeline.cameo import event_goldstein, goldstein
from timeline.dates import PartialDate
from timeline.errors import TimelineError
from timeline.model import CODE_FIELDS, FIELDS, Event
from timeline.store.schema import LIST_COLUMNS

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

BATCH = 16_384  # events per batch (and per Parquet row group)
# The columns: every field of `show --format json`, then what the dates and codes say in
# types a frame computes with: the span's first and last day, the date's precision,
# whether the date (or end) is approximate or uncertain, and the Goldstein score of an event
# scored on that scale (POLECAT's `intensity` is the other scale, never mixed in).
DERIVED = ("first_day", "last_day", "precision", "approximate", "uncertain", "goldstein")
FRAME_COLUMNS = (*FIELDS, *CODE_FIELDS, *DERIVED)


class MissingExtra(TimelineError):
    """An optional library that the asked-for output needs is not installed."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"{module} is not installed: pip install 'timeline[{extra}]' to get it")


def need(module: str, extra: str) -> Any:
    """Import an optional library, or say in one line which extra brings it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module.partition(".")[0], extra) from None


def schema(extra: str = "parquet") -> pyarrow.Schema:
    """The columns' Arrow types: dates as dates, lists as lists of strings."""
    pa = need("pyarrow", extra)
    # Large strings and lists (64-bit offsets) are what pandas' and polars' own string
    # columns hold: built so, they are handed over without a copy.
    text = pa.large_string()
    types = {
        **dict.fromkeys(FRAME_COLUMNS, text),
        **dict.fromkeys(LIST_COLUMNS, pa.list_(text)),
        "intensity": pa.float64(),
        "reports": pa.int64(),
        "articles": pa.int64(),
        "first_day": pa.date32(),
        "last_day": pa.date32(),
        "approximate": pa.bool_(),
        "uncertain": pa.bool_(),
        "goldstein": pa.float64(),
    }
    return pa.schema([(name, types[name]) for name in FRAME_COLUMNS])


def span_records(events: Iterable[Event]) -> Iterator[bytes]:
    """Events (already read) as the JSON records `Reads.select_json(span=True)` gives."""
    import orjson

    for event in events:
        record = event.to_dict()
        record["first_day"] = event.first_day.isoformat()
        record["last_day"] = event.last_day.isoformat()
        yield orjson.dumps(record)


def batches(records: Iterable[str | bytes], extra: str = "parquet") -> Iterator[pyarrow.Table]:
    """The records as tables of `BATCH` events in the `schema()` columns."""
    pa = need("pyarrow", extra)
    json = need("pyarrow.json", extra)
    shape = schema(extra)
    read = pa.schema(  # as written in the records: the days as text, nothing derived
        [(f.name, f.type) for f in shape if f.name in (*FIELDS, *CODE_FIELDS)]
        + [("first_day", pa.large_string()), ("last_day", pa.large_string())]
    )
    options = json.ParseOptions(explicit_schema=read)

    def converted(lines: bytes) -> pyarrow.Table:
        size = json.ReadOptions(block_size=len(lines) + 1)  # one block: the rows' order
        parsed = json.read_json(io.BytesIO(lines), read_options=size, parse_options=options)
        return _derived(parsed, pa).select(shape.names).cast(shape)

    # Arrow parses a batch in a thread while SQLite writes the next (both let go of the
    # GIL): the two cores overlap instead of taking turns.
    records = iter(records)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: Future[pyarrow.Table] | None = None
        while chunk := list(itertools.islice(records, BATCH)):
            text = [r if isinstance(r, bytes) else r.encode() for r in chunk]
            future = pool.submit(converted, b"\n".join(text))
            del chunk, text
            if pending is not None:
                yield pending.result()
            pending = future
        if pending is not None:
            yield pending.result()


def _derived(parsed: pyarrow.Table, pa: Any) -> pyarrow.Table:
    """The columns computed from the records, each from the few distinct values there are
    (dates, codes and kinds repeat): a batch costs a handful of lookups, not one per row."""
    compute = need("pyarrow.compute", "parquet")
    text = pa.large_string()

    def mapped(column: Any, function: Any, kind: Any) -> Any:
        distinct = compute.unique(column)
        values = pa.array([function(value) for value in distinct.to_pylist()], kind)
        return compute.take(values, compute.index_in(column, value_set=distinct))

    def qualified(marks: str) -> Any:  # the date's or the end's qualifier is one of marks
        def has(date: str | None) -> bool:
            qualifier = PartialDate.from_iso(date).qualifier if date else ""
            return bool(qualifier) and qualifier in marks

        said = [mapped(parsed[name], has, pa.bool_()) for name in ("date", "end")]
        return compute.or_(*said)

    precision = mapped(parsed["date"], lambda date: PartialDate.from_iso(date).precision, text)
    own = mapped(parsed["cameo"], goldstein, pa.float64())
    of_kind = mapped(parsed["kind"], lambda kind: event_goldstein(None, kind), pa.float64())
    weight = compute.if_else(compute.is_valid(parsed["cameo"]), own, of_kind)
    scored = compute.is_null(parsed["plover"])  # POLECAT's events are on the other scale
    approximate, uncertain = qualified("~%"), qualified("?%")
    goldstein_ = compute.if_else(scored, weight, pa.scalar(None, pa.float64()))
    return (  # the days are still text: the cast to the schema makes them dates
        parsed.append_column("precision", precision)
        .append_column("approximate", approximate)
        .append_column("uncertain", uncertain)
        .append_column("goldstein", goldstein_)
    )


def table(records: Iterable[str | bytes], extra: str) -> pyarrow.Table:
    """The records as one table, its batches kept as chunks (no copy)."""
    pa = need("pyarrow", extra)
    return pa.concat_tables([schema(extra).empty_table(), *batches(records, extra)])


def to_pandas(records: Iterable[str | bytes]) -> pandas.DataFrame:
    """A pandas DataFrame: text as strings, lists as Arrow lists (`df.countries.list`,
    `df.explode("countries")`), first and last day as datetimes, counts as nullable
    integers; the Arrow buffers are handed over, not copied into Python objects."""
    pd = need("pandas", "pandas")
    pa = need("pyarrow", "pandas")
    texts = pa.list_(pa.large_string())
    mapped = {texts: pd.ArrowDtype(texts), pa.int64(): pd.Int64Dtype()}
    return table(records, "pandas").to_pandas(
        types_mapper=mapped.get, date_as_object=False, self_destruct=True, split_blocks=True
    )


def to_polars(records: Iterable[str | bytes]) -> polars.DataFrame:
    """A polars DataFrame: dates as `Date`, lists as `List(String)`. Polars keeps text in
    its own layout, so each batch is converted as it comes, and let go."""
    pl = need("polars", "polars")
    empty = pl.from_arrow(schema("polars").empty_table())
    parts = [pl.from_arrow(batch) for batch in batches(records, "polars")]
    frame: polars.DataFrame = pl.concat([empty, *parts], rechunk=False)
    return frame
