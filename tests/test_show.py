import io
import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style

from conftest import SHIPPED
from timeline.dates import PartialDate
from timeline.model import Event
from timeline.render import PALETTE, Shown, timeline_view

KEYS = [
    "id",
    "date",
    "end",
    "kind",
    "status",
    "title",
    "countries",
    "location",
    "participants",
    "tags",
    "summary",
    "sources",
    "cameo",  # the codes and counts of machine-coded data: null for these
    "plover",
    "intensity",
    "reports",
    "articles",
]

SPANS = """\
- {id: year, date: 2025, kind: other, title: Year event, countries: US}
- {id: month, date: 2025-03, kind: call, title: Month event, countries: JP}
- {id: multi, date: 2025-05-30, end: 2025-06-02, kind: visit, title: Span, countries: [KR, JP]}
- {id: day, date: 2025-06-15, kind: summit, title: Day, countries: [KR, US], tags: [a],
   participants: [Lee Jae-myung], status: planned, summary: uranium enrichment talks}
"""


@pytest.fixture
def shipped(run) -> None:
    assert run("load", str(SHIPPED)).exit_code == 0


@pytest.fixture
def spans(run, write) -> None:
    assert run("load", str(write("spans.yaml", SPANS))).exit_code == 0


def ids(run, *args: str) -> list[str]:
    result = run("show", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [event["id"] for event in json.loads(result.stdout)]


def test_country_jp_shows_every_japan_event_and_nothing_else(run, shipped) -> None:
    found = ids(run, "--country", "JP")
    assert {
        "2026-kim-kobayashi-youth-pact",
        "2026-lee-visit-japan",
        "2026-lee-takaichi-nara-summit",
    } <= set(found)
    assert "2026-korea-us-enrichment-team" not in found
    for event in json.loads(run("show", "-f", "json", "-c", "Japan").stdout):
        assert "JP" in event["countries"]
    assert (
        ids(run, "-c", "JP")
        == ids(run, "-c", "jpn")
        == ids(run, "-c", "日本")
        == ids(run, "-c", "일본")
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2025-06"], ["year", "multi", "day"]),  # the year and the span overlap June
        (["--until", "2025-03"], ["year", "month"]),
        (["--since", "2025-03-31", "--until", "2025-04"], ["year", "month"]),
        (["--since", "2025-06-02", "--until", "2025-06-02"], ["year", "multi"]),
        (["--until", "2024"], []),
        (["--since", "2025-06-16"], ["year"]),
        (["-c", "KR"], ["multi", "day"]),
        (["-c", "US", "-c", "JP"], ["year", "month", "multi", "day"]),
        (["--between", "KR", "JP"], ["multi"]),
        (["--between", "JP", "KR"], ["multi"]),
        (["--between", "JP", "KR", "--since", "2025-06-02"], ["multi"]),
        (["--between", "JP", "KR", "--since", "2025-06-03"], []),
        (["--between", "KR", "JP", "-c", "US"], []),
        (["-k", "summit", "-k", "phone call"], ["month", "day"]),
        (["-p", "jae"], ["day"]),
        (["-t", "a"], ["day"]),
        (["--status", "planned"], ["day"]),
        (["-s", "enrich"], ["day"]),
        (["-s", "span"], ["multi"]),
        (["-s", "lee"], ["day"]),  # participants are searched too
        (["--limit", "2"], ["multi", "day"]),
        (["--limit", "2", "--reverse"], ["day", "multi"]),
        (["--reverse"], ["day", "multi", "month", "year"]),
    ],
)
def test_filters(run, spans, args: list[str], expected: list[str]) -> None:
    assert ids(run, *args) == expected


def test_order_coarser_precision_first(run, write) -> None:
    text = "\n".join(
        f"- {{id: {i}, date: '{d}', kind: other, title: T, countries: US}}"
        for i, d in [("c", "2026-01-01"), ("b", "2026-01"), ("a", "2026")]
    )
    run("load", str(write("o.yaml", text)))
    assert ids(run) == ["a", "b", "c"]


