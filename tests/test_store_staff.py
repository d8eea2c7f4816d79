"""Staff accounts, their tokens, and syntheses, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from survey.core.errors import BadInput, Conflict, NotFound
from survey.core.workshop_spec import Workshop
from survey.store.database import Database
from survey.store.staff import add_user, get_synthesis, save_synthesis, user_for_token


def test_a_staff_token_identifies_its_account(database: Database, workshop: Workshop) -> None:
    user, token = add_user(database, "Rapporteur Kim", "rapporteur", ("test-2007", "pol-mil"))
    assert token.startswith("s_") and len(token) >= 32
    assert user_for_token(database, token) == user
    assert user.group == ("test-2007", "pol-mil")
    assert user_for_token(database, token[:-1]) is None


def test_organizers_have_no_group_and_rapporteurs_need_one(
    database: Database, workshop: Workshop
) -> None:
    organizer, _ = add_user(database, "Organizer", "organizer")
    assert organizer.group is None
    with pytest.raises(BadInput, match="give --group"):
        add_user(database, "Lee", "rapporteur")
    with pytest.raises(BadInput, match="for rapporteurs"):
        add_user(database, "Park", "organizer", ("test-2007", "pol-mil"))
    with pytest.raises(NotFound):
        add_user(database, "Choi", "rapporteur", ("test-2007", "nope"))


def test_staff_names_are_unique(database: Database, workshop: Workshop) -> None:
    add_user(database, "Organizer", "organizer")
    with pytest.raises(Conflict, match="already exists"):
        add_user(database, "Organizer", "organizer")


def test_a_synthesis_is_saved_updated_and_read_back(database: Database, workshop: Workshop) -> None:
    author, _ = add_user(database, "Rapporteur Kim", "rapporteur", ("test-2007", "pol-mil"))
    with pytest.raises(NotFound):
        get_synthesis(database, "test-2007", "pol-mil")
    save_synthesis(database, "test-2007", "pol-mil", "# Findings\n\nFirst draft.", author)
    save_synthesis(database, "test-2007", "pol-mil", "# Findings\n\nAgreed text.", author)
    synthesis = get_synthesis(database, "test-2007", "pol-mil")
    assert (synthesis.text, synthesis.updated_by) == (
        "# Findings\n\nAgreed text.",
        "Rapporteur Kim",
    )
