"""Alembic environment: migrations run on the connection `database.upgrade` hands over."""

from alembic import context

connection = context.config.attributes["connection"]
# Batch mode lets later migrations alter SQLite tables (it recreates them).
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
