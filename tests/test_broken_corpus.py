"""Every file in tests/broken/ is refused, file by file, with the expected message.

Each case is a folder holding one or more questionnaire files and `expect.txt`: lines
that must each appear in what `survey check` reports for that folder (file paths are
relative to the case folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from survey.cli import cli
from survey.core.errors import errors_only
from survey.files.questionnaire_files import check_files

CORPUS = Path(__file__).parent / "broken"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def test_corpus_has_a_case_for_each_rule() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_broken_file_is_refused_with_expected_message(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS / case)
    results = check_files([Path()])
    report = "\n".join(str(finding) for result in results for finding in result.findings)
    expected = (CORPUS / case / "expect.txt").read_text(encoding="utf-8").splitlines()
    for line in filter(None, expected):
        assert line in report
    assert any(errors_only(result.findings) for result in results)


@pytest.mark.parametrize("case", CASES)
def test_check_command_exits_1_without_traceback(case: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(CORPUS / case)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "invalid" in result.output.splitlines()[-1]
