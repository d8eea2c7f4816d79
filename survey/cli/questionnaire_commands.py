"""Commands on questionnaire files: `survey check`, `survey diff`."""

from __future__ import annotations

from pathlib import Path

import click

from survey.cli import cli, questionnaires_option, settings_for
from survey.core.diff import diff_versions, format_diff
from survey.core.errors import errors_only
from survey.files.questionnaire_files import FileResult, LoadedQuestionnaire, check_files


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@questionnaires_option
@click.pass_context
def check(ctx: click.Context, paths: tuple[Path, ...], questionnaires_dir: Path | None) -> None:
    """Validate questionnaire files or folders (default: the questionnaires folder).

    Prints every problem with its file, line and place in the document, then a summary;
    exits 1 if any file is invalid.
    """
    targets = list(paths) or [
        settings_for(ctx, questionnaires_dir=questionnaires_dir).questionnaires_dir
    ]
    missing = [path for path in targets if not path.exists()]
    results = check_files(path for path in targets if path.exists())
    for path in missing:
        click.echo(f"{path}: no such file or folder")
    for result in results:
        for finding in result.findings:
            click.echo(str(finding))
    invalid = [result for result in results if not result.ok]
    click.echo(_check_summary(results, invalid, len(missing)))
    if invalid or missing or not results:
        ctx.exit(1)


def _check_summary(results: list[FileResult], invalid: list[FileResult], missing: int) -> str:
    errors = sum(len(errors_only(result.findings)) for result in results) + missing
    warnings = sum(len(result.findings) for result in results) - errors + missing
    if not results and not missing:
        return "no questionnaire files found (.yaml, .yml, .toml, .json)"
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    files = f"{len(results)} file{'s' * (len(results) != 1)}"
    if invalid or missing:
        valid = len(results) - len(invalid)
        return f"checked {files}: {valid} valid, {len(invalid)} invalid ({counts})"
    return f"checked {files}: all valid ({counts})"


def _version_number(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    number = value[1:] if value[:1] in ("v", "V") else value
    if not number.isdigit() or int(number) < 1:
        raise click.BadParameter(f"{value!r} is not a version such as 2 or v2")
    return int(number)


@cli.command()
@click.argument("questionnaire_id", metavar="ID")
@click.argument("old", metavar="V1", callback=_version_number)
@click.argument("new", metavar="V2", callback=_version_number)
@questionnaires_option
@click.pass_context
def diff(
    ctx: click.Context, questionnaire_id: str, old: int, new: int, questionnaires_dir: Path | None
) -> None:
    """Show what changed between two versions of a questionnaire."""
    folder = (
        settings_for(ctx, questionnaires_dir=questionnaires_dir).questionnaires_dir
        / questionnaire_id
    )
    versions = _versions_in(folder)
    for number in (old, new):
        if number not in versions:
            known = ", ".join(f"v{v}" for v in sorted(versions)) or "none"
            raise click.ClickException(
                f"no valid {questionnaire_id} v{number} in {folder} (versions found: {known}); "
                "run `survey check` for details"
            )
    before, after = versions[old].schema, versions[new].schema
    click.echo(format_diff(before, after, diff_versions(before, after)))


def _versions_in(folder: Path) -> dict[int, LoadedQuestionnaire]:
    if not folder.is_dir():
        return {}
    return {
        result.loaded.schema.version: result.loaded
        for result in check_files([folder])
        if result.ok and result.loaded is not None
    }
