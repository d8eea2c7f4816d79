"""Workshops in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import msgspec
import pytest

from survey.core.errors import Conflict, NotFound, QuestionnaireError
from survey.core.workshop_spec import Workshop
from survey.files.questionnaire_files import LoadedQuestionnaire, Registry
from survey.store.database import Database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.published import check_published, published_schema, verify_registry
from survey.store.responses import save_answers
from survey.store.workshops import get_workshop, list_workshops, save_workshop
from tests.conftest import SMALL_WORKSHOP, make_workshop
from tests.store_tables import snapshot


def test_a_saved_workshop_reads_back_whole(database: Database, workshop: Workshop) -> None:
    record = get_workshop(database, "test-2007")
    assert (record.title, [d.isoformat() for d in record.dates]) == (
        "Test workshop",
        ["2007-04-27"],
    )
    assert [
        (g.id, g.questionnaire_id, g.questionnaire_version, g.is_open) for g in record.groups
    ] == [
        ("pol-mil", "capacity-pol-mil", 3, True),
        ("wrap-up", "capacity-wrap-up", 2, True),
    ]
    assert [s.id for s in record.sessions] == ["breakouts"]
    assert [w.id for w in list_workshops(database)] == ["test-2007"]


def test_saving_the_same_workshop_twice_changes_nothing(
    database: Database, workshop: Workshop, registry: Registry
) -> None:
    before = snapshot(database)
    assert save_workshop(database, workshop, registry) == "unchanged"
    assert snapshot(database) == before


def test_changes_to_a_workshop_are_saved(
    database: Database, workshop: Workshop, registry: Registry
) -> None:
    changed = make_workshop(title="Renamed", groups=[*SMALL_WORKSHOP["groups"][:1]])
    assert save_workshop(database, changed, registry) == "updated"
    record = get_workshop(database, "test-2007")
    assert record.title == "Renamed" and [g.id for g in record.groups] == ["pol-mil"]


def test_a_group_with_responses_keeps_its_questionnaire_version(
    database: Database, workshop: Workshop, registry: Registry
) -> None:
    [token] = issue_tokens(database, "test-2007", "pol-mil", 1)
    person = participant_for_token(database, token)
    assert person is not None
    save_answers(database, person, {"nuclear-safety-role": "now"}, language="en", submit=False)
    groups = [
        dict(SMALL_WORKSHOP["groups"][0], questionnaire={"id": "capacity-pol-mil", "version": 2})
    ]
    before = snapshot(database)
    with pytest.raises(Conflict, match="already has 1 responses to capacity-pol-mil v3"):
        save_workshop(database, make_workshop(groups=groups), registry)
    with pytest.raises(Conflict, match="cannot be removed"):
        save_workshop(database, make_workshop(groups=SMALL_WORKSHOP["groups"][1:]), registry)
    assert snapshot(database) == before


def test_an_unknown_workshop_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound, match="no workshop `nowhere`"):
        get_workshop(database, "nowhere")


def test_saving_a_workshop_publishes_its_questionnaire_versions(
    database: Database, workshop: Workshop, registry: Registry
) -> None:
    with database.read() as connection:
        stored = published_schema(connection, "capacity-pol-mil", 3)
    assert stored == registry.get("capacity-pol-mil", 3).schema
    assert check_published(database, registry) == []


def test_a_file_changed_under_a_published_version_is_refused(
    database: Database, workshop: Workshop, registry: Registry
) -> None:
    original = registry.get("capacity-pol-mil", 3)
    edited_schema = msgspec.structs.replace(original.schema, title="Edited after publishing")
    edited = LoadedQuestionnaire(
        schema=edited_schema, content_hash="sha256:" + "0" * 64, path=original.path
    )
    versions = {(item.schema.id, item.schema.version): item for item in registry}
    versions[("capacity-pol-mil", 3)] = edited
    with pytest.raises(QuestionnaireError) as refused:
        verify_registry(database, Registry(versions))
    [finding] = refused.value.findings
    assert finding.code == "published-version-changed"
    assert "put your changes in v4" in finding.message
    assert finding.file == original.path
    # Responses keep pointing at the copy they were given.
    with database.read() as connection:
        assert published_schema(connection, "capacity-pol-mil", 3).title == original.schema.title
