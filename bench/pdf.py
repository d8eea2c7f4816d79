"""PDF report time and peak memory, next to WeasyPrint rendering the same HTML alone;
and submission latency while a report builds.

1. A workshop of 3 groups x 100 responses, and one of 10,000 responses: the whole
   report (one pass over the store, HTML, PDF) against WeasyPrint rendering the very
   same HTML alone. Each in its own process, so peak memory is its own.
2. Submission p99 on a live server (uvicorn, 2 workers, 127.0.0.1) without and with a
   PDF being built at the same time through the API.

    python bench/pdf.py [--large 10000] [--submissions 300]

Target: the whole-workshop report under 10 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from survey.demo.samples import sample_answers
from survey.files.questionnaire_files import Registry
from survey.files.workshop_files import decode_workshop
from survey.reports.pdf import PdfWriter, write_pdf
from survey.reports.pipeline import run_report
from survey.reports.request import ReportRequest
from survey.reports.source import load_source, responses
from survey.store.database import open_database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.responses import save_answers
from survey.store.staff import add_user
from survey.store.workshops import save_workshop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from common import free_port, machine, report_from_child, run_child  # noqa: E402
from web import SUBMISSION, load, p99, start  # noqa: E402

GROUPS = [
    ("pol-mil", "capacity-pol-mil", 3),
    ("nuclear", "capacity-nuclear", 2),
    ("wrap-up", "capacity-wrap-up", 2),
]


def prepare(path: Path, per_group: int) -> str:
    url = f"sqlite:///{path}"
    database = open_database(url)
    registry = Registry.from_directory(ROOT / "questionnaires")
    spec = {
        "id": "bench",
        "title": "Bench workshop",
        "dates": ["2007-04-27"],
        "languages": ["en", "ko", "zh", "ja", "ru"],
        "groups": [
            {"id": g, "title": g, "questionnaire": {"id": q, "version": v}} for g, q, v in GROUPS
        ],
    }
    workshop, findings = decode_workshop(spec)
    assert workshop is not None, findings
    save_workshop(database, workshop, registry)
    rng = random.Random(6)
    for group, qid, version in GROUPS:
        schema = registry.get(qid, version).schema
        for token in issue_tokens(database, "bench", group, per_group):
            person = participant_for_token(database, token)
            assert person is not None
            language = rng.choice(schema.languages)
            save_answers(
                database,
                person,
                sample_answers(schema, rng, language),
                language=language,
                submit=True,
            )
    database.close()
    return url


def child(kind: str, url: str) -> None:
    """Render in this process: the whole report, or WeasyPrint alone on the report's HTML."""
    html_file = Path(url.removeprefix("sqlite:///") + ".html")
    target = Path(tempfile.mkdtemp()) / "report.pdf"
    started = time.perf_counter()
    if kind == "report":
        database = open_database(url)
        request = ReportRequest(format="pdf", workshop_id="bench")
        source = load_source(database, request)
        writer = PdfWriter(source, request)
        run_report(source, responses(database, source), request, target, writer=writer)
        html = writer.html
    else:
        html = html_file.read_text(encoding="utf-8")
        started = time.perf_counter()
        write_pdf(html, target)
    seconds = time.perf_counter() - started
    if kind == "report":
        html_file.write_text(html, encoding="utf-8")
    report_from_child(seconds, target)


def report_timing(label: str, per_group: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="survey-bench-pdf-"))
    url = prepare(folder / "bench.db", per_group)
    ours = run_child(__file__, "report", "--url", url)
    alone = run_child(__file__, "weasyprint", "--url", url)
    print(
        f"{label}: report {ours['seconds']:.1f} s, peak {ours['peak_mb']:.0f} MB, "
        f"{ours['bytes'] / 1e6:.1f} MB PDF | WeasyPrint alone, same HTML {alone['seconds']:.1f} s, "
        f"peak {alone['peak_mb']:.0f} MB | ratio {ours['seconds'] / alone['seconds']:.2f}x the time"
    )


def latency(submissions: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="survey-bench-pdf-"))
    url = prepare(folder / "bench.db", 100)
    database = open_database(url)
    tokens = issue_tokens(database, "bench", "wrap-up", submissions * 2)
    _, organizer = add_user(database, "Bench organizer", "organizer")
    database.close()
    port = free_port()
    env = {**os.environ, "SURVEY_DATABASE_URL": url}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "2",
        "--log-level",
        "warning",
        "--factory",
        "survey.web.app:create_app",
    ]
    server = start(command, port, env, ROOT)
    base = f"http://127.0.0.1:{port}"

    def submit(offset: int):  # type: ignore[no-untyped-def]
        def send(client: httpx.AsyncClient, number: int) -> object:
            headers = {"authorization": f"Bearer {tokens[offset + number]}"}
            return client.put(
                f"{base}/api/workshops/bench/groups/wrap-up/response",
                json=SUBMISSION,
                headers=headers,
            )

        return send

    try:
        quiet = asyncio.run(load(submissions, 8, submit(0)))
        built: dict[str, float] = {}

        def build_report() -> None:
            began = time.perf_counter()
            response = httpx.get(
                f"{base}/api/workshops/bench/report.pdf",
                headers={"authorization": f"Bearer {organizer}"},
                timeout=600,
            )
            built["seconds"] = time.perf_counter() - began
            built["status"] = response.status_code

        builder = threading.Thread(target=build_report)
        builder.start()
        time.sleep(0.3)
        busy = asyncio.run(load(submissions, 8, submit(submissions)))
        builder.join(timeout=600)
        print(
            f"submission p99: {p99(quiet[1]):.0f} ms alone | "
            f"{p99(busy[1]):.0f} ms while a PDF builds "
            f"(report {built.get('seconds', 0):.1f} s, HTTP {built.get('status', 0):.0f}) | "
            f"{submissions} submissions, 8 in flight, 2 workers"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--child", choices=["report", "weasyprint"])
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url)
        return
    print(f"machine: {machine()}")
    report_timing("3 groups x 100 responses", 100)
    if args.submissions:
        latency(args.submissions)
    if args.large:
        report_timing(f"{args.large:,} responses", args.large // len(GROUPS))


if __name__ == "__main__":
    main()
