"""`timeline import`: machine-coded event data (GDELT, ICEWS, POLECAT) into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from timeline.cli import complete
from timeline.cli.app import app, command, open_timeline, output_of
from timeline.cli.options import SinceOpt, UntilOpt

import_app = typer.Typer(
    help="Bring machine-coded event data (GDELT, ICEWS, POLECAT) into the store.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

ImportFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Event files, plain or .zip.",
        metavar="FILE...",
        show_default=False,
        readable=False,  # the importer names an unreadable file in one line, exit 1
    ),
]
ImportCountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Keep events with this country on either side; repeatable.",
        metavar="COUNTRY",
        autocompletion=complete.countries,
        show_default=False,
    ),
]
CameoOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--cameo",
        help="Keep event codes with this prefix; repeatable (default: "
        "03, 04, 05, the diplomacy roots).",
        metavar="PREFIX",
        autocompletion=complete.cameo_codes,
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="A bad row is an error (nothing is imported).")
]
MergeOpt = Annotated[
    bool,
    typer.Option(
        "--merge/--no-merge",
        help="Make the rows of one real event one event: the same pair of sides, kind and "
        "date, give or take a day.",
    ),
]
MinArticlesOpt = Annotated[
    int,
    typer.Option(
        "--min-articles",
        help="Keep the events that at least N articles report, once merged.",
        metavar="N",
        min=0,
    ),
]
DomesticOpt = Annotated[
    bool,
    typer.Option(
        "--include-domestic",
        help="Keep rows with one side unknown or one country on both sides (by default an "
        "event is between two countries or organisations).",
    ),
]


@command(import_app, "gdelt")
def import_gdelt(
    ctx: typer.Context,
    files: ImportFiles,
    country: ImportCountryOpt = None,
    cameo: CameoOpt = None,
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources",
            help="Keep the rows that at least N sources report (NumSources).",
            metavar="N",
            min=0,
        ),
    ] = 0,
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict: StrictOpt = False,
    include_domestic: DomesticOpt = False,
    merge: MergeOpt = True,
    min_articles: MinArticlesOpt = 0,
) -> None:
    """Import GDELT event exports: 2.0 (61 columns) and 1.0 (57 or 58), plain or .zip.

    Countries are the actors' (Actor1 first), the action geography gives the location.
    The rows of one real event (the visit GDELT codes as 042 and 043, the summit hundreds
    of articles report) become one event that counts its rows and their NumArticles. Its
    id is gdelt-<GlobalEventID> of its first row; a row is counted once, so importing a
    file twice changes nothing.
    """
    _import(ctx, "gdelt", files, country, cameo, min_sources, since, until, strict,
            include_domestic=include_domestic, merge=merge,
            min_articles=min_articles)  # fmt: skip


@command(import_app, "icews")
def import_icews(
    ctx: typer.Context,
    files: ImportFiles,
    country: ImportCountryOpt = None,
    cameo: CameoOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict: StrictOpt = False,
    include_domestic: DomesticOpt = False,
    merge: MergeOpt = True,
    min_articles: MinArticlesOpt = 0,
) -> None:
    """Import ICEWS coded event files (tab-separated, with a header), plain or .zip.

    Countries are the source's and the target's, by name. The rows of one real event
    become one event that counts them (each row is one story's report). Ids are
    icews-<Event ID> of the first row.
    """
    _import(ctx, "icews", files, country, cameo, 0, since, until, strict,
            include_domestic=include_domestic, merge=merge,
            min_articles=min_articles)  # fmt: skip


@command(import_app, "polecat")
def import_polecat(
    ctx: typer.Context,
    files: ImportFiles,
    country: ImportCountryOpt = None,
    plover_type: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            help="Keep this PLOVER event type; repeatable (default: CONSULT, AGREE, COOPERATE, "
            "SUPPORT, REQUEST, REJECT, ACCUSE, THREATEN, SANCTION).",
            metavar="TYPE",
            autocompletion=complete.plover_types,
            show_default=False,
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict: StrictOpt = False,
    include_domestic: DomesticOpt = False,
    merge: MergeOpt = True,
    min_articles: MinArticlesOpt = 0,
) -> None:
    """Import POLECAT event files (PLOVER-coded, tab-separated, with a header): weekly .txt
    files, or yearly .zip archives of monthly files.

    Countries are the actor's, then the recipient's (IGO and None left out). CONSULT with
    the mode visit is a visit, phone a call, any other a meeting; each event keeps its
    PLOVER code (CONSULT/visit) and intensity. The rows of one real event become one
    event that counts them (each row is one source's report). Ids are polecat-<Event ID>
    of the first row.
    """
    _import(ctx, "polecat", files, country, None, 0, since, until, strict, plover_type,
            include_domestic=include_domestic, merge=merge,
            min_articles=min_articles)  # fmt: skip


def _import(
    ctx: typer.Context,
    source: Literal["gdelt", "icews", "polecat"],
    files: list[Path],
    country: list[str] | None,
    cameo: list[str] | None,
    min_sources: int,
    since: str | None,
    until: str | None,
    strict: bool,
    plover_type: list[str] | None = None,
    *,
    include_domestic: bool,
    merge: bool,
    min_articles: int,
) -> None:
    timeline = open_timeline(ctx)
    with output_of(ctx).progress(
        "Importing", _plain_size(files) if source == "polecat" else None
    ) as advance:
        results = timeline.import_events(
            source,
            files,
            country=country,
            cameo=cameo,
            min_sources=min_sources,
            plover_type=plover_type,
            since=since,
            until=until,
            strict=strict,
            include_domestic=include_domestic,
            merge=merge,
            min_articles=min_articles,
            on_progress=advance,
        )
    for report, counts in results:
        typer.echo(f"{report.name}: {report}\n  {counts}")


def _plain_size(files: list[Path]) -> int | None:
    """The bytes a POLECAT import reads, for its progress bar; unknown for a zip."""
    try:
        if any(path.suffix.lower() == ".zip" for path in files):
            return None
        return sum(path.stat().st_size for path in files)
    except OSError:  # the import names the file that cannot be read
        return None
