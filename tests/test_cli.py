"""The `survey` command as a user runs it: real processes, real files, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from survey.cli import cli
from tests.conftest import ROOT, SHIPPED


def survey(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "survey", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_passes_on_the_shipped_questionnaires() -> None:
    result = survey("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("checked 9 files: all valid (0 errors")


def test_check_reads_the_folder_from_the_environment(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED / "capacity-economic", tmp_path / "mine" / "capacity-economic")
    result = survey("check", cwd=tmp_path, env={"SURVEY_QUESTIONNAIRES": "mine"})
    assert result.returncode == 0
    assert "checked 1 file: all valid" in result.stdout


def test_check_reports_each_invalid_file_and_exits_1(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED / "capacity-pol-mil", tmp_path / "capacity-pol-mil")
    broken = tmp_path / "capacity-pol-mil" / "v2.yaml"
    broken.write_text(broken.read_text().replace("required: true", "requried: true", 1))
    result = survey("check", str(tmp_path))
    assert result.returncode == 1
    assert "v2.yaml:" in result.stdout and "did you mean `required`?" in result.stdout
    assert "checked 3 files: 2 valid, 1 invalid (1 error, 0 warnings)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_of_a_missing_path_is_bad_input(tmp_path: Path) -> None:
    result = survey("check", str(tmp_path / "nowhere.yaml"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stdout


def test_check_of_a_folder_without_questionnaires_fails(tmp_path: Path) -> None:
    result = survey("check", str(tmp_path))
    assert result.returncode == 1
    assert "no questionnaire files found" in result.stdout


def test_check_of_a_file_with_another_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q" / "v1.txt"
    path.parent.mkdir()
    path.write_text("id: q")
    result = survey("check", str(path))
    assert result.returncode == 1
    assert "expected a .yaml, .yml, .toml, .json file" in result.stdout


def test_diff_prints_changes_between_shipped_versions() -> None:
    result = survey("diff", "capacity-pol-mil", "v2", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("capacity-pol-mil: v2 → v3")
    assert "~ renamed  peace-regime-priorities  renamed from peace-priorities" in result.stdout
    assert "choices: ~ nea-mechanism renamed from regional-forum" in result.stdout


def test_diff_of_an_unknown_version_is_bad_input() -> None:
    result = survey("diff", "capacity-pol-mil", "1", "9")
    assert result.returncode == 1
    assert "no valid capacity-pol-mil v9" in result.stderr
    assert "versions found: v1, v2, v3" in result.stderr


def test_diff_with_a_malformed_version_is_a_usage_error() -> None:
    result = survey("diff", "capacity-pol-mil", "one", "2")
    assert result.returncode == 2
    assert "'one' is not a version" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    assert survey("serv").returncode == 2


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"`survey {name}" in readme, name


def test_readme_starts_with_the_install_and_test_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")[1:3]
    assert [block.split("\n```")[0] for block in blocks] == [
        "pip install . && survey serve --demo",
        "bash .ci/run",
    ]
