"""Opening a database: SQLite (embedded default) or PostgreSQL, migrated on first use.

Durability and concurrency choices, each guarded by a test:

* SQLite runs in WAL mode with `synchronous=FULL`, so a commit that returned survives a
  crash of the process or the machine; readers never block the writer.
* Every write transaction on SQLite starts with `BEGIN IMMEDIATE`: it takes the write
  lock up front (waiting up to `busy_timeout`) instead of failing with "database is
  locked" when a read transaction tries to upgrade halfway. Write transactions are short.
* PostgreSQL keeps its default durability (`synchronous_commit = on`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
#: How long a writer waits for SQLite's write lock before giving up.
BUSY_TIMEOUT_MS = 30_000
#: Serialises migrations of one PostgreSQL database across processes.
_MIGRATION_LOCK = 7_002_007


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; they were stored as UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def normalize_url(url: str) -> str:
    """`postgresql://` means psycopg 3; a bare path means an SQLite file."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


class Database:
    """An engine plus the two ways in: `read()` and `write()` transactions."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """A write transaction; committed when the block ends without an exception."""
        with self.engine.connect() as connection:
            connection.execution_options(survey_write=True)
            with connection.begin():
                yield connection

    def close(self) -> None:
        self.engine.dispose()


def create_engine(url: str) -> sa.Engine:
    url = normalize_url(url)
    options: dict[str, Any] = {
        "json_serializer": lambda value: msgspec.json.encode(value).decode(),
        "json_deserializer": msgspec.json.decode,
    }
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **options)
        _configure_sqlite(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, **options)


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event, not the driver, decide how transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=FULL",
            "PRAGMA foreign_keys=ON",
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            cursor.execute(pragma)
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        writing = connection.get_execution_options().get("survey_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _alembic_config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None  # noqa: S101 - the package ships its migrations
    return head


def current_revision(database: Database) -> str | None:
    with database.read() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database, revision: str = "head") -> None:
    """Migrate to `revision`; safe when several processes start on a new database at once."""
    if database.dialect == "sqlite":
        _upgrade_sqlite(database, revision)
        return
    with database.write() as connection:
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        command.upgrade(_alembic_config(connection), revision)


def _upgrade_sqlite(database: Database, revision: str) -> None:
    """SQLite alters some tables by rebuilding them; with foreign keys enforced, dropping
    the old table would cascade into every row that refers to it. So enforcement is off
    while migrating (it can only change outside a transaction) and checked afterwards."""
    with database.engine.connect() as connection:
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            connection.execution_options(survey_write=True)
            with connection.begin():
                command.upgrade(_alembic_config(connection), revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and, unless told otherwise, migrate to the latest schema."""
    database = Database(create_engine(url))
    if migrate and current_revision(database) != head_revision():
        upgrade(database)
    return database
