"""`timeline extract`: drafts of events from news articles, through the CLI; the corpus's
figures are `bench/extract_eval.py`'s."""

from __future__ import annotations

import itertools
import json
import sqlite3
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SHIPPED
from timeline.cli.output import Output

CORPUS = Path(__file__).parent / "extract_corpus"
SEED = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
NEEDS_SEED = pytest.mark.skipif(not SEED, reason="the seed story is not beside the project")


def drafted(run, *args: str) -> list[dict[str, object]]:
    result = run("extract", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["events"]


def keys(events: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(e["date"], e["kind"], tuple(sorted(e["countries"]))) for e in events}  # type: ignore[arg-type]


@NEEDS_SEED
def test_the_seed_story_gives_its_events(run, tmp_path) -> None:
    events = drafted(run, str(SEED[0]))
    assert {
        ("2026-01-08", "meeting", ("JP", "KR")),
        ("2026-01-09", "negotiation", ("KR", "US")),
        ("2026-01-13", "visit", ("JP", "KR")),
        ("2026-01-13", "summit", ("JP", "KR")),
    } <= keys(events)
    summit = next(e for e in events if e["kind"] == "summit")
    assert summit["title"] == "Lee Jae-myung and Sanae Takaichi hold a summit in Nara"
    assert summit["participants"] == ["Lee Jae-myung", "Sanae Takaichi"]
    assert "Nara, Japan, on January 13, 2026" in summit["evidence"]  # type: ignore[operator]
    assert 0 < summit["confidence"] <= 1  # type: ignore[operator]


def test_yaml_drafts_load_as_they_are_and_the_store_is_never_written(run, db, tmp_path) -> None:
    out = run("extract", str(CORPUS / "en-04.txt"))
    assert out.exit_code == 0 and not db.exists()  # extract creates no store
    text = out.stdout
    assert "# “U.S. Secretary of State Marco Rubio spoke by phone with Chinese" in text
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    assert run("check", str(draft)).exit_code == 0
    loaded = run("load", str(draft))
    assert loaded.exit_code == 0 and "2 added" in loaded.stdout and "no id" not in loaded.stderr
    records = yaml.safe_load(text)
    # `Beijing condemned the measure on Thursday` names one side only: no draft
    assert [(r["date"], r["kind"]) for r in records] == [
        ("2025-04-02", "economic"), ("2025-04-03", "call"),
    ]  # fmt: skip
    assert all(r["sources"] == ["en-04.txt"] for r in records)


def test_json_carries_evidence_confidence_and_the_publication_day(run) -> None:
    result = run("extract", str(CORPUS / "ja-02.txt"), "-f", "json")
    found = json.loads(result.stdout)
    assert found["published"] == "2025-02-06"  # the dateline `2025年2月6日 09時00分`
    call, meeting = found["events"]
    assert (call["date"], call["kind"], call["countries"]) == ("2025-02-05", "call", ["JP", "US"])
    assert call["title"] == "岩屋毅と米国が電話会談" or "電話会談" in call["title"]
    assert (meeting["date"], meeting["status"]) == ("2025-03", "planned")  # 来月: the month
    assert set(call) >= {"id", "evidence", "confidence", "matches", "participants"}


def test_relative_dates_need_a_publication_day(run, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung on "
        "Friday.\nThe two leaders will hold talks again the 13th-14th of next month.\n",
        encoding="utf-8",
    )
    none = run("extract", str(article), "-f", "json")
    assert none.exit_code == 0 and json.loads(none.stdout)["events"] == []
    assert "1 sentence tells an event with only a relative date" in none.stderr
    assert "give --published DATE" in none.stderr
    given = drafted(run, str(article), "--published", "2026-01-13")  # a Tuesday
    assert [(e["date"], e.get("end"), e["status"]) for e in given] == [
        ("2026-01-09", None, "held"),  # the Friday before
        ("2026-02-13", "2026-02-14", "planned"),
    ]
    bad = run("extract", str(article), "--published", "Friday")
    assert bad.exit_code == 2 and "is not a day: write it as YYYY-MM-DD" in bad.stderr


def test_korean_days_are_days_of_the_right_month(run) -> None:
    events = drafted(run, str(CORPUS / "ko-01.txt"))  # 입력 2023-05-05
    assert ("2023-05-04", "meeting", ("JP", "KR")) in keys(events)  # 지난 4일
    planned = [e for e in events if e["status"] == "planned"]
    assert {(e["date"], e["kind"]) for e in planned} == {("2023-05-07", "visit"),
                                                         ("2023-05-07", "summit")}  # fmt: skip
    assert all("정상회담" in e["title"] or "방문" in e["title"] for e in planned)


def test_a_draft_of_a_stored_event_is_marked_not_drafted_twice(run) -> None:
    run("load", str(SHIPPED))
    article = CORPUS / "ja-01.txt"
    found = drafted(run, str(article))
    assert [e["matches"] for e in found if e["kind"] == "summit"] == [
        "2026-lee-takaichi-nara-summit"
    ]
    text = run("extract", str(article)).stdout
    assert "# already in the store as 2026-lee-takaichi-nara-summit: not drafted again" in text


def test_to_appends_the_drafts_with_ids_and_output_writes_a_file(run, db, tmp_path) -> None:
    events = tmp_path / "events.yaml"
    events.write_bytes(SHIPPED.read_bytes())
    before = events.read_bytes()
    result = run("extract", str(CORPUS / "en-03.txt"), "--to", str(events))
    assert result.exit_code == 0 and "Appended 3 drafts to" in result.stderr
    assert events.read_bytes().startswith(before)  # every byte kept
    assert run("check", str(events)).exit_code == 0
    assert not db.exists()  # the file only: the store is the person's to load
    again = run("extract", str(CORPUS / "en-03.txt"), "--to", str(events))
    assert again.exit_code == 1 and "already has an event with id" in again.stderr
    out = tmp_path / "drafts.json"
    assert run("extract", str(CORPUS / "en-03.txt"), "-f", "json", "-o", str(out)).exit_code == 0
    assert len(json.loads(out.read_text())["events"]) == 3


def test_review_keeps_what_the_person_accepts(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(Output, "stdin_is_terminal", property(lambda self: True))
    events = tmp_path / "kept.yaml"
    result = run("extract", str(CORPUS / "en-04.txt"), "--review", "--to", str(events),
                 input="s\na\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "[a]ccept, [e]dit, [s]kip, [q]uit" in result.stdout
    kept = yaml.safe_load(events.read_text())
    assert [e["kind"] for e in kept] == ["call"]  # the first skipped
    monkeypatch.setattr(Output, "stdin_is_terminal", property(lambda self: False))
    refused = run("extract", str(CORPUS / "en-04.txt"), "--review", "--to", str(events))
    assert refused.exit_code == 2 and "needs a terminal and --to FILE" in refused.stderr


PAGE = """<!doctype html><html><head><title>Seoul and Tokyo hold talks</title>
<meta property="article:published_time" content="2025-10-30T09:00:00+09:00">
<script>var menu = "President Donald Trump visits Japan on October 1, 2025";</script></head>
<body><nav>Home | World | President Xi Jinping meets Kim Jong Un on October 2, 2025</nav>
<article><h1>Seoul and Tokyo hold talks</h1>
<p>South Korean Foreign Minister Cho Hyun met Japanese Foreign Minister Toshimitsu Motegi in
Seoul on Wednesday to prepare a summit between their leaders next month.</p>
<p>The two ministers agreed to expand youth exchanges and to meet again in December, officials
in both capitals said after the meeting, which lasted more than two hours.</p>
<p>It was the first visit to South Korea by Motegi since he took office in October.</p></article>
<div class="comments">Reader: I think Russia and China signed a deal on October 3, 2025.</div>
</body></html>"""


def test_a_page_gives_its_article_and_its_publication_day(run, tmp_path) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = run("extract", str(page), "-f", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["published"] == "2025-10-30"  # article:published_time
    assert ("2025-10-29", "meeting", ("JP", "KR")) in keys(found["events"])  # Wednesday
    said = json.dumps(found, ensure_ascii=False)
    assert "Trump" not in said and "Xi Jinping" not in said and "Russia" not in said


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: expected a news article"),
        (b"\x00\x01\x02binary\x00", "is a binary file, not an article's text or page"),
        ("Séoul et Tokyo".encode("latin-1"),
         "is not UTF-8 text (byte 0xe9 at 1); save it as UTF-8"),
        (b"<html><body><nav>Home</nav><script>x()</script></body></html>",
         "is an HTML page with no article text in it"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_writes_nothing(run, db, tmp_path, content, message) -> None:
    if b"<html>" in content:
        pytest.importorskip("trafilatura")
    article = tmp_path / "bad.txt"
    article.write_bytes(content)
    events = tmp_path / "events.yaml"
    result = run("extract", str(article), "--to", str(events))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {article}: {message}\n"
    assert not events.exists() and not db.exists()


def test_a_missing_file_and_a_url_that_fails(run, tmp_path) -> None:
    missing = run("extract", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "no such file or directory" in missing.stderr
    url = run("extract", "http://127.0.0.1:9/article")
    assert url.exit_code == 1
    assert url.stderr.startswith("Error: http://127.0.0.1:9/article: cannot fetch it (")


def test_article_text_never_reaches_the_terminal_as_escape_codes(run, tmp_path) -> None:
    article = tmp_path / "e.txt"
    article.write_text(
        "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung in "
        "Seoul\x1b[31m on January 8, 2026.\n",
        encoding="utf-8",
    )
    out = run("extract", str(article)).stdout
    assert "\x1b" not in out
    assert yaml.safe_load(out)[0]["kind"] == "summit"  # two heads of government met


def test_stdin_and_the_python_api_give_the_same_drafts(run) -> None:
    import timeline

    text = (CORPUS / "ko-04.txt").read_text(encoding="utf-8")
    from_stdin = run("extract", "-", "-f", "json", input=text)
    api = timeline.extract(text)
    assert [e["id"] for e in json.loads(from_stdin.stdout)["events"]] == [e.id for e in api.events]
    assert str(api.published) == "2025-10-20"


def test_the_leaders_table_has_one_holder_of_an_office_at_a_time() -> None:
    from timeline.extraction.mentions import leaders

    by_office: dict[tuple[str, str], list[tuple[object, object]]] = {}
    for leader in leaders():
        by_office.setdefault((leader.country, leader.office), []).append((leader.start, leader.end))
    for terms in by_office.values():
        terms.sort(key=lambda term: term[0])  # type: ignore[arg-type,return-value]
        for (_, end), (start, _) in itertools.pairwise(terms):
            assert end is not None and end <= start  # type: ignore[operator]


def test_the_corpus_meets_its_targets() -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_eval.py")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "targets: found >= 0.75, real >= 0.70, kind >= 0.70: pass" in result.stdout


def test_no_store_is_opened_for_writing(run, db, tmp_path) -> None:
    run("load", str(SHIPPED))
    before = sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()
    run("extract", str(CORPUS / "en-01.txt"))
    assert sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone() == before


def test_a_url_is_fetched_once(run, tmp_path) -> None:
    import http.server
    import threading
    from functools import partial

    (tmp_path / "story.txt").write_bytes((CORPUS / "en-04.txt").read_bytes())
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.txt"
        events = drafted(run, url)
    finally:
        server.shutdown()
    assert [e["kind"] for e in events] == ["economic", "call"]
    assert all(e["sources"] == [url] for e in events)  # the URL is the source


def test_review_edits_a_draft_in_the_editor(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(Output, "stdin_is_terminal", property(lambda self: True))
    editor = tmp_path / "vi"
    editor.write_text(
        f"#!{sys.executable}\nimport sys\npath = sys.argv[-1]\ntext = open(path).read()\n"
        "open(path, 'w').write(text.replace('speak by phone', 'talk on the phone'))\n"
    )
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    events = tmp_path / "kept.yaml"
    result = run("extract", str(CORPUS / "en-04.txt"), "--review", "--to", str(events),
                 input="s\ne\na\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    (kept,) = yaml.safe_load(events.read_text())
    assert kept["title"] == "Marco Rubio and Wang Yi talk on the phone"
