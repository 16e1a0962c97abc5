"""An article as `extract` reads it: a text file, a saved HTML page, stdin or an http(s)
URL (fetched once, with a timeout and a size limit), to its main text and the day it was
published (given, else from the page's metadata, else from a dateline or byline)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError
from timeline.extraction.when import MONTH_NUMBERS, MONTH_WORDS

FETCH_SECONDS = 20
FETCH_BYTES = 5_000_000  # a news page is well under this; more is not an article


@dataclass(frozen=True)
class Article:
    text: str
    published: dt.date | None
    source: str | None  # the URL, or the file's name, for the drafts' sources
    said_published: str  # where the publication day came from, in words


def read_article(name: str, *, published: dt.date | None = None) -> Article:
    """The article `name` names ("-" for stdin); a bad input is one TimelineError."""
    raw, source = _bytes_of(name)
    if not raw.strip():
        raise TimelineError(f"{_shown(name)}: is empty: expected a news article")
    if b"\x00" in raw[:4096]:
        raise TimelineError(f"{_shown(name)}: is a binary file, not an article's text or page")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TimelineError(
            f"{_shown(name)}: is not UTF-8 text (byte 0x{raw[error.start]:02x} at "
            f"{error.start:,}); save it as UTF-8"
        ) from None
    return article_of(text, published=published, source=source, name=_shown(name))


def article_of(
    text: str, *, published: dt.date | None = None, source: str | None = None, name: str = "text"
) -> Article:
    """An article from text or HTML already read."""
    said = "--published" if published else ""
    if _is_html(text):
        body, found = _from_html(text, name)
        if published is None and found:
            published, said = found, "the page's metadata"
        text = body
    if published is None:
        found = dateline(text)
        if found:
            published, said = found, "the text's dateline"
    return Article(text, published, source, said or "not found")


def _shown(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _bytes_of(name: str) -> tuple[bytes, str | None]:
    if name == "-":
        return sys.stdin.buffer.read(), None
    if re.match(r"https?://", name, re.IGNORECASE):
        return _fetched(name), name
    path = Path(name)
    try:
        return path.read_bytes(), path.name
    except OSError as error:
        from timeline.errors import FileError

        raise FileError(name, error, "read") from None


def _fetched(url: str) -> bytes:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "timeline-extract"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_SECONDS) as response:
            data: bytes = response.read(FETCH_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise TimelineError(f"{url}: cannot fetch it ({reason})") from None
    if len(data) > FETCH_BYTES:
        raise TimelineError(f"{url}: is over {FETCH_BYTES // 1_000_000} MB: not one article")
    return data


def _is_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _from_html(page: str, name: str) -> tuple[str, dt.date | None]:
    """The page's main text (trafilatura: never the navigation, scripts or comments) and
    its publication day (htmldate, through trafilatura: `article:published_time`, JSON-LD
    `datePublished`, `<time>`...)."""
    try:
        import trafilatura
    except ImportError:
        raise TimelineError(
            f"{name}: is an HTML page; reading pages needs trafilatura: "
            "pip install 'timeline[extract]'"
        ) from None
    document = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or len(body.strip()) < 40:  # a menu or a caption is not an article
        raise TimelineError(f"{name}: is an HTML page with no article text in it")
    day = getattr(document, "date", None)
    published = None
    if day:
        try:
            published = dt.date.fromisoformat(str(day)[:10])
        except ValueError:
            published = None
    title = getattr(document, "title", None)
    return (f"{title}\n{body}" if title else body), published


# `13:30 JST, August 22, 2023`, `Posted : March 16, 2023`, `Published 2023-03-16`,
# `2023.03.16 10:00`, `입력 2023-03-16`, `2023年3月16日 10時`.
_DATELINES = (
    re.compile(rf"(?:posted|published|updated|입력|등록|公開|更新)?\s*:?\s*(?P<month>{MONTH_WORDS})\.?\s+"
               r"(?P<day>\d{1,2}),\s+(?P<year>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<year>20\d{2})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})"),
    re.compile(r"(?P<year>20\d{2})\s*[년年]\s*(?P<month>\d{1,2})\s*[월月]\s*(?P<day>\d{1,2})\s*[일日]"
               r"\s*(?:\d{1,2}[:時])"),
)  # fmt: skip


def dateline(text: str) -> dt.date | None:
    """The day a text says it was published, from its first lines (a dateline or a byline
    with a time or a word such as `Posted`), or None."""
    for line in text.splitlines()[:6]:
        if len(line) > 120 and not re.search(r"posted|published|입력|公開", line, re.IGNORECASE):
            continue  # a paragraph of the story, not a dateline
        for pattern in _DATELINES:
            match = pattern.search(line)
            if not match:
                continue
            month = match["month"]
            number = int(month) if month.isdigit() else MONTH_NUMBERS[month.lower()]
            try:
                return dt.date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
    return None
