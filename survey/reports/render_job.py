"""Renders one workshop PDF in its own process: `python -m survey.reports.render_job
DATABASE_URL WORKSHOP OUT PAGE_SIZE [GROUP]` (started by `reports.isolated`)."""

from __future__ import annotations

import sys
from pathlib import Path

from survey.reports.pdf import collect, render_html, write_pdf
from survey.reports.sources import language_counts, responses, workshop_source
from survey.store.database import open_database


def main(arguments: list[str]) -> None:
    database_url, workshop_id, out, page_size, *rest = arguments
    database = open_database(database_url)
    source = workshop_source(database, workshop_id, rest[0] if rest else None)
    context = collect(
        database,
        source,
        responses(database, source),
        languages_seen=language_counts(database, source),
    )
    write_pdf(
        render_html(context, page_size="Letter" if page_size == "Letter" else "A4"), Path(out)
    )
    database.close()


if __name__ == "__main__":
    main(sys.argv[1:])
