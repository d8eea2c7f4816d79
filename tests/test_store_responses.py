"""Participants and responses, on SQLite and PostgreSQL: nothing acknowledged is lost,
nothing invalid is stored, a retried submission is stored once."""

from __future__ import annotations

import hashlib
import tracemalloc
from typing import Any

import pytest
import sqlalchemy as sa

from survey.core.errors import Conflict, NotFound
from survey.core.workshop_spec import Workshop
from survey.store.database import Database, now
from survey.store.participants import Participant, issue_tokens, participant_for_token
from survey.store.responses import (
    ResponseFilter,
    count_responses,
    get_response,
    response_revisions,
    save_answers,
    stream_submitted,
)
from survey.store.tables import participants, responses, revisions
from survey.store.workshops import get_group, set_group_open
from tests.conftest import POL_MIL_ANSWERS

POL_MIL = POL_MIL_ANSWERS


def participant(database: Database, group: str = "pol-mil") -> Participant:
    [token] = issue_tokens(database, "test-2007", group, 1)
    found = participant_for_token(database, token)
    assert found is not None
    return found


def test_tokens_are_random_and_stored_only_as_hashes(
    database: Database, workshop: Workshop
) -> None:
    tokens = issue_tokens(database, "test-2007", "pol-mil", 5)
    assert len(set(tokens)) == 5
    assert all(token.startswith("p_") and len(token) >= 32 for token in tokens)
    with database.read() as connection:
        stored = set(connection.execute(sa.select(participants.c.token_hash)).scalars())
    assert stored == {hashlib.sha256(token.encode()).hexdigest() for token in tokens}
    assert not stored & set(tokens)


def test_a_token_leads_to_its_own_group_only(database: Database, workshop: Workshop) -> None:
    [token] = issue_tokens(database, "test-2007", "wrap-up", 1)
    found = participant_for_token(database, token)
    assert found is not None and found.group.id == "wrap-up"
    assert participant_for_token(database, token + "x") is None
    assert participant_for_token(database, "") is None


def test_tokens_for_an_unknown_group_are_refused(database: Database, workshop: Workshop) -> None:
    with pytest.raises(NotFound, match="no group `nope`"):
        issue_tokens(database, "test-2007", "nope", 1)


