"""The corpus of bad input in tests/bad/: every file gets a clear message naming the file,
the line where there is one, and the field; exit 1; no traceback; the store unchanged."""

import random
import sqlite3
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED
from timeline.loading.reading import read_events

BAD = Path(__file__).parent / "bad"

# file -> (line or None, text the message must contain)
CASES: dict[str, tuple[int | None, str]] = {
    "yaml_syntax.yaml": (4, "is not valid YAML"),
    "top_scalar.yaml": (1, "expected a list of events"),
    "top_unknown_key.yaml": (1, "unknown top-level key 'title'"),
    "item_not_mapping.yaml": (1, "event 1: expected a mapping of fields"),
    "missing_title.yaml": (1, "event 1: title: is required"),
    "empty_fields.yaml": (3, "event 1: title: is empty"),
    "wrong_types.yaml": (3, "title: expected text, got a list"),
    "unknown_field.yaml": (4, "contries: unknown field; did you mean 'countries'?"),
    "unknown_country.yaml": (4, "countries: unknown country 'Atlantis'"),
    "ambiguous_country.yaml": (
        4,
        "countries: 'Korea' is ambiguous: use one of KP North Korea, KR South Korea",
    ),
    "unknown_kind.yaml": (2, "kind: unknown kind 'party'"),
    "impossible_date.yaml": (1, "date: '2026-02-30' is not a valid date: 2026-02 has 28 days"),
    "unparseable_date.yaml": (
        1,
        "date: cannot understand 'when the cherry blossoms fall' as a date",
    ),
    "end_before_date.yaml": (2, "end: 2026-01-10 is before the date 2026-01-13"),
    "duplicate_ids.yaml": (2, "id 'same': id: duplicate id (first used at"),
    "latin1.yaml": (3, "is not UTF-8 text (byte 0xe9); save it as UTF-8"),
    "empty.yaml": (None, "is empty: expected a list of events"),
    "whitespace_only.yaml": (None, "is empty: expected a list of events"),
    "python_tag.yaml": (1, "is not valid YAML: could not determine a constructor for the tag"),
    "python_name_tag.yaml": (3, "could not determine a constructor for the tag"),
    "billion_laughs_top.yaml": (1, "unknown top-level key 'a'"),
    "billion_laughs_fields.yaml": (6, "participants: item 1: expected text, got a list"),
    "deep_nesting.yaml": (1, "exceeded maximum nesting depth"),
    "deep_nesting.json": (None, "is nested too deeply"),
    "long_title.yaml": (3, "title: is too long (300,000 characters; at most 1,000)"),
    "bad_json.json": (4, "is not valid JSON"),
    "bad_line.jsonl": (2, "is not valid JSON Lines"),
    "latin1.jsonl": (3, "is not UTF-8 text (byte 0xe9); save it as UTF-8"),
    "whitespace_only.jsonl": (None, "is empty: expected a list of events"),
    "binary.yaml": (2, "is not UTF-8 text (byte 0x80)"),
    "not_events.json": (1, "expected a list of events"),
    "lone_event.yaml": (
        1,
        "a file holds a list of events; did you forget the `- ` before `date:`?",
    ),
    "lone_event.json": (
        1,
        "a file holds a list of events; did you forget the [ ] around this one?",
    ),
    "tab_indent.yaml": (3, "a tab at column 1: YAML indents with spaces only"),
    "tab_after_dash.yaml": (1, "a tab at column 2: YAML indents with spaces only"),
}


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()


@pytest.fixture
def loaded(run, db: Path) -> list[tuple[object, ...]]:
    assert run("load", str(SHIPPED)).exit_code == 0
    return dump(db)


def test_every_file_in_the_corpus_has_a_case() -> None:
    names = {p.name for p in BAD.iterdir()} - {"duplicate_across_a.yaml", "duplicate_across_b.yaml"}
    assert names == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file(run, db: Path, loaded, name: str) -> None:
    line, message = CASES[name]
    path = BAD / name
    result = run("load", str(path))
    assert result.exit_code == 1, result.output
    where = f"{path}:{line}: " if line else f"{path}: "
    lines = result.stderr.splitlines()
    assert any(ln.startswith(where) and message in ln for ln in lines), result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(db) == loaded


def test_duplicate_ids_across_files(run, db: Path, loaded) -> None:
    a, b = BAD / "duplicate_across_a.yaml", BAD / "duplicate_across_b.yaml"
    result = run("load", str(a), str(b))
    assert result.exit_code == 1
    assert f"{b}:1: id 'shared': id: duplicate id (first used at {a}:1)" in result.stderr
    assert dump(db) == loaded


def test_a_missing_path_and_a_folder_of_no_event_files(run, db, loaded, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("not events")
    result = run("load", str(SHIPPED), str(tmp_path / "missing.yaml"), str(tmp_path / "m.json"))
    assert result.exit_code == 1
    missing, other = tmp_path / "missing.yaml", tmp_path / "m.json"
    assert result.stderr == (
        f"Error: cannot read {missing}: no such file or directory; "
        f"cannot read {other}: no such file or directory\n"
    )
    empty = run("load", str(tmp_path))
    assert empty.exit_code == 1 and empty.stderr == (
        f"Error: {tmp_path} holds no .yaml, .yml, .json or .jsonl file "
        "(--recursive looks in its subfolders too)\n"
    )
    assert dump(db) == loaded


def test_a_directory_with_a_yaml_name(run, tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    result = run("load", str(tmp_path / "folder.yaml"))  # a folder, whatever its name
    assert result.exit_code == 1 and "folder.yaml holds no .yaml, .yml" in result.stderr


def test_usage_errors_exit_2(run) -> None:
    assert run("load").exit_code == 2
    assert run("show", "--limit", "many").exit_code == 2
    assert run("show", "--format", "xml").exit_code == 2
    assert run("export", "--format", "pdf").exit_code == 2
    assert run("frobnicate").exit_code == 2


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "random.yaml"
    path.write_bytes(data)
    result, _ = read_events(str(path), today=__import__("datetime").date(2026, 11, 25))
    # Whatever the bytes: no exception, and every problem names the file (and, when it
    # has one, a line inside it).
    for problem in result.problems:
        assert problem.source == str(path) and str(problem).startswith(str(path))
        lines = len(data.decode("utf-8", "replace").splitlines()) + 1  # every kind of break
        assert problem.line is None or 1 <= problem.line <= lines


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "date", "end", "kind", "title", "countries", "tags", "summary", "x"]
            )
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(yaml_values, max_size=4) | yaml_values)
def test_random_yaml_documents_give_only_clean_problems(
    tmp_path_factory: pytest.TempPathFactory, document: object
) -> None:
    path = tmp_path_factory.mktemp("yaml") / "random.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result, _ = read_events(str(path), today=__import__("datetime").date(2026, 11, 25))
    for problem in result.problems:
        assert str(problem).startswith(str(path))


def test_random_mutations_of_the_shipped_file(run, db: Path, loaded, tmp_path: Path) -> None:
    """Flip characters in the shipped file: each result loads or fails cleanly, never half."""
    text = SHIPPED.read_text(encoding="utf-8")
    rng = random.Random(7)
    for attempt in range(15):
        before = dump(db)
        chars = list(text)
        for _ in range(5):
            chars[rng.randrange(len(chars))] = rng.choice(":-[]{}&*!|>'\"\n #")
        path = tmp_path / f"mutated{attempt}.yaml"
        path.write_text("".join(chars), encoding="utf-8")
        result = run("load", str(path))
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.stderr
        if result.exit_code == 1:
            assert dump(db) == before
