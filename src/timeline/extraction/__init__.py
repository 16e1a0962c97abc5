"""`timeline extract`: drafts of events from a news article, for a person to review.
Nothing here writes the store: `article` reads the input, `drafts` turns its sentences
into drafts (with `when` for dates and `mentions` for countries and people)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from timeline.errors import OptionError
from timeline.extraction.article import Article, article_of
from timeline.extraction.drafts import Draft, draft_all
from timeline.model import Event, EventInvalid, validate


@dataclass
class Extraction:
    """What an article gave: its publication day (and where it came from), the drafts,
    and how many sentences told an event with only a relative date when no day was known."""

    published: dt.date | None
    said_published: str
    drafts: list[Draft]
    undated: int
    events: list[Event] = field(default_factory=list)  # the drafts, validated as `load` does

    def mark_stored(self, known: list[Event]) -> None:
        """Give each draft that is an event of `known` (same date, countries and kind)
        that event's id as `matches`."""
        for draft, event in zip(self.drafts, self.events, strict=True):
            same = next((k for k in known if _same(k, event)), None)
            draft.matches = same.id if same else None

    def to_dict(self) -> dict[str, Any]:
        """What `extract --format json` prints: each event with the fields of `show -f
        json`, its `evidence` (the sentence), `confidence` (0-1), and `matches` (the id of
        the stored event it is, or null)."""
        return {
            "published": self.published.isoformat() if self.published else None,
            "events": [
                event.to_dict()
                | {"evidence": d.evidence, "confidence": d.confidence, "matches": d.matches}
                for d, event in zip(self.drafts, self.events, strict=True)
            ],
            "left_out": self.undated,
        }


def extract(
    text_or_html: str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    known: list[Event] | None = None,
) -> Extraction:
    """Drafts of the events an article tells (text, or an HTML page's source). The
    publication day anchors relative dates: `published`, else the page's metadata, else the
    text's dateline; without one, drafts that need it are left out (counted in
    `undated`). A draft that is an event of `known` (same date, countries and kind) gets
    that event's id as `matches`."""
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            raise OptionError("published", f"{published!r} is not a day (YYYY-MM-DD)") from None
    return extraction_of(article_of(text_or_html, published=published, source=source), known)


def extraction_of(article: Article, known: list[Event] | None = None) -> Extraction:
    drafts, undated = draft_all(article.text, article.published, article.source)
    today = article.published or dt.date.today()
    kept: list[Draft] = []
    events: list[Event] = []
    for draft in drafts:
        try:
            events.append(validate(draft.fields, today=today))
        except EventInvalid:
            continue  # what `load` would refuse is no draft
        kept.append(draft)
    found = Extraction(article.published, article.said_published, kept, undated, events)
    found.mark_stored(known or [])
    return found


def _same(stored: Event, draft: Event) -> bool:
    return (
        stored.kind == draft.kind
        and stored.date == draft.date
        and set(stored.countries) == set(draft.countries)
    )