def test_json_shape(run, spans) -> None:
    events = json.loads(run("show", "-f", "json", "-c", "KR").stdout)
    assert [list(e) for e in events] == [KEYS, KEYS]
    assert events[0]["date"] == "2025-05-30" and events[0]["end"] == "2025-06-02"
    assert events[1]["location"] is None and events[1]["participants"] == ["Lee Jae-myung"]
    year = json.loads(run("show", "-f", "json", "-c", "US", "--until", "2025-01").stdout)[0]
    assert year["date"] == "2025" and year["end"] is None and year["tags"] == []


def test_table_output(run, spans) -> None:
    result = run("show")
    out = result.stdout
    assert result.exit_code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert "2025" in lines and "March" in lines and "June" in lines
    assert "30 May – 2 Jun 2025" in out and "Mar 2025" in out and "15 Jun 2025" in out
    assert "planned" in out
    assert "4 events" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_bad_filter_values_are_usage_errors(run, spans) -> None:
    result = run("show", "-c", "Korea")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr and "KR South Korea" in result.stderr
    assert run("show", "--since", "whenever it was").exit_code == 2
    assert run("show", "-k", "party").exit_code == 2
    assert run("show", "--limit", "0").exit_code == 2
    assert run("show", "--since", "2026", "--until", "2025").exit_code == 2


def test_empty_result_is_friendly(run, spans) -> None:
    result = run("show", "-c", "FR")
    assert result.exit_code == 0
    assert "No events match (FR)." in result.stdout
    assert run("show", "-c", "FR", "-f", "json").stdout == "[]\n"


def test_search_text_is_not_fts_syntax(run, write) -> None:
    literal = write(
        "fts.yaml",
        """\
- {id: quoted, date: 2026-01-01, kind: call, title: 'He said "NOT now" (twice)', countries: JP}
- {id: either, date: 2026-01-02, kind: call, title: 'a OR b, x:y', countries: JP}
- {id: plain, date: 2026-01-03, kind: call, title: Nothing special, countries: JP}
""",
    )
    assert run("load", str(literal)).exit_code == 0
    # FTS5 would read these as operators, column filters or syntax errors; here they are
    # words to find, as typed, each as a prefix ("NOT" finds "Nothing" too).
    for text, found in [('"NOT now"', ["quoted"]), ("NOT", ["quoted", "plain"]),
                        ("(twice", ["quoted"]), ("a OR b", ["either"]), ("x:y", ["either"]),
                        ("special", ["plain"]), ("*", []), ("((", [])]:  # fmt: skip
        assert ids(run, "-s", text) == found, text


CJK_EVENTS = """\
- {id: ja, date: 2026-01-13, kind: summit, title: 日韓首脳会談, countries: [KR, JP]}
- {id: ko, date: 2026-01-14, kind: summit, title: 한일정상회담 in Nara, countries: [KR, JP],
   participants: [이재명, 高市早苗]}
- {id: en, date: 2026-01-15, kind: meeting, title: Uranium talks, countries: [KR, US],
   summary: 우라늄 농축 협의}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首脳", ["ja"]),  # inside a run of Japanese that the tokenizer sees as one word
        ("정상회담", ["ko"]),  # inside a run of Korean
        ("会談 日韓", ["ja"]),  # every word must match, in any order
        ("nara 정상", ["ko"]),  # a prefix of an English word and a Korean word
        ("高市", ["ko"]),  # participants are searched
        ("농축", ["en"]),  # and summaries
        ("首脳 uranium", []),
        ("uran", ["en"]),
    ],
)
def test_korean_japanese_and_chinese_words_match_anywhere(run, write, text, expected) -> None:
    run("load", str(write("cjk.yaml", CJK_EVENTS)))
    assert ids(run, "-s", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("лавров", ["ru"]),  # case folded beyond ASCII: Cyrillic
        ("ÉMILE", ["fr"]),  # and accented Latin
        ("emile", []),  # but É is not E
        ("高市", ["ja"]),  # no case at all
        ("LAV", []),  # Latin letters do not match Cyrillic ones
        ("%", []),  # LIKE's wildcards are plain text
    ],
)
def test_participant_ignores_case_in_every_script(run, write, text, expected) -> None:
    events = """\
