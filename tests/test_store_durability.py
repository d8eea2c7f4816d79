"""Acknowledged writes survive a killed process; concurrent writers never see "locked".

Both run real processes against a real SQLite file and a real PostgreSQL server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from survey.core.workshop_spec import Workshop
from survey.store.database import Database, open_database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.responses import ResponseFilter, get_response, stream_submitted
from tests.conftest import ROOT
from tests.store_worker import ANSWERS


def worker(database_url: str, tokens: list[str], drafts: int = 0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.store_worker",
            database_url,
            "--drafts",
            str(drafts),
            *tokens,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_acknowledged_responses_survive_sigkill(
    database_url: str, database: Database, workshop: Workshop
) -> None:
    tokens = issue_tokens(database, "test-2007", "pol-mil", 200)
    process = worker(database_url, tokens)
    acknowledged: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        acknowledged.append(line.split()[1])
        if len(acknowledged) == 40:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    database.close()

    reopened = open_database(database_url)
    for token in acknowledged:
        participant = participant_for_token(reopened, token)
        assert participant is not None
        response = get_response(reopened, participant)
        assert (response.status, response.submitted_revision, response.answers) == (
            "submitted",
            1,
            ANSWERS,
        )
    submitted = list(stream_submitted(reopened, ResponseFilter(groups=["pol-mil"])))
    assert len(submitted) >= len(acknowledged)
    reopened.close()


def test_concurrent_writers_in_several_processes_all_succeed(
    database_url: str, database: Database, workshop: Workshop
) -> None:
    processes, per_process = 4, 15
    tokens = issue_tokens(database, "test-2007", "pol-mil", processes * per_process)
    running = [
        worker(database_url, tokens[i * per_process : (i + 1) * per_process], drafts=3)
        for i in range(processes)
    ]
    outcomes = [process.communicate(timeout=300) for process in running]
    for process, (stdout, stderr) in zip(running, outcomes, strict=True):
        assert process.returncode == 0, stderr
        assert "locked" not in stderr
        assert stdout.count("ack ") == per_process
    assert len(list(stream_submitted(database))) == processes * per_process
