"""Workbook build time and peak memory, next to raw openpyxl writing the same cells.

For 1,000, 10,000 and 100,000 submitted responses to a 40-question questionnaire (every
answerable type; four breakout groups), builds the full workbook (aggregate, Summary
with charts, Responses, Free text, Comparison, About) and, in the same run, lets raw
openpyxl in write-only mode write the same Responses and Free text cells from
pre-computed rows. Each build runs in its own process so peak memory is its own.

    python bench/xlsx.py [--sizes 1000,10000,100000]

Targets: within 1.5x the raw write's time; peak memory under 300 MB at 100,000.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from common import machine, report_from_child, run_child
from openpyxl import Workbook

from survey.core.aggregate import Segment
from survey.core.questionnaire import Questionnaire
from survey.core.schema import localize
from survey.demo.samples import sample_answers
from survey.files.questionnaire_files import decode_questionnaire
from survey.reports.pipeline import run_report
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource
from survey.reports.xlsx import columns_for
from survey.store.responses import ResponseFilter, SubmittedResponse
from survey.store.workshops import GroupRecord, WorkshopRecord

GROUPS = ["pol-mil", "nuclear", "economic", "wrap-up"]
TEMPLATES = 200


def questionnaire() -> Questionnaire:
    choices = [{"id": f"c{i}", "label": f"Choice {i}"} for i in range(6)]
    rows = [{"id": f"r{i}", "label": f"Row {i}"} for i in range(4)]
    kinds: list[dict[str, Any]] = []
    kinds += [{"type": "single_choice", "choices": choices[:5], "other": True}] * 10
    kinds += [{"type": "multiple_choice", "choices": choices, "max_selected": 3}] * 6
    kinds += [{"type": "scale", "min": 1, "max": 5, "dont_know": True}] * 6
    kinds += [{"type": "matrix", "rows": rows, "min": 1, "max": 5}] * 4
    kinds += [{"type": "ranking", "choices": choices[:5], "rank_at_most": 3}] * 3
    kinds += [{"type": "allocation", "choices": choices[:4], "total": 100}] * 3
    kinds += [{"type": "number", "min": 0, "max": 1000}] * 3
    kinds += (
        [{"type": "date"}] * 2 + [{"type": "text", "max_length": 200}] * 2 + [{"type": "long_text"}]
    )
    questions = [
        {"id": f"q{n:02d}", "prompt": f"Question {n}", **kind} for n, kind in enumerate(kinds, 1)
    ]
    sections = [
        {"id": f"s{i}", "title": f"Section {i}", "questions": questions[i * 10 : i * 10 + 10]}
        for i in range(4)
    ]
    schema, findings = decode_questionnaire(
        {"id": "bench", "version": 1, "title": "Bench", "sections": sections}
    )
    assert schema is not None, findings
    return schema


def templates(schema: Questionnaire) -> list[dict[str, Any]]:
    rng = random.Random(40)
    return [sample_answers(schema, rng, "en") for _ in range(TEMPLATES)]


def responses(schema: Questionnaire, answers: list[dict[str, Any]], count: int) -> Any:
    stamp = datetime(2007, 4, 27, 15, 0, tzinfo=UTC)
    for number in range(count):
        yield SubmittedResponse(
            id=number,
            workshop_id="bench",
            group_id=GROUPS[number % len(GROUPS)],
            questionnaire_id="bench",
            questionnaire_version=1,
            language="en",
            answers=answers[number % TEMPLATES],
            revision=1,
            submitted_at=stamp,
            is_sample=True,
        )


def source(schema: Questionnaire, count: int) -> ReportSource:
    groups = [
        GroupRecord(
            pk=i,
            workshop_id="bench",
            id=g,
            title=g,
            room=None,
            session_id=None,
            questionnaire_id="bench",
            questionnaire_version=1,
            is_open=True,
        )
        for i, g in enumerate(GROUPS)
    ]
    workshop = WorkshopRecord(
        id="bench",
        title="Bench",
        dates=[date(2007, 4, 27)],
        venue=None,
        series=None,
        description=None,
        languages=["en"],
        non_attribution=True,
        is_sample=True,
        sessions=[],
        groups=groups,
    )
    segments = [
        Segment(
            key=f"bench/{g}", title=g, workshop_id="bench", group_id=g, questionnaire_id="bench"
        )
        for g in GROUPS
    ]
    return ReportSource(
        kind="workshop",
        title="Bench",
        workshops=[workshop],
        segments=segments,
        schemas={("bench", 1): schema},
        selection=ResponseFilter(workshops=["bench"]),
        by_workshop=False,
        generated_at=datetime.now(UTC),
        counts={(f"bench/{g}", "en"): count // len(GROUPS) for g in GROUPS},
    )


def ours(count: int, target: Path) -> None:
    schema = questionnaire()
    answers = templates(schema)
    request = ReportRequest(format="xlsx", workshop_id="bench")
    run_report(source(schema, count), responses(schema, answers, count), request, target)


def raw(count: int, target: Path) -> None:
    """The same Responses and Free text cells, pre-computed, written by openpyxl alone."""
    from survey.core.lineage import line_up

    schema = questionnaire()
    answers = templates(schema)
    lineup = line_up({1: schema})
    columns = columns_for(lineup, lambda value: localize(value, "en", "en"), str)
    rows = [[0, "en", 1] + [column.read(a) for column in columns] for a in answers]
    texts = [
        [[f"bench/{g}", "Q", q, "en", a[q]] for q in ("q39", "q40", "q41") if q in a]
        for g, a in zip(GROUPS * 50, answers, strict=False)
    ]
    workbook = Workbook(write_only=True)
    sheets = {g: workbook.create_sheet(g) for g in GROUPS}
    free = workbook.create_sheet("Free text")
    for number in range(count):
        template = number % TEMPLATES
        sheets[GROUPS[number % len(GROUPS)]].append(rows[template])
        for text_row in texts[template]:
            free.append(text_row)
    workbook.save(target)


def child(kind: str, count: int) -> None:
    target = Path(tempfile.mkdtemp()) / f"{kind}.xlsx"
    started = time.perf_counter()
    (ours if kind == "ours" else raw)(count, target)
    report_from_child(time.perf_counter() - started, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--child", choices=["ours", "raw"])
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.count)
        return
    print(f"machine: {machine()}")
    print("questionnaire: 40 questions (every answerable type), 4 groups, non-attribution")
    for count in (int(size) for size in args.sizes.split(",")):
        mine = run_child(__file__, "ours", "--count", str(count))
        baseline = run_child(__file__, "raw", "--count", str(count))
        ratio = mine["seconds"] / baseline["seconds"]
        print(
            f"{count:>7,} responses: workbook {mine['seconds']:.1f} s, "
            f"peak {mine['peak_mb']:.0f} MB, {mine['bytes'] / 1e6:.1f} MB file | "
            f"raw openpyxl same cells {baseline['seconds']:.1f} s, "
            f"peak {baseline['peak_mb']:.0f} MB | ratio {ratio:.2f}x the time"
        )


if __name__ == "__main__":
    main()
