"""Answering one section at a time: a section's fields become a save of its answers.

The form shows one section per page, so a save carries only that section's fields and
replaces only that section's answers; the store merges them into the stored draft,
validates and writes in one transaction (`store.responses.save_answers`).
"""

from __future__ import annotations

from typing import Any

import msgspec

from survey.core.errors import NotFound, Problem
from survey.core.questionnaire import Questionnaire, Section
from survey.kinds import kind_of
from survey.kinds.specs import FormData
from survey.store.database import Database
from survey.store.participants import Participant
from survey.store.published import published_schema
from survey.store.responses import ResponseRecord, get_response, save_answers
from survey.web.forms import answers_from_form


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


def section_keys(section: Section) -> set[str]:
    """Every answer key a section's fields own: its questions and their free texts."""
    keys = set()
    for question in section.questions:
        keys.add(question.id)
        keys |= {question.id + suffix for suffix, _ in kind_of(question).free_texts(question)}
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
    if form_problems:
        stored, _response = stored_answers(database, participant)
        keys = section_keys(section)
        shown = {key: value for key, value in stored.items() if key not in keys} | submitted
        return SectionSave(answers=shown, problems=form_problems)
    result = save_answers(
        database,
        participant,
        submitted,
        language=language,
        submit=False,
        replacing=section_keys(section),
    )
    return SectionSave(answers=result.answers, problems=result.problems, response=result.response)


def submit_draft(database: Database, participant: Participant, language: str) -> SectionSave:
    """Submit the stored draft as it is; problems name what is still missing."""
    result = save_answers(database, participant, {}, language=language, submit=True, replacing=())
    return SectionSave(answers=result.answers, problems=result.problems, response=result.response)