- {id: ru, date: 2026-01-13, kind: call, title: Call, countries: [RU, KR],
   participants: [Сергей Лавров]}
- {id: fr, date: 2026-01-14, kind: visit, title: Visit, countries: [FR, KR],
   participants: [Émile Durand]}
- {id: ja, date: 2026-01-15, kind: summit, title: Summit, countries: [JP, KR],
   participants: [高市早苗]}
"""
    run("load", str(write("p.yaml", events)))
    assert ids(run, "-p", text) == expected


def render(events: list[Event], width: int, color: bool = False) -> str:
    out = io.StringIO()
    console = Console(
        file=out, width=width, color_system="truecolor" if color else None, force_terminal=color
    )
    timeline_view(console, map(Shown.of, events))
    return out.getvalue()


def event(**fields: object) -> Event:
    base: dict[str, object] = {
        "id": "x",
        "date": PartialDate(2026, 1, 13),
        "kind": "summit",
        "title": "T",
        "countries": ("KR", "JP"),
    }
    return Event(**(base | fields))  # type: ignore[arg-type]


def test_data_is_never_markup_nor_control_codes() -> None:
    out = render([event(title="[bold red]draft[/] \x1b[31mred\x1b[0m", location="[x]")], 80, True)
    assert "[bold red]draft[/]" in out
    assert "\x1b[31m" not in out and "[x]" in out


def test_colours_come_from_the_palette(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    from rich.color import Color, ColorSystem

    out = render([event(kind="summit"), event(id="y", kind="dispute")], 100, color=True)
    for kind in ("summit", "dispute"):
        # rich keeps a style's codes once made: an earlier 256-colour run in this process
        # writes the palette's colour by its number in the cube, the same colour
        r, g, b = (int(PALETTE[kind][i : i + 2], 16) for i in (1, 3, 5))
        number = Color.parse(PALETTE[kind]).downgrade(ColorSystem.EIGHT_BIT).number
        assert re.search(f"\x1b\\[38;(2;{r};{g};{b}|5;{number})m● {kind}", out), out


def test_korean_and_japanese_titles_line_up_at_80_columns() -> None:
    out = render(
        [event(title="이재명 대통령 방일 " * 4), event(id="y", title="日韓首脳会談 " * 6)], 80
    )
    lines = [line for line in out.splitlines() if line.strip()]
    assert max(cell_len(line.rstrip()) for line in lines) <= 80
    continuation = [line for line in lines if line.startswith(" ")]
    indents = {len(line) - len(line.lstrip()) for line in continuation}
    assert len(indents) == 1  # wrapped title lines start in the title column


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return r, g, b


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (D65), for a distance people see."""

    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    r, g, b = map(linear, rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _contrast(rgb: tuple[int, int, int], background: tuple[int, int, int]) -> float:
    def luminance(c: tuple[int, int, int]) -> float:
        linear = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4
                  for v in c]  # fmt: skip
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(rgb), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_kind_has_a_colour_of_its_own() -> None:
    from itertools import combinations

    from rich.color import Color, ColorSystem

    from timeline.kinds import KINDS
    from timeline.render import KIND_MARKS, STATUS_STYLES

    assert set(PALETTE) == set(KINDS) == set(KIND_MARKS)
    assert len(set(KIND_MARKS.values())) == len(KINDS)
    # The same colours in 256 colours as in true colour, and no two alike in either.
    eight_bit = {Color.parse(c).downgrade(ColorSystem.EIGHT_BIT).number for c in PALETTE.values()}
    assert len(eight_bit) == len(PALETTE)
    for colour in PALETTE.values():
        downgraded = Color.parse(colour).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
        assert (downgraded.red, downgraded.green, downgraded.blue) == _rgb(colour)
    for a, b in combinations(PALETTE.values(), 2):
        distance = sum((p - q) ** 2 for p, q in zip(_lab(_rgb(a)), _lab(_rgb(b)), strict=True))
        assert distance**0.5 > 20, (a, b)
    for colour in PALETTE.values():  # legible on a light and on a dark terminal
        assert _contrast(_rgb(colour), (255, 255, 255)) >= 2
        assert _contrast(_rgb(colour), (0, 0, 0)) >= 3.5
    # Status markers carry no hue, so none can be mistaken for a kind.
    for style in STATUS_STYLES.values():
        assert Style.parse(style).color is None


