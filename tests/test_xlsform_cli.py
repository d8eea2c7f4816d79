"""`survey import-xlsform` and `survey export-xlsform` as organizers run them."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook

from survey.cli import cli
from survey.files.questionnaire_files import check_files
from tests.conftest import SHIPPED
from tests.test_cli import survey
from tests.xlsform_forms import FORMS, write_xlsform


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_import_writes_a_version_that_passes_check_and_says_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    form = FORMS / "xlsform_spec_test.xlsx"
    result = run(
        "import-xlsform",
        str(form),
        "--questionnaires",
        str(folder),
        "--skip-unsupported",
        "--language-map",
        "english=en,chinese=zh,default=en",
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Names changed to ids:\n" in out and "  row 54: question _1 -> 1\n" in out
    assert "Notes:\n" in out and "  row 42: `start`: `start` records the device or session" in out
    assert "Skipped (--skip-unsupported):\n" in out
    assert "  row 30: `acknowledge_test`: an acknowledgement cannot be expressed\n" in out
    assert out.splitlines()[-1] == (f"wrote {folder}/spec-test/v1.yaml: 24 questions in 3 sections")
    [checked] = check_files([folder / "spec-test" / "v1.yaml"])
    assert checked.ok
    assert checked.loaded is not None and checked.loaded.schema.imported_from is not None
    text = (folder / "spec-test" / "v1.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from xlsform_spec_test.xlsx by `survey import-xlsform`.\n")
    assert (
        "imported_from: {format: xlsform, file: xlsform_spec_test.xlsx, form_id: Spec test}" in text
    )
    assert run("check", str(folder)).exit_code == 0


def test_import_refuses_and_writes_nothing_when_something_cannot_be_expressed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "questionnaires"
    result = run("import-xlsform", str(FORMS / "or_other.xlsx"), "--questionnaires", str(folder))
    assert result.exit_code == 1
    assert "Cannot be expressed:\n  row 3: `fav_pastel`: choice_filter" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Error: 1 thing above cannot be expressed; nothing written (--skip-unsupported writes "
        "the rest without them)"
    )
    assert not folder.exists()


def test_import_takes_the_id_the_next_version_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    shutil.copytree(SHIPPED / "capacity-economic", folder / "capacity-economic")
    form = FORMS / "group.xlsx"
    args = ["import-xlsform", str(form), "--questionnaires", str(folder), "--id", "family"]
    assert run(*args).exit_code == 0
    assert run(*args).exit_code == 0  # the next version
    assert files_in(folder / "family") == ["v1.yaml", "v2.yaml"]
    again = run(*args, "--version", "2")
    assert again.exit_code == 1
    assert "family/v2 already exists; choose another version (taken: v1, v2)" in again.stderr
    assert (folder / "family" / "v2.yaml").read_text(encoding="utf-8").count("version: 2") == 1
    # A version the history refuses (a question changing type) is not left behind.
    changed = write_xlsform(
        tmp_path / "changed.xlsx", [{"type": "integer", "name": "family_name", "label": "N?"}]
    )
    refused = run("import-xlsform", str(changed), "--questionnaires", str(folder), "--id", "family")
    assert refused.exit_code == 1
    assert "does not pass `survey check`; nothing written" in refused.stderr
    assert "type" in refused.stderr  # the finding itself is shown
    assert files_in(folder / "family") == ["v1.yaml", "v2.yaml"]


def test_import_usage_and_file_errors_are_clear(tmp_path: Path) -> None:
    folder = str(tmp_path / "q")
    form = str(FORMS / "group.md")
    bad_map = run("import-xlsform", form, "--language-map", "English", "--questionnaires", folder)
    assert bad_map.exit_code == 2 and "write NAME=CODE pairs" in bad_map.stderr
    bad_id = run("import-xlsform", form, "--id", "Not An Id", "--questionnaires", folder)
    assert bad_id.exit_code == 2 and "is not an id such as capacity-pol-mil" in bad_id.stderr
    missing = run("import-xlsform", str(tmp_path / "nope.xlsx"), "--questionnaires", folder)
    assert missing.exit_code == 1 and "nope.xlsx: no such file" in missing.stderr
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"not a workbook at all")
    broken = run("import-xlsform", str(corrupt), "--questionnaires", folder)
    assert broken.exit_code == 1 and "corrupt.xlsx" in broken.stderr
    assert "Traceback" not in broken.output
    assert not (tmp_path / "q").exists()


def test_export_writes_a_workbook_and_names_what_it_approximates(tmp_path: Path) -> None:
    target = tmp_path / "economic.xlsx"
    result = run("export-xlsform", "capacity-economic", "v1", str(target))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {target}: 10 questions in 4 sections"
    assert lines[1] == "Written in the closest XLSForm form, with a note row:"
    assert lines[2].startswith("  `energy-burden` (allocation): Divide 100 among the items")
    assert load_workbook(target).sheetnames == ["survey", "choices", "settings"]


def test_export_errors_are_clear(tmp_path: Path) -> None:
    wrong_suffix = run("export-xlsform", "capacity-economic", "1", str(tmp_path / "x.xls"))
    assert wrong_suffix.exit_code == 2 and "must be an .xlsx file" in wrong_suffix.stderr
    missing = run("export-xlsform", "capacity-economic", "7", str(tmp_path / "x.xlsx"))
    assert missing.exit_code == 1
    assert (
        "no valid capacity-economic v7" in missing.stderr and "versions found: v1" in missing.stderr
    )
    no_folder = run("export-xlsform", "capacity-economic", "1", str(tmp_path / "no" / "x.xlsx"))
    assert no_folder.exit_code == 1 and "no such folder" in no_folder.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_round_trip_through_the_commands_in_real_processes(tmp_path: Path) -> None:
    workbook = tmp_path / "wrap-up.xlsx"
    exported = survey("export-xlsform", "capacity-wrap-up", "2", str(workbook))
    assert exported.returncode == 0, exported.stderr
    folder = tmp_path / "questionnaires"
    shutil.copytree(SHIPPED / "capacity-wrap-up", folder / "capacity-wrap-up")
    imported = survey(
        "import-xlsform", str(workbook), "--questionnaires", str(folder), "--version", "3"
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-1].startswith(f"wrote {folder}/capacity-wrap-up/v3.yaml")
    diff = survey("diff", "capacity-wrap-up", "2", "3", "--questionnaires", str(folder))
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.splitlines() == ["capacity-wrap-up: v2 → v3", "  no differences"]
    checked = survey("check", str(folder))
    assert checked.returncode == 0, checked.stdout
