"""Schema migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from survey.store.database import current_revision, head_revision, open_database, upgrade
from survey.store.responses import ResponseFilter, stream_submitted
from survey.store.staff import add_user
from survey.store.tables import metadata
from survey.store.workshops import get_workshop


def test_a_new_database_is_migrated_on_first_use(database_url: str) -> None:
    database = open_database(database_url)
    assert current_revision(database) == head_revision() == "0006"
    database.close()


def test_migrations_build_exactly_the_declared_tables(database_url: str) -> None:
    database = open_database(database_url)
    with database.read() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    database.close()
    assert differences == []


def test_upgrading_from_the_first_migration_keeps_all_data(database_url: str) -> None:
    database = open_database(database_url, migrate=False)
    upgrade(database, "0001")
    stamp = "2007-04-27 14:00:00+00:00"
    statements = [
        "INSERT INTO questionnaire_versions VALUES ('capacity-pol-mil', 3, 'sha256:x', '{}', :t)",
        "INSERT INTO workshops (id, title, dates, languages, non_attribution, created_at, "
        "updated_at) VALUES ('beijing-2007', '\"Beijing\"', '[\"2007-04-27\"]', '[\"en\"]', "
        "true, :t, :t)",
        "INSERT INTO groups (pk, workshop_id, id, position, title, questionnaire_id, "
        "questionnaire_version) VALUES (1, 'beijing-2007', 'pol-mil', 0, '\"Pol-Mil\"', "
        "'capacity-pol-mil', 3)",
        "INSERT INTO participants (pk, group_pk, token_hash, created_at) VALUES (1, 1, 'abc', :t)",
        "INSERT INTO responses (pk, participant_pk, group_pk, questionnaire_id, "
        "questionnaire_version, content_hash, language, answers, status, submitted_revision, "
        "created_at, updated_at, submitted_at) VALUES (1, 1, 1, 'capacity-pol-mil', 3, "
        "'sha256:x', 'en', '{\"q\": 1}', 'submitted', 1, :t, :t, :t)",
        "INSERT INTO revisions VALUES (1, 1, 'en', '{\"q\": 1}', :t)",
    ]
    with database.write() as connection:
        for statement in statements:
            connection.execute(sa.text(statement), {"t": stamp})
    upgrade(database)
    assert current_revision(database) == head_revision()
    assert get_workshop(database, "beijing-2007").groups[0].id == "pol-mil"
    [response] = list(stream_submitted(database, ResponseFilter(groups=["pol-mil"])))
    assert (response.answers, response.revision) == ({"q": 1}, 1)
    user, _ = add_user(database, "Rapporteur", "rapporteur", ("beijing-2007", "pol-mil"))
    assert user.group == ("beijing-2007", "pol-mil")
    database.close()


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'survey.db'}")
    with database.read() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.close()
