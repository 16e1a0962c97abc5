"""Without pyarrow, pandas and polars (the optional extras), every DataFrame and Parquet
call says in one line which extra to install, and nothing is written. Runs in CI's venv
without the extras as well as (the libraries hidden) in the one with them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import timeline
from conftest import SHIPPED


@pytest.fixture
def without_arrow(monkeypatch) -> None:
    """As if pyarrow, pandas and polars were not installed: importing them fails."""
    for name in list(sys.modules):
        if name.split(".")[0] in ("pyarrow", "pandas", "polars"):
            monkeypatch.delitem(sys.modules, name)
    for name in ("pyarrow", "pandas", "polars"):
        monkeypatch.setitem(sys.modules, name, None)


def test_without_the_extras_one_line_names_the_extra(db, run, tmp_path, without_arrow) -> None:
    tl = timeline.open(db)
    tl.load(SHIPPED)
    for call, extra in (
        (lambda: tl.iter_events().to_pandas(), "pandas"),
        (lambda: tl.events().to_polars(), "polars"),
        (lambda: tl.stats().to_pandas(), "pandas"),
        (lambda: tl.dyad_years().to_pandas(), "pandas"),
    ):
        with pytest.raises(timeline.TimelineError, match=rf"pip install 'timeline\[{extra}\]'"):
            call()
    out = tmp_path / "events.parquet"
    result = run("export", "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.strip().splitlines() == [
        "Error: pyarrow is not installed: pip install 'timeline[parquet]' to get it"
    ]
    assert list(Path(tmp_path).glob(".events.parquet.*")) == []
    assert run("export", "-f", "dyad-year").exit_code == 0  # a panel's CSV needs no extra
