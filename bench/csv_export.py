"""CSV export: the whole report (aggregate + CSV writer, one row per response) against
Python's csv module writing the same rows, pre-computed, to a file.

Same 40-question questionnaire and sample answers as bench/xlsx.py; each build runs in
its own process (peak memory is that process's maximum RSS).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from common import machine, report_from_child, run_child
from xlsx import questionnaire, responses, source, templates

from survey.core.lineage import line_up
from survey.core.schema import localize
from survey.reports.pipeline import run_report
from survey.reports.request import ReportRequest
from survey.reports.table_export import plain
from survey.reports.xlsx import columns_for


def ours(count: int, target: Path) -> None:
    schema = questionnaire()
    answers = templates(schema)
    request = ReportRequest(format="csv", workshop_id="bench")
    run_report(source(schema, count), responses(schema, answers, count), request, target)


def raw(count: int, target: Path) -> None:
    """The same cells, computed once per answer template, written by the csv module."""
    schema = questionnaire()
    answers = templates(schema)
    columns = columns_for(line_up({1: schema}), lambda value: localize(value, "en", "en"), str)
    rows = [[plain(column.read(a)) for column in columns] for a in answers]
    groups = ["pol-mil", "nuclear", "economic", "wrap-up"]
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["response", "group", "language", "version"] + [c.id for c in columns])
        for number in range(count):
            out.writerow(
                [number + 1, f"bench/{groups[number % 4]}", "en", 1] + rows[number % len(rows)]
            )


def child(kind: str, count: int) -> None:
    target = Path(tempfile.mkdtemp()) / f"{kind}.csv"
    started = time.perf_counter()
    (ours if kind == "ours" else raw)(count, target)
    report_from_child(time.perf_counter() - started, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
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
            f"{count:>7,} responses: CSV report {mine['seconds']:.1f} s, "
            f"peak {mine['peak_mb']:.0f} MB, {mine['bytes'] / 1e6:.1f} MB file | "
            f"csv module, same rows {baseline['seconds']:.1f} s, "
            f"peak {baseline['peak_mb']:.0f} MB | ratio {ratio:.2f}x the time"
        )


if __name__ == "__main__":
    main()
