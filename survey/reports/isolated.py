"""PDF reports for the web: rendered in a child process, limited, and cached.

A long render (hundreds of pages, hundreds of MB) must not stall the participants'
forms, so it runs in its own process with a time and memory limit, while the request
waits in a worker thread. Repeated downloads of an unchanged report come from a cache
keyed by the data the report was built from (`store.responses.data_version`).
"""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import msgspec

from survey import __version__
from survey.core.errors import Conflict
from survey.reports.request import ReportRequest
from survey.reports.source import load_source
from survey.store.database import Database
from survey.store.responses import data_version

TIME_LIMIT_SECONDS = 300
MEMORY_LIMIT_MB = 2048
CACHE = Path(tempfile.gettempdir()) / "survey-report-cache"


#: How running out of the address-space limit shows in a child's last words: Python's
#: own error, or the loader failing to map a library it was importing.
_OUT_OF_MEMORY = ("MemoryError", "Cannot allocate memory", "failed to map segment")


class ReportFailed(Conflict):
    """The report could not be built within its limits; the message says which."""


def _limit_memory() -> None:  # runs in the child before it starts
    limit = MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class RenderJob(msgspec.Struct, kw_only=True, frozen=True):
    """What the child process is told, on its standard input: never on its command line,
    where the database URL (and any password in it) would show in the process list."""

    database_url: str
    request: ReportRequest
    output: str


def cached_pdf(database: Database, database_url: str, request: ReportRequest) -> bytes:
    """The PDF `request` asks for: from the cache when the data has not changed since it
    was built, else rendered in a child process within its time and memory limits."""
    source = load_source(database, request)
    key = "|".join(
        [__version__, database_url, request.fingerprint(), data_version(database, source.selection)]
    )
    path = CACHE / f"{hashlib.sha256(key.encode()).hexdigest()}.pdf"
    if path.exists():
        return path.read_bytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    job = RenderJob(database_url=database_url, request=request, output=str(partial))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "survey.reports.render_job"],
            input=msgspec.json.encode(job),
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        partial.unlink(missing_ok=True)
        raise ReportFailed(
            f"the report took longer than {TIME_LIMIT_SECONDS} s and was stopped"
        ) from expired
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        stderr = done.stderr.decode(errors="replace")
        if done.returncode < 0 or any(sign in stderr for sign in _OUT_OF_MEMORY):
            raise ReportFailed(f"the report needed more than {MEMORY_LIMIT_MB} MB and was stopped")
        raise ReportFailed(
            "the report could not be built: " + (stderr.strip().splitlines() or ["?"])[-1]
        )
    partial.replace(path)
    return path.read_bytes()
