"""The shipped questionnaires: valid, complete where promised, rich enough to report on."""

from __future__ import annotations

import itertools

from survey.core.checks import _texts
from survey.files.questionnaire_files import Registry, check_files
from tests.conftest import SHIPPED

REGISTRY = Registry.from_directory(SHIPPED)


def test_every_shipped_file_is_valid_without_warnings() -> None:
    for result in check_files([SHIPPED]):
        assert result.ok and result.findings == [], result.findings


def test_the_expected_questionnaires_and_versions_are_shipped() -> None:
    assert {qid: REGISTRY.versions(qid) for qid in REGISTRY.ids()} == {
        "capacity-economic": [1],
        "capacity-nuclear": [1, 2],
        "capacity-pol-mil": [1, 2, 3],
        "capacity-wrap-up": [1, 2],
        "us-rok-wmd": [1],
    }


def test_wrap_up_is_complete_in_five_languages() -> None:
    for version in REGISTRY.versions("capacity-wrap-up"):
        schema = REGISTRY.get("capacity-wrap-up", version).schema
        assert schema.languages == ["en", "ko", "zh", "ja", "ru"]
        for path, text in _texts(schema):
            if text is not None:
                assert isinstance(text, dict) and set(text) == set(schema.languages), path


def test_later_versions_share_questions_with_earlier_ones() -> None:
    for qid in REGISTRY.ids():
        versions = REGISTRY.versions(qid)
        for old, new in itertools.pairwise(versions):
            before = set(REGISTRY.get(qid, old).schema.question_index())
            after = REGISTRY.get(qid, new).schema
            lined_up = {q.renamed_from or q.id for q in after.questions()} & before
            assert len(lined_up) >= 3, (qid, old, new)
