"""Web throughput under concurrent load on 127.0.0.1, next to a bare Litestar endpoint.

Measures, each against a bare Litestar app served the same way (uvicorn, same worker
count) in the same run:

* form-page renders per second: GET /respond for many participants (a section of the
  five-language wrap-up questionnaire, rendered from the database);
* complete submissions per second: PUT of a full wrap-up submission through the API
  (validation against the published copy + a durable SQLite write), each request a
  different participant;
* p99 latency of both.

    python bench/web.py [--requests N] [--concurrency C] [--workers W]

Traffic goes to 127.0.0.1 only, and every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from common import free_port, machine

from survey.files.questionnaire_files import Registry
from survey.files.workshop_files import decode_workshop
from survey.store.database import open_database
from survey.store.participants import issue_tokens
from survey.store.workshops import save_workshop

ROOT = Path(__file__).resolve().parent.parent
WORKSHOP = {
    "id": "bench",
    "title": "Bench",
    "dates": ["2007-04-27"],
    "languages": ["en", "ko", "zh", "ja", "ru"],
    "groups": [
        {
            "id": "wrap-up",
            "title": "Wrap-up",
            "questionnaire": {"id": "capacity-wrap-up", "version": 2},
        }
    ],
}
SUBMISSION = {
    "answers": {
        "mechanism-form": "secretariat",
        "mechanism-why": "A standing body keeps records between rounds.",
        "obligations": ["reporting", "inspection"],
        "partner-roles": {
            "ngos": "observer",
            "international-organizations": "member",
            "regional-organizations": "consulted",
            "companies": "none",
        },
        "membership": "open",
        "chair-model": "rotating",
        "leadership-confidence": 4,
        "cost-sharing": {"us": 30, "china": 25, "rok": 20, "japan": 15, "russia": 5, "dprk": 5},
        "annual-budget": 25,
        "location": "seoul",
        "staffing": "mixed",
        "crisis-tools": {
            "hotline": 5,
            "emergency-meeting": 4,
            "fact-finding": 3,
            "early-warning": 4,
        },
        "dispute-approach": "consensus",
        "preparatory-steps": ["working-group", "charter-draft", "ministerial"],
        "first-meeting": "2008-03-15",
        "lead-institution": "The six-party working group",
        "next-steps": "Draft a charter before the next round.",
    },
    "language": "en",
    "submit": True,
}
BARE_APP = """
from litestar import Litestar, get, put
from litestar.response import Response


@get("/page", media_type="text/html")
async def page() -> str:
    return "<!doctype html><title>bare</title><p>bare endpoint</p>"


@put("/submit")
async def submit(data: dict) -> Response:
    return Response(content={"ok": True, "fields": len(data)})


app = Litestar([page, submit])
"""


def start(command: list[str], port: int, env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server on port {port} did not start")


async def load(
    count: int, concurrency: int, send: Callable[[httpx.AsyncClient, int], object]
) -> tuple[float, list[float], int]:
    """Run `count` requests with `concurrency` in flight; (seconds, latencies, failures)."""
    latencies: list[float] = []
    failures = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(count):
        queue.put_nowait(number)

    async def user(client: httpx.AsyncClient) -> None:
        nonlocal failures
        while not queue.empty():
            number = queue.get_nowait()
            began = time.perf_counter()
            response = await send(client, number)  # type: ignore[misc]
            latencies.append(time.perf_counter() - began)
            failures += response.status_code >= 400  # type: ignore[attr-defined]

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        began = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(*(user(client) for _ in range(concurrency))), timeout=600
        )
        return time.perf_counter() - began, latencies, failures


def p99(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100)[98] * 1000


def report(
    name: str,
    ours: tuple[float, list[float], int],
    bare: tuple[float, list[float], int],
    count: int,
) -> None:
    our_rate, bare_rate = count / ours[0], count / bare[0]
    print(
        f"{name}: {our_rate:,.0f}/s, p99 {p99(ours[1]):.0f} ms, {ours[2]} failed | "
        f"bare Litestar: {bare_rate:,.0f}/s, p99 {p99(bare[1]):.1f} ms | "
        f"ratio {bare_rate / our_rate:.1f}x the time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="survey-bench-web-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    database = open_database(url)
    registry = Registry.from_directory(ROOT / "questionnaires")
    workshop, findings = decode_workshop(WORKSHOP)
    assert workshop is not None, findings
    save_workshop(database, workshop, registry)
    page_tokens = issue_tokens(database, "bench", "wrap-up", args.concurrency)
    submit_tokens = issue_tokens(database, "bench", "wrap-up", args.requests)
    database.close()
    (folder / "bare_app.py").write_text(BARE_APP)

    env = {
        **os.environ,
        "SURVEY_DATABASE_URL": url,
        "SURVEY_QUESTIONNAIRES": str(ROOT / "questionnaires"),
    }
    ours_port, bare_port = free_port(), free_port()
    uvicorn = [
        sys.executable,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--workers",
        str(args.workers),
        "--log-level",
        "warning",
    ]
    ours = start(
        [*uvicorn, "--port", str(ours_port), "--factory", "survey.web.app:create_app"],
        ours_port,
        env,
        ROOT,
    )
    bare = start([*uvicorn, "--port", str(bare_port), "bare_app:app"], bare_port, env, folder)
    try:
        ours_base, bare_base = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{bare_port}"

        def our_page(client: httpx.AsyncClient, number: int) -> object:
            token = page_tokens[number % len(page_tokens)]
            return client.get(f"{ours_base}/respond?section=0", cookies={"survey_token": token})

        def our_submit(client: httpx.AsyncClient, number: int) -> object:
            headers = {"authorization": f"Bearer {submit_tokens[number]}"}
            return client.put(
                f"{ours_base}/api/workshops/bench/groups/wrap-up/response",
                json=SUBMISSION,
                headers=headers,
            )

        print(f"machine: {machine()}")
        print(
            f"load: {args.requests} requests each, {args.concurrency} in flight, "
            f"{args.workers} uvicorn workers, SQLite"
        )
        pages = asyncio.run(load(args.requests, args.concurrency, our_page))
        bare_pages = asyncio.run(
            load(args.requests, args.concurrency, lambda c, n: c.get(f"{bare_base}/page"))
        )
        report("form page renders", pages, bare_pages, args.requests)
        submits = asyncio.run(load(args.requests, args.concurrency, our_submit))
        bare_submits = asyncio.run(
            load(
                args.requests,
                args.concurrency,
                lambda c, n: c.put(f"{bare_base}/submit", json=SUBMISSION),
            )
        )
        report("complete submissions", submits, bare_submits, args.requests)
    finally:
        for process in (ours, bare):
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
