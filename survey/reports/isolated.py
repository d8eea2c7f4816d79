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

from survey import __version__
from survey.errors import Conflict
from survey.reports.sources import workshop_source
from survey.store.database import Database
from survey.store.responses import data_version

TIME_LIMIT_SECONDS = 300
MEMORY_LIMIT_MB = 2048
CACHE = Path(tempfile.gettempdir()) / "survey-report-cache"


class ReportFailed(Conflict):
    """The report could not be built within its limits; the message says which."""


def _limit_memory() -> None:  # runs in the child before it starts
    limit = MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def cached_pdf(
    database: Database,
    database_url: str,
    workshop_id: str,
    group_id: str | None,
    page_size: str = "A4",
) -> bytes:
    source = workshop_source(database, workshop_id, group_id)
    key = "|".join(
        [
            __version__,
            database_url,
            workshop_id,
            group_id or "",
            page_size,
            data_version(database, source.selection),
        ]
    )
    path = CACHE / f"{hashlib.sha256(key.encode()).hexdigest()}.pdf"
    if path.exists():
        return path.read_bytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    command = [
        sys.executable,
        "-m",
        "survey.reports.render_job",
        database_url,
        workshop_id,
        str(partial),
        page_size,
    ]
    if group_id:
        command.append(group_id)
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments from the route
            command,
            capture_output=True,
            text=True,
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
        if "MemoryError" in done.stderr or done.returncode < 0:
            raise ReportFailed(f"the report needed more than {MEMORY_LIMIT_MB} MB and was stopped")
        raise ReportFailed(
            "the report could not be built: " + (done.stderr.strip().splitlines() or ["?"])[-1]
        )
    partial.replace(path)
    return path.read_bytes()
