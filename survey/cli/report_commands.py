"""`survey report`, `survey compare` and `survey synthesis`: the workbook and the PDF of a
workshop or of one questionnaire across workshops, and the rapporteur's text."""

from __future__ import annotations

import time
from pathlib import Path

import click
import msgspec

from survey.cli import cli, database_option, settings_for
from survey.core.aggregate import DEFAULT_MIN_RESPONDENTS
from survey.core.errors import BadInput
from survey.reports.markdown import render_synthesis
from survey.reports.pipeline import build_report
from survey.reports.request import PAGE_SIZES, PageSize, ReportRequest
from survey.reports.source import load_source
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
        "--csv",
        "csv_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the responses as CSV here (UTF-8).",
    ),
    click.option("--long", is_flag=True, help="CSV in the long form: one row per answer."),
    click.option(
        "--sav",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write an SPSS file here (needs the stats extra).",
    ),
    click.option(
        "--dta",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write a Stata file here (needs the stats extra).",
    ),
    click.option("--page-size", type=click.Choice(PAGE_SIZES), default="A4", show_default=True),
    click.option(
        "--language",
        default="en",
        show_default=True,
        help="Language of the report: its own words and the questionnaire's labels.",
    ),
    click.option(
        "--min-respondents",
        type=click.IntRange(1, 1000),
        default=DEFAULT_MIN_RESPONDENTS,
        show_default=True,
        help="Under non-attribution, withhold groups with fewer responses than this.",
    ),
]


def with_outputs(command):  # type: ignore[no-untyped-def]
    for option in reversed(output_options):
        command = option(command)
    return command


_WHAT = {
    "xlsx": "the workbook",
    "pdf": "the PDF synthesis",
    "csv": "the CSV",
    "sav": "the SPSS file",
    "dta": "the Stata file",
}


def _write(database: Database, request: ReportRequest, target: Path) -> None:
    """Build one report file with a progress bar, and say what was written."""
    started = time.perf_counter()
    total = load_source(database, request).total
    stderr = click.get_text_stream("stderr")
    with click.progressbar(
        length=total,
        label=f"Writing {_WHAT[request.format]}",
        file=stderr,
        hidden=total < PROGRESS_FROM,
    ) as bar:
        result = build_report(database, request, target, progress=bar.update)
    withheld = f", {result.withheld} withheld (too few to report)" if result.withheld else ""
    click.echo(
        f"wrote {target}: {result.segments} segments{withheld}, {result.responses} responses "
        f"in {time.perf_counter() - started:.1f} s"
    )


class Outputs(msgspec.Struct, kw_only=True):
    """The files a report command was asked to write, by format."""

    xlsx: Path | None = None
    pdf: Path | None = None
    csv: Path | None = None
    sav: Path | None = None
    dta: Path | None = None


def _write_all(database: Database, request: ReportRequest, outputs: Outputs) -> None:
    wanted = [(name, path) for name, path in msgspec.structs.asdict(outputs).items() if path]
    if not wanted:
        raise click.UsageError("give --xlsx FILE, --pdf FILE, --csv FILE, --sav FILE or --dta FILE")
    for report_format, target in wanted:
        _write(database, msgspec.structs.replace(request, format=report_format), target)


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
    csv_path: Path | None,
    long: bool,
    sav: Path | None,
    dta: Path | None,
    page_size: PageSize,
    language: str,
    min_respondents: int,
    database_url: str | None,
) -> None:
    """Write the synthesis workbook and/or PDF of a workshop (all groups, or one)."""
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    request = ReportRequest(
        format="xlsx",
        workshop_id=workshop_id,
        group_id=group_id,
        language=language,
        min_respondents=min_respondents,
        page_size=page_size,
        long=long,
    )
    outputs = Outputs(xlsx=xlsx, pdf=pdf, csv=csv_path, sav=sav, dta=dta)
    _write_all(database, request, outputs)


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
    csv_path: Path | None,
    long: bool,
    sav: Path | None,
    dta: Path | None,
    page_size: PageSize,
    language: str,
    min_respondents: int,
    database_url: str | None,
) -> None:
    """Compare one questionnaire across workshops, its versions lined up by stable ids."""
    database = open_database(settings_for(ctx, database_url=database_url).database_url)
    request = ReportRequest(
        format="xlsx",
        questionnaire_id=questionnaire_id,
        workshops=[w.strip() for w in workshops.split(",") if w.strip()],
        language=language,
        min_respondents=min_respondents,
        page_size=page_size,
        long=long,
    )
    outputs = Outputs(xlsx=xlsx, pdf=pdf, csv=csv_path, sav=sav, dta=dta)
    _write_all(database, request, outputs)


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