def test_a_draft_then_a_submission_is_one_response_with_one_revision(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    draft = save_answers(
        database, person, {"nuclear-safety-role": "now"}, language="en", submit=False
    )
    assert draft.response is not None and draft.response.status == "draft"
    assert draft.response.submitted_revision is None
    done = save_answers(database, person, POL_MIL, language="en", submit=True)
    assert done.response is not None
    assert (done.response.status, done.response.submitted_revision) == ("submitted", 1)
    assert done.response.id == draft.response.id
    assert count_responses(database, "test-2007", "pol-mil") == 1


def test_resubmitting_with_same_body_stores_one_response(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    first = save_answers(database, person, POL_MIL, language="en", submit=True)
    second = save_answers(database, person, POL_MIL, language="en", submit=True)
    assert first.response is not None and second.response is not None
    assert second.response == first.response
    assert count_responses(database, "test-2007", "pol-mil") == 1
    assert len(response_revisions(database, first.response.id)) == 1


def test_a_changed_resubmission_keeps_the_earlier_revision(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    save_answers(database, person, POL_MIL, language="en", submit=True)
    changed = {**POL_MIL, "sanctions-policy": "calibrate", "sanctions-steps": "Ease oil first."}
    result = save_answers(database, person, changed, language="en", submit=True)
    assert result.response is not None and result.response.submitted_revision == 2
    history = response_revisions(database, result.response.id)
    assert [number for number, _ in history] == [1, 2]
    assert history[0][1]["sanctions-policy"] == "maintain"
    assert history[1][1]["sanctions-steps"] == "Ease oil first."


def test_a_draft_after_submitting_does_not_hide_the_submission(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    save_answers(database, person, POL_MIL, language="en", submit=True)
    save_answers(database, person, {"nuclear-safety-role": "now"}, language="en", submit=False)
    own = get_response(database, person)
    assert (own.status, own.answers) == ("draft", {"nuclear-safety-role": "now"})
    [submitted] = list(stream_submitted(database))
    assert submitted.answers == POL_MIL and submitted.revision == 1


def test_invalid_answers_are_refused_and_change_nothing(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    save_answers(database, person, POL_MIL, language="en", submit=True)
    bad = {**POL_MIL, "cbm-feasibility": {"hotline": 9}, "typo": 1}
    result = save_answers(database, person, bad, language="en", submit=True)
    assert result.response is None
    assert {key: problem.code for key, problem in result.problems.items()} == {
        "cbm-feasibility": "row_out_of_range",
        "typo": "unknown_question",
    }
    assert get_response(database, person).answers == POL_MIL


def test_required_answers_are_only_enforced_on_submission(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    assert save_answers(database, person, {}, language="en", submit=False).response is not None
    refused = save_answers(database, person, {}, language="en", submit=True)
    assert refused.response is None and refused.problems["sanctions-policy"].code == "required"


def test_a_language_the_questionnaire_lacks_is_refused(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    result = save_answers(database, person, POL_MIL, language="ko", submit=True)
    assert result.response is None
    assert result.problems["language"].code == "unknown_language"


def test_a_closed_group_refuses_changes_and_keeps_its_answers(
    database: Database, workshop: Workshop
) -> None:
    person = participant(database)
    save_answers(database, person, POL_MIL, language="en", submit=True)
    set_group_open(database, "test-2007", "pol-mil", False)
    with pytest.raises(Conflict, match="closed"):
        save_answers(
            database, person, {**POL_MIL, "sanctions-policy": "lift"}, language="en", submit=True
        )
    assert get_response(database, person).answers == POL_MIL
    set_group_open(database, "test-2007", "pol-mil", True)
    assert save_answers(database, person, POL_MIL, language="en", submit=False).response is not None


def test_a_participant_reads_only_their_own_response(
    database: Database, workshop: Workshop
) -> None:
    alice, bob = participant(database), participant(database)
    save_answers(database, alice, POL_MIL, language="en", submit=True)
    with pytest.raises(NotFound):
        get_response(database, bob)


def test_stream_filters_by_workshop_group_version_and_language(
    database: Database, workshop: Workshop
) -> None:
    for language in ("en", "en", "ko"):
        person = participant(database, "wrap-up")
        answers = {
            "mechanism-form": "forum",
            "membership": "open",
            "cost-sharing": {"us": 100},
            "crisis-tools": {
                "hotline": 3,
                "emergency-meeting": 3,
                "fact-finding": 3,
                "early-warning": 3,
            },
            "preparatory-steps": ["track-two"],
        }
        assert save_answers(database, person, answers, language=language, submit=True).response
    save_answers(database, participant(database), POL_MIL, language="en", submit=True)

    def ids(**selection: Any) -> list[tuple[str, str]]:
        return [
            (r.group_id, r.language)
            for r in stream_submitted(database, ResponseFilter(**selection))
        ]

    assert len(ids()) == 4
    assert ids(groups=["pol-mil"]) == [("pol-mil", "en")]
    assert ids(languages=["ko"]) == [("wrap-up", "ko")]
    assert len(ids(questionnaire_id="capacity-wrap-up", versions=[2])) == 3
    assert ids(questionnaire_id="capacity-wrap-up", versions=[1]) == []
    assert ids(workshops=["other"]) == []


def test_stream_memory_stays_flat_however_many_responses(
    database: Database, workshop: Workshop
) -> None:
    count = 20_000
    group_pk = get_group(database, "test-2007", "pol-mil").pk
    answers = {**POL_MIL, "comments": "x" * 300}
    stamp = now()
    with database.write() as connection:
        connection.execute(
            participants.insert(),
            [{"group_pk": group_pk, "created_at": stamp} for _ in range(count)],
        )
        pks = (
            connection.execute(sa.select(participants.c.pk).order_by(participants.c.pk))
            .scalars()
            .all()
        )
        common = {
            "group_pk": group_pk,
            "questionnaire_id": "capacity-pol-mil",
            "questionnaire_version": 3,
            "content_hash": "sha256:test",
            "language": "en",
            "answers": answers,
            "status": "submitted",
            "submitted_revision": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "submitted_at": stamp,
        }
        connection.execute(responses.insert(), [{**common, "participant_pk": pk} for pk in pks])
        response_pks = connection.execute(sa.select(responses.c.pk)).scalars().all()
        connection.execute(
            revisions.insert(),
            [
                {
                    "response_pk": pk,
                    "revision": 1,
                    "language": "en",
                    "answers": answers,
                    "submitted_at": stamp,
                }
                for pk in response_pks
            ],
        )
    tracemalloc.start()
    seen = 0
    for response in stream_submitted(database, batch=500):
        seen += len(response.answers) > 0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seen == count
    # Holding all rows would take well over 50 MB; a stream holds one batch at a time.
    assert peak < 12_000_000, f"peak {peak:,} bytes"


def test_two_saves_of_different_sections_at_once_both_survive(
    database: Database, workshop: Workshop
) -> None:
    """The read-merge-write of a section save is one locked transaction: an autosave racing
    a save in another tab (or a first save racing another first save) loses nothing."""
    sections = {
        "cbm": {"cbm-feasibility": POL_MIL["cbm-feasibility"]},
        "assurances": {"assurance-forms": POL_MIL["assurance-forms"]},
        "peace": {"peace-regime-priorities": POL_MIL["peace-regime-priorities"]},
    }
    for _round in range(6):
        someone = participant(database)
        failures = _save_at_once(database, someone, list(sections.values()))
        assert failures == []
        stored = get_response(database, someone).answers
        assert stored == {key: value for part in sections.values() for key, value in part.items()}


def _save_at_once(
    database: Database, someone: Participant, parts: list[dict[str, Any]]
) -> list[BaseException]:
    """Save each part as its own section, all in threads released at the same moment."""
    import threading

    start = threading.Barrier(len(parts))
    failures: list[BaseException] = []

    def save(answers: dict[str, Any]) -> None:
        try:
            start.wait()
            result = save_answers(
                database, someone, answers, language="en", submit=False, replacing=answers
            )
            assert result.response is not None, result.problems
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=save, args=(part,)) for part in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_a_section_save_keeps_the_rest_of_the_draft_and_invalid_merges_store_nothing(
    database: Database, workshop: Workshop
) -> None:
    someone = participant(database)
    first = {"cbm-feasibility": POL_MIL["cbm-feasibility"]}
    save_answers(database, someone, first, language="en", submit=False, replacing=first)
    second = {"sanctions-policy": "maintain"}
    result = save_answers(database, someone, second, language="en", submit=False, replacing=second)
    assert result.response is not None and result.answers == first | second
    bad = save_answers(
        database,
        someone,
        {"sanctions-policy": "nonsense"},
        language="en",
        submit=False,
        replacing={"sanctions-policy"},
    )
    assert bad.response is None and bad.answers == first | {"sanctions-policy": "nonsense"}
    assert get_response(database, someone).answers == first | second
    fresh = participant(database)
    refused = save_answers(
        database, fresh, {"sanctions-policy": "nonsense"}, language="en", submit=False
    )
    assert refused.problems and count_responses(database, "test-2007", "pol-mil") == 1