def test_kinds_shows_the_palette(run) -> None:
    from rich.color import Color, ColorSystem

    from timeline.charts import kinds_view
    from timeline.render import KIND_MARKS

    console = Console(file=io.StringIO(), width=120, color_system="truecolor", no_color=False)
    kinds_view(console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    for kind, colour in PALETTE.items():
        # rich may write a colour of the 256-colour cube by its number: the same colour
        r, g, b = _rgb(colour)
        number = Color.parse(colour).downgrade(ColorSystem.EIGHT_BIT).number
        assert re.search(
            f"\x1b\\[38;(2;{r};{g};{b}|5;{number})m● {kind}  ██ {KIND_MARKS[kind]}", out
        ), kind
    # a label's style ends with it: the meaning and the first alias are plain text
    assert "S\x1b[0m       heads of state" in out and "aliases\x1b[0m            leaders'" in out
    plain = run("kinds").stdout  # NO_COLOR: the letters that stand for the kinds in charts
    assert "██" not in plain and re.search(r"● meeting +M +ministers", plain)


def test_kinds_lists_every_kind(run) -> None:
    out = run("kinds").stdout
    for kind in PALETTE:
        assert kind in out
    assert "leaders' meeting" in out and "043" in out


def test_kinds_as_json(run) -> None:
    kinds = {k["kind"]: k for k in json.loads(run("kinds", "--format", "json").stdout)}
    assert list(kinds) == list(PALETTE)
    assert kinds["summit"]["score"] == 2.8 and kinds["summit"]["letter"] == "S"
    assert kinds["economic"]["score"] is None and kinds["economic"]["cameo"] == "061"
    assert {"alias": "tariffs", "cameo": "163", "score": -8.0} in kinds["economic"]["coded"]
    assert "CONSULT/visit" in kinds["visit"]["plover"] and "trip" in kinds["visit"]["aliases"]


def test_kinds_gives_each_alias_its_code_and_score(run, monkeypatch) -> None:
    """Which way an event goes: the kinds that say it score, the others do not, and an
    alias that says it carries its own code."""
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("kinds").stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    text = " ".join(" ".join(lines).split())
    assert "heads of state/government meet; scored 043 +2.8" in text
    assert "trade, investment, economic measures; unscored" in text
    assert "tariffs 163 −8.0, tariff 163 −8.0, export controls 163 −8.0" in text
    assert "trade deal 061 +6.4" in text and "joint exercise 062 +7.4" in text
    assert "military exercise 15 −7.2" in text and "missile test 15 −7.2" in text
    assert "armed conflict: clashes, strikes, war; scored 19 −10.0" in text
    assert any("air strike 19 −10.0" in line for line in lines)  # an item is never broken
    monkeypatch.setenv("COLUMNS", "400")
    assert text == " ".join(run("kinds").stdout.split())  # wrapping loses no comma, no word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30))
def test_the_views_own_measure_of_width_is_richs(text: str) -> None:
    # (the view measures text cleaned of control characters)
    from rich.cells import cell_len

    from timeline.cells import cell_width as _width

    assert _width(text) == cell_len(text)


def test_width_of_korean_and_japanese() -> None:
    from timeline.cells import cell_width as _width

    assert _width("한일 정상회담 / 日韓首脳会談") == 28 and _width("Café – «x»") == 10


UNEVEN = [("2026-01-08", "A"), ("2026", "B"), ("2024-06-10", "C"), ("2024-35", "D"),
          ("2024-W10", "E"), ("2024-03-01", "F")]  # fmt: skip
HEADING = re.compile(r"^(\d{4}|[A-Z][a-z]+|Not dated to a month)$")


def headings(out: str) -> list[str]:
    return [line for line in out.splitlines() if HEADING.match(line)]


def test_an_event_of_no_one_month_is_never_under_a_month(run) -> None:
    """A year-only event after January's (newest first), Q3 2024 after June's (oldest
    first): each gets a heading of its own instead of looking like January's or June's."""
    for date, title in UNEVEN:
        assert (
            run("add", "--date", date, "--title", title, "--kind", "call", "-c", "JP").exit_code
            == 0
        )
    forward = run("show").stdout
    assert headings(forward) == ["2024", "March", "June", "Not dated to a month", "2026",
                                 "January"]  # fmt: skip
    assert forward.index("week 10 of 2024") < forward.index("June")  # week 10 is in March
    backward = run("show", "--reverse").stdout
    assert headings(backward) == ["2026", "January", "Not dated to a month", "2024", "June",
                                  "March"]  # fmt: skip


JAPANESE = "日韓首脳会談を奈良で開催、高市早苗首相と李在明大統領が会談（シャトル外交）について協議"
KOREAN = (
    "이재명 대통령과 다카이치 사나에 총리가 나라에서 정상회담을 갖고 셔틀 외교를 이어가기로 했다"
)


def _title_lines(out: str, start: str) -> list[str]:
    """The title column's lines of the one event shown, from the first title line on."""
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    column = lines[first].index(start)
    return [line[column:].strip() for line in lines[first:] if line.strip()][:-2]


@pytest.mark.parametrize("columns", ["50", "60", "80"])
def test_japanese_titles_break_between_phrases_by_kinsoku(run, monkeypatch, columns) -> None:
    from timeline.cells import _NO_END, _NO_START

    monkeypatch.setenv("COLUMNS", columns)
    run("add", "--date", "2026-01-13", "--kind", "summit", "--title", JAPANESE, "-c", "KR,JP")
    lines = _title_lines(run("show").stdout, JAPANESE[:3])
    assert len(lines) > 1 and "".join(lines) == JAPANESE  # wrapped, nothing lost
    for line, after in itertools.pairwise(lines):
        assert after[0] not in _NO_START and line[-1] not in _NO_END, lines
    for line, after in itertools.pairwise(lines):
        for word in ["首脳", "会談", "奈良", "首相", "大統領", "シャトル", "外交"]:
            cut_inside = any(
                line.endswith(word[:k]) and after.startswith(word[k:]) for k in range(1, len(word))
            )
            assert not cut_inside, (word, line, after)


def test_korean_titles_break_at_spaces(run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    run("add", "--date", "2026-01-13", "--kind", "summit", "--title", KOREAN, "-c", "KR,JP")
    lines = _title_lines(run("show").stdout, KOREAN[:3])
    assert len(lines) > 1 and " ".join(lines) == KOREAN


ONE_CELL = st.characters(max_codepoint=0x2FF, exclude_categories=("Z", "C")) | st.sampled_from(
    "◆·–\u00a0"
)


@given(st.lists(st.text(ONE_CELL, min_size=1), max_size=12), st.integers(1, 30))
def test_one_cell_text_is_wrapped_as_word_by_word(words: list[str], width: int) -> None:
    from timeline.cells import _wrapped_words, wrapped

    text = " ".join(words)
    assert wrapped(text, width) == _wrapped_words(text, width)


def test_a_unit_longer_than_the_line_is_folded_by_kinsoku() -> None:
    from timeline.cells import wrapped

    assert wrapped("（シャトル外交）", 6) == ["（シャ", "トル外", "交）"]
    assert wrapped("ッッッッッッ", 4) == ["ッッ", "ッッ", "ッッ"]  # no cut keeps the rule
    assert wrapped("「会談」", 4) == ["「会", "談」"]


CARD = """\
- id: talks
  date: late 1971
  kind: negotiation
  title: Secret talks on normalisation
  countries: [US, CN]
  location: Beijing
  participants: [Henry Kissinger, 周恩来]
  tags: [normalisation, secret]
  summary: |
    First line of the summary.
    Second line, kept as a line.
  sources: ['https://example.org/talks?a=1', 'A history of the talks (1999), p. 12']
- id: curbs
  date: 2019-07-04
  kind: tariffs
  title: Export controls
  countries: [JP, KR]
"""


def test_show_id_prints_the_event_in_full(run, write) -> None:
    path = write("card.yaml", CARD)
    run("load", str(path))
    out = run("show", "talks").stdout
    lines = out.splitlines()
    assert lines[0] == "Secret talks on normalisation"
    assert lines[1].startswith("late 1971 (1 Sep 1971 – 31 Dec 1971)  ● negotiation")
    for label, value in [
        ("id", "talks"),
        ("countries", "US United States, CN China"),
        ("location", "Beijing"),
        ("participants", "Henry Kissinger, 周恩来"),
        ("tags", "normalisation, secret"),
        ("score", "Goldstein +7.0 (a negotiation: CAMEO 046)"),
        ("file", f"{path.resolve()}:1"),
        ("summary", "First line of the summary."),
        ("", "Second line, kept as a line."),
        ("sources", "https://example.org/talks?a=1"),
        ("", "A history of the talks (1999), p. 12"),
    ]:
        assert f"{label:<14}{value}" in lines, (label, out)
    curbs = run("show", "curbs").stdout
    assert "score         CAMEO 163 (imposes an embargo or sanctions on): Goldstein −8.0" in curbs
    assert f"file          {path.resolve()}:13" in curbs
    both = run("show", "curbs", "talks").stdout
    assert both.index("Export controls") < both.index("Secret talks")  # in the order given


def test_show_id_of_an_event_from_no_file_and_as_json(run) -> None:
    run("add", "--date", "2026-02-01", "--kind", "call", "--title", "A call", "-c", "KR,JP",
        "--id", "a-call")  # fmt: skip
    out = run("show", "a-call").stdout
    assert "file          none: added by hand" in out
    assert "score         Goldstein +1.0 (a call: CAMEO 041)" in out
    (record,) = json.loads(run("show", "a-call", "--format", "json").stdout)
    assert record["id"] == "a-call" and record["file"] is None and record["line"] is None
    assert record["countries"] == ["KR", "JP"] and record["kind"] == "call"


def test_show_id_links_its_sources_on_a_terminal(run, write, monkeypatch) -> None:
    run("load", str(write("card.yaml", CARD)))
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = run("show", "talks").stdout
    assert "\x1b]8;id=" in out and ";https://example.org/talks?a=1\x1b\\" in out  # OSC 8
    assert out.count("\x1b]8;") == 2  # the link opens and closes; the citation is text


def test_show_id_refuses_unknown_ids_and_filters(run, write) -> None:
    run("load", str(write("card.yaml", CARD)))
    missing = run("show", "talks", "nope", "gone")
    assert missing.exit_code == 1 and missing.stdout == ""
    assert "no event with id 'nope', 'gone'" in missing.stderr
    mixed = run("show", "talks", "--country", "JP")
    assert mixed.exit_code == 2 and "give event ids or filters, not both" in mixed.stderr


DATES_ACROSS_CHUNKS = ["../1994", "1971", "1971-W26", "1971-W27", "1971-07", "1971-07-15",
                       "1971-07-20", "1971-35", "late 1971", "1971-W52", "1972", "1972-01-02",
                       "1972-01-03", "1972-01", "1972-W05", "1972-02-01"]  # fmt: skip


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
def test_a_view_drawn_in_chunks_is_the_view_drawn_whole(monkeypatch, chunk: int) -> None:
    import timeline.render as render

    rows = [render.Shown(f"e{n}", date, None, "meeting", None, f"Talks {n}", "KR JP", None)
            for n, date in enumerate(DATES_ACROSS_CHUNKS)]  # fmt: skip

    def drawn(size: int) -> str:
        monkeypatch.setattr(render, "CHUNK", size)
        out = io.StringIO()
        render.timeline_view(Console(file=out, width=80), rows)
        return out.getvalue()

    monkeypatch.setattr(render, "LAYOUT_SAMPLE", 1)  # the first chunk: one event
    whole = drawn(len(rows))
    assert "Not dated to a month" in whole and "Before 1994" in whole
    assert drawn(chunk) == whole
