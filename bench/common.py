"""What every bench shares: naming the machine, a free local port, and measuring one
piece of work in its own process so its peak memory is its own."""

from __future__ import annotations

import os
import platform
import resource
import socket
import subprocess
import sys
from pathlib import Path

import msgspec


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def report_from_child(seconds: float, output: Path) -> None:
    """Called in the child: print its time, peak memory and output size for the parent."""
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"seconds": seconds, "peak_mb": peak_mb, "bytes": output.stat().st_size}
    print(msgspec.json.encode(figures).decode())


def run_child(script: str, *arguments: str) -> dict[str, float]:
    """Run `script --child …` in a new process and read what `report_from_child` printed."""
    output = subprocess.run(
        [sys.executable, script, "--child", *arguments], capture_output=True, text=True, check=True
    ).stdout
    return msgspec.json.decode(output.strip().splitlines()[-1])
