"""XLSForm both ways: `survey import-xlsform FILE`, `survey export-xlsform ID VERSION FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from survey.catalogs import Catalogs
from survey.cli import cli, questionnaires_option, settings_for
from survey.cli.questionnaire_commands import _version_number, _versions_in
from survey.core.errors import QuestionnaireError
from survey.core.ids import LANGUAGE_TAG, SLUG
from survey.files.new_versions import save_version
from survey.files.xlsform_import import ImportResult, import_xlsform
from survey.files.xlsform_reader import XlsFormError
from survey.files.xlsform_writer import export_xlsform

EXTRA_MISSING = "reading XLSForms needs pyxform: pip install 'survey[xlsform]'"


def _language_map(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in (value or "").split(","):
        if not pair.strip():
            continue
        name, equals, code = pair.rpartition("=")
        if not equals or not name.strip() or not LANGUAGE_TAG.match(code.strip()):
            raise click.BadParameter(
                f"{pair.strip()!r}: write NAME=CODE pairs such as English=en,French=fr"
            )
        found[name.strip()] = code.strip()
    return found


def _slug(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not SLUG.match(value):
        raise click.BadParameter(f"{value!r} is not an id such as capacity-pol-mil")
    return value


@cli.command("import-xlsform")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--id",
    "questionnaire_id",
    metavar="ID",
    callback=_slug,
    help="Questionnaire id [default: the form's form_id, made an id].",
)
@click.option(
    "--version",
    "version",
    type=click.IntRange(min=1),
    metavar="N",
    help="Version to write [default: the next after those in the folder].",
)
@click.option(
    "--language-map",
    callback=_language_map,
    metavar='"English=en,…"',
    help="Codes for language names without one in their columns (`label::English`); "
    "`default=xx` for columns without a language.",
)
@click.option(
    "--skip-unsupported",
    is_flag=True,
    help="Write the questionnaire without what cannot be expressed, listing each.",
)
@questionnaires_option
@click.pass_context
def import_command(
    ctx: click.Context,
    file: Path,
    questionnaire_id: str | None,
    version: int | None,
    language_map: dict[str, str],
    skip_unsupported: bool,
    questionnaires_dir: Path | None,
) -> None:
    """Import an XLSForm (.xlsx, .xls or pyxform's .md) as questionnaires/<id>/v<N>.yaml.

    Prints every name changed to an id and everything left out; exits 1, writing nothing,
    if anything cannot be expressed, unless --skip-unsupported.
    """
    folder = settings_for(ctx, questionnaires_dir=questionnaires_dir).questionnaires_dir
    try:
        result = import_xlsform(
            file, questionnaire_id=questionnaire_id, version=version or 1, language_map=language_map
        )
    except ModuleNotFoundError as missing:
        raise click.ClickException(EXTRA_MISSING) from missing
    except XlsFormError as error:
        raise click.ClickException(str(error)) from error
    _report(result)
    if result.refusals and not skip_unsupported:
        click.echo("Cannot be expressed:", err=True)
        for refusal in result.refusals:
            click.echo(f"  {refusal}", err=True)
        raise click.ClickException(
            f"{len(result.refusals)} thing{'s' * (len(result.refusals) != 1)} above cannot be "
            "expressed; nothing written (--skip-unsupported writes the rest without them)"
        )
    if result.refusals:
        click.echo("Skipped (--skip-unsupported):")
        for refusal in result.refusals:
            click.echo(f"  {refusal}")
    if not result.usable:
        for finding in result.findings:
            click.echo(f"  {finding}", err=True)
        raise click.ClickException("the imported questionnaire is not valid; nothing written")
    _write(result, folder, file, version)


def _report(result: ImportResult) -> None:
    if result.renames:
        click.echo("Names changed to ids:")
        for rename in result.renames:
            where = f"row {rename.row}: " if rename.row else ""
            click.echo(f"  {where}{rename.what} {rename.old} -> {rename.new}")
    if result.notes:
        click.echo("Notes:")
        for note in result.notes:
            click.echo(f"  {note}")


def _write(result: ImportResult, folder: Path, source: Path, version: int | None) -> None:
    provenance = result.data.get("imported_from", {})
    header = f"Imported from {source.name} by `survey import-xlsform`"
    if provenance.get("version"):
        header += f" (form version {provenance['version']})"
    try:
        checked = save_version(result.data, folder, version=version, header=header + ".")
    except QuestionnaireError as refused:
        for finding in refused.findings:
            click.echo(str(finding), err=True)
        raise click.ClickException(
            f"{folder / result.data['id']} would get a version that does not pass `survey "
            "check`; nothing written"
        ) from refused
    for finding in checked.findings:
        click.echo(str(finding))
    schema = checked.loaded.schema if checked.loaded else None
    count = len(list(schema.questions())) if schema else 0
    sections = len(schema.sections) if schema else 0
    click.echo(
        f"wrote {checked.path}: {count} question{'s' * (count != 1)} in {sections} "
        f"section{'s' * (sections != 1)}"
    )


@cli.command("export-xlsform")
@click.argument("questionnaire_id", metavar="ID")
@click.argument("version", metavar="VERSION", callback=_version_number)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@questionnaires_option
@click.pass_context
def export_command(
    ctx: click.Context,
    questionnaire_id: str,
    version: int,
    file: Path,
    questionnaires_dir: Path | None,
) -> None:
    """Write a questionnaire version as an XLSForm workbook (.xlsx), for review in a
    spreadsheet or use in ODK, KoboToolbox and the like."""
    if file.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{file} must be an .xlsx file", param_hint="FILE")
    if not file.parent.is_dir():
        raise click.ClickException(f"no such folder: {file.parent}")
    folder = (
        settings_for(ctx, questionnaires_dir=questionnaires_dir).questionnaires_dir
        / questionnaire_id
    )
    versions = _versions_in(folder)
    if version not in versions:
        known = ", ".join(f"v{v}" for v in sorted(versions)) or "none"
        raise click.ClickException(
            f"no valid {questionnaire_id} v{version} in {folder} (versions found: {known}); "
            "run `survey check` for details"
        )
    questionnaire = versions[version].schema
    try:
        approximated = export_xlsform(questionnaire, file, Catalogs())
    except OSError as error:
        raise click.ClickException(f"cannot write {file}: {error.strerror or error}") from error
    count = len(list(questionnaire.questions()))
    sections = len(questionnaire.sections)
    click.echo(
        f"wrote {file}: {count} question{'s' * (count != 1)} in {sections} "
        f"section{'s' * (sections != 1)}"
    )
    if approximated:
        click.echo("Written in the closest XLSForm form, with a note row:")
        for line in approximated:
            click.echo(f"  {line}")
