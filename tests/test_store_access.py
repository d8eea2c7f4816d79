"""Access codes, shared rate limits and app secrets, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from survey.core.workshop_spec import Workshop
from survey.store.access import allow, app_secret, assign_access_code, group_for_code
from survey.store.database import Database


def test_an_access_code_is_stable_readable_and_finds_its_group(
    database: Database, workshop: Workshop
) -> None:
    code = assign_access_code(database, "test-2007", "pol-mil")
    assert assign_access_code(database, "test-2007", "pol-mil") == code
    assert len(code) == 9 and code[4] == "-"
    assert not set(code.replace("-", "")) & set("01OIL")
    found = group_for_code(database, "test-2007", code.lower().replace("-", " "))
    assert found is not None and found.id == "pol-mil"
    assert group_for_code(database, "other-workshop", code) is None


def test_renewing_a_code_retires_the_old_one(database: Database, workshop: Workshop) -> None:
    old = assign_access_code(database, "test-2007", "pol-mil")
    new = assign_access_code(database, "test-2007", "pol-mil", renew=True)
    assert new != old
    assert group_for_code(database, "test-2007", old) is None


def test_rate_limit_counts_per_key_within_the_window(database: Database) -> None:
    window = timedelta(minutes=10)
    assert [allow(database, "code:1.2.3.4", limit=3, window=window) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert allow(database, "code:5.6.7.8", limit=3, window=window)
    assert allow(database, "code:1.2.3.4", limit=3, window=timedelta(0))


def test_an_app_secret_is_created_once_and_shared(database: Database) -> None:
    first = app_secret(database, "csrf")
    assert len(first) >= 48 and app_secret(database, "csrf") == first
    assert app_secret(database, "other") != first
