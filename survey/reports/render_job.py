"""Renders one PDF in its own process: `python -m survey.reports.render_job`, started by
`reports.isolated`, reads its job as JSON on standard input.

Running out of the address-space limit can surface as any error at all (a library that
cannot be mapped, an allocation failing inside C code), so a failure that happens near
the limit is reported as what it is: `MemoryError`.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

#: A failure with this much of the address-space limit used is taken as running out.
NEAR_THE_LIMIT = 0.9


def _peak_address_space() -> int:
    """The process's largest virtual size so far, in bytes (Linux's VmPeak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    return 0


def _ran_out_of_memory() -> bool:
    limit, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if limit == resource.RLIM_INFINITY:
        return False
    try:
        return _peak_address_space() >= NEAR_THE_LIMIT * limit
    except OSError:
        return False


def main() -> None:
    try:
        import msgspec

        from survey.reports.isolated import RenderJob
        from survey.reports.pipeline import build_report
        from survey.store.database import open_database

        job = msgspec.json.decode(sys.stdin.buffer.read(), type=RenderJob)
        database = open_database(job.database_url)
        try:
            build_report(database, job.request, Path(job.output))
        finally:
            database.close()
    except BaseException as failure:
        if isinstance(failure, MemoryError) or _ran_out_of_memory():
            sys.stderr.write("MemoryError: the report outgrew its memory limit\n")
            sys.exit(1)
        raise


if __name__ == "__main__":
    main()
