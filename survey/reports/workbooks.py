"""Building a workshop's workbook in memory, for the API."""

from __future__ import annotations

import io

from survey.reports.sources import language_counts, responses, workshop_source
from survey.reports.xlsx import write_workbook
from survey.store.database import Database


def build_workbook(database: Database, workshop_id: str, group_id: str | None = None) -> bytes:
    source = workshop_source(database, workshop_id, group_id)
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        source,
        responses(database, source),
        languages_seen=language_counts(database, source),
    )
    return buffer.getvalue()
