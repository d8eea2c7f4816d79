"""The demo series behind `survey demo` and `survey serve --demo`.

Four workshops of the Building Six-Party Capacity series (the workshop files beside this
module), each group bound to its questionnaire version, and a few dozen sample
responses per group in several languages. Everything is marked as sample data. Loading
twice changes nothing: workshops are upserts, and a group that already has sample
responses gets no more.
"""

from __future__ import annotations

import random
from pathlib import Path

import msgspec

from survey.core.questionnaire import Questionnaire
from survey.core.workshop_spec import Workshop
from survey.demo.samples import sample_answers
from survey.demo.texts import TextDeck
from survey.files.questionnaire_files import Registry
from survey.files.workshop_files import read_workshop_file
from survey.store.database import Database
from survey.store.participants import add_sample_participants
from survey.store.responses import count_responses, save_answers
from survey.store.workshops import save_workshop

WORKSHOP_FILES = sorted(Path(__file__).parent.glob("*.yaml"))
#: Participants per group, drawn per group from this range.
PARTICIPANTS = (24, 36)
#: Share of sample participants who never submit (left with a draft).
DRAFTS = 0.1
#: How often each language of a five-language questionnaire is picked.
LANGUAGE_WEIGHTS = {"en": 5.0, "ko": 2.0, "zh": 2.0, "ja": 1.5, "ru": 1.0}


class DemoSummary(msgspec.Struct, kw_only=True):
    workshops: list[str]
    responses_added: int


def demo_workshops(registry: Registry) -> list[Workshop]:
    return [read_workshop_file(path, registry) for path in WORKSHOP_FILES]


def load_demo(database: Database, registry: Registry) -> DemoSummary:
    added = 0
    workshops = demo_workshops(registry)
    for workshop in workshops:
        save_workshop(database, workshop, registry, is_sample=True)
        for group in workshop.groups:
            if count_responses(database, workshop.id, group.id, sample=True) == 0:
                schema = registry.get(group.questionnaire.id, group.questionnaire.version).schema
                added += _add_sample_responses(database, workshop, group.id, schema)
    return DemoSummary(workshops=[w.id for w in workshops], responses_added=added)


def _add_sample_responses(
    database: Database, workshop: Workshop, group_id: str, schema: Questionnaire
) -> int:
    rng = random.Random(f"{workshop.id}/{group_id}")
    languages = [
        lang for lang in schema.languages if lang in workshop.languages
    ] or schema.languages[:1]
    weights = [LANGUAGE_WEIGHTS.get(language, 1.0) for language in languages]
    people = add_sample_participants(database, workshop.id, group_id, rng.randint(*PARTICIPANTS))
    deck = TextDeck(f"{workshop.id}/{group_id}")
    for participant in people:
        language = rng.choices(languages, weights)[0]
        submit = rng.random() >= DRAFTS
        answers = sample_answers(schema, rng, language, complete=submit, deck=deck)
        result = save_answers(
            database, participant, answers, language=language, submit=submit, is_sample=True
        )
        if result.response is None:
            raise AssertionError(f"sample response refused: {result.problems}")
    return len(people)
