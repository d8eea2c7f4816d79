"""The store: one interface over SQLite and PostgreSQL (SQLAlchemy Core, Alembic)."""
