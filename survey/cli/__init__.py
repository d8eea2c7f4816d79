"""The `survey` command: a thin layer over the library functions.

Exit codes are part of the public contract: 0 success, 1 bad input (with a message),
2 usage error (click's own). Errors become messages in one place, `SurveyGroup.invoke`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
import msgspec
import sqlalchemy as sa

from survey import __version__
from survey.config import Settings, load_settings
from survey.core.errors import BadInput, Conflict, NotFound, QuestionnaireError


class SurveyGroup(click.Group):
    """Turns the errors a user can cause into a message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuestionnaireError as refused:
            for finding in refused.findings:
                click.echo(str(finding), err=True)
            ctx.exit(1)
        except (BadInput, Conflict, NotFound) as problem:
            raise click.ClickException(str(problem)) from problem
        except sa.exc.OperationalError as failure:
            reason = str(failure.orig).strip().splitlines()[0] if failure.orig else str(failure)
            raise click.ClickException(f"cannot use the database: {reason}") from failure


questionnaires_option = click.option(
    "--questionnaires",
    "questionnaires_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of questionnaire files [env SURVEY_QUESTIONNAIRES; default questionnaires/].",
)
database_option = click.option(
    "--db",
    "database_url",
    default=None,
    metavar="URL",
    help="Database URL: a file path or sqlite:///… or postgresql://… "
    "[env SURVEY_DATABASE_URL; default sqlite:///survey.db].",
)


def settings_for(
    ctx: click.Context, *, questionnaires_dir: Path | None = None, database_url: str | None = None
) -> Settings:
    """The settings from the environment, overridden by this command's options."""
    settings: Settings = ctx.obj
    return msgspec.structs.replace(
        settings,
        questionnaires_dir=questionnaires_dir or settings.questionnaires_dir,
        database_url=database_url or settings.database_url,
    )


@click.group(cls=SurveyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="survey")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Structured questionnaires for multi-party policy workshops."""
    ctx.obj = load_settings(os.environ)


def main() -> None:
    cli(prog_name="survey")


# Registers the commands on `cli`.
from survey.cli import (  # noqa: E402, F401
    data_commands,
    questionnaire_commands,
    report_commands,
    serve_command,
    xlsform_commands,
)
