"""Test helper: the whole content of a database, to prove an operation changed nothing."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from survey.store.database import Database
from survey.store.tables import metadata


def snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    with database.read() as connection:
        return {
            table.name: sorted(
                (
                    tuple(repr(value) for value in row)
                    for row in connection.execute(sa.select(table))
                ),
            )
            for table in metadata.sorted_tables
        }
