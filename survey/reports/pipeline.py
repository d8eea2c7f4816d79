"""One way to build every report: request -> source -> aggregate -> writer.

The CLI, the web API and the out-of-process PDF builder all call `build_report`. One
pass over the submitted responses feeds the aggregate and the format's writer at once,
so memory stays flat however many responses there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import msgspec

from survey.core.aggregate import Aggregate, Aggregator
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource, load_source, responses
from survey.reports.writers import Target, Writer, report_format
from survey.store.codes import codes_for
from survey.store.database import Database
from survey.store.responses import SubmittedResponse

#: How often (in responses) the progress callback hears from a long build.
PROGRESS_STEP = 1000


class ReportResult(msgspec.Struct, kw_only=True):
    responses: int
    segments: int
    withheld: int


def build_report(
    database: Database,
    request: ReportRequest,
    target: Target,
    *,
    progress: Callable[[int], None] | None = None,
) -> ReportResult:
    """Build the report `request` asks for from the store and write it to `target`."""
    source = load_source(database, request)
    if report_format(request.format).codes:
        source.codes = {qid: codes_for(database, qid) for qid in {q for q, _v in source.schemas}}
    return run_report(source, responses(database, source), request, target, progress=progress)


def run_report(
    source: ReportSource,
    stream: Iterable[SubmittedResponse],
    request: ReportRequest,
    target: Target,
    *,
    progress: Callable[[int], None] | None = None,
    writer: Writer | None = None,
) -> ReportResult:
    """Aggregate `stream` and write it with the request's format (or with `writer`, one
    already started for this source and request)."""
    writer = writer or report_format(request.format).start(source, request)
    aggregator = Aggregator(
        source.schemas,
        source.segments,
        language=request.language,
        non_attribution=source.non_attribution,
        min_respondents=request.min_respondents,
    )
    count = 0
    for response in stream:
        segment = source.segment_key(response)
        writer.add(segment, response, aggregator.add(segment, response))
        count += 1
        if progress is not None and count % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)
    if progress is not None:
        progress(count % PROGRESS_STEP)
    aggregate: Aggregate = aggregator.result()
    writer.finish(aggregate, target)
    return ReportResult(
        responses=count,
        segments=len(aggregate.segments),
        withheld=sum(1 for segment in aggregate.segments if segment.suppressed),
    )
