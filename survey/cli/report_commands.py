"""`survey report`, `survey compare` and `survey synthesis`: the workbook and the PDF of a
workshop or of one questionnaire across workshops, and the rapporteur's text."""

from __future__ import annotations

import time
from pathlib import Path

import click

from survey.cli import cli, database_option, settings_for
from survey.errors import BadInput
from survey.reports.markdown import render_synthesis
from survey.reports.pdf import PageSize, collect, render_html, write_pdf
from survey.reports.sources import (
    ReportSource,
    comparison_source,
    language_counts,
    responses,
    workshop_source,
)
from survey.reports.xlsx import write_workbook
from survey.store.database import Database, open_database
from survey.store.staff import save_synthesis

#: Reports with at least this many responses show a progress bar.
PROGRESS_FROM = 2000

output_options = [
    click.option(
        "--xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Write the workbook here."
    ),
    click.option(
        "--pdf",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the PDF synthesis here.",
    ),
    click.option(
        "--page-size", type=click.Choice(["A4", "Letter"]), default="A4", show_default=True
    ),
    click.option(
        "--language", default="en", show_default=True, help="Language of the questionnaire labels."
    ),
    click.option(
        "--min-respondents",
        type=click.IntRange(1, 1000),
        default=3,
        show_default=True,
        help="Under non-attribution, withhold groups with fewer responses than this.",
    ),
]


def with_outputs(command):  # type: ignore[no-untyped-def]
    for option in reversed(output_options):
        command = option(command)
    return command


def _write_workbook(
    database: Database, source: ReportSource, xlsx: Path, language: str, minimum: int
) -> None:
    started = time.perf_counter()
    seen = language_counts(database, source)
    total = sum(seen.values())
    stderr = click.get_text_stream("stderr")
    with click.progressbar(
        length=total, label="Writing the workbook", file=stderr, hidden=total < PROGRESS_FROM
    ) as bar:
        result, aggregate = write_workbook(
            xlsx,
            source,
            responses(database, source),
            language=language,
            languages_seen=seen,
            min_respondents=minimum,
            progress=bar.update,
        )
    withheld = sum(1 for segment in aggregate.segments if segment.suppressed)
    note = f", {withheld} withheld (too few to report)" if withheld else ""
    click.echo(
        f"wrote {xlsx}: {result.segments} segments{note}, {result.responses} responses, "
        f"{len(result.sheets)} sheets in {time.perf_counter() - started:.1f} s"
    )


def _write_pdf(
    database: Database,
    source: ReportSource,
    pdf: Path,
    language: str,
    minimum: int,
    page_size: PageSize,
) -> None:
    started = time.perf_counter()
    seen = language_counts(database, source)
    context = collect(
        database,
        source,
        responses(database, source),
        languages_seen=seen,
        language=language,
        min_respondents=minimum,
    )
    write_pdf(render_html(context, page_size=page_size), pdf)
    click.echo(
        f"wrote {pdf}: {context['responses']} responses in {time.perf_counter() - started:.1f} s"
    )


def _write(
    database: Database,
    source: ReportSource,
    xlsx: Path | None,
    pdf: Path | None,
    page_size: PageSize,
    language: str,
    minimum: int,
) -> None:
    if xlsx is None and pdf is None:
        raise click.UsageError("give --xlsx FILE, --pdf FILE or both")
    if xlsx is not None:
        _write_workbook(database, source, xlsx, language, minimum)
    if pdf is not None:
        _write_pdf(database, source, pdf, language, minimum, page_size)


@cli.command()
@click.argument("workshop_id", metavar="WORKSHOP")
@click.option("--group", "group_id", default=None, help="Only this breakout group.")
@with_outputs
@database_option
@click.pass_context
def report(
    ctx: click.Context,
    workshop_id: str,
    group_id: str | None,
    xlsx: Path | None,
    pdf: Path | None,
    page_size: PageSize,
    language: str,
    min_respondents: int,
    database_url: str | None,
) -> None:
    """Write the synthesis workbook and/or PDF of a workshop (all groups, or one)."""
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    source = workshop_source(database, workshop_id, group_id, language=language)
    _write(database, source, xlsx, pdf, page_size, language, min_respondents)


@cli.command()
@click.argument("questionnaire_id", metavar="QUESTIONNAIRE")
@click.option(
    "--workshops",
    required=True,
    help="Comma-separated workshop ids, e.g. shanghai-2005,hawaii-2006.",
)
@with_outputs
@database_option
@click.pass_context
def compare(
    ctx: click.Context,
    questionnaire_id: str,
    workshops: str,
    xlsx: Path | None,
    pdf: Path | None,
    page_size: PageSize,
    language: str,
    min_respondents: int,
    database_url: str | None,
) -> None:
    """Compare one questionnaire across workshops, its versions lined up by stable ids."""
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    ids = [w.strip() for w in workshops.split(",") if w.strip()]
    source = comparison_source(database, questionnaire_id, ids, language=language)
    _write(database, source, xlsx, pdf, page_size, language, min_respondents)


@cli.command()
@click.argument("workshop_id", metavar="WORKSHOP")
@click.argument("group_id", metavar="GROUP")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--author", default="command line", show_default=True, help="Recorded as who wrote it."
)
@database_option
@click.pass_context
def synthesis(
    ctx: click.Context,
    workshop_id: str,
    group_id: str,
    file: Path,
    author: str,
    database_url: str | None,
) -> None:
    """Set a group's synthesis from a Markdown file (headings, lists, emphasis, quotes)."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read {file}: {error}") from error
    render_synthesis(text)  # the same rendering every report uses; raises nothing for any text
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    saved = save_synthesis(database, workshop_id, group_id, text, None)
    click.echo(f"synthesis of {workshop_id}/{group_id} saved ({len(saved.text):,} characters)")
