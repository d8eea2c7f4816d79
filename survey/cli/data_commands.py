"""Commands on the database: migrations, the demo, workshops, tokens, staff, groups."""

from __future__ import annotations

from pathlib import Path

import click

from survey.cli import cli, database_option, questionnaires_option, settings_for
from survey.config import Settings
from survey.core.schema import localize
from survey.demo import load_demo
from survey.files.questionnaire_files import Registry
from survey.files.workshop_files import read_workshop_file
from survey.store.database import Database, current_revision, head_revision, open_database, upgrade
from survey.store.participants import issue_tokens
from survey.store.published import verify_registry
from survey.store.responses import count_responses
from survey.store.staff import ROLES, add_user
from survey.store.workshops import list_workshops, save_workshop, set_group_open


def _database(settings: Settings) -> Database:
    return open_database(settings.database_url)


def load_registry(settings: Settings, database: Database) -> Registry:
    """The questionnaire files, refused if any rewrites a version already in use."""
    registry = Registry.from_directory(settings.questionnaires_dir)
    verify_registry(database, registry)
    return registry


@cli.group()
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
@database_option
@click.pass_context
def db_upgrade(ctx: click.Context, database_url: str | None) -> None:
    """Create the database if needed and migrate it to the latest schema."""
    database = open_database(
        settings_for(ctx, database_url=database_url).database_url, migrate=False
    )
    before = current_revision(database)
    upgrade(database)
    after = current_revision(database)
    change = "already at" if before == after else f"migrated from {before or 'empty'} to"
    click.echo(f"database {change} revision {after} (latest: {head_revision()})")


@cli.command()
@database_option
@questionnaires_option
@click.pass_context
def demo(ctx: click.Context, database_url: str | None, questionnaires_dir: Path | None) -> None:
    """Load the demo series: four workshops and sample responses (marked as sample data)."""
    settings = settings_for(ctx, database_url=database_url, questionnaires_dir=questionnaires_dir)
    database = _database(settings)
    summary = load_demo(database, load_registry(settings, database))
    click.echo(
        f"demo workshops: {', '.join(summary.workshops)}; "
        f"{summary.responses_added} sample responses added"
    )


@cli.group()
def workshop() -> None:
    """Create, update and list workshops."""


@workshop.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@database_option
@questionnaires_option
@click.pass_context
def workshop_load(
    ctx: click.Context, file: Path, database_url: str | None, questionnaires_dir: Path | None
) -> None:
    """Create or update a workshop from a file (YAML, TOML or JSON)."""
    settings = settings_for(ctx, database_url=database_url, questionnaires_dir=questionnaires_dir)
    database = _database(settings)
    registry = load_registry(settings, database)
    spec = read_workshop_file(file, registry)
    outcome = save_workshop(database, spec, registry)
    click.echo(f"workshop {spec.id} {outcome}: {len(spec.groups)} groups")


@workshop.command("list")
@database_option
@click.pass_context
def workshop_list(ctx: click.Context, database_url: str | None) -> None:
    """List workshops with their groups, questionnaire versions and response counts."""
    database = _database(settings_for(ctx, database_url=database_url))
    for record in list_workshops(database):
        sample = " [sample data]" if record.is_sample else ""
        dates = ", ".join(day.isoformat() for day in record.dates)
        click.echo(f"{record.id}  {dates}  {localize(record.title, 'en', 'en')}{sample}")
        for group in record.groups:
            count = count_responses(database, record.id, group.id)
            state = "open" if group.is_open else "closed"
            click.echo(
                f"  {group.id:<10} {group.questionnaire_id} v{group.questionnaire_version:<3} "
                f"{state:<6} {count} responses"
            )


@cli.command()
@click.argument("workshop_id", metavar="WORKSHOP")
@click.argument("group_id", metavar="GROUP")
@click.option("-n", "count", type=click.IntRange(1, 10_000), default=1, show_default=True)
@database_option
@click.pass_context
def tokens(
    ctx: click.Context, workshop_id: str, group_id: str, count: int, database_url: str | None
) -> None:
    """Print N new participant tokens for a group, one a line (they are not shown again)."""
    database = _database(settings_for(ctx, database_url=database_url))
    for token in issue_tokens(database, workshop_id, group_id, count):
        click.echo(token)


def _group_path(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[str, str] | None:
    if value is None:
        return None
    workshop_id, slash, group_id = value.partition("/")
    if not slash or not workshop_id or not group_id:
        raise click.BadParameter(f"{value!r} is not WORKSHOP/GROUP, e.g. beijing-2007/pol-mil")
    return workshop_id, group_id


@cli.group()
def user() -> None:
    """Manage staff accounts."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option(
    "--group", "group", callback=_group_path, metavar="WORKSHOP/GROUP", help="For rapporteurs."
)
@database_option
@click.pass_context
def user_add(
    ctx: click.Context,
    name: str,
    role: str,
    group: tuple[str, str] | None,
    database_url: str | None,
) -> None:
    """Create a staff account and print its API token (it is not shown again)."""
    database = _database(settings_for(ctx, database_url=database_url))
    _account, token = add_user(database, name, role, group)  # type: ignore[arg-type]
    click.echo(token)


@cli.group()
def group() -> None:
    """Open or close a breakout group for answers."""


def _set_open(
    ctx: click.Context, workshop_id: str, group_id: str, database_url: str | None, is_open: bool
) -> None:
    database = _database(settings_for(ctx, database_url=database_url))
    set_group_open(database, workshop_id, group_id, is_open)
    click.echo(f"group {workshop_id}/{group_id} is {'open' if is_open else 'closed'}")


@group.command("close")
@click.argument("workshop_id", metavar="WORKSHOP")
@click.argument("group_id", metavar="GROUP")
@database_option
@click.pass_context
def group_close(
    ctx: click.Context, workshop_id: str, group_id: str, database_url: str | None
) -> None:
    """Close a group: its responses can no longer change."""
    _set_open(ctx, workshop_id, group_id, database_url, False)


@group.command("open")
@click.argument("workshop_id", metavar="WORKSHOP")
@click.argument("group_id", metavar="GROUP")
@database_option
@click.pass_context
def group_open(
    ctx: click.Context, workshop_id: str, group_id: str, database_url: str | None
) -> None:
    """Reopen a group for answers."""
    _set_open(ctx, workshop_id, group_id, database_url, True)
