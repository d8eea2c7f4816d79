"""The demo series: four workshops, sample responses, marked as sample, loaded once."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from survey.demo import load_demo
from survey.demo.samples import sample_answers
from survey.files.questionnaire_files import Registry
from survey.store.database import Database
from survey.store.responses import ResponseFilter, count_responses, stream_submitted
from survey.store.workshops import get_workshop, list_workshops
from tests.store_tables import snapshot


def test_sample_answers_are_reproducible_and_valid(registry: Registry) -> None:
    for loaded in registry:
        first = sample_answers(loaded.schema, random.Random(7), loaded.schema.languages[-1])
        again = sample_answers(loaded.schema, random.Random(7), loaded.schema.languages[-1])
        assert first == again


def test_demo_loads_the_series_with_sample_responses(
    database: Database, registry: Registry
) -> None:
    summary = load_demo(database, registry)
    assert summary.workshops == ["beijing-2007", "hawaii-2006", "shanghai-2005", "washington-2002"]
    beijing = get_workshop(database, "beijing-2007")
    assert [(g.id, g.room) for g in beijing.groups] == [
        ("pol-mil", "Zhonghua Hall I, 2nd Floor"),
        ("nuclear", "Zhejiang Hall, 2nd Floor"),
        ("economic", "Sichuan Hall, 2nd Floor"),
        ("wrap-up", "Zhonghua Hall I, 2nd Floor"),
    ]
    assert all(record.is_sample for record in list_workshops(database))
    for record in list_workshops(database):
        for group in record.groups:
            assert 24 <= count_responses(database, record.id, group.id, sample=True) <= 36
    submitted = list(
        stream_submitted(database, ResponseFilter(workshops=["beijing-2007"], groups=["wrap-up"]))
    )
    assert all(response.is_sample for response in submitted)
    languages = Counter(response.language for response in submitted)
    assert len(languages) >= 3, languages


def test_loading_the_demo_twice_changes_nothing(database: Database, registry: Registry) -> None:
    load_demo(database, registry)
    before = snapshot(database)
    assert load_demo(database, registry).responses_added == 0
    assert snapshot(database) == before


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_demo_sample_participants_cannot_sign_in(database: Database, registry: Registry) -> None:
    import sqlalchemy as sa

    from survey.store.tables import participants

    load_demo(database, registry)
    with database.read() as connection:
        tokens = connection.execute(
            sa.select(participants.c.token_hash).where(participants.c.is_sample)
        ).scalars()
        assert set(tokens) == {None}
