"""`timeline extract`: drafts of events from a news article, reviewed by a person; the
store is never written (only `--to`'s file is, by the person's word)."""

from __future__ import annotations

import datetime as dt
import json
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline.cli.app import command, output_of, state_of
from timeline.errors import TimelineError
from timeline.words import counted

if TYPE_CHECKING:
    from timeline.extraction import Extraction
    from timeline.model import Event


class DraftFormat(StrEnum):
    yaml = "yaml"
    json = "json"


@command()
def extract(
    ctx: typer.Context,
    article: Annotated[
        str,
        typer.Argument(
            help="A text file, a saved HTML page, '-' for stdin, or an http(s) URL.",
            metavar="ARTICLE",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="The day the article was published (YYYY-MM-DD): it anchors 'on Friday', "
            "'later this month'. Default: the page's metadata, else the text's dateline.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DraftFormat,
        typer.Option("--format", "-f", help="yaml (loads as it is) or json (with evidence)."),
    ] = DraftFormat.yaml,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the drafts to this file instead of stdout.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="Append the drafts (with ids) to this YAML file of events, as `add --to` "
            "does; the store is not written.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review", help="On a terminal: accept, edit or skip each draft; --to gets the kept."
        ),
    ] = False,
) -> None:
    """Draft events from a news article: each with the sentence it came from, for a person
    to check. Nothing reaches the store: print the drafts, write them to a file, or append
    them to your events file with --to (after --review, only those you keep)."""
    from timeline.extraction import extraction_of
    from timeline.extraction.article import read_article

    day = _day(published)
    if review and (to is None or not output_of(ctx).stdin_is_terminal):
        raise typer.BadParameter("needs a terminal and --to FILE", param_hint="'--review'")
    read = read_article(article, published=day)
    found = extraction_of(read)
    found.mark_stored(_stored_near(ctx, found))
    out = output_of(ctx)
    if found.undated:
        verb = "tells" if found.undated == 1 else "tell"
        out.warn(
            f"{counted(found.undated, 'sentence')} {verb} an event with "
            "only a relative date ('on Friday', 'later this month') and the day the article "
            "was published is not known: give --published DATE to draft them"
        )
    if to is not None:
        kept = _reviewed(ctx, found) if review else _new(found)
        _append(to, kept)
        out.say(f"Appended {counted(len(kept), 'draft')} to {to}")
        return
    text = (
        json.dumps(found.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if output_format is DraftFormat.json
        else drafts_yaml(found, article)
    )
    if output is None:
        typer.echo(text, nl=False)
        return
    from timeline.atomic import atomic_write

    with atomic_write(output) as stream:
        stream.write(text)
    out.say(f"Wrote {counted(len(found.events), 'draft')} to {output}")


def _day(published: str | None) -> dt.date | None:
    if published is None:
        return None
    try:
        return dt.date.fromisoformat(published)
    except ValueError:
        raise typer.BadParameter(
            f"{published!r} is not a day: write it as YYYY-MM-DD", param_hint="'--published'"
        ) from None


def _stored_near(ctx: typer.Context, found: Extraction) -> list[Event]:
    """The stored events over the drafts' days, which a draft may be (from an existing
    store only: extract creates none)."""
    from timeline.paths import store_path

    path, _ = store_path(state_of(ctx).db)
    if not found.events or not path.exists():
        return []
    from timeline.api import Timeline
    from timeline.store import Store

    since = min(event.first_day for event in found.events)
    until = max(event.last_day for event in found.events)
    with Timeline(Store(path), sync=False) as timeline:
        return timeline.events(since=since, until=until)


def drafts_yaml(found: Extraction, article: str) -> str:
    """The drafts as a YAML file `timeline load` reads as it is, each after a comment
    quoting the sentence it came from."""
    from timeline.render import clean
    from timeline.yamlfile import event_yaml

    said = found.published.isoformat() if found.published else "not known"
    lines = [
        f"# Drafts of events from {clean(article)} (published: {said}, {found.said_published}).",
        "# Check each against its sentence before `timeline load`.",
    ]
    if not found.events:
        lines.append("# No event between countries was found.")
        return "\n".join(lines) + "\n[]\n"
    for draft, event in zip(found.drafts, found.events, strict=True):
        lines.append("")
        lines.append(f"# “{clean(draft.evidence)}” (confidence {draft.confidence:.2f})")
        if draft.matches:
            lines.append(f"# already in the store as {draft.matches}: not drafted again")
            continue
        lines.append(event_yaml(event).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _new(found: Extraction) -> list[Event]:
    return [e for d, e in zip(found.drafts, found.events, strict=True) if not d.matches]


def _reviewed(ctx: typer.Context, found: Extraction) -> list[Event]:
    """Each draft shown with its sentence: accept, edit (in $VISUAL/$EDITOR), or skip."""
    from timeline.render import clean
    from timeline.yamlfile import event_yaml

    kept: list[Event] = []
    for draft, event in zip(found.drafts, found.events, strict=True):
        if draft.matches:
            continue
        typer.echo(f"\n“{clean(draft.evidence)}”\n{event_yaml(event)}")
        while True:
            answer = typer.prompt("[a]ccept, [e]dit, [s]kip, [q]uit", default="a").strip().lower()
            if answer in ("a", "accept"):
                kept.append(event)
                break
            if answer in ("e", "edit"):
                event = _edited(event)
                typer.echo(event_yaml(event))
                continue
            if answer in ("s", "skip"):
                break
            if answer in ("q", "quit"):
                return kept
    return kept


def _edited(event: Event) -> Event:
    """The draft after the person edited it as YAML; an edit that does not validate is
    said, and the draft is kept as it was."""
    import tempfile

    from timeline.cli.editor import run_editor
    from timeline.loading.formats import FileProblem, yaml_events
    from timeline.model import EventInvalid, validate
    from timeline.yamlfile import event_yaml

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as f:
        f.write(event_yaml(event))
        name = f.name
    try:
        run_editor(Path(name), 1)
        raws = list(yaml_events(Path(name).read_text(encoding="utf-8")))
        return validate(raws[0].fields, today=dt.date.today())
    except (FileProblem, EventInvalid, IndexError, TimelineError) as error:
        typer.echo(f"That edit does not make an event ({error}); the draft is as it was.")
        return event
    finally:
        os.unlink(name)


def _append(to: Path, events: list[Event]) -> None:
    """Append to a YAML file that loads, without a store; an id the file has is refused."""
    from timeline.editing import check_appendable
    from timeline.yamlfile import append_event

    check_appendable(to, events, today=dt.date.today())
    for event in events:
        append_event(to, event)
