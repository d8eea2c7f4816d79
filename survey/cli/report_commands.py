"""`survey report` and `survey compare`: the workbook of a workshop, or of one
questionnaire across workshops."""

from __future__ import annotations

import time
from pathlib import Path

import click

from survey.cli import cli, database_option, settings_for
from survey.reports.sources import (
    ReportSource,
    comparison_source,
    language_counts,
    responses,
    workshop_source,
)
from survey.reports.xlsx import write_workbook
from survey.store.database import Database, open_database

#: Reports with at least this many responses show a progress bar.
PROGRESS_FROM = 2000

language_option = click.option(
    "--language",
    default="en",
    show_default=True,
    help="Language of the questionnaire labels in the report.",
)
min_respondents_option = click.option(
    "--min-respondents",
    type=click.IntRange(1, 1000),
    default=3,
    show_default=True,
    help="Under non-attribution, withhold groups with fewer responses than this.",
)


def _write(
    database: Database, source: ReportSource, xlsx: Path, language: str, min_respondents: int
) -> None:
    started = time.perf_counter()
    seen = language_counts(database, source)
    total = sum(seen.values())
    with click.progressbar(
        length=total,
        label="Writing the workbook",
        file=click.get_text_stream("stderr"),
        hidden=total < PROGRESS_FROM,
    ) as bar:
        result, aggregate = write_workbook(
            xlsx,
            source,
            responses(database, source),
            language=language,
            languages_seen=seen,
            min_respondents=min_respondents,
            progress=bar.update,
        )
    withheld = sum(1 for segment in aggregate.segments if segment.suppressed)
    note = f", {withheld} withheld (too few to report)" if withheld else ""
    click.echo(
        f"wrote {xlsx}: {result.segments} segments{note}, {result.responses} responses, "
        f"{len(result.sheets)} sheets in {time.perf_counter() - started:.1f} s"
    )


@cli.command()
@click.argument("workshop_id", metavar="WORKSHOP")
@click.option("--group", "group_id", default=None, help="Only this breakout group.")
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write the workbook here.",
)
@language_option
@min_respondents_option
@database_option
@click.pass_context
def report(
    ctx: click.Context,
    workshop_id: str,
    group_id: str | None,
    xlsx: Path,
    language: str,
    min_respondents: int,
    database_url: str | None,
) -> None:
    """Write the synthesis workbook of a workshop (all groups, or one)."""
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    source = workshop_source(database, workshop_id, group_id, language=language)
    _write(database, source, xlsx, language, min_respondents)


@cli.command()
@click.argument("questionnaire_id", metavar="QUESTIONNAIRE")
@click.option(
    "--workshops",
    required=True,
    help="Comma-separated workshop ids, e.g. shanghai-2005,hawaii-2006.",
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write the workbook here.",
)
@language_option
@min_respondents_option
@database_option
@click.pass_context
def compare(
    ctx: click.Context,
    questionnaire_id: str,
    workshops: str,
    xlsx: Path,
    language: str,
    min_respondents: int,
    database_url: str | None,
) -> None:
    """Compare one questionnaire across workshops, its versions lined up by stable ids."""
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    ids = [w.strip() for w in workshops.split(",") if w.strip()]
    source = comparison_source(database, questionnaire_id, ids, language=language)
    _write(database, source, xlsx, language, min_respondents)
