"""Answering one section at a time: merging into the stored draft, and submitting.

The form shows one section per page, so a save carries only that section's fields; the
rest of the draft comes from the store. Validation and the durable write happen in
`store.responses.save_answers`, in one transaction.
"""

from __future__ import annotations

from typing import Any

import msgspec

from survey.errors import NotFound, Problem
from survey.schema import OTHER, Questionnaire, Section
from survey.store.database import Database
from survey.store.questionnaires import published_schema
from survey.store.responses import Participant, ResponseRecord, get_response, save_answers
from survey.web.forms import FormData, answers_from_form


class SectionSave(msgspec.Struct, kw_only=True):
    """The outcome of saving a section: problems keep the submitted values on the page."""

    answers: dict[str, Any]
    problems: dict[str, Problem] = {}
    response: ResponseRecord | None = None


def questionnaire_for(database: Database, participant: Participant) -> Questionnaire:
    """The published copy of the participant's questionnaire version."""
    group = participant.group
    with database.read() as connection:
        return published_schema(connection, group.questionnaire_id, group.questionnaire_version)


def stored_answers(
    database: Database, participant: Participant
) -> tuple[dict[str, Any], ResponseRecord | None]:
    try:
        response = get_response(database, participant)
    except NotFound:
        return {}, None
    return dict(response.answers), response


def _section_keys(section: Section) -> set[str]:
    keys = set()
    for question in section.questions:
        keys |= {question.id, f"{question.id}.{OTHER}"}
    return keys


def save_section(
    database: Database,
    participant: Participant,
    questionnaire: Questionnaire,
    section_index: int,
    form: FormData,
    language: str,
) -> SectionSave:
    """Replace one section's answers in the draft and save it (drafts skip `required`)."""
    section = questionnaire.sections[section_index]
    submitted, form_problems = answers_from_form(list(section.questions), form)
    stored, _response = stored_answers(database, participant)
    keys = _section_keys(section)
    merged = {key: value for key, value in stored.items() if key not in keys} | submitted
    if form_problems:
        return SectionSave(answers=merged, problems=form_problems)
    result = save_answers(database, participant, merged, language=language, submit=False)
    return SectionSave(answers=merged, problems=result.problems, response=result.response)


def submit_draft(database: Database, participant: Participant, language: str) -> SectionSave:
    """Submit the stored draft as it is; problems name what is still missing."""
    stored, _response = stored_answers(database, participant)
    result = save_answers(database, participant, stored, language=language, submit=True)
    return SectionSave(answers=stored, problems=result.problems, response=result.response)
