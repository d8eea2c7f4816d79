"""`survey serve`: the web application under uvicorn, optionally with the demo series."""

from __future__ import annotations

import os
from pathlib import Path

import click
import uvicorn

from survey.cli import cli, database_option, questionnaires_option, settings_for
from survey.cli.data_commands import load_registry
from survey.core.schema import localize
from survey.demo import load_demo
from survey.store.access import assign_access_code
from survey.store.database import open_database
from survey.store.workshops import list_workshops


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes."
)
@click.option("--demo", is_flag=True, help="Load the demo series (sample data) first.")
@database_option
@questionnaires_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    demo: bool,
    database_url: str | None,
    questionnaires_dir: Path | None,
) -> None:
    """Serve the participant pages and the JSON API."""
    settings = settings_for(ctx, database_url=database_url, questionnaires_dir=questionnaires_dir)
    database = open_database(settings.database_url)
    registry = load_registry(settings, database)
    if demo:
        summary = load_demo(database, registry)
        click.echo(f"demo loaded: {', '.join(summary.workshops)} (sample data)")
    base = f"http://{host}:{port}"
    for workshop in list_workshops(database):
        title = localize(workshop.title, "en", "en")
        click.echo(f"{base}/w/{workshop.id}  {title}")
        if demo:
            for group in workshop.groups:
                code = assign_access_code(database, workshop.id, group.id)
                click.echo(f"    {group.id:<10} access code {code}")
    database.close()
    # Each worker builds its own app from the environment (uvicorn imports the factory).
    os.environ["SURVEY_DATABASE_URL"] = settings.database_url
    os.environ["SURVEY_QUESTIONNAIRES"] = str(settings.questionnaires_dir)
    uvicorn.run(
        "survey.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_level="info",
    )
